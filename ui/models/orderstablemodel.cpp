#include "orderstablemodel.h"

#include "format.h"
#include "models/statuscolors.h"

#include <QBrush>
#include <QFont>

#include <algorithm>

namespace ob::ui {

OrdersTableModel::OrdersTableModel(const InstrumentDirectory& instruments, QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments) {}

int OrdersTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(orders_.size()); }

int OrdersTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const OrderState* OrdersTableModel::orderAt(int row) const {
    return row >= 0 && row < int(orders_.size()) ? &orders_[std::size_t(row)] : nullptr;
}

QVariant OrdersTableModel::display(const OrderState& order, int column) const {
    const int decimals = instruments_.priceDecimals(order.symbol);
    auto price = [&](const std::optional<Price>& value) { return value ? formatPrice(*value, decimals) : QString(); };
    switch (column) {
        case Time: return formatTime(order.createdAt);
        case ClOrdId: return toQString(order.clOrdId);
        case Account: return toQString(order.account);
        case Symbol: return toQString(order.symbol);
        case SideColumn: return toQString(nameOf(order.side));
        case Quantity: return formatQty(order.terms.quantity);
        case Type: return toQString(nameOf(order.terms.type));
        case LimitPrice: return price(order.terms.limitPrice);
        case StopPrice: return price(order.terms.stopPrice);
        case Tif: return toQString(aliasOf(order.terms.timeInForce));
        case Status: return toQString(nameOf(order.status()));
        case Filled: return formatQty(order.cumQty);
        case Leaves: return formatQty(order.leavesQty());
        case AvgPx: return order.cumQty.isZero() ? QString() : formatAveragePrice(order.avgPx(), decimals);
        case BrokerOrderId: return toQString(order.brokerOrderId);
        case Text: return toQString(order.text);
        default: return {};
    }
}

QVariant OrdersTableModel::raw(const OrderState& order, int column) const {
    auto price = [](const std::optional<Price>& value) {
        return value ? QVariant(qlonglong(value->raw())) : QVariant(qlonglong(INT64_MIN));
    };
    switch (column) {
        case Time: return qlonglong(toNanos(order.createdAt));
        case Quantity: return qlonglong(order.terms.quantity.raw());
        case LimitPrice: return price(order.terms.limitPrice);
        case StopPrice: return price(order.terms.stopPrice);
        case Filled: return qlonglong(order.cumQty.raw());
        case Leaves: return qlonglong(order.leavesQty().raw());
        case AvgPx: return qlonglong(order.avgPx().raw());
        case Status: return int(order.status());
        default: return display(order, column);
    }
}

QVariant OrdersTableModel::data(const QModelIndex& index, int role) const {
    const auto* order = orderAt(index.row());
    if (!order || index.column() < 0 || index.column() >= ColumnCount) return {};
    switch (role) {
        case Qt::DisplayRole: return display(*order, index.column());
        case RawValueRole: return raw(*order, index.column());
        case OrderIdRole: return qlonglong(order->id);
        case StatusRole: return int(order->status());
        case FillRatioRole:
            return order->terms.quantity.isPositive() ? order->cumQty.toDouble() / order->terms.quantity.toDouble() : 0.0;
        case Qt::TextAlignmentRole:
            switch (index.column()) {
                case Quantity:
                case LimitPrice:
                case StopPrice:
                case Filled:
                case Leaves:
                case AvgPx: return int(Qt::AlignRight | Qt::AlignVCenter);
                default: return int(Qt::AlignLeft | Qt::AlignVCenter);
            }
        case Qt::ForegroundRole:
            if (index.column() == SideColumn) return QBrush(sideColor(order->side));
            if (index.column() == Status) return QBrush(statusColor(order->status()));
            return {};
        case Qt::ToolTipRole:
            if (index.column() == Text || index.column() == Status)
                return order->text.empty() ? QVariant() : QVariant(toQString(order->text));
            return {};
        default: return {};
    }
}

QVariant OrdersTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    static const char* const titles[ColumnCount] = {"Time",   "ClOrdID", "Account",   "Symbol", "Side",   "Qty",
                                                    "Type",   "Limit",   "Stop",      "TIF",    "Status", "Filled",
                                                    "Leaves", "Avg Px",  "Broker ID", "Text"};
    static const char* const tips[ColumnCount] = {"When the order was created (local time)",
                                                  "The order's current ClOrdID (FIX tag 11)",
                                                  "Account the order is booked to",
                                                  "Instrument",
                                                  "Buy, Sell or SellShort",
                                                  "Order quantity in force",
                                                  "Order type",
                                                  "Limit price",
                                                  "Stop price",
                                                  "Time in force",
                                                  "FIX OrdStatus, by FIX 4.4 precedence",
                                                  "Cumulative filled quantity (CumQty)",
                                                  "Quantity still working (LeavesQty)",
                                                  "Average fill price",
                                                  "The broker's OrderID (FIX tag 37)",
                                                  "The last reason given: a reject, a cancel reject, a restatement"};
    if (section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(tips[section]);
    return {};
}

void OrdersTableModel::count(const OrderState& order, int delta) {
    if (order.isFilled() && order.isDone())
        counts_.filled += delta;
    else if (order.isDone())
        counts_.otherDone += delta;
    else
        counts_.working += delta;
}

void OrdersTableModel::reset(std::vector<OrderState> orders) {
    beginResetModel();
    orders_ = std::move(orders);
    rowOf_.clear();
    rowOf_.reserve(qsizetype(orders_.size()));
    counts_ = {};
    for (std::size_t row = 0; row < orders_.size(); ++row) {
        rowOf_.insert(orders_[row].id, int(row));
        count(orders_[row], +1);
    }
    endResetModel();
    Q_EMIT countsChanged();
}

void OrdersTableModel::apply(const std::vector<OrderState>& changed) {
    std::vector<int> changedRows;
    std::vector<const OrderState*> added;
    for (const auto& order : changed) {
        const int row = rowOf_.value(order.id, -1);
        if (row < 0) {
            added.push_back(&order);
        } else {
            count(orders_[std::size_t(row)], -1);
            count(order, +1);
            orders_[std::size_t(row)] = order;
            changedRows.push_back(row);
        }
    }
    if (!changedRows.empty()) {
        const auto lastColumn = ColumnCount - 1;
        if (changedRows.size() * 2 > orders_.size()) {
            Q_EMIT dataChanged(index(0, 0), index(int(orders_.size()) - 1, lastColumn));
        } else {
            // Neighbouring rows share one signal.
            std::sort(changedRows.begin(), changedRows.end());
            std::size_t start = 0;
            for (std::size_t i = 1; i <= changedRows.size(); ++i) {
                if (i == changedRows.size() || changedRows[i] != changedRows[i - 1] + 1) {
                    Q_EMIT dataChanged(index(changedRows[start], 0), index(changedRows[i - 1], lastColumn));
                    start = i;
                }
            }
        }
    }
    if (!added.empty()) {
        const int first = int(orders_.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const auto* order : added) {
            rowOf_.insert(order->id, int(orders_.size()));
            orders_.push_back(*order);
            count(*order, +1);
        }
        endInsertRows();
    }
    if (!changed.empty()) Q_EMIT countsChanged();
}

}  // namespace ob::ui

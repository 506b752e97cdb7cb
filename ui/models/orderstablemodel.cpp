#include "orderstablemodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QSize>

#include <algorithm>

namespace ob::ui {

namespace {

constexpr const char* kTitles[OrdersTableModel::ColumnCount] = {
    "Time",   "ClOrdID", "Account", "Symbol", "Side",   "Qty",      "Type",   "Limit",     "Stop",  "TIF", "Status",
    "Compl.", "Filled",  "Fill %",  "Leaves", "Avg Px", "Notional", "Broker", "Broker ID", "Owner", "Text"};

constexpr const char* kTips[OrdersTableModel::ColumnCount] = {
    "When the order was created (local time)",
    "The order's current ClOrdID (FIX tag 11)",
    "Account the order is booked to",
    "Instrument",
    "Buy, Sell or SellShort",
    "Order quantity in force",
    "Order type",
    "Limit price",
    "Stop price",
    "Time in force",
    "FIX OrdStatus, by FIX 4.4 precedence; Held: blocked by compliance, not sent",
    "Compliance: Pass, Warn (sent with a reason), Block (held) or Overridden (released by a compliance officer)",
    "Cumulative filled quantity (CumQty)",
    "Share of the order filled",
    "Quantity still working (LeavesQty)",
    "Average fill price",
    "Filled value: the exact sum of quantity × price over the fills",
    "The FIX session the order is routed to",
    "The broker's OrderID (FIX tag 37)",
    "The user who entered the order",
    "The last reason given: a broker, compliance or cancel reject, a restatement"};

bool isNumeric(int column) {
    switch (column) {
        case OrdersTableModel::Quantity:
        case OrdersTableModel::LimitPrice:
        case OrdersTableModel::StopPrice:
        case OrdersTableModel::Filled:
        case OrdersTableModel::Progress:
        case OrdersTableModel::Leaves:
        case OrdersTableModel::AvgPx:
        case OrdersTableModel::Notional: return true;
        default: return false;
    }
}

double fillRatio(const OrderState& order) {
    return order.terms.quantity.isPositive() ? std::min(1.0, order.cumQty.toDouble() / order.terms.quantity.toDouble()) : 0.0;
}

std::int64_t priceKey(const std::optional<Price>& price) { return price ? price->raw() : INT64_MIN; }

using SortKey = std::int64_t (*)(const OrderState&);

/// The number a column holds exactly, to sort by; none for the others.
SortKey exactKey(int column) {
    switch (column) {
        case OrdersTableModel::Time: return [](const OrderState& o) { return toNanos(o.createdAt); };
        case OrdersTableModel::Quantity: return [](const OrderState& o) { return o.terms.quantity.raw(); };
        case OrdersTableModel::LimitPrice: return [](const OrderState& o) { return priceKey(o.terms.limitPrice); };
        case OrdersTableModel::StopPrice: return [](const OrderState& o) { return priceKey(o.terms.stopPrice); };
        case OrdersTableModel::Filled: return [](const OrderState& o) { return o.cumQty.raw(); };
        case OrdersTableModel::Leaves: return [](const OrderState& o) { return o.leavesQty().raw(); };
        case OrdersTableModel::AvgPx: return [](const OrderState& o) { return o.avgPx().raw(); };
        default: return nullptr;
    }
}

}  // namespace

OrdersTableModel::OrdersTableModel(const InstrumentDirectory& instruments, QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments) {}

int OrdersTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(orders_.size()); }

int OrdersTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const OrderState* OrdersTableModel::orderAt(int row) const {
    return row >= 0 && row < int(orders_.size()) ? &orders_[std::size_t(row)] : nullptr;
}

void OrdersTableModel::setSessionNames(SessionNames names) {
    sessionNames_ = std::move(names);
    if (!orders_.empty()) Q_EMIT dataChanged(index(0, Broker), index(int(orders_.size()) - 1, Broker));
}

QString OrdersTableModel::brokerOf(const OrderState& order) const {
    auto found = sessionNames_.find(order.session);
    return found == sessionNames_.end() ? toQString(order.session) : found->second;
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
        case Status: return toQString(order.statusName());
        case Compliance: return toQString(nameOf(order.compliance));
        case Filled: return formatQty(order.cumQty);
        case Progress: return QStringLiteral("%1%").arg(fillRatio(order) * 100.0, 0, 'f', 0);
        case Leaves: return formatQty(order.leavesQty());
        case AvgPx: return order.cumQty.isZero() ? QString() : formatAveragePrice(order.avgPx(), decimals);
        case Notional: return order.cumQty.isZero() ? QString() : formatMoney(order.notional, 2);
        case Broker: return brokerOf(order);
        case BrokerOrderId: return toQString(order.brokerOrderId);
        case Owner: return toQString(order.owner);
        case Text: return toQString(order.text);
        default: return {};
    }
}

QString OrdersTableModel::exported(const OrderState& order, int column) const {
    auto price = [](const std::optional<Price>& value) { return value ? toQString(value->toString()) : QString(); };
    switch (column) {
        case Time: return toQString(toIsoString(order.createdAt));
        case Quantity: return toQString(order.terms.quantity.toString());
        case LimitPrice: return price(order.terms.limitPrice);
        case StopPrice: return price(order.terms.stopPrice);
        case Filled: return toQString(order.cumQty.toString());
        case Progress: return QString::number(fillRatio(order), 'f', 4);
        case Leaves: return toQString(order.leavesQty().toString());
        case AvgPx: return order.cumQty.isZero() ? QString() : toQString(order.avgPx().toString());
        case Notional: return toQString(order.notional.toString());
        default: return display(order, column).toString();
    }
}

QVariant OrdersTableModel::data(const QModelIndex& index, int role) const {
    const auto* order = orderAt(index.row());
    if (!order || index.column() < 0 || index.column() >= ColumnCount) return {};
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole: return display(*order, column);
        case ExportRole: return exported(*order, column);
        case FillRatioRole: return fillRatio(*order);
        case ListIdRole: return qlonglong(order->listId);
        case Qt::TextAlignmentRole: return int((isNumeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        case Qt::ForegroundRole: {
            const auto status = order->status();
            if (column == SideColumn) return QBrush(sideColor(order->side));
            if (column == Status)
                return QBrush(order->unconfirmed ? statusColor(OrdStatus::Rejected)
                                                 : order->held ? warningColor() : statusColor(status));
            if (column == Compliance && order->compliance != ComplianceMark::Pass)
                return QBrush(order->compliance == ComplianceMark::Block ? profitColor(false) : warningColor());
            if (isTerminal(status) && status != OrdStatus::Filled) return QBrush(mutedColor());
            return {};
        }
        case Qt::BackgroundRole: {
            const auto tint = statusTint(order->status());
            return tint.isValid() ? QVariant(QBrush(tint)) : QVariant();
        }
        case Qt::ToolTipRole:
            if (column == Status && order->unconfirmed)
                return QStringLiteral("The broker has not confirmed where this order stands: resolve it (cancel at "
                                      "the broker, or mark it rejected if it never reached the broker)");
            if ((column == Text || column == Status) && !order->text.empty()) return toQString(order->text);
            if (column == Status && order->pending)
                return QStringLiteral("%1 %2 sent, awaiting the broker")
                    .arg(toQString(nameOf(order->pending->kind)), toQString(order->pending->clOrdId));
            return {};
        default: return {};
    }
}

QVariant OrdersTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return QString::fromLatin1(kTitles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(kTips[section]);
    if (role == Qt::TextAlignmentRole) return int((isNumeric(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::SizeHintRole && section == Status) {
        // Sized once on the first rows, the column must still fit the longest status an order can come to.
        const QFontMetrics metrics(QGuiApplication::font());
        return QSize(metrics.horizontalAdvance(QStringLiteral("PendingReplace")) + 2 * metrics.averageCharWidth(),
                     metrics.height() + metrics.descent());
    }
    return {};
}

bool OrdersTableModel::rowMatches(int row, const BlotterFilter& filter) const {
    const auto* order = orderAt(row);
    if (!order) return false;
    if (filter.side && order->side != *filter.side) return false;
    if (!filter.account.empty() && order->account != filter.account) return false;
    if (!filter.symbol.empty() && order->symbol != filter.symbol) return false;
    const auto status = order->status();
    if (filter.status && status != *filter.status) return false;
    if (filter.stage == BlotterFilter::Stage::Working && order->isDone()) return false;
    if (filter.stage == BlotterFilter::Stage::Done && !order->isDone()) return false;
    if (filter.text.empty()) return true;
    for (std::string_view field :
         {std::string_view(order->clOrdId), std::string_view(order->symbol), std::string_view(order->account),
          std::string_view(order->brokerOrderId), std::string_view(order->text), order->statusName(), nameOf(order->side),
          std::string_view(order->session), nameOf(order->compliance), std::string_view(order->owner)})
        if (BlotterFilter::contains(field, filter.text)) return true;
    return false;
}

bool OrdersTableModel::rowLessThan(int left, int right, int column) const {
    const auto& a = orders_[std::size_t(left)];
    const auto& b = orders_[std::size_t(right)];
    if (const auto key = exactKey(column)) return key(a) < key(b);
    switch (column) {
        case ClOrdId: return a.clOrdId < b.clOrdId;
        case Account: return a.account < b.account;
        case Symbol: return a.symbol < b.symbol;
        case SideColumn: return nameOf(a.side) < nameOf(b.side);
        case Type: return nameOf(a.terms.type) < nameOf(b.terms.type);
        case Tif: return aliasOf(a.terms.timeInForce) < aliasOf(b.terms.timeInForce);
        case Status: return a.statusName() < b.statusName();
        case Compliance: return a.compliance < b.compliance;
        case Owner: return a.owner < b.owner;
        case Progress: return fillRatio(a) < fillRatio(b);
        case Notional: return a.notional < b.notional;
        case Broker: return brokerOf(a) < brokerOf(b);
        case BrokerOrderId: return a.brokerOrderId < b.brokerOrderId;
        case Text: return a.text < b.text;
        default: return a.id < b.id;
    }
}

std::vector<std::int64_t> OrdersTableModel::sortKeys(int column) const {
    auto key = exactKey(column);
    // Near enough to order by, within 64 bits: a ratio to 1e-9, money to 1e-8.
    if (column == Progress) key = [](const OrderState& o) { return std::int64_t(fillRatio(o) * 1e9); };
    if (column == Notional) key = [](const OrderState& o) { return std::int64_t(o.notional.raw() / 100'000'000); };
    if (!key) return {};
    std::vector<std::int64_t> keys;
    keys.reserve(orders_.size());
    for (const auto& order : orders_) keys.push_back(key(order));
    return keys;
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

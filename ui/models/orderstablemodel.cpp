#include "orderstablemodel.h"

#include "enginefeed.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

#include <algorithm>

namespace ob::ui {

namespace {

double fillRatio(const OrderState& order) {
    return order.terms.quantity.isPositive() ? std::min(1.0, order.cumQty.toDouble() / order.terms.quantity.toDouble()) : 0.0;
}

std::int64_t priceKey(const std::optional<Price>& price) { return price ? price->raw() : INT64_MIN; }
QString shownPrice(const std::optional<Price>& price, int decimals) { return price ? formatPrice(*price, decimals) : QString(); }
QString exactPrice(const std::optional<Price>& price) { return price ? toQString(price->toString()) : QString(); }

}  // namespace

const std::array<ColumnSpec<OrdersTableModel::Cell>, OrdersTableModel::ColumnCount> OrdersTableModel::kColumns = {{
    {.title = "Time",
     .tip = "When the order was created (local time)",
     .display = [](const Cell& c) -> QVariant { return formatTime(c.order.createdAt); },
     .sortKey = [](const Cell& c) { return toNanos(c.order.createdAt); },
     .exported = [](const Cell& c) { return toQString(toIsoString(c.order.createdAt)); }},
    {.title = "ClOrdID",
     .tip = "The order's current ClOrdID (FIX tag 11)",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.clOrdId); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.clOrdId < b.order.clOrdId; }},
    {.title = "Account",
     .tip = "Account the order is booked to",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.account); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.account < b.order.account; }},
    {.title = "Symbol",
     .tip = "Instrument",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.symbol); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.symbol < b.order.symbol; }},
    {.title = "Side",
     .tip = "Buy, Sell or SellShort",
     .display = [](const Cell& c) -> QVariant { return toQString(nameOf(c.order.side)); },
     .lessThan = [](const Cell& a, const Cell& b) { return nameOf(a.order.side) < nameOf(b.order.side); },
     .foreground = [](const Cell& c) -> QVariant { return QBrush(sideColor(c.order.side)); }},
    {.title = "Qty",
     .tip = "Order quantity in force",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.order.terms.quantity); },
     .sortKey = [](const Cell& c) { return c.order.terms.quantity.raw(); },
     .exported = [](const Cell& c) { return toQString(c.order.terms.quantity.toString()); }},
    {.title = "Type",
     .tip = "Order type",
     .display = [](const Cell& c) -> QVariant { return toQString(nameOf(c.order.terms.type)); },
     .lessThan = [](const Cell& a, const Cell& b) { return nameOf(a.order.terms.type) < nameOf(b.order.terms.type); }},
    {.title = "Limit",
     .tip = "Limit price",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return shownPrice(c.order.terms.limitPrice, c.model.priceDecimals(c.order)); },
     .sortKey = [](const Cell& c) { return priceKey(c.order.terms.limitPrice); },
     .exported = [](const Cell& c) { return exactPrice(c.order.terms.limitPrice); }},
    {.title = "Stop",
     .tip = "Stop price",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return shownPrice(c.order.terms.stopPrice, c.model.priceDecimals(c.order)); },
     .sortKey = [](const Cell& c) { return priceKey(c.order.terms.stopPrice); },
     .exported = [](const Cell& c) { return exactPrice(c.order.terms.stopPrice); }},
    {.title = "TIF",
     .tip = "Time in force",
     .display = [](const Cell& c) -> QVariant { return toQString(aliasOf(c.order.terms.timeInForce)); },
     .lessThan = [](const Cell& a,
                    const Cell& b) { return aliasOf(a.order.terms.timeInForce) < aliasOf(b.order.terms.timeInForce); }},
    {.title = "Status",
     .tip = "FIX OrdStatus, by FIX 4.4 precedence; Held: blocked by compliance, not sent",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.statusName()); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.statusName() < b.order.statusName(); },
     .foreground = [](const Cell& c) -> QVariant {
         return QBrush(c.order.unconfirmed ? statusColor(OrdStatus::Rejected)
                       : c.order.held      ? warningColor()
                                           : statusColor(c.order.status()));
     },
     .toolTip = [](const Cell& c) -> QVariant {
         const auto& order = c.order;
         if (order.unconfirmed)
             return QStringLiteral(
                 "The broker has not confirmed where this order stands: resolve it (cancel at "
                 "the broker, or mark it rejected if it never reached the broker)");
         if (!order.text.empty()) return toQString(order.text);
         if (order.pending)
             return QStringLiteral("%1 %2 sent, awaiting the broker")
                 .arg(toQString(nameOf(order.pending->kind)), toQString(order.pending->clOrdId));
         return {};
     },
     // Sized once on the first rows, the column must still fit the longest status an order can come to.
     .widest = "PendingReplace"},
    {.title = "Compl.",
     .tip = "Compliance: Pass, Warn (sent with a reason), Block (held) or Overridden (released by a compliance officer)",
     .display = [](const Cell& c) -> QVariant { return toQString(nameOf(c.order.compliance)); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.compliance < b.order.compliance; },
     .foreground = [](const Cell& c) -> QVariant {
         if (c.order.compliance == ComplianceMark::Pass) return {};
         return QBrush(c.order.compliance == ComplianceMark::Block ? profitColor(false) : warningColor());
     }},
    {.title = "Filled",
     .tip = "Cumulative filled quantity (CumQty)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.order.cumQty); },
     .sortKey = [](const Cell& c) { return c.order.cumQty.raw(); },
     .exported = [](const Cell& c) { return toQString(c.order.cumQty.toString()); }},
    {.title = "Fill %",
     .tip = "Share of the order filled",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return QStringLiteral("%1%").arg(fillRatio(c.order) * 100.0, 0, 'f', 0); },
     .lessThan = [](const Cell& a, const Cell& b) { return fillRatio(a.order) < fillRatio(b.order); },
     // Near enough to order by, within 64 bits: a ratio to 1e-9.
     .sortKey = [](const Cell& c) { return std::int64_t(fillRatio(c.order) * 1e9); },
     .exported = [](const Cell& c) { return QString::number(fillRatio(c.order), 'f', 4); }},
    {.title = "Leaves",
     .tip = "Quantity still working (LeavesQty)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.order.leavesQty()); },
     .sortKey = [](const Cell& c) { return c.order.leavesQty().raw(); },
     .exported = [](const Cell& c) { return toQString(c.order.leavesQty().toString()); }},
    {.title = "Avg Px",
     .tip = "Average fill price",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         return c.order.cumQty.isZero() ? QString() : formatAveragePrice(c.order.avgPx(), c.model.priceDecimals(c.order));
     },
     .sortKey = [](const Cell& c) { return c.order.avgPx().raw(); },
     .exported = [](const Cell& c) { return c.order.cumQty.isZero() ? QString() : toQString(c.order.avgPx().toString()); }},
    {.title = "Notional",
     .tip = "Filled value: the exact sum of quantity × price over the fills",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.order.cumQty.isZero() ? QString() : formatMoney(c.order.notional, 2); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.notional < b.order.notional; },
     // Money to 1e-8: near enough to order by, within 64 bits.
     .sortKey = [](const Cell& c) { return std::int64_t(c.order.notional.raw() / 100'000'000); },
     .exported = [](const Cell& c) { return toQString(c.order.notional.toString()); }},
    {.title = "Broker",
     .tip = "The FIX session the order is routed to",
     .display = [](const Cell& c) -> QVariant { return c.model.brokerOf(c.order); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.model.brokerOf(a.order) < b.model.brokerOf(b.order); }},
    {.title = "Broker ID",
     .tip = "The broker's OrderID (FIX tag 37)",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.brokerOrderId); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.brokerOrderId < b.order.brokerOrderId; }},
    {.title = "Owner",
     .tip = "The user who entered the order",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.owner); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.owner < b.order.owner; }},
    {.title = "Text",
     .tip = "The last reason given: a broker, compliance or cancel reject, a restatement",
     .display = [](const Cell& c) -> QVariant { return toQString(c.order.text); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.order.text < b.order.text; },
     .toolTip = [](const Cell& c) -> QVariant { return c.order.text.empty() ? QVariant() : toQString(c.order.text); }},
}};

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

QVariant OrdersTableModel::data(const QModelIndex& index, int role) const {
    const auto* order = orderAt(index.row());
    if (!order || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto& column = kColumns[std::size_t(index.column())];
    const Cell cell{*this, *order};
    switch (role) {
        case ExportRole: return columnExported(column, cell);
        case FillRatioRole: return fillRatio(*order);
        case ListIdRole: return qlonglong(order->listId);
        case Qt::ForegroundRole: {
            if (auto colour = columnData(column, cell, role); colour.isValid()) return colour;
            const auto status = order->status();
            if (isTerminal(status) && status != OrdStatus::Filled) return QBrush(mutedColor());
            return {};
        }
        case Qt::BackgroundRole: {
            const auto tint = statusTint(order->status());
            return tint.isValid() ? QVariant(QBrush(tint)) : QVariant();
        }
        default: return columnData(column, cell, role);
    }
}

QVariant OrdersTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Cell>(kColumns, section, orientation, role);
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
    if (column < 0 || column >= ColumnCount) return a.id < b.id;
    return columnLessThan(kColumns[std::size_t(column)], Cell{*this, a}, Cell{*this, b}, a.id < b.id);
}

std::vector<std::int64_t> OrdersTableModel::sortKeys(int column) const {
    if (column < 0 || column >= ColumnCount) return {};
    return columnSortKeys(kColumns[std::size_t(column)], orders_, [this](const OrderState& order) { return Cell{*this, order}; });
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

void OrdersTableModel::follow(const EngineFeed& feed) {
    connect(&feed, &EngineFeed::ordersLoaded, this, &OrdersTableModel::reset);
    connect(&feed, &EngineFeed::ordersChanged, this, &OrdersTableModel::apply);
}

}  // namespace ob::ui

#include "executionstablemodel.h"

#include "enginefeed.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

bool isTrade(const ExecutionRecord& e) { return e.execType == ExecType::Trade || e.execType == ExecType::TradeCorrect; }
Money valueOf(const ExecutionRecord& e) { return e.lastQty * e.lastPx; }

}  // namespace

const std::array<ColumnSpec<ExecutionsTableModel::Cell>, ExecutionsTableModel::ColumnCount> ExecutionsTableModel::kColumns = {{
    {.title = "Time",
     .tip = "When the report arrived (local time)",
     .display = [](const Cell& c) -> QVariant { return formatTime(c.execution.receivedAt); },
     .sortKey = [](const Cell& c) { return toNanos(c.execution.receivedAt); },
     .exported = [](const Cell& c) { return toQString(toIsoString(c.execution.receivedAt)); }},
    {.title = "ExecID",
     .tip = "The sell side's ExecID (FIX tag 17)",
     .display = [](const Cell& c) -> QVariant { return toQString(c.execution.execId); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.execution.execId < b.execution.execId; }},
    {.title = "ClOrdID",
     .tip = "ClOrdID the report names (tag 11)",
     .display = [](const Cell& c) -> QVariant { return toQString(c.execution.clOrdId); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.execution.clOrdId < b.execution.clOrdId; }},
    {.title = "Account",
     .tip = "Account of the order",
     .display = [](const Cell& c) -> QVariant { return toQString(c.row.account); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.row.account < b.row.account; }},
    {.title = "Symbol",
     .tip = "Instrument",
     .display = [](const Cell& c) -> QVariant { return toQString(c.execution.symbol); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.execution.symbol < b.execution.symbol; }},
    {.title = "Side",
     .tip = "Side of the order",
     .display = [](const Cell& c) -> QVariant { return toQString(nameOf(c.execution.side)); },
     .lessThan = [](const Cell& a, const Cell& b) { return nameOf(a.execution.side) < nameOf(b.execution.side); },
     .foreground = [](const Cell& c) -> QVariant { return QBrush(sideColor(c.execution.side)); }},
    {.title = "ExecType",
     .tip = "What the report says happened (FIX 4.4 ExecType)",
     .display = [](const Cell& c) -> QVariant { return toQString(nameOf(c.execution.execType)); },
     .lessThan = [](const Cell& a, const Cell& b) { return nameOf(a.execution.execType) < nameOf(b.execution.execType); }},
    {.title = "Last Qty",
     .tip = "Quantity of this fill (LastQty)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return isTrade(c.execution) ? formatQty(c.execution.lastQty) : QString(); },
     .sortKey = [](const Cell& c) { return c.execution.lastQty.raw(); },
     .exported = [](const Cell& c) { return isTrade(c.execution) ? toQString(c.execution.lastQty.toString()) : QString(); }},
    {.title = "Last Px",
     .tip = "Price of this fill (LastPx)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         return isTrade(c.execution) ? formatPrice(c.execution.lastPx, c.model.priceDecimals(c.execution)) : QString();
     },
     .sortKey = [](const Cell& c) { return c.execution.lastPx.raw(); },
     .exported = [](const Cell& c) { return isTrade(c.execution) ? toQString(c.execution.lastPx.toString()) : QString(); }},
    {.title = "Value",
     .tip = "Value of this fill: LastQty × LastPx",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return isTrade(c.execution) ? formatMoney(valueOf(c.execution), 2) : QString(); },
     .lessThan = [](const Cell& a, const Cell& b) { return valueOf(a.execution) < valueOf(b.execution); },
     // Money to 1e-8: near enough to order by, within 64 bits.
     .sortKey = [](const Cell& c) { return std::int64_t(valueOf(c.execution).raw() / 100'000'000); },
     .exported = [](const Cell& c) { return isTrade(c.execution) ? toQString(valueOf(c.execution).toString()) : QString(); }},
    {.title = "Cum Qty",
     .tip = "The order's filled quantity after this report",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.execution.cumQty); },
     .sortKey = [](const Cell& c) { return c.execution.cumQty.raw(); },
     .exported = [](const Cell& c) { return toQString(c.execution.cumQty.toString()); }},
    {.title = "Leaves",
     .tip = "The order's working quantity after this report",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.execution.leavesQty); },
     .sortKey = [](const Cell& c) { return c.execution.leavesQty.raw(); },
     .exported = [](const Cell& c) { return toQString(c.execution.leavesQty.toString()); }},
    {.title = "Avg Px",
     .tip = "The order's average price after this report",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         const auto& e = c.execution;
         return e.cumQty.isZero() ? QString() : formatAveragePrice(e.avgPx, c.model.priceDecimals(e));
     },
     .sortKey = [](const Cell& c) { return c.execution.avgPx.raw(); },
     .exported = [](const Cell& c) { return c.execution.cumQty.isZero() ? QString() : toQString(c.execution.avgPx.toString()); }},
    {.title = "Status",
     .tip = "The order's OrdStatus after this report",
     .display = [](const Cell& c) -> QVariant { return toQString(nameOf(c.execution.status)); },
     .lessThan = [](const Cell& a, const Cell& b) { return nameOf(a.execution.status) < nameOf(b.execution.status); },
     .foreground = [](const Cell& c) -> QVariant { return QBrush(statusColor(c.execution.status)); }},
    {.title = "Text",
     .tip = "The sell side's text",
     .display = [](const Cell& c) -> QVariant { return toQString(c.execution.text); },
     .lessThan = [](const Cell& a, const Cell& b) { return a.execution.text < b.execution.text; }},
}};

ExecutionsTableModel::ExecutionsTableModel(const InstrumentDirectory& instruments, AccountLookup accountOf, QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments), accountOf_(std::move(accountOf)) {}

int ExecutionsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ExecutionsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const ExecutionRecord* ExecutionsTableModel::executionAt(int row) const {
    return row >= 0 && row < int(rows_.size()) ? &rows_[std::size_t(row)].execution : nullptr;
}

QVariant ExecutionsTableModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= int(rows_.size()) || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto& column = kColumns[std::size_t(index.column())];
    const auto& row = rows_[std::size_t(index.row())];
    const auto cell = cellOf(row);
    switch (role) {
        case ExportRole: return columnExported(column, cell);
        case Qt::ForegroundRole:
            if (auto colour = columnData(column, cell, role); colour.isValid()) return colour;
            if (row.execution.execType == ExecType::TradeCancel) return QBrush(mutedColor());
            return {};
        case Qt::ToolTipRole:
            if (!row.execution.execRefId.empty())
                return QStringLiteral("Refers to execution %1").arg(toQString(row.execution.execRefId));
            return {};
        default: return columnData(column, cell, role);
    }
}

QVariant ExecutionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Cell>(kColumns, section, orientation, role);
}

bool ExecutionsTableModel::rowMatches(int index, const BlotterFilter& filter) const {
    if (index < 0 || index >= int(rows_.size())) return false;
    const auto& row = rows_[std::size_t(index)];
    const auto& e = row.execution;
    if (filter.side && e.side != *filter.side) return false;
    if (!filter.account.empty() && row.account != filter.account) return false;
    if (!filter.symbol.empty() && e.symbol != filter.symbol) return false;
    if (filter.status && e.status != *filter.status) return false;
    if (filter.text.empty()) return true;
    for (std::string_view field :
         {std::string_view(e.execId), std::string_view(e.clOrdId), std::string_view(e.symbol), std::string_view(row.account),
          std::string_view(e.brokerOrderId), std::string_view(e.text), nameOf(e.execType), nameOf(e.status)})
        if (BlotterFilter::contains(field, filter.text)) return true;
    return false;
}

bool ExecutionsTableModel::rowLessThan(int left, int right, int column) const {
    if (column < 0 || column >= ColumnCount) return left < right;
    return columnLessThan(kColumns[std::size_t(column)], cellOf(rows_[std::size_t(left)]), cellOf(rows_[std::size_t(right)]),
                          left < right);
}

std::vector<std::int64_t> ExecutionsTableModel::sortKeys(int column) const {
    if (column < 0 || column >= ColumnCount) return {};
    return columnSortKeys(kColumns[std::size_t(column)], rows_, [this](const Row& row) { return cellOf(row); });
}

void ExecutionsTableModel::reset(const std::vector<ExecutionRecord>& executions) {
    beginResetModel();
    rows_.clear();
    rows_.reserve(executions.size());
    for (const auto& execution : executions)
        rows_.push_back({execution, accountOf_ ? accountOf_(execution.orderId) : std::string()});
    endResetModel();
}

void ExecutionsTableModel::append(const std::vector<ExecutionRecord>& executions) {
    if (executions.empty()) return;
    const int first = int(rows_.size());
    beginInsertRows({}, first, first + int(executions.size()) - 1);
    for (const auto& execution : executions)
        rows_.push_back({execution, accountOf_ ? accountOf_(execution.orderId) : std::string()});
    endInsertRows();
}

void ExecutionsTableModel::follow(const EngineFeed& feed) {
    connect(&feed, &EngineFeed::executionsLoaded, this, &ExecutionsTableModel::reset);
    connect(&feed, &EngineFeed::executionsAdded, this, &ExecutionsTableModel::append);
}

}  // namespace ob::ui

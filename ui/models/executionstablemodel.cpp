#include "executionstablemodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

constexpr const char* kTitles[ExecutionsTableModel::ColumnCount] = {"Time",    "ExecID",   "ClOrdID",  "Account", "Symbol",
                                                                    "Side",    "ExecType", "Last Qty", "Last Px", "Value",
                                                                    "Cum Qty", "Leaves",   "Avg Px",   "Status",  "Text"};
constexpr const char* kTips[ExecutionsTableModel::ColumnCount] = {"When the report arrived (local time)",
                                                                  "The sell side's ExecID (FIX tag 17)",
                                                                  "ClOrdID the report names (tag 11)",
                                                                  "Account of the order",
                                                                  "Instrument",
                                                                  "Side of the order",
                                                                  "What the report says happened (FIX 4.4 ExecType)",
                                                                  "Quantity of this fill (LastQty)",
                                                                  "Price of this fill (LastPx)",
                                                                  "Value of this fill: LastQty × LastPx",
                                                                  "The order's filled quantity after this report",
                                                                  "The order's working quantity after this report",
                                                                  "The order's average price after this report",
                                                                  "The order's OrdStatus after this report",
                                                                  "The sell side's text"};

bool isNumeric(int column) {
    return column == ExecutionsTableModel::LastQty || column == ExecutionsTableModel::LastPx ||
           column == ExecutionsTableModel::Value || column == ExecutionsTableModel::CumQty ||
           column == ExecutionsTableModel::Leaves || column == ExecutionsTableModel::AvgPx;
}

bool isTrade(const ExecutionRecord& e) { return e.execType == ExecType::Trade || e.execType == ExecType::TradeCorrect; }

using SortKey = std::int64_t (*)(const ExecutionRecord&);

/// The number a column holds exactly, to sort by; none for the others.
SortKey exactKey(int column) {
    switch (column) {
        case ExecutionsTableModel::Time: return [](const ExecutionRecord& e) { return toNanos(e.receivedAt); };
        case ExecutionsTableModel::LastQty: return [](const ExecutionRecord& e) { return e.lastQty.raw(); };
        case ExecutionsTableModel::LastPx: return [](const ExecutionRecord& e) { return e.lastPx.raw(); };
        case ExecutionsTableModel::CumQty: return [](const ExecutionRecord& e) { return e.cumQty.raw(); };
        case ExecutionsTableModel::Leaves: return [](const ExecutionRecord& e) { return e.leavesQty.raw(); };
        case ExecutionsTableModel::AvgPx: return [](const ExecutionRecord& e) { return e.avgPx.raw(); };
        default: return nullptr;
    }
}

}  // namespace

ExecutionsTableModel::ExecutionsTableModel(const InstrumentDirectory& instruments, AccountLookup accountOf, QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments), accountOf_(std::move(accountOf)) {}

int ExecutionsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ExecutionsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const ExecutionRecord* ExecutionsTableModel::executionAt(int row) const {
    return row >= 0 && row < int(rows_.size()) ? &rows_[std::size_t(row)].execution : nullptr;
}

QVariant ExecutionsTableModel::display(const Row& row, int column) const {
    const auto& e = row.execution;
    const int decimals = instruments_.priceDecimals(e.symbol);
    switch (column) {
        case Time: return formatTime(e.receivedAt);
        case ExecId: return toQString(e.execId);
        case ClOrdId: return toQString(e.clOrdId);
        case Account: return toQString(row.account);
        case Symbol: return toQString(e.symbol);
        case SideColumn: return toQString(nameOf(e.side));
        case ExecTypeColumn: return toQString(nameOf(e.execType));
        case LastQty: return isTrade(e) ? formatQty(e.lastQty) : QString();
        case LastPx: return isTrade(e) ? formatPrice(e.lastPx, decimals) : QString();
        case Value: return isTrade(e) ? formatMoney(e.lastQty * e.lastPx, 2) : QString();
        case CumQty: return formatQty(e.cumQty);
        case Leaves: return formatQty(e.leavesQty);
        case AvgPx: return e.cumQty.isZero() ? QString() : formatAveragePrice(e.avgPx, decimals);
        case Status: return toQString(nameOf(e.status));
        case Text: return toQString(e.text);
        default: return {};
    }
}

QString ExecutionsTableModel::exported(const Row& row, int column) const {
    const auto& e = row.execution;
    switch (column) {
        case Time: return toQString(toIsoString(e.receivedAt));
        case LastQty: return isTrade(e) ? toQString(e.lastQty.toString()) : QString();
        case LastPx: return isTrade(e) ? toQString(e.lastPx.toString()) : QString();
        case Value: return isTrade(e) ? toQString((e.lastQty * e.lastPx).toString()) : QString();
        case CumQty: return toQString(e.cumQty.toString());
        case Leaves: return toQString(e.leavesQty.toString());
        case AvgPx: return e.cumQty.isZero() ? QString() : toQString(e.avgPx.toString());
        default: return display(row, column).toString();
    }
}

QVariant ExecutionsTableModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= int(rows_.size()) || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto& row = rows_[std::size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole: return display(row, index.column());
        case ExportRole: return exported(row, index.column());
        case Qt::TextAlignmentRole: return int((isNumeric(index.column()) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (index.column() == SideColumn) return QBrush(sideColor(row.execution.side));
            if (index.column() == Status) return QBrush(statusColor(row.execution.status));
            if (row.execution.execType == ExecType::TradeCancel) return QBrush(mutedColor());
            return {};
        case Qt::ToolTipRole:
            if (!row.execution.execRefId.empty())
                return QStringLiteral("Refers to execution %1").arg(toQString(row.execution.execRefId));
            return {};
        default: return {};
    }
}

QVariant ExecutionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return QString::fromLatin1(kTitles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(kTips[section]);
    if (role == Qt::TextAlignmentRole) return int((isNumeric(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    return {};
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
    const auto& ra = rows_[std::size_t(left)];
    const auto& rb = rows_[std::size_t(right)];
    const auto& a = ra.execution;
    const auto& b = rb.execution;
    if (const auto key = exactKey(column)) return key(a) < key(b);
    switch (column) {
        case ExecId: return a.execId < b.execId;
        case ClOrdId: return a.clOrdId < b.clOrdId;
        case Account: return ra.account < rb.account;
        case Symbol: return a.symbol < b.symbol;
        case SideColumn: return nameOf(a.side) < nameOf(b.side);
        case ExecTypeColumn: return nameOf(a.execType) < nameOf(b.execType);
        case Value: return a.lastQty * a.lastPx < b.lastQty * b.lastPx;
        case Status: return nameOf(a.status) < nameOf(b.status);
        case Text: return a.text < b.text;
        default: return left < right;
    }
}

std::vector<std::int64_t> ExecutionsTableModel::sortKeys(int column) const {
    auto key = exactKey(column);
    // Money to 1e-8: near enough to order by, within 64 bits.
    if (column == Value) key = [](const ExecutionRecord& e) { return std::int64_t((e.lastQty * e.lastPx).raw() / 100'000'000); };
    if (!key) return {};
    std::vector<std::int64_t> keys;
    keys.reserve(rows_.size());
    for (const auto& row : rows_) keys.push_back(key(row.execution));
    return keys;
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

}  // namespace ob::ui

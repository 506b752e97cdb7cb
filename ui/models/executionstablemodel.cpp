#include "executionstablemodel.h"

#include "format.h"
#include "models/statuscolors.h"

#include <QBrush>

namespace ob::ui {

ExecutionsTableModel::ExecutionsTableModel(const InstrumentDirectory& instruments, QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments) {}

int ExecutionsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(executions_.size()); }

int ExecutionsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const ExecutionRecord* ExecutionsTableModel::executionAt(int row) const {
    return row >= 0 && row < int(executions_.size()) ? &executions_[std::size_t(row)] : nullptr;
}

QVariant ExecutionsTableModel::display(const ExecutionRecord& e, int column) const {
    const int decimals = instruments_.priceDecimals(e.symbol);
    const bool isTrade = e.execType == ExecType::Trade || e.execType == ExecType::TradeCorrect;
    switch (column) {
        case Time: return formatTime(e.receivedAt);
        case ExecId: return toQString(e.execId);
        case ClOrdId: return toQString(e.clOrdId);
        case Symbol: return toQString(e.symbol);
        case SideColumn: return toQString(nameOf(e.side));
        case ExecTypeColumn: return toQString(nameOf(e.execType));
        case LastQty: return isTrade ? formatQty(e.lastQty) : QString();
        case LastPx: return isTrade ? formatPrice(e.lastPx, decimals) : QString();
        case CumQty: return formatQty(e.cumQty);
        case Leaves: return formatQty(e.leavesQty);
        case AvgPx: return e.cumQty.isZero() ? QString() : formatAveragePrice(e.avgPx, decimals);
        case Status: return toQString(nameOf(e.status));
        case Text: return toQString(e.text);
        default: return {};
    }
}

QVariant ExecutionsTableModel::raw(const ExecutionRecord& e, int column) const {
    switch (column) {
        case Time: return qlonglong(toNanos(e.receivedAt));
        case LastQty: return qlonglong(e.lastQty.raw());
        case LastPx: return qlonglong(e.lastPx.raw());
        case CumQty: return qlonglong(e.cumQty.raw());
        case Leaves: return qlonglong(e.leavesQty.raw());
        case AvgPx: return qlonglong(e.avgPx.raw());
        default: return display(e, column);
    }
}

QVariant ExecutionsTableModel::data(const QModelIndex& index, int role) const {
    const auto* execution = executionAt(index.row());
    if (!execution || index.column() < 0 || index.column() >= ColumnCount) return {};
    switch (role) {
        case Qt::DisplayRole: return display(*execution, index.column());
        case RawValueRole: return raw(*execution, index.column());
        case OrderIdRole: return qlonglong(execution->orderId);
        case Qt::TextAlignmentRole:
            switch (index.column()) {
                case LastQty:
                case LastPx:
                case CumQty:
                case Leaves:
                case AvgPx: return int(Qt::AlignRight | Qt::AlignVCenter);
                default: return int(Qt::AlignLeft | Qt::AlignVCenter);
            }
        case Qt::ForegroundRole:
            if (index.column() == SideColumn) return QBrush(sideColor(execution->side));
            if (index.column() == Status) return QBrush(statusColor(execution->status));
            return {};
        default: return {};
    }
}

QVariant ExecutionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* const titles[ColumnCount] = {"Time",    "ExecID",  "ClOrdID", "Symbol", "Side",   "ExecType", "Last Qty",
                                                    "Last Px", "Cum Qty", "Leaves",  "Avg Px", "Status", "Text"};
    static const char* const tips[ColumnCount] = {"When the report arrived (local time)",
                                                  "The sell side's ExecID (FIX tag 17)",
                                                  "ClOrdID the report names (tag 11)",
                                                  "Instrument",
                                                  "Side of the order",
                                                  "What the report says happened (FIX 4.4 ExecType)",
                                                  "Quantity of this fill (LastQty)",
                                                  "Price of this fill (LastPx)",
                                                  "The order's filled quantity after this report",
                                                  "The order's working quantity after this report",
                                                  "The order's average price after this report",
                                                  "The order's OrdStatus after this report",
                                                  "The sell side's text"};
    if (role == Qt::DisplayRole) return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(tips[section]);
    return {};
}

void ExecutionsTableModel::reset(std::vector<ExecutionRecord> executions) {
    beginResetModel();
    executions_ = std::move(executions);
    endResetModel();
}

void ExecutionsTableModel::append(const std::vector<ExecutionRecord>& executions) {
    if (executions.empty()) return;
    const int first = int(executions_.size());
    beginInsertRows({}, first, first + int(executions.size()) - 1);
    executions_.insert(executions_.end(), executions.begin(), executions.end());
    endInsertRows();
}

}  // namespace ob::ui

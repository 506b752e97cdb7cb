#pragma once

#include "models/blotterfilter.h"
#include "models/columns.h"
#include "models/instrumentdirectory.h"
#include "orders/orderhistory.h"

#include <QAbstractTableModel>

#include <array>
#include <functional>
#include <vector>

namespace ob::ui {

class EngineFeed;

/// The executions blotter's model: every ExecutionReport applied, in arrival
/// order. Rows are only ever appended, in batches.
class ExecutionsTableModel final : public QAbstractTableModel, public FilterableTable {
    Q_OBJECT

public:
    enum Column {
        Time,
        ExecId,
        ClOrdId,
        Account,
        Symbol,
        SideColumn,
        ExecTypeColumn,
        LastQty,
        LastPx,
        Value,
        CumQty,
        Leaves,
        AvgPx,
        Status,
        Text,
        ColumnCount
    };
    enum Role { ExportRole = Qt::UserRole + 1 };
    /// The account of an order, looked up once when its execution arrives.
    using AccountLookup = std::function<std::string(OrderId)>;

    ExecutionsTableModel(const InstrumentDirectory& instruments, AccountLookup accountOf, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool rowMatches(int row, const BlotterFilter& filter) const override;
    bool rowLessThan(int left, int right, int column) const override;
    std::vector<std::int64_t> sortKeys(int column) const override;

    /// Shows the feed's executions: the day's at start, then each new one.
    void follow(const EngineFeed& feed);
    void reset(const std::vector<ExecutionRecord>& executions);
    void append(const std::vector<ExecutionRecord>& executions);
    const ExecutionRecord* executionAt(int row) const;
    const std::string& accountAt(int row) const { return rows_.at(std::size_t(row)).account; }

private:
    struct Row {
        ExecutionRecord execution;
        std::string account;
    };

    struct Cell {
        const ExecutionsTableModel& model;
        const Row& row;
        const ExecutionRecord& execution;
    };
    static const std::array<ColumnSpec<Cell>, ColumnCount> kColumns;

    Cell cellOf(const Row& row) const { return {*this, row, row.execution}; }
    int priceDecimals(const ExecutionRecord& execution) const { return instruments_.priceDecimals(execution.symbol); }

    const InstrumentDirectory& instruments_;
    AccountLookup accountOf_;
    std::vector<Row> rows_;
};

}  // namespace ob::ui

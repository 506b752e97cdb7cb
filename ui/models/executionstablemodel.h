#pragma once

#include "models/instrumentdirectory.h"
#include "orders/orderhistory.h"

#include <QAbstractTableModel>

#include <vector>

namespace ob::ui {

/// The executions blotter's model: every ExecutionReport applied, in arrival
/// order. Rows are only ever appended, in batches.
class ExecutionsTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Time,
        ExecId,
        ClOrdId,
        Symbol,
        SideColumn,
        ExecTypeColumn,
        LastQty,
        LastPx,
        CumQty,
        Leaves,
        AvgPx,
        Status,
        Text,
        ColumnCount
    };
    enum Role { RawValueRole = Qt::UserRole + 1, OrderIdRole };

    explicit ExecutionsTableModel(const InstrumentDirectory& instruments, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void reset(std::vector<ExecutionRecord> executions);
    void append(const std::vector<ExecutionRecord>& executions);
    const ExecutionRecord* executionAt(int row) const;

private:
    QVariant display(const ExecutionRecord& execution, int column) const;
    QVariant raw(const ExecutionRecord& execution, int column) const;

    const InstrumentDirectory& instruments_;
    std::vector<ExecutionRecord> executions_;
};

}  // namespace ob::ui

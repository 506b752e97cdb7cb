#pragma once

#include "models/blotterfilter.h"
#include "models/columns.h"
#include "models/instrumentdirectory.h"
#include "models/sessionstablemodel.h"
#include "orders/order.h"

#include <QAbstractTableModel>
#include <QHash>

#include <array>
#include <vector>

namespace ob::ui {

class EngineFeed;

/// The orders blotter's model: one row per order, in the order they arrived,
/// over plain OrderState values. An id→row index makes each update O(1);
/// a batch of changes inserts new rows in one go and signals only the rows
/// that changed (one range when most did).
class OrdersTableModel final : public QAbstractTableModel, public FilterableTable {
    Q_OBJECT

public:
    enum Column {
        Time,
        ClOrdId,
        Account,
        Symbol,
        SideColumn,
        Quantity,
        Type,
        LimitPrice,
        StopPrice,
        Tif,
        Status,
        Compliance,
        Filled,
        Progress,
        Leaves,
        AvgPx,
        Notional,
        Broker,
        BrokerOrderId,
        Owner,
        Text,
        ColumnCount
    };
    enum Role {
        ExportRole = Qt::UserRole + 1,  ///< plain exact text for CSV: no group separators
        FillRatioRole,                  ///< CumQty / OrderQty in [0, 1], for the progress bar
        ListIdRole,                     ///< the staged list the order came from; 0 for none
    };

    explicit OrdersTableModel(const InstrumentDirectory& instruments, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool rowMatches(int row, const BlotterFilter& filter) const override;
    bool rowLessThan(int left, int right, int column) const override;
    std::vector<std::int64_t> sortKeys(int column) const override;

    /// How to name each FIX session in the Broker column (its alias).
    void setSessionNames(SessionNames names);

    /// Shows the feed's orders: the book at start, then each change.
    void follow(const EngineFeed& feed);
    /// Replaces every row.
    void reset(std::vector<OrderState> orders);
    /// Adds new orders and updates known ones.
    void apply(const std::vector<OrderState>& changed);

    const OrderState* orderAt(int row) const;
    const OrderState* find(OrderId id) const { return orderAt(rowOf(id)); }
    int rowOf(OrderId id) const { return rowOf_.value(id, -1); }
    /// The account the order is booked to; empty for an order not in the blotter.
    std::string accountOf(OrderId id) const {
        const auto* order = find(id);
        return order ? order->account : std::string();
    }

    /// Orders by stage, kept up to date with each change (no scan).
    struct Counts {
        int working = 0;
        int filled = 0;
        int otherDone = 0;
    };
    const Counts& counts() const { return counts_; }

Q_SIGNALS:
    void countsChanged();

private:
    struct Cell {
        const OrdersTableModel& model;
        const OrderState& order;
    };
    static const std::array<ColumnSpec<Cell>, ColumnCount> kColumns;

    void count(const OrderState& order, int delta);
    int priceDecimals(const OrderState& order) const { return instruments_.priceDecimals(order.symbol); }
    QString brokerOf(const OrderState& order) const;

    const InstrumentDirectory& instruments_;
    std::vector<OrderState> orders_;
    QHash<OrderId, int> rowOf_;
    Counts counts_;
    SessionNames sessionNames_;
};

}  // namespace ob::ui

#pragma once

#include "domain/fxrates.h"
#include "models/columns.h"
#include "orders/order.h"
#include "orders/orderlist.h"

#include <QAbstractTableModel>

#include <array>
#include <unordered_map>
#include <vector>

namespace ob::ui {

class EngineFeed;

/// The staged lists portfolio managers handed to the traders, with their progress: how many
/// orders wait, went out or finished, the share of the quantity filled and the notional done
/// (in USD, at the reference rates). Each order change updates its list's figures in O(1).
class StagedListsModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Id, Name, Fund, Manager, Created, Orders, Staged, Sent, Done, FilledPercent, NotionalDone, ColumnCount };
    enum Role { ListIdRole = Qt::UserRole + 1, FillRatioRole };

    /// `currencyOf` gives an instrument's currency, for the notional in USD.
    StagedListsModel(const FxRates& rates, std::function<std::string(const std::string&)> currencyOf, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Shows the feed's staged lists and follows the orders in them.
    void follow(const EngineFeed& feed);
    void addLists(const std::vector<OrderList>& lists);
    /// Follows changed orders; orders of no list are ignored.
    void applyOrders(const std::vector<OrderState>& orders);

    const OrderList* listAt(int row) const;
    int rowOf(std::int64_t listId) const;
    /// The ids of the list's orders still staged, in the order they were staged.
    std::vector<OrderId> stagedOrders(std::int64_t listId) const;

    struct Progress {
        int orders = 0;
        int staged = 0;
        int sent = 0;  ///< released and not finished
        int done = 0;  ///< filled, cancelled, rejected or expired
        Qty quantity;  ///< what the orders ask for, less what a finished order left unfilled
        Qty filled;
        Money notionalDone;  ///< in USD
    };
    Progress progress(std::int64_t listId) const;

Q_SIGNALS:
    void progressChanged(std::int64_t listId);

private:
    struct Contribution {
        std::int64_t listId = 0;
        bool staged = false;
        bool done = false;
        Qty quantity;
        Qty filled;
        Money notional;
    };
    struct Cell {
        const OrderList& list;
        const Progress& progress;
        double fillRatio;
    };
    static const std::array<ColumnSpec<Cell>, ColumnCount> kColumns;

    Contribution contributionOf(const OrderState& order) const;
    static void add(Progress& progress, const Contribution& contribution, int sign);

    const FxRates& rates_;
    std::function<std::string(const std::string&)> currencyOf_;
    std::vector<OrderList> lists_;
    std::unordered_map<std::int64_t, int> rows_;
    std::unordered_map<std::int64_t, Progress> progress_;
    std::unordered_map<OrderId, Contribution> orders_;
    std::unordered_map<std::int64_t, std::vector<OrderId>> members_;  ///< by list, in arrival order
};

}  // namespace ob::ui

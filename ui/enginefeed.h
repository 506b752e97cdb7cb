#pragma once

#include "engine/changeset.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <mutex>

namespace ob {
class OrderEngine;
}

namespace ob::ui {

class BreachesTableModel;
class OrdersTableModel;
class ExecutionsTableModel;
class PositionsTableModel;
class PortfolioBook;
class StagedListsModel;

/// Carries the engine's change sets to the models on the GUI thread (orders,
/// executions, the positions and funds of the engine's one book of fills, and
/// compliance breaches). The
/// engine's listener only appends to a buffer; a timer on the GUI thread
/// drains it a few times a second, keeping only the latest state of each
/// order, so a burst of reports costs the GUI one update per order.
class EngineFeed final : public QObject {
    Q_OBJECT

public:
    /// Subscribes to the engine: construct before the engine starts.
    EngineFeed(OrderEngine& engine, OrdersTableModel& orders, ExecutionsTableModel& executions, PositionsTableModel& positions,
               QObject* parent = nullptr);

    /// Also keeps a breaches model up to date. Call before start().
    void followBreaches(BreachesTableModel& breaches) { breaches_ = &breaches; }
    /// Also keeps the funds and the staged lists up to date. Call before start().
    void followPortfolios(PortfolioBook& funds, StagedListsModel& lists) {
        funds_ = &funds;
        lists_ = &lists;
    }
    /// Loads the book into the models and starts following it.
    void start(int updatesPerSecond = 20);
    /// Applies what is buffered now (tests call it instead of waiting for the timer).
    void drain();

Q_SIGNALS:
    void alertsArrived(const std::vector<ob::EngineAlert>& alerts);
    void updated();
    /// The engine stopped taking orders and fills (its store stopped writing), and why: the desk must be restarted.
    void halted(const QString& reason);

private:
    OrderEngine& engine_;
    OrdersTableModel& orders_;
    ExecutionsTableModel& executions_;
    PositionsTableModel& positions_;
    BreachesTableModel* breaches_ = nullptr;
    PortfolioBook* funds_ = nullptr;
    StagedListsModel* lists_ = nullptr;
    QTimer timer_;

    std::uint64_t after_ = 0;  ///< change sets up to this one are in the snapshot; GUI thread only
    /// Where the engine's thread leaves change sets. The engine keeps it
    /// alive as long as it keeps the listener, so the feed may go first.
    struct Inbox {
        std::mutex mutex;
        std::vector<ChangeSet> pending;
    };
    std::shared_ptr<Inbox> inbox_ = std::make_shared<Inbox>();
};

}  // namespace ob::ui

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

/// Carries the engine's change sets to the GUI thread and hands them out by kind: each model connects to the
/// signals of what it shows, so the feed knows none of them. The engine's listener only appends to a buffer; a
/// timer on the GUI thread drains it a few times a second, keeping only the latest state of each order, and
/// emits each kind of change once per drain, and only when the drain holds some: a burst of reports costs a
/// model one update per order.
///
/// Within a drain the signals come in this order: reference data, lists, orders, executions (an execution's order is known by
/// then), positions, funds, breaches, alerts, then updated(). start() first gives the book as it stands through
/// the *Loaded signals and the same change signals (positions, funds and lists are taken alike either way).
class EngineFeed final : public QObject {
    Q_OBJECT

public:
    /// Subscribes to the engine, before it starts or while it runs (a window opened at a later login): start()'s
    /// snapshot and the change sets after it fit together either way.
    explicit EngineFeed(OrderEngine& engine, QObject* parent = nullptr);
    /// The engine keeps the listener; from now on it drops what it is given.
    ~EngineFeed() override;

    /// Loads the book into the followers (connect them first) and starts following it.
    void start(int updatesPerSecond = 20);
    /// Applies what is buffered now (tests call it instead of waiting for the timer).
    void drain();

Q_SIGNALS:
    /// The desk's reference data, at start() and whenever it changed: before the orders of a drain, which may
    /// name an instrument or account it adds.
    void referenceChanged(std::shared_ptr<const ob::ReferenceData> reference);
    /// The compliance rule set was replaced.
    void rulesChanged();
    /// The book at start(): each follower replaces what it held.
    void ordersLoaded(const std::vector<ob::OrderState>& orders);
    void executionsLoaded(const std::vector<ob::ExecutionRecord>& executions);
    void breachesLoaded(const std::vector<ob::Breach>& breaches);

    /// Staged lists created.
    void listsAdded(const std::vector<ob::OrderList>& lists);
    /// The latest state of each changed order, once per order.
    void ordersChanged(const std::vector<ob::OrderState>& orders);
    /// New executions, in arrival order.
    void executionsAdded(const std::vector<ob::ExecutionRecord>& executions);
    /// Accounts' positions, each with its new value.
    void positionsChanged(const std::vector<ob::Position>& positions);
    /// Funds' positions and cash that changed, and opening positions imported.
    void fundsChanged(const std::vector<ob::Position>& fundPositions, const std::vector<ob::FundCash>& cash,
                      const std::vector<ob::OpeningPosition>& opening);
    /// Breaches raised or changed.
    void breachesChanged(const std::vector<ob::Breach>& breaches);
    void alertsArrived(const std::vector<ob::EngineAlert>& alerts);
    /// After every drain that changed something, and after start().
    void updated();
    /// The engine stopped taking orders and fills (its store stopped writing), and why: the desk must be restarted.
    void halted(const QString& reason);

private:
    OrderEngine& engine_;
    QTimer timer_;

    std::uint64_t after_ = 0;  ///< change sets up to this one are in the snapshot; GUI thread only
    /// Where the engine's thread leaves change sets. The engine keeps it
    /// alive as long as it keeps the listener, so the feed may go first.
    struct Inbox {
        std::mutex mutex;
        std::vector<ChangeSet> pending;
        bool closed = false;  ///< the feed is gone: nothing more is kept
    };
    std::shared_ptr<Inbox> inbox_ = std::make_shared<Inbox>();
};

}  // namespace ob::ui

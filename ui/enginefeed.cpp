#include "enginefeed.h"

#include "engine/orderengine.h"

#include <unordered_map>

namespace ob::ui {

namespace {

template <typename T>
void moveAppend(std::vector<T>& from, std::vector<T>& to) {
    std::move(from.begin(), from.end(), std::back_inserter(to));
}

}  // namespace

EngineFeed::EngineFeed(OrderEngine& engine, QObject* parent) : QObject(parent), engine_(engine) {
    engine_.subscribe([inbox = inbox_](const ChangeSet& changes) {
        std::lock_guard lock(inbox->mutex);
        if (!inbox->closed) inbox->pending.push_back(changes);
    });
    connect(&timer_, &QTimer::timeout, this, &EngineFeed::drain);
}

EngineFeed::~EngineFeed() {
    std::lock_guard lock(inbox_->mutex);
    inbox_->closed = true;
    inbox_->pending.clear();
}

void EngineFeed::start(int updatesPerSecond) {
    const auto snapshot = engine_.snapshot().get();
    after_ = snapshot.sequence;
    if (snapshot.reference) Q_EMIT referenceChanged(snapshot.reference);
    Q_EMIT listsAdded(snapshot.lists);
    Q_EMIT ordersLoaded(snapshot.orders);
    Q_EMIT executionsLoaded(snapshot.executions);
    Q_EMIT positionsChanged(snapshot.positions);
    Q_EMIT fundsChanged(snapshot.fundPositions, snapshot.fundCash, snapshot.openingPositions);
    Q_EMIT breachesLoaded(snapshot.breaches);
    drain();
    timer_.start(1000 / std::max(1, updatesPerSecond));
    Q_EMIT updated();
    if (!snapshot.halted.empty()) Q_EMIT halted(QString::fromStdString(snapshot.halted));
}

void EngineFeed::drain() {
    std::vector<ChangeSet> sets;
    {
        std::lock_guard lock(inbox_->mutex);
        sets.swap(inbox_->pending);
    }
    // The drain's changes as one set: each order once, with its latest state; later positions and cash after
    // earlier ones, so the last value a follower applies is the latest.
    ChangeSet batch;
    std::unordered_map<OrderId, std::size_t> orderIndex;
    for (auto& changes : sets) {
        // No snapshot holds alerts: those published before it (what the check at start found) are shown too.
        moveAppend(changes.alerts, batch.alerts);
        if (changes.sequence <= after_) continue;  // already in the snapshot
        after_ = changes.sequence;
        for (auto& order : changes.orders) {
            auto [it, inserted] = orderIndex.try_emplace(order.id, batch.orders.size());
            if (inserted)
                batch.orders.push_back(std::move(order));
            else
                batch.orders[it->second] = std::move(order);
        }
        moveAppend(changes.executions, batch.executions);
        moveAppend(changes.breaches, batch.breaches);
        moveAppend(changes.lists, batch.lists);
        moveAppend(changes.openingPositions, batch.openingPositions);
        moveAppend(changes.positions, batch.positions);
        moveAppend(changes.fundPositions, batch.fundPositions);
        moveAppend(changes.fundCash, batch.fundCash);
        if (!changes.halted.empty()) batch.halted = std::move(changes.halted);
        if (changes.reference) batch.reference = std::move(changes.reference);
        batch.rulesChanged = batch.rulesChanged || changes.rulesChanged;
    }
    if (!batch.halted.empty()) Q_EMIT halted(QString::fromStdString(batch.halted));
    batch.halted.clear();
    if (batch.empty()) return;
    if (batch.reference) Q_EMIT referenceChanged(batch.reference);
    if (!batch.lists.empty()) Q_EMIT listsAdded(batch.lists);
    if (!batch.orders.empty()) Q_EMIT ordersChanged(batch.orders);
    if (!batch.executions.empty()) Q_EMIT executionsAdded(batch.executions);
    if (!batch.positions.empty()) Q_EMIT positionsChanged(batch.positions);
    if (!batch.fundPositions.empty() || !batch.fundCash.empty() || !batch.openingPositions.empty())
        Q_EMIT fundsChanged(batch.fundPositions, batch.fundCash, batch.openingPositions);
    if (!batch.breaches.empty()) Q_EMIT breachesChanged(batch.breaches);
    if (!batch.alerts.empty()) Q_EMIT alertsArrived(batch.alerts);
    if (batch.rulesChanged) Q_EMIT rulesChanged();
    Q_EMIT updated();
}

}  // namespace ob::ui

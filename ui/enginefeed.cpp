#include "enginefeed.h"

#include "engine/orderengine.h"
#include "models/breachestablemodel.h"
#include "models/executionstablemodel.h"
#include "models/orderstablemodel.h"
#include "models/positionstablemodel.h"

#include <unordered_map>

namespace ob::ui {

EngineFeed::EngineFeed(OrderEngine& engine, OrdersTableModel& orders, ExecutionsTableModel& executions,
                       PositionsTableModel& positions, QObject* parent)
    : QObject(parent), engine_(engine), orders_(orders), executions_(executions), positions_(positions) {
    engine_.subscribe([inbox = inbox_](const ChangeSet& changes) {
        std::lock_guard lock(inbox->mutex);
        inbox->pending.push_back(changes);
    });
    connect(&timer_, &QTimer::timeout, this, &EngineFeed::drain);
}

void EngineFeed::start(int updatesPerSecond) {
    auto snapshot = engine_.snapshot().get();
    after_ = snapshot.sequence;
    orders_.reset(std::move(snapshot.orders));
    executions_.reset(snapshot.executions);
    positions_.apply(snapshot.executions, [this](OrderId id) { return orders_.accountOf(id); });
    if (breaches_) breaches_->reset(std::move(snapshot.breaches));
    drain();
    timer_.start(1000 / std::max(1, updatesPerSecond));
    Q_EMIT updated();
}

void EngineFeed::drain() {
    std::vector<ChangeSet> sets;
    {
        std::lock_guard lock(inbox_->mutex);
        sets.swap(inbox_->pending);
    }
    std::unordered_map<OrderId, std::size_t> index;
    std::vector<OrderState> changedOrders;
    std::vector<ExecutionRecord> newExecutions;
    std::vector<EngineAlert> alerts;
    std::vector<Breach> breaches;
    for (auto& changes : sets) {
        if (changes.sequence <= after_) continue;  // already in the snapshot
        after_ = changes.sequence;
        for (auto& order : changes.orders) {
            auto [it, inserted] = index.try_emplace(order.id, changedOrders.size());
            if (inserted)
                changedOrders.push_back(std::move(order));
            else
                changedOrders[it->second] = std::move(order);
        }
        std::move(changes.executions.begin(), changes.executions.end(), std::back_inserter(newExecutions));
        std::move(changes.alerts.begin(), changes.alerts.end(), std::back_inserter(alerts));
        std::move(changes.breaches.begin(), changes.breaches.end(), std::back_inserter(breaches));
    }
    if (changedOrders.empty() && newExecutions.empty() && alerts.empty() && breaches.empty()) return;
    orders_.apply(changedOrders);  // first: the executions' accounts come from their orders
    executions_.append(newExecutions);
    positions_.apply(newExecutions, [this](OrderId id) { return orders_.accountOf(id); });
    if (breaches_) breaches_->apply(breaches);
    if (!alerts.empty()) Q_EMIT alertsArrived(alerts);
    Q_EMIT updated();
}

}  // namespace ob::ui

#include "enginefeed.h"

#include "engine/orderengine.h"
#include "models/breachestablemodel.h"
#include "models/executionstablemodel.h"
#include "models/orderstablemodel.h"
#include "models/portfoliobook.h"
#include "models/positionstablemodel.h"
#include "models/stagedlistsmodel.h"

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
    const auto orderOf = [this](OrderId id) { return orders_.find(id); };
    positions_.apply(snapshot.executions, orderOf);
    if (breaches_) breaches_->reset(std::move(snapshot.breaches));
    if (funds_) {
        // The opening positions hold what earlier days' fills made.
        const std::string today = tradeDateOf(nowUtc());
        std::vector<ExecutionRecord> todays;
        for (const auto& execution : snapshot.executions)
            if (tradeDateOf(execution.receivedAt) == today) todays.push_back(execution);
        funds_->setOpening(snapshot.openingPositions);
        funds_->apply(todays, orderOf);
    }
    if (lists_) {
        lists_->addLists(snapshot.lists);
        std::vector<OrderState> listed;
        for (int row = 0; row < orders_.rowCount(); ++row)
            if (const auto* order = orders_.orderAt(row); order && order->listId) listed.push_back(*order);
        lists_->applyOrders(listed);
    }
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
    std::vector<OrderList> lists;
    std::vector<std::vector<OpeningPosition>> imports;  ///< each replaces what the one before it set
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
        std::move(changes.lists.begin(), changes.lists.end(), std::back_inserter(lists));
        if (!changes.openingPositions.empty()) imports.push_back(std::move(changes.openingPositions));
    }
    if (changedOrders.empty() && newExecutions.empty() && alerts.empty() && breaches.empty() && lists.empty() && imports.empty())
        return;
    if (lists_) {
        lists_->addLists(lists);
        lists_->applyOrders(changedOrders);
    }
    orders_.apply(changedOrders);  // first: the executions' accounts come from their orders
    executions_.append(newExecutions);
    const auto orderOf = [this](OrderId id) { return orders_.find(id); };
    positions_.apply(newExecutions, orderOf);
    if (funds_) {
        for (const auto& positions : imports) funds_->setOpening(positions);
        funds_->apply(newExecutions, orderOf);
    }
    if (breaches_) breaches_->apply(breaches);
    if (!alerts.empty()) Q_EMIT alertsArrived(alerts);
    Q_EMIT updated();
}

}  // namespace ob::ui

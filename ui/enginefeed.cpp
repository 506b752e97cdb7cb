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
    positions_.apply(snapshot.positions);
    if (breaches_) breaches_->reset(std::move(snapshot.breaches));
    if (funds_) funds_->apply(snapshot.fundPositions, snapshot.fundCash, snapshot.openingPositions);
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
    if (!snapshot.halted.empty()) Q_EMIT halted(QString::fromStdString(snapshot.halted));
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
    std::vector<OpeningPosition> imports;
    // The latest value of each position and cash amount: later change sets carry later values.
    std::vector<Position> positions;
    std::vector<Position> fundPositions;
    std::vector<FundCash> fundCash;
    std::string haltedBecause;
    for (auto& changes : sets) {
        // No snapshot holds alerts: those published before it (what the check at start found) are shown too.
        std::move(changes.alerts.begin(), changes.alerts.end(), std::back_inserter(alerts));
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
        std::move(changes.breaches.begin(), changes.breaches.end(), std::back_inserter(breaches));
        std::move(changes.lists.begin(), changes.lists.end(), std::back_inserter(lists));
        std::move(changes.openingPositions.begin(), changes.openingPositions.end(), std::back_inserter(imports));
        std::move(changes.positions.begin(), changes.positions.end(), std::back_inserter(positions));
        std::move(changes.fundPositions.begin(), changes.fundPositions.end(), std::back_inserter(fundPositions));
        std::move(changes.fundCash.begin(), changes.fundCash.end(), std::back_inserter(fundCash));
        if (!changes.halted.empty()) haltedBecause = changes.halted;
    }
    if (!haltedBecause.empty()) Q_EMIT halted(QString::fromStdString(haltedBecause));
    if (changedOrders.empty() && newExecutions.empty() && alerts.empty() && breaches.empty() && lists.empty() &&
        imports.empty() && positions.empty() && fundPositions.empty() && fundCash.empty())
        return;
    if (lists_) {
        lists_->addLists(lists);
        lists_->applyOrders(changedOrders);
    }
    orders_.apply(changedOrders);
    executions_.append(newExecutions);
    positions_.apply(positions);
    if (funds_) funds_->apply(fundPositions, fundCash, imports);
    if (breaches_) breaches_->apply(breaches);
    if (!alerts.empty()) Q_EMIT alertsArrived(alerts);
    Q_EMIT updated();
}

}  // namespace ob::ui

#include "engine/effects.h"

namespace ob {

void Effects::order(const Order& order) {
    unit_.order = OrderRow{order.state, order.chain, {}, {}};
    touched_ = true;
    auto [it, inserted] = orderIndex_.try_emplace(order.state.id, changes_.orders.size());
    if (inserted)
        changes_.orders.push_back(order.state);
    else
        changes_.orders[it->second] = order.state;
}

void Effects::execution(ExecutionRecord record) {
    unit_.execution = record;
    touched_ = true;
    changes_.executions.push_back(std::move(record));
}

void Effects::breach(const Breach& breach) {
    unit_.breaches.push_back(breach);
    touched_ = true;
    auto [it, inserted] = breachIndex_.try_emplace(breach.id, changes_.breaches.size());
    if (inserted)
        changes_.breaches.push_back(breach);
    else
        changes_.breaches[it->second] = breach;
}

void Effects::list(const OrderList& list) {
    unit_.list = list;
    touched_ = true;
    changes_.lists.push_back(list);
}

void Effects::openingPositions(std::vector<OpeningPosition> positions) {
    changes_.openingPositions.insert(changes_.openingPositions.end(), positions.begin(), positions.end());
    unit_.openingPositions = std::move(positions);
    touched_ = true;
}

void Effects::audit(const Actor& actor, std::string action, std::string subject, std::string details) {
    unit_.audit.push_back({0, clock_(), actor.user, actor.role, std::move(action), std::move(subject), std::move(details)});
    touched_ = true;
}

void Effects::inbound(const std::string& session, std::int64_t msgSeqNum) {
    if (msgSeqNum <= 0) return;  // not from a FIX session: nothing to resume from
    unit_.inbound = InboundProgress{session, msgSeqNum};
    touched_ = true;
}

void Effects::handedOver(std::string session, std::string clOrdId) {
    unit_.handedOver.emplace_back(std::move(session), std::move(clOrdId));
    touched_ = true;
}

void Effects::alert(EngineAlert::Severity severity, OrderId orderId, std::string message) {
    changes_.alerts.push_back({clock_(), severity, orderId, std::move(message)});
}

template <typename T>
void Effects::latest(std::unordered_map<std::string, std::size_t>& index, std::vector<T>& values, std::string key,
                     const T& value) {
    auto [it, inserted] = index.try_emplace(std::move(key), values.size());
    if (inserted)
        values.push_back(value);
    else
        values[it->second] = value;
}

void Effects::ledger(const LedgerChanges& changed) {
    for (const auto& position : changed.accountPositions)
        latest(positionIndex_, changes_.positions, position.account + '\x1f' + position.symbol, position);
    for (const auto& position : changed.fundPositions)
        latest(fundPositionIndex_, changes_.fundPositions, position.account + '\x1f' + position.symbol, position);
    for (const auto& cash : changed.cash) latest(cashIndex_, changes_.fundCash, cash.fund + '\x1f' + cash.currency, cash);
}

void Effects::persist(const Order& order, OrderEventKind kind, std::string text) {
    this->order(order);
    event({order.state.id, order.state.updatedAt, kind, order.state.clOrdId, std::move(text)});
    commit();
}

void Effects::persistAndRoute(const Order& order, OrderEventKind kind, OutboundRequest request, std::int64_t clOrdIdRun) {
    this->order(order);
    event({order.state.id, order.state.updatedAt, kind, request.clOrdId, {}});
    this->clOrdIdRun(clOrdIdRun);
    route(std::move(request));
    commit();
}

void Effects::commit() {
    if (!touched_ && requests_.empty()) return;
    std::optional<StoreUnit> unit;
    if (std::exchange(touched_, false)) unit = std::exchange(unit_, {});
    commit_(std::move(unit), std::exchange(requests_, {}));
}

void Effects::drop() {
    unit_ = {};
    touched_ = false;
    requests_.clear();
}

void Effects::clearPublished() {
    changes_ = {};
    orderIndex_.clear();
    breachIndex_.clear();
    positionIndex_.clear();
    fundPositionIndex_.clear();
    cashIndex_.clear();
}

}  // namespace ob

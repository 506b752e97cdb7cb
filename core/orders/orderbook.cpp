#include "orderbook.h"

#include "orders/orderstatemachine.h"

#include <optional>

namespace ob {

namespace sm = order_state_machine;

OrderBook::OrderBook() = default;
OrderBook::~OrderBook() = default;

std::string OrderBook::brokerKey(std::string_view session, std::string_view brokerOrderId) {
    std::string key;
    key.reserve(session.size() + brokerOrderId.size() + 1);
    key.append(session).push_back('\x1f');
    key.append(brokerOrderId);
    return key;
}

Result<const Order*> OrderBook::create(OrderId id, const NewOrderRequest& request, std::string clOrdId, Timestamp at) {
    if (byClOrdId_.contains(clOrdId)) return Error{"ClOrdID '" + clOrdId + "' is already in use"};
    if (orders_.contains(id)) return Error{"order id " + std::to_string(id) + " is already in use"};
    auto order = sm::create(id, request, std::move(clOrdId), at);
    if (!order) return Error{order.error()};
    auto& stored = orders_[id] = std::make_unique<Order>(std::move(order).value());
    byClOrdId_.insert(stored->state.clOrdId, stored.get());
    return stored.get();
}

OrderBook::Applied OrderBook::applyRequest(Order* order, std::string clOrdId,
                                           Outcome (*request)(Order&, std::string, const OrderTerms&, Timestamp),
                                           const OrderTerms& terms, Timestamp at) {
    if (!order) return {Outcome::refused("no such order"), nullptr};
    if (byClOrdId_.contains(clOrdId)) return {Outcome::refused("ClOrdID '" + clOrdId + "' is already in use"), order};
    auto outcome = request(*order, clOrdId, terms, at);
    if (outcome.isApplied()) byClOrdId_.insert(clOrdId, order);
    return {std::move(outcome), order};
}

const Order* OrderBook::markCompliance(OrderId id, ComplianceMark mark, bool held, Timestamp at) {
    auto* order = findMutable(id);
    if (!order) return nullptr;
    order->state.compliance = mark;
    order->state.held = held;
    order->state.updatedAt = at;
    return order;
}

OrderBook::Applied OrderBook::closeUnsent(OrderId id, OrderPhase phase, std::string text, Timestamp at) {
    auto* order = findMutable(id);
    if (!order) return {Outcome::refused("no such order"), nullptr};
    const bool neverHandedOver = !order->chain.empty() && order->chain.front().kind == RequestKind::New &&
                                 order->chain.front().state == RequestState::Pending && !order->chain.front().sent;
    if (!order->state.isUnsent() && !neverHandedOver)
        return {Outcome::refused("order " + std::to_string(id) + " was sent; it can only be cancelled at the broker"), order};
    order->state.held = false;
    order->state.staged = false;
    order->state.phase = phase;
    order->state.text = std::move(text);
    order->state.updatedAt = at;
    if (!order->chain.empty()) order->chain.front().state = RequestState::Rejected;
    return {Outcome::applied(), order};
}

void OrderBook::markSent(OrderId id, std::string_view clOrdId) {
    if (auto* order = findMutable(id))
        if (auto* link = order->findLink(clOrdId)) link->sent = true;
}

const Order* OrderBook::markUnconfirmed(OrderId id, std::string why, Timestamp at) {
    auto* order = findMutable(id);
    if (!order) return nullptr;
    order->state.unconfirmed = true;
    order->state.text = std::move(why);
    order->state.updatedAt = at;
    return order;
}

const Order* OrderBook::keepTermsInDoubt(OrderId id, const OrderTerms& terms) {
    auto* order = findMutable(id);
    if (!order || !order->state.pending || order->state.pending->kind != RequestKind::Cancel) return order;
    order->state.pending->terms = terms;
    return order;
}

OrderBook::Applied OrderBook::markRejected(OrderId id, std::string text, Timestamp at) {
    auto* order = findMutable(id);
    if (!order) return {Outcome::refused("no such order"), nullptr};
    auto& state = order->state;
    if (!state.unconfirmed) return {Outcome::refused("order " + std::to_string(id) + " is not unconfirmed"), order};
    if (state.pending) {
        if (auto* link = order->findLink(state.pending->clOrdId)) link->state = RequestState::Rejected;
        state.pending.reset();
    } else if (state.phase == OrderPhase::PendingNew || state.phase == OrderPhase::Working) {
        state.phase = state.cumQty.isZero() ? OrderPhase::Rejected : OrderPhase::Canceled;
        if (auto* link = order->findLink(state.clOrdId); link && link->state == RequestState::Pending)
            link->state = RequestState::Rejected;
    }
    state.unconfirmed = false;
    state.text = std::move(text);
    state.updatedAt = at;
    return {Outcome::applied(), order};
}

OrderBook::Applied OrderBook::releaseStaged(OrderId id, std::string session, std::string trader, Timestamp at) {
    auto* order = findMutable(id);
    if (!order) return {Outcome::refused("no such order"), nullptr};
    if (!order->state.staged) return {Outcome::refused("order " + std::to_string(id) + " is not staged"), order};
    if (session.empty())
        return {Outcome::refused("choose the broker session to send order " + std::to_string(id) + " to"), order};
    order->state.staged = false;
    order->state.session = std::move(session);
    order->state.owner = std::move(trader);
    order->state.createdAt = at;  // it enters the market, and the day's trading, now
    order->state.updatedAt = at;
    return {Outcome::applied(), order};
}

OrderBook::Applied OrderBook::requestCancel(OrderId id, std::string clOrdId, Timestamp at) {
    auto cancel = [](Order& order, std::string newId, const OrderTerms&, Timestamp when) {
        return sm::requestCancel(order, std::move(newId), when);
    };
    return applyRequest(findMutable(id), std::move(clOrdId), cancel, OrderTerms{}, at);
}

OrderBook::Applied OrderBook::requestReplace(OrderId id, std::string clOrdId, const OrderTerms& terms, Timestamp at) {
    return applyRequest(findMutable(id), std::move(clOrdId), &sm::requestReplace, terms, at);
}

Order* OrderBook::locate(std::string_view session, std::string_view clOrdId, std::string_view origClOrdId,
                         std::string_view brokerOrderId) {
    for (auto id : {clOrdId, origClOrdId}) {
        if (id.empty()) continue;
        if (auto* order = byClOrdId_.find(id)) return order;
    }
    if (!brokerOrderId.empty()) {
        if (auto it = byBrokerOrderId_.find(brokerKey(session, brokerOrderId)); it != byBrokerOrderId_.end()) return it->second;
    }
    return nullptr;
}

namespace {
std::string unknownOrder(std::string_view clOrdId, std::string_view origClOrdId, std::string_view brokerOrderId) {
    return "no order has ClOrdID '" + std::string(clOrdId) + "', OrigClOrdID '" + std::string(origClOrdId) + "' or OrderID '" +
           std::string(brokerOrderId) + "'";
}

/// An order takes reports and rejects only from the session it was routed to.
std::optional<Outcome> fromAnotherSession(const Order& order, const Envelope& envelope, std::string_view does) {
    if (envelope.session == order.state.session) return std::nullopt;
    return Outcome::refused("session '" + envelope.session + "' " + std::string(does) + " an order routed to '" +
                            order.state.session + "'");
}
}  // namespace

OrderBook::Applied OrderBook::apply(const Inbound<ExecutionReport>& inbound, Undo* undo) {
    const auto& [envelope, report] = inbound;
    Order* order = locate(envelope.session, report.clOrdId, report.origClOrdId, report.brokerOrderId);
    if (!order) return {Outcome::refused(unknownOrder(report.clOrdId, report.origClOrdId, report.brokerOrderId)), nullptr};
    if (auto refused = fromAnotherSession(*order, envelope, "reports on")) return {std::move(*refused), order};
    // Only a report that names a new OrderID can move the order in that index.
    const bool newBrokerId = !report.brokerOrderId.empty() && report.brokerOrderId != order->state.brokerOrderId;
    const std::string brokerOrderIdBefore = newBrokerId ? order->state.brokerOrderId : std::string();
    auto outcome = sm::apply(*order, report, envelope.receivedAt, undo ? &undo->before : nullptr);
    if (outcome.isApplied() && newBrokerId) reindex(*order, brokerOrderIdBefore);
    if (undo) undo->order = outcome.isApplied() ? order : nullptr;
    return {std::move(outcome), order};
}

void OrderBook::undo(Undo&& undo) {
    if (!undo.order) return;
    Order& order = *undo.order;
    const std::string brokerOrderIdNow = order.state.brokerOrderId;
    sm::undo(order, std::move(undo.before));
    if (order.state.brokerOrderId == brokerOrderIdNow) return;
    auto it = byBrokerOrderId_.find(brokerKey(order.state.session, brokerOrderIdNow));
    if (it != byBrokerOrderId_.end() && it->second == &order) byBrokerOrderId_.erase(it);
    reindex(order, {});
}

OrderBook::Applied OrderBook::apply(const Inbound<CancelReject>& inbound) {
    const auto& [envelope, reject] = inbound;
    Order* order = locate(envelope.session, reject.clOrdId, reject.origClOrdId, reject.brokerOrderId);
    if (!order) return {Outcome::refused(unknownOrder(reject.clOrdId, reject.origClOrdId, reject.brokerOrderId)), nullptr};
    if (auto refused = fromAnotherSession(*order, envelope, "answers for")) return {std::move(*refused), order};
    return {sm::apply(*order, reject, envelope.receivedAt), order};
}

OrderBook::Applied OrderBook::apply(const Inbound<RequestReject>& inbound) {
    const auto& [envelope, reject] = inbound;
    Order* order = locate(envelope.session, reject.clOrdId, {}, {});
    if (!order) return {Outcome::refused(unknownOrder(reject.clOrdId, {}, {})), nullptr};
    if (auto refused = fromAnotherSession(*order, envelope, "rejects a request of")) return {std::move(*refused), order};
    return {sm::apply(*order, reject, envelope.receivedAt), order};
}

void OrderBook::reindex(const Order& order, std::string_view brokerOrderIdBefore) {
    const auto& state = order.state;
    if (state.brokerOrderId == brokerOrderIdBefore || state.brokerOrderId.empty()) return;
    if (!brokerOrderIdBefore.empty()) {
        auto it = byBrokerOrderId_.find(brokerKey(state.session, brokerOrderIdBefore));
        if (it != byBrokerOrderId_.end() && it->second == &order) byBrokerOrderId_.erase(it);
    }
    // Sell sides that restart their order ids each day reuse them: the newest order owns the id.
    byBrokerOrderId_.insert_or_assign(brokerKey(state.session, state.brokerOrderId), const_cast<Order*>(&order));
}

Status OrderBook::restore(Order order) {
    const OrderId id = order.state.id;
    if (orders_.contains(id)) return Error{"order id " + std::to_string(id) + " is already in the book"};
    for (const auto& link : order.chain)
        if (byClOrdId_.contains(link.clOrdId)) return Error{"ClOrdID '" + link.clOrdId + "' is already in use"};
    auto& stored = orders_[id] = std::make_unique<Order>(std::move(order));
    for (const auto& link : stored->chain) byClOrdId_.insert(link.clOrdId, stored.get());
    reindex(*stored, {});
    return {};
}

Order* OrderBook::findMutable(OrderId id) {
    auto it = orders_.find(id);
    return it == orders_.end() ? nullptr : it->second.get();
}

const Order* OrderBook::find(OrderId id) const {
    auto it = orders_.find(id);
    return it == orders_.end() ? nullptr : it->second.get();
}

const Order* OrderBook::findByClOrdId(std::string_view clOrdId) const { return byClOrdId_.find(clOrdId); }

const Order* OrderBook::findByBrokerOrderId(std::string_view session, std::string_view brokerOrderId) const {
    auto it = byBrokerOrderId_.find(brokerKey(session, brokerOrderId));
    return it == byBrokerOrderId_.end() ? nullptr : it->second;
}

void OrderBook::forEach(const std::function<void(const Order&)>& visit) const {
    for (const auto& [id, order] : orders_) visit(*order);
}

}  // namespace ob

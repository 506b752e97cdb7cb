// The order engine's recovery: nothing stays in doubt. Each request handed to FIX is recorded; when a session
// logs on (at start, after a crash or a full disk, after a dropped connection), requests committed but never
// handed over are sent, and the sell side is asked where every order it has not answered stands. An order it
// does not confirm in time, or does not know, is unconfirmed until a person resolves it.
#include "orderengine.h"

#include "engine/batchchanges.h"

#include <spdlog/spdlog.h>

namespace ob {

std::future<Outcome> OrderEngine::resolveUnconfirmed(OrderId id, Resolution how, Actor actor) {
    ResolveUnconfirmed command{id, how, std::move(actor), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::handle(Routed& routed, BatchChanges&) {
    if (!halted_.empty()) return;
    StoreUnit unit;
    for (const auto& request : routed.requests) {
        routing_.erase(request.clOrdId);
        if (request.kind == RequestKind::Status) {
            // Not asked after all (the session went down): the next logon asks again.
            if (!request.handedOver) awaitingStatus_.erase(request.order);
            continue;
        }
        if (!request.handedOver) continue;
        book_.markSent(request.order, request.clOrdId);
        unit.handedOver.push_back({request.session, request.clOrdId});
    }
    if (!unit.handedOver.empty()) lastSubmitted_ = store_.submit(std::move(unit));
}

OutboundRequest OrderEngine::requestOf(const Order& order, const ClOrdIdLink& link) {
    const auto& state = order.state;
    const bool pending = state.pending && state.pending->clOrdId == link.clOrdId;
    OutboundRequest request{link.kind, state, link.clOrdId, {}, state.terms, true};
    if (link.kind != RequestKind::New) request.origClOrdId = state.clOrdId;
    if (link.kind == RequestKind::Replace && pending) request.terms = state.pending->terms;
    return request;
}

void OrderEngine::handle(SessionLoggedOn& logon, BatchChanges& changes) {
    if (!halted_.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    std::vector<OutboundRequest> neverSent;
    std::vector<OrderId> expired;
    std::vector<OutboundRequest> questions;
    book_.forEach([&](const Order& order) {
        const auto& state = order.state;
        // A finished order owes nothing, even when the sell side never acknowledged what finished it.
        if (state.session != logon.session || state.isUnsent() || state.isDone()) return;
        bool unanswered = false;
        for (const auto& link : order.chain) {
            if (link.state != RequestState::Pending || routing_.count(link.clOrdId)) continue;
            if (link.sent) {
                unanswered = true;
            } else if (link.kind == RequestKind::New && !state.isMultiDay() && tradeDateOf(state.createdAt) < tradeDate_) {
                expired.push_back(state.id);  // its day ended before it ever left
                return;
            } else {
                neverSent.push_back(requestOf(order, link));
            }
        }
        if (unanswered && !awaitingStatus_.count(state.id)) {
            const auto& asked = state.pending ? state.pending->clOrdId : state.clOrdId;
            questions.push_back({RequestKind::Status, state, asked, {}, state.terms, false});
        }
    });
    for (const auto id : expired) {
        const auto applied = book_.closeUnsent(id, OrderPhase::Expired, "expired: its day ended before it reached the broker",
                                               options_.clock());
        if (!applied.outcome.isApplied()) continue;
        StoreUnit unit;
        unit.audit.push_back(audit(Actor::system(), "order.expire", "order " + std::to_string(id),
                                   "committed but never handed to FIX before its day ended; never sent"));
        persist(*applied.order, OrderEventKind::ExpiredNeverSent, applied.order->state.text, std::move(unit), changes);
    }
    for (auto& request : neverSent) queueRoute(std::move(request), lastSubmitted_);
    for (auto& question : questions) {
        awaitingStatus_[question.order.id] = now + logon.statusTimeout;
        queueRoute(std::move(question), lastSubmitted_);
    }
    if (!neverSent.empty() || !questions.empty() || !expired.empty())
        spdlog::info("{} logged on: {} requests that never left sent, {} orders asked for their status, {} expired unsent",
                     logon.session, neverSent.size(), questions.size(), expired.size());
}

std::chrono::steady_clock::time_point OrderEngine::nextStatusDeadline() const {
    auto next = std::chrono::steady_clock::time_point::max();
    for (const auto& [id, due] : awaitingStatus_) next = std::min(next, due);
    return next;
}

void OrderEngine::expireStatusRequests(BatchChanges& changes) {
    if (awaitingStatus_.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    std::vector<OrderId> overdue;
    for (const auto& [id, due] : awaitingStatus_)
        if (due <= now) overdue.push_back(id);
    for (const auto id : overdue) {
        awaitingStatus_.erase(id);
        markUnconfirmed(id, "the broker did not answer a status request about it in time", changes);
    }
}

void OrderEngine::markUnconfirmed(OrderId id, const std::string& why, BatchChanges& changes) {
    awaitingStatus_.erase(id);
    const auto* order = book_.markUnconfirmed(id, why, options_.clock());
    if (!order) return;
    const std::string message = "order " + std::to_string(id) + " is unconfirmed: " + why +
                                "; resolve it (cancel it at the broker, or mark it rejected) once you know where it stands";
    spdlog::error("{}", message);
    changes.alert({options_.clock(), EngineAlert::Severity::Error, id, message});
    StoreUnit unit;
    unit.audit.push_back(audit(Actor::system(), "order.unconfirmed", "order " + std::to_string(id), why));
    persist(*order, OrderEventKind::Unconfirmed, why, std::move(unit), changes);
}

void OrderEngine::handle(ResolveUnconfirmed& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Outcome::refused(failed.error()));
        return;
    }
    if (!command.actor.may(Permission::TradeOrders)) {
        command.done.set_value(Outcome::refused(refusal(command.actor, "resolve unconfirmed orders")));
        return;
    }
    const auto* order = book_.find(command.id);
    if (!order || !order->state.unconfirmed) {
        command.done.set_value(Outcome::refused("order " + std::to_string(command.id) + " is not unconfirmed"));
        return;
    }
    const std::string subject = "order " + std::to_string(command.id);
    if (command.how == Resolution::MarkRejected) {
        const auto applied = book_.markRejected(command.id, "marked rejected by " + command.actor.user + ": it was unconfirmed",
                                                options_.clock());
        StoreUnit unit;
        unit.audit.push_back(audit(command.actor, "order.unconfirmed.mark-rejected", subject,
                                   "the trader says it is not at the broker; now " +
                                       std::string(nameOf(applied.order->state.status()))));
        persist(*applied.order, OrderEventKind::ResolvedUnconfirmed, applied.order->state.text, std::move(unit), changes);
        command.done.set_value(applied.outcome);
        return;
    }
    // A cancel: a request that was itself unanswered is given up first, then a new one asks again. The order stays
    // unconfirmed until the broker answers; a replace given up may be in force there, so its answer may carry its terms.
    const bool givesUp = order->state.pending.has_value();
    std::optional<OrderTerms> inDoubt;
    if (givesUp) {
        const auto& pending = *order->state.pending;
        if (pending.kind == RequestKind::Replace) inDoubt = pending.terms;
        auto why = "unanswered " + std::string(nameOf(pending.kind)) + " request given up by " + command.actor.user;
        book_.markRejected(command.id, why, options_.clock());
        book_.markUnconfirmed(command.id, std::move(why), options_.clock());
    }
    StoreUnit unit;
    unit.audit.push_back(audit(command.actor, "order.unconfirmed.cancel", subject, "a cancel request sent to the broker"));
    auto outcome = request(command.id, RequestKind::Cancel, {}, std::move(unit), changes,
                           [&](const Order& cancelling, StoreUnit&) -> const Order& {
                               return inDoubt ? *book_.keepTermsInDoubt(command.id, *inDoubt) : cancelling;
                           });
    // A cancel refused here (the order cannot be cancelled) still leaves the request given up, on record.
    if (!outcome.isApplied() && givesUp) {
        const auto& given = *book_.find(command.id);
        persist(given, OrderEventKind::ResolvedUnconfirmed, given.state.text, {}, changes);
    }
    command.done.set_value(std::move(outcome));
}

}  // namespace ob

#include "engine/indoubtrecovery.h"

#include "engine/changeset.h"
#include "engine/commands.h"
#include "engine/durablerouter.h"
#include "engine/effects.h"
#include "engine/orderentry.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace ob {

void InDoubtRecovery::handle(command::Routed& routed, Effects& effects) {
    if (!context_.halted.empty()) return;
    for (const auto& request : routed.requests) {
        router_.settled(request.clOrdId);
        if (request.kind == RequestKind::Status) {
            // Not asked after all (the session went down): the next logon asks again.
            if (!request.handedOver) awaitingStatus_.erase(request.order);
            continue;
        }
        if (!request.handedOver) continue;
        context_.book.markSent(request.order, request.clOrdId);
        effects.handedOver(request.session, request.clOrdId);
    }
    effects.commit();
}

OutboundRequest InDoubtRecovery::requestOf(const Order& order, const ClOrdIdLink& link) {
    const auto& state = order.state;
    const bool pending = state.pending && state.pending->clOrdId == link.clOrdId;
    OutboundRequest request{link.kind, state, link.clOrdId, {}, state.terms, true};
    if (link.kind != RequestKind::New) request.origClOrdId = state.clOrdId;
    if (link.kind == RequestKind::Replace && pending) request.terms = state.pending->terms;
    return request;
}

void InDoubtRecovery::handle(SessionLoggedOn& logon, Effects& effects) {
    if (!context_.halted.empty()) return;
    auto& book = context_.book;
    const auto now = std::chrono::steady_clock::now();
    std::vector<OutboundRequest> neverSent;
    std::vector<OrderId> expired;
    std::vector<OutboundRequest> questions;
    book.forEach([&](const Order& order) {
        const auto& state = order.state;
        // A finished order owes nothing, even when the sell side never acknowledged what finished it.
        if (state.session != logon.session || state.isUnsent() || state.isDone()) return;
        bool unanswered = false;
        for (const auto& link : order.chain) {
            if (link.state != RequestState::Pending || router_.routing(link.clOrdId)) continue;
            if (link.sent) {
                unanswered = true;
            } else if (link.kind == RequestKind::New && !state.isMultiDay() &&
                       tradeDateOf(state.createdAt) < context_.tradeDate) {
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
        const auto applied =
            book.closeUnsent(id, OrderPhase::Expired, "expired: its day ended before it reached the broker", context_.now());
        if (!applied.outcome.isApplied()) continue;
        effects.audit(Actor::system(), "order.expire", "order " + std::to_string(id),
                      "committed but never handed to FIX before its day ended; never sent");
        effects.persist(*applied.order, OrderEventKind::ExpiredNeverSent, applied.order->state.text);
    }
    const auto sent = neverSent.size();
    const auto asked = questions.size();
    // They leave after whatever is written by now: they record nothing new.
    for (auto& request : neverSent) effects.route(std::move(request));
    for (auto& question : questions) {
        awaitingStatus_[question.order.id] = now + logon.statusTimeout;
        effects.route(std::move(question));
    }
    effects.commit();
    if (sent || asked || !expired.empty())
        spdlog::info("{} logged on: {} requests that never left sent, {} orders asked for their status, {} expired unsent",
                     logon.session, sent, asked, expired.size());
}

std::optional<std::chrono::steady_clock::time_point> InDoubtRecovery::nextStatusDeadline() const {
    if (awaitingStatus_.empty()) return std::nullopt;
    auto next = std::chrono::steady_clock::time_point::max();
    for (const auto& [id, due] : awaitingStatus_) next = std::min(next, due);
    return next;
}

void InDoubtRecovery::expireStatusRequests(Effects& effects) {
    if (awaitingStatus_.empty()) return;
    const auto now = std::chrono::steady_clock::now();
    std::vector<OrderId> overdue;
    for (const auto& [id, due] : awaitingStatus_)
        if (due <= now) overdue.push_back(id);
    for (const auto id : overdue) {
        awaitingStatus_.erase(id);
        markUnconfirmed(id, "the broker did not answer a status request about it in time", effects);
    }
}

void InDoubtRecovery::markUnconfirmed(OrderId id, const std::string& why, Effects& effects) {
    awaitingStatus_.erase(id);
    const auto* order = context_.book.markUnconfirmed(id, why, context_.now());
    if (!order) return;
    const std::string message = "order " + std::to_string(id) + " is unconfirmed: " + why +
                                "; resolve it (cancel it at the broker, or mark it rejected) once you know where it stands";
    spdlog::error("{}", message);
    effects.alert(EngineAlert::Severity::Error, id, message);
    effects.audit(Actor::system(), "order.unconfirmed", "order " + std::to_string(id), why);
    effects.persist(*order, OrderEventKind::Unconfirmed, why);
}

void InDoubtRecovery::handle(command::ResolveUnconfirmed& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::TradeOrders, "resolve unconfirmed orders"); !allowed) {
        command.done.set_value(Outcome::refused(allowed.error()));
        return;
    }
    auto& book = context_.book;
    const auto* order = book.find(command.id);
    if (!order || !order->state.unconfirmed) {
        command.done.set_value(Outcome::refused("order " + std::to_string(command.id) + " is not unconfirmed"));
        return;
    }
    const std::string subject = "order " + std::to_string(command.id);
    if (command.how == Resolution::MarkRejected) {
        const auto applied =
            book.markRejected(command.id, "marked rejected by " + command.actor.user + ": it was unconfirmed", context_.now());
        effects.audit(command.actor, "order.unconfirmed.mark-rejected", subject,
                      "the trader says it is not at the broker; now " + std::string(nameOf(applied.order->state.status())));
        effects.persist(*applied.order, OrderEventKind::ResolvedUnconfirmed, applied.order->state.text);
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
        book.markRejected(command.id, why, context_.now());
        book.markUnconfirmed(command.id, std::move(why), context_.now());
    }
    effects.audit(command.actor, "order.unconfirmed.cancel", subject, "a cancel request sent to the broker");
    auto outcome = entry_.request(command.id, RequestKind::Cancel, {}, effects, [&](const Order& cancelling) -> const Order& {
        return inDoubt ? *book.keepTermsInDoubt(command.id, *inDoubt) : cancelling;
    });
    // A cancel refused here (the order cannot be cancelled) still leaves the request given up, on record.
    if (!outcome.isApplied() && givesUp) {
        const auto& given = *book.find(command.id);
        effects.persist(given, OrderEventKind::ResolvedUnconfirmed, given.state.text);
    }
    command.done.set_value(std::move(outcome));
}

void InDoubtRecovery::fill(BookSnapshot& snapshot) const {
    for (const auto& [id, due] : awaitingStatus_) snapshot.awaitingStatus.push_back(id);
}

}  // namespace ob

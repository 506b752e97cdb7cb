#include "engine/orderentry.h"

#include "engine/commands.h"
#include "engine/compliancegate.h"
#include "engine/effects.h"
#include "util/text.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace ob {

namespace {

std::string describeOrder(const OrderState& s) {
    std::string text = std::string(nameOf(s.side)) + " " + s.terms.quantity.toString() + " " + s.symbol + " " +
                       std::string(nameOf(s.terms.type));
    if (s.terms.limitPrice) text += " limit " + s.terms.limitPrice->toString();
    if (s.terms.stopPrice) text += " stop " + s.terms.stopPrice->toString();
    return text + " " + std::string(nameOf(s.terms.timeInForce)) + " for " + s.account + " via " + s.session;
}

}  // namespace

void OrderEntry::handle(command::Submit& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::TradeOrders, "enter orders"); !allowed) {
        command.done.set_value(Error{allowed.error()});
        return;
    }
    if (auto takes = context_.takesNewOrders(command.request); !takes) {
        command.done.set_value(Error{takes.error()});
        return;
    }
    command.request.owner = command.actor.user;
    command.request.staged = false;
    command.request.listId = 0;
    const auto now = context_.now();
    if (auto funds = gate_.blockFunds(command.request); !funds) {
        command.done.set_value(Error{funds.error()});
        return;
    }
    CheckResult check;
    if (gate_.running()) {
        check = gate_.preTrade(command.request, command.actor, 0);
        if (check.verdict == Verdict::Warn && isBlank(command.warningReason)) {
            command.done.set_value(Error{"compliance warning; give a reason to send the order anyway: " + check.summary()});
            return;
        }
    }
    const OrderId id = context_.lastOrderId + 1;
    auto created = context_.book.create(id, command.request, context_.clOrdIds.next(), now);
    if (!created) {
        context_.clOrdIds.giveBack();
        command.done.set_value(Error{created.error()});
        return;
    }
    context_.lastOrderId = id;
    const auto* order =
        sendOrHold(id, check, command.actor, command.warningReason, "order.submit", OrderEventKind::Created, effects);
    command.done.set_value(order->state);
}

const Order* OrderEntry::sendOrHold(OrderId id, const CheckResult& check, const Actor& actor, const std::string& warningReason,
                                    const std::string& action, OrderEventKind sentEvent, Effects& effects) {
    auto& book = context_.book;
    const auto now = context_.now();
    const Order* order = book.find(id);
    const bool held = check.verdict == Verdict::Block;
    if (!check.findings.empty()) {
        order = book.markCompliance(id,
                                    held                             ? ComplianceMark::Block
                                    : check.verdict == Verdict::Warn ? ComplianceMark::Warn
                                                                     : ComplianceMark::Pass,
                                    held, now);
        // A warning the trader accepted is acknowledged by them; a block waits for compliance.
        gate_.raiseBreaches(check, order->state, BreachState::Open, actor, warningReason, effects);
    }
    std::string details = describeOrder(order->state) + "; compliance " + std::string(aliasOf(order->state.compliance));
    if (check.verdict == Verdict::Warn) details += "; warning accepted: " + warningReason;
    effects.audit(actor, held ? "order.held" : action, "order " + std::to_string(id), details);
    // A held order counts toward duplicates and the trader's notional once it is released.
    if (!held) gate_.accepted(order->state, now);
    effects.clOrdIdRun(context_.clOrdIds.run());
    if (held) {
        effects.persist(*order, OrderEventKind::Held, check.summary());
    } else {
        effects.persistAndRoute(*order, sentEvent, {RequestKind::New, order->state, order->state.clOrdId, {}, order->state.terms},
                                context_.clOrdIds.run());
    }
    return order;
}

void OrderEntry::handle(command::Cancel& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::TradeOrders, "cancel orders"); !allowed) {
        command.done.set_value(Outcome::refused(allowed.error()));
        return;
    }
    const auto* order = context_.book.find(command.id);
    if (order && order->state.isUnsent()) {
        command.done.set_value(cancelUnsent(*order, command.actor, effects));
        return;
    }
    if (order) effects.audit(command.actor, "order.cancel", "order " + std::to_string(command.id), describeOrder(order->state));
    command.done.set_value(request(command.id, RequestKind::Cancel, {}, effects));
}

void OrderEntry::handle(command::Replace& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::TradeOrders, "amend orders"); !allowed) {
        command.done.set_value(Outcome::refused(allowed.error()));
        return;
    }
    const auto* order = context_.book.find(command.id);
    if (!order) {
        command.done.set_value(Outcome::refused("no such order"));
        return;
    }
    if (order->state.isBlock() &&
        (command.terms.timeInForce == TimeInForce::GoodTillCancel || command.terms.timeInForce == TimeInForce::GoodTillDate)) {
        command.done.set_value(Outcome::refused("a block order lasts the day: it cannot become GTC or GTD"));
        return;
    }
    if (order->state.isUnsent()) {
        command.done.set_value(Outcome::refused("order " + std::to_string(command.id) +
                                                (order->state.held ? " is held by compliance; cancel it or wait for the decision"
                                                                   : " is staged; release it first, or cancel it")));
        return;
    }
    if (order->state.unconfirmed) {
        // New terms for an order no one can place would be a guess on a guess: where it stands comes first.
        command.done.set_value(Outcome::refused("order " + std::to_string(command.id) +
                                                " is unconfirmed: resolve it first (cancel at the broker, or mark it rejected)"));
        return;
    }
    const std::string subject = "order " + std::to_string(command.id);
    std::string details = describeOrder(order->state) + " → " + command.terms.quantity.toString() + " " +
                          std::string(nameOf(command.terms.type)) +
                          (command.terms.limitPrice ? " limit " + command.terms.limitPrice->toString() : std::string());
    // An order that cannot take a replace now (finished, or a request outstanding) is refused below, unchecked.
    if (gate_.running() && order->state.isLive() && !order->state.pending) {
        auto amended = ComplianceGate::requestOf(order->state);
        amended.terms = command.terms;
        const auto check = gate_.preTrade(amended, command.actor, command.id);
        if (check.verdict == Verdict::Block) {
            // Not held like a new order: the order keeps its terms and the refused amend is on the record.
            gate_.raiseBreaches(check, order->state, BreachState::Rejected, Actor::system(), "the amend was refused and not sent",
                                effects);
            effects.audit(command.actor, "order.amend.blocked", subject, details + "; " + check.summary());
            effects.commit();
            command.done.set_value(Outcome::refused("blocked by compliance: " + check.summary()));
            return;
        }
        if (check.verdict == Verdict::Warn && isBlank(command.warningReason)) {
            command.done.set_value(
                Outcome::refused("compliance warning; give a reason to send the amend anyway: " + check.summary()));
            return;
        }
        if (!check.findings.empty()) details += "; warning accepted: " + command.warningReason;
        effects.audit(command.actor, "order.amend", subject, details);
        // The amend's warnings are written with it, in the same unit.
        auto outcome =
            request(command.id, RequestKind::Replace, command.terms, effects, [&](const Order& amendedOrder) -> const Order& {
                if (check.findings.empty()) return amendedOrder;
                const auto* marked =
                    context_.book.markCompliance(command.id, ComplianceMark::Warn, false, amendedOrder.state.updatedAt);
                gate_.raiseBreaches(check, marked->state, BreachState::Open, command.actor, command.warningReason, effects);
                return *marked;
            });
        if (outcome.isApplied()) gate_.acceptedAmend(amended, command.actor, command.id);
        command.done.set_value(std::move(outcome));
        return;
    }
    effects.audit(command.actor, "order.amend", subject, details);
    command.done.set_value(request(command.id, RequestKind::Replace, command.terms, effects));
}

Outcome OrderEntry::request(OrderId id, RequestKind kind, const OrderTerms& terms, Effects& effects,
                            const OnRequested& onRequested) {
    if (auto failed = context_.storeFailure(); !failed) {
        effects.drop();
        return Outcome::refused(failed.error());
    }
    auto& book = context_.book;
    const auto* before = book.find(id);
    const std::string origClOrdId = before ? before->state.clOrdId : std::string();
    auto clOrdId = context_.clOrdIds.next();
    const auto now = context_.now();
    const auto applied =
        kind == RequestKind::Cancel ? book.requestCancel(id, clOrdId, now) : book.requestReplace(id, clOrdId, terms, now);
    if (!applied.outcome.isApplied()) {
        // Nothing was asked: what the unit recorded about asking it is not written.
        context_.clOrdIds.giveBack();
        effects.drop();
        return applied.outcome;
    }
    const Order& order = onRequested ? onRequested(*applied.order) : *applied.order;
    const auto event = kind == RequestKind::Cancel ? OrderEventKind::CancelRequested : OrderEventKind::ReplaceRequested;
    const OrderTerms& sent = kind == RequestKind::Cancel ? order.state.terms : terms;
    effects.persistAndRoute(order, event, {kind, order.state, std::move(clOrdId), origClOrdId, sent}, context_.clOrdIds.run());
    return applied.outcome;
}

Outcome OrderEntry::cancelUnsent(const Order& order, const Actor& actor, Effects& effects) {
    const std::string where = order.state.held ? "held by compliance" : "staged";
    return closeUnsent(order, actor,
                       {OrderPhase::Canceled, OrderEventKind::CanceledUnsent, "cancelled by " + actor.user + " while " + where,
                        "the order was cancelled before compliance decided; it was never sent", "order.cancel",
                        "cancelled while " + where + "; never sent"},
                       effects);
}

void OrderEntry::expireStaleHeldOrders(Effects& effects) {
    const Timestamp now = context_.now();
    std::vector<const Order*> stale;
    context_.book.forEach([&](const Order& order) {
        const auto& state = order.state;
        if (!state.held) return;
        const auto tif = state.terms.timeInForce;
        const bool dayEnded = tif != TimeInForce::GoodTillCancel && tif != TimeInForce::GoodTillDate &&
                              tradeDateOf(state.createdAt) < context_.tradeDate;
        const bool dateReached = tif == TimeInForce::GoodTillDate && state.terms.expireTime && *state.terms.expireTime <= now;
        if (dayEnded || dateReached) stale.push_back(&order);
    });
    for (const auto* order : stale) {
        const std::string tif(nameOf(order->state.terms.timeInForce));
        (void)closeUnsent(*order, Actor::system(),
                          {OrderPhase::Expired, OrderEventKind::ExpiredUnsent,
                           "expired while held by compliance: its time in force (" + tif + ") ended",
                           "the order expired before compliance decided; it was never sent", "order.expire",
                           "expired while held by compliance (" + tif + "); never sent"},
                          effects);
    }
    if (!stale.empty()) spdlog::info("expired {} held orders whose time in force had ended", stale.size());
}

Outcome OrderEntry::closeUnsent(const Order& order, const Actor& actor, UnsentClosing closing, Effects& effects) {
    const OrderId id = order.state.id;
    const auto applied = context_.book.closeUnsent(id, closing.phase, std::move(closing.text), context_.now());
    if (!applied.outcome.isApplied()) return applied.outcome;
    gate_.rejectBreachesOf(id, actor, closing.breachReason, effects);
    effects.audit(actor, std::move(closing.auditAction), "order " + std::to_string(id), std::move(closing.auditDetails));
    effects.persist(*applied.order, closing.event, applied.order->state.text);
    return applied.outcome;
}

}  // namespace ob

#include "engine/inboundreports.h"

#include "engine/effects.h"
#include "engine/indoubtrecovery.h"
#include "engine/positionkeeper.h"
#include "orders/orderstatemachine.h"

#include <spdlog/spdlog.h>

namespace ob {

namespace {
QuarantinedMessage quarantined(const Envelope& envelope, std::string reason, OrderId orderId) {
    return {0,      envelope.receivedAt, envelope.session, envelope.msgSeqNum, envelope.msgType, envelope.raw, std::move(reason),
            orderId};
}
}  // namespace

void InboundReports::restore(std::vector<ExecutionRecord> executions, std::map<std::string, SessionProgress> progress) {
    executions_ = std::move(executions);
    progressAtStart_ = std::move(progress);
    for (const auto& [session, known] : progressAtStart_) epochs_[session] = known.epoch;
}

void InboundReports::handle(const Inbound<ExecutionReport>& inbound, Effects& effects) {
    if (!context_.halted.empty()) return;  // not applied, not recorded: resent after the restart
    const auto& [envelope, report] = inbound;
    auto& book = context_.book;
    OrderBook::Undo undo;
    auto applied = book.apply(inbound, &undo);
    if (applied.outcome.isApplied()) {
        try {
            // Every figure the fill makes is worked out and checked before the ledger changes; a fill it cannot
            // take whole takes the order back to where it was, and the report is refused.
            const Order& order = *applied.order;
            const auto booking = positions_.plan(order.state, report.execType, order_state_machine::tradeOf(order, report));
            if (!booking) {
                book.undo(std::move(undo));
                applied.outcome = Outcome::refused("the book of positions cannot take it: " + booking.error());
            } else {
                auto execution = ExecutionRecord::of(inbound, order.state);
                positions_.book(*booking, execution, effects);
                effects.execution(execution);
                executions_.push_back(std::move(execution));
                recovery_.answered(order.state.id);
                if (order.state.unconfirmed) {
                    const std::string message = "order " + std::to_string(order.state.id) +
                                                " is unconfirmed: " + order.state.text +
                                                "; resolve it (cancel it at the broker, or mark it rejected)";
                    spdlog::error("{}", message);
                    effects.alert(EngineAlert::Severity::Error, order.state.id, message);
                    effects.event({order.state.id, envelope.receivedAt, OrderEventKind::Unconfirmed, order.state.clOrdId,
                                   order.state.text});
                    effects.audit(Actor::system(), "order.unconfirmed", "order " + std::to_string(order.state.id),
                                  order.state.text);
                }
            }
        } catch (...) {
            book.undo(std::move(undo));
            throw;
        }
    }
    settle(applied, std::nullopt, envelope,
           "ExecutionReport " + report.execId + " (" + std::string(nameOf(report.execType)) + ")", effects);
}

void InboundReports::handle(const Inbound<CancelReject>& reject, Effects& effects) {
    if (!context_.halted.empty()) return;
    settleReject(reject, OrderEventKind::CancelRejected, "OrderCancelReject for " + reject.event.clOrdId, effects);
}

void InboundReports::handle(const Inbound<RequestReject>& inbound, Effects& effects) {
    if (!context_.halted.empty()) return;
    const auto& [envelope, reject] = inbound;
    if (reject.refused == RequestKind::Status) {
        // The sell side refused our question, not the order: no one can say where the order stands.
        if (const auto* order = context_.book.findByClOrdId(reject.clOrdId))
            recovery_.markUnconfirmed(order->state.id, "the broker refused a status request about it: " + reject.reason, effects);
        effects.inbound(envelope.session, envelope.msgSeqNum);
        effects.commit();
        return;
    }
    settleReject(inbound, OrderEventKind::RequestRejected, "reject of " + reject.clOrdId, effects);
}

template <typename Reject>
void InboundReports::settleReject(const Inbound<Reject>& inbound, OrderEventKind kind, std::string_view what, Effects& effects) {
    const auto& [envelope, reject] = inbound;
    const auto applied = context_.book.apply(inbound);
    std::optional<OrderEventRecord> event;
    if (applied.order)
        event = OrderEventRecord{applied.order->state.id, envelope.receivedAt, kind, reject.clOrdId, reject.reason};
    settle(applied, std::move(event), envelope, what, effects);
}

void InboundReports::handle(QuarantinedMessage& message, Effects& effects) {
    if (!context_.halted.empty()) return;
    spdlog::warn("quarantined {} message {} from {}: {}", message.msgType, message.msgSeqNum, message.session, message.reason);
    effects.alert(EngineAlert::Severity::Warning, message.orderId, message.reason);
    effects.inbound(message.session, message.msgSeqNum);
    effects.quarantine(std::move(message));
    effects.commit();
}

void InboundReports::handle(SessionEpoch& epoch, Effects& effects) {
    if (!context_.halted.empty()) return;
    auto& known = epochs_[epoch.session];
    if (known == epoch.epoch) return;
    spdlog::info("{}: sequence numbers started again ({}); recorded progress restarts", epoch.session, epoch.epoch);
    known = epoch.epoch;
    effects.epoch(std::move(epoch));
    effects.commit();
}

void InboundReports::settle(const OrderBook::Applied& applied, std::optional<OrderEventRecord> event, const Envelope& envelope,
                            std::string_view what, Effects& effects) {
    const auto& outcome = applied.outcome;
    effects.inbound(envelope.session, envelope.msgSeqNum);
    if (outcome.isApplied()) {
        if (event) effects.event(std::move(*event));
        effects.order(*applied.order);
        if (!outcome.detail.empty()) {
            spdlog::warn("order {}: {}", applied.order->state.id, outcome.detail);
            effects.alert(EngineAlert::Severity::Warning, applied.order->state.id, outcome.detail);
        }
    } else {
        const OrderId id = applied.order ? applied.order->state.id : 0;
        if (outcome.isDuplicate()) {
            spdlog::debug("{} ignored: {}", what, outcome.detail);
        } else {
            // Never dropped: the message is kept whole and the trader is told.
            const std::string reason = std::string(what) + " refused: " + outcome.detail;
            spdlog::warn("{}", reason);
            effects.quarantine(quarantined(envelope, reason, id));
            effects.alert(EngineAlert::Severity::Warning, id, reason);
        }
    }
    effects.commit();
}

void InboundReports::quarantine(const Envelope& envelope, const std::string& error, Effects& effects) {
    const std::string reason = std::string("internal error while applying it, nothing of it was applied: ") + error;
    spdlog::critical("{} message {} from {}: {}", envelope.msgType, envelope.msgSeqNum, envelope.session, reason);
    effects.alert(EngineAlert::Severity::Error, 0, reason);
    effects.inbound(envelope.session, envelope.msgSeqNum);
    effects.quarantine(quarantined(envelope, reason, 0));
    effects.commit();
}

}  // namespace ob

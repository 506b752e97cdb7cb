#pragma once

#include "engine/enginecontext.h"
#include "orders/inbound.h"
#include "orders/orderevents.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob {

class Effects;
class InDoubtRecovery;
class PositionKeeper;

/// What the sell sides report: executions (booked into the order book and the ledger whole or not at all),
/// cancel and request rejects, and messages that could not be read. Each is recorded with its inbound MsgSeqNum;
/// one the book refuses is quarantined whole, with the reason, and raises an alert: never dropped.
class InboundReports {
public:
    InboundReports(EngineContext& context, PositionKeeper& positions, InDoubtRecovery& recovery)
        : context_(context), positions_(positions), recovery_(recovery) {}

    /// Today's executions and each session's recorded progress, from the store.
    void restore(std::vector<ExecutionRecord> executions, std::map<std::string, SessionProgress> progress);

    void handle(const Inbound<ExecutionReport>& report, Effects& effects);
    void handle(const Inbound<CancelReject>& reject, Effects& effects);
    void handle(const Inbound<RequestReject>& reject, Effects& effects);
    /// Keeps a message that could not even be read as an event, with its MsgSeqNum.
    void handle(QuarantinedMessage& message, Effects& effects);
    void handle(SessionEpoch& epoch, Effects& effects);

    /// A message that failed on an internal error: the book is as it was (each handler puts it back); the message
    /// is quarantined with its MsgSeqNum, so that it is neither lost nor resent past.
    template <typename Event>
    void quarantineAfterError(const Inbound<Event>& message, const std::string& error, Effects& effects) {
        quarantine(message.envelope, error, effects);
    }

    /// Today's, for snapshots.
    const std::vector<ExecutionRecord>& executions() const { return executions_; }
    /// Per FIX session, the last inbound MsgSeqNum whose effects the store held at start, and its epoch.
    const std::map<std::string, SessionProgress>& progressAtStart() const { return progressAtStart_; }

private:
    /// Records the outcome of an inbound message: the changed order (with `event`, when it has one), or, for a
    /// refusal, the message in quarantine and an alert. The unit ends here.
    void settle(const OrderBook::Applied& applied, std::optional<OrderEventRecord> event, const Envelope& envelope,
                std::string_view what, Effects& effects);
    /// A cancel or request reject: the order takes it, with the event `kind`, or it is quarantined.
    template <typename Reject>
    void settleReject(const Inbound<Reject>& reject, OrderEventKind kind, std::string_view what, Effects& effects);
    void quarantine(const Envelope& envelope, const std::string& error, Effects& effects);

    EngineContext& context_;
    PositionKeeper& positions_;
    InDoubtRecovery& recovery_;
    std::vector<ExecutionRecord> executions_;
    std::map<std::string, SessionProgress> progressAtStart_;
    std::map<std::string, std::string> epochs_;  ///< the current epoch of each session
};

}  // namespace ob

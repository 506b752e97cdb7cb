#pragma once

#include "engine/enginecontext.h"
#include "engine/outboundrequest.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace ob {

class DurableRouter;
class Effects;
class OrderEntry;
struct BookSnapshot;
struct SessionLoggedOn;
namespace command {
struct Routed;
struct ResolveUnconfirmed;
}  // namespace command

/// Nothing stays in doubt. Each request handed to FIX is recorded; when a session logs on (at start, after a
/// crash or a full disk, after a dropped connection), requests committed but never handed over are sent, and the
/// sell side is asked where every order it has not answered stands. An order it does not confirm in time, or
/// does not know, is unconfirmed until a person resolves it.
class InDoubtRecovery {
public:
    InDoubtRecovery(EngineContext& context, DurableRouter& router, OrderEntry& entry)
        : context_(context), router_(router), entry_(entry) {}

    void handle(command::Routed& routed, Effects& effects);
    void handle(SessionLoggedOn& logon, Effects& effects);
    void handle(command::ResolveUnconfirmed& command, Effects& effects);

    /// The sell side answered about the order: no status request about it is due any more.
    void answered(OrderId id) { awaitingStatus_.erase(id); }
    /// Marks orders whose status request went unanswered in time as unconfirmed.
    void expireStatusRequests(Effects& effects);
    /// When the next status request's answer is due; none when none is awaited.
    std::optional<std::chrono::steady_clock::time_point> nextStatusDeadline() const;
    void markUnconfirmed(OrderId id, const std::string& why, Effects& effects);
    /// The engine halted: no answer is awaited any more.
    void forget() { awaitingStatus_.clear(); }
    void fill(BookSnapshot& snapshot) const;

private:
    /// The request a pending link of the chain made, to send it again.
    static OutboundRequest requestOf(const Order& order, const ClOrdIdLink& link);

    EngineContext& context_;
    DurableRouter& router_;
    OrderEntry& entry_;
    std::map<OrderId, std::chrono::steady_clock::time_point> awaitingStatus_;  ///< asked about, answer due by
};

}  // namespace ob

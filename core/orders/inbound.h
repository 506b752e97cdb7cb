#pragma once

#include "domain/timestamp.h"

#include <cstdint>
#include <string>

namespace ob {

/// What the transport knows about an inbound event and the event does not: the FIX session that sent it, its
/// MsgSeqNum and MsgType, the text as received and when it arrived. The book needs only the session (an order
/// takes reports from the session it was routed to) and the time; the engine records the MsgSeqNum as applied and
/// keeps the text whole if the book refuses the event. An event raised locally (a request the router could not
/// send) has a session and a time only.
struct Envelope {
    std::string session;
    std::int64_t msgSeqNum = 0;  ///< 0: not from a FIX session, nothing to resume from
    std::string msgType;
    std::string raw;
    Timestamp receivedAt;
};

/// A domain event (orders/orderevents.h) as it came in.
template <typename Event>
struct Inbound {
    Envelope envelope;
    Event event;
};

}  // namespace ob

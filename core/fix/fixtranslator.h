#pragma once

#include "engine/outboundrequest.h"
#include "fix/fixmessage.h"
#include "fix/quickfix/fixengine.h"
#include "fix/wireidentifiers.h"
#include "orders/inbound.h"
#include "orders/orderevents.h"

#include <string>
#include <string_view>

namespace ob {

enum class FixVersion : std::uint8_t { Fix42, Fix44 };

/// The version of a session named "FIX.4.2:SENDER->TARGET"; FIX 4.4 otherwise.
FixVersion fixVersionOf(std::string_view session);

/// "YYYYMMDD-HH:MM:SS.sss", UTC.
std::string toFixTimestamp(Timestamp time);
/// Reads UTCTimestamp text with or without a fraction of up to nine digits.
std::optional<Timestamp> parseFixTimestamp(std::string_view text);

/// Translates between FIX messages and the book's events, each read in the
/// envelope it came in (orders/inbound.h). FIX 4.2's fills
/// (ExecType 1 and 2) become Trade, its ExecTransType Cancel and Correct
/// become TradeCancel and TradeCorrect. Values are read from the wire text,
/// so prices and quantities are exact; a value that is not a decimal, or a
/// field the event cannot do without, is an error naming the field.
namespace fix_translator {

/// The transport's facts about a message: the session, its MsgSeqNum and MsgType, its text, when it came.
Envelope envelopeOf(const FixMessage& message, const std::string& session, Timestamp receivedAt);
Result<Inbound<ExecutionReport>> executionReport(const FixMessage& message, const std::string& session, Timestamp receivedAt);
Result<Inbound<CancelReject>> cancelReject(const FixMessage& message, const std::string& session, Timestamp receivedAt);
/// The ClOrdID a BusinessMessageReject names (BusinessRejectRefID), if any.
std::string businessRejectRefId(const FixMessage& message);
/// The reason of a Reject or BusinessMessageReject, in words.
std::string rejectReason(const FixMessage& message);

/// NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest or OrderStatusRequest for a request. The
/// instrument's `identifiers` that are set go with it: SecurityID and SecurityIDSource on each, ExDestination on
/// NewOrderSingle and OrderCancelReplaceRequest (the only two of these that have it, in FIX 4.2 and 4.4).
fixengine::OutboundMessage outbound(const OutboundRequest& request, Timestamp now, const InstrumentFields& identifiers = {});

}  // namespace fix_translator
}  // namespace ob

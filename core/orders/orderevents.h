#pragma once

#include "orders/order.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ob {

/// An order the user asks to send.
struct NewOrderRequest {
    std::string session;
    std::string account;
    std::string symbol;
    Side side = Side::Buy;
    OrderTerms terms;
    std::string owner = {};  ///< set by the engine from the user who asks
    /// A block order for several accounts; `account` is then the first of them. Their quantities add up to the order's.
    std::vector<Allocation> allocations = {};
    std::int64_t listId = 0;  ///< the staged list it belongs to, set by the engine
    bool staged = false;      ///< set by the engine for a list's orders
};

/// An ExecutionReport (35=8) translated from FIX to plain values. Optional
/// fields are absent when the sell side left them out. Where it came from is
/// in its Envelope (orders/inbound.h).
struct ExecutionReport {
    std::string execId;
    std::string symbol;        ///< as reported; checked against the order's
    std::optional<Side> side;  ///< as reported; checked against the order's
    ExecType execType = ExecType::New;
    std::optional<OrdStatus> ordStatus;  ///< as reported; the book derives its own
    std::string clOrdId;
    std::string origClOrdId;
    std::string brokerOrderId;
    std::string execRefId;
    std::optional<Qty> orderQty;
    std::optional<Qty> lastQty;
    std::optional<Price> lastPx;
    std::optional<Qty> cumQty;
    std::optional<Qty> leavesQty;
    std::optional<Price> avgPx;
    std::optional<OrdType> ordType;
    std::optional<Price> price;
    std::optional<Price> stopPx;
    std::optional<TimeInForce> timeInForce;
    std::optional<Timestamp> transactTime;
    std::string text;
};

/// An OrderCancelReject (35=9): the sell side refused a cancel or replace.
struct CancelReject {
    std::string clOrdId;      ///< the refused request
    std::string origClOrdId;  ///< the ClOrdID in force
    std::string brokerOrderId;
    RequestKind responseTo = RequestKind::Cancel;
    std::optional<OrdStatus> ordStatus;
    std::string reason;
};

/// A session-level Reject (35=3) or BusinessMessageReject (35=j) that names
/// one of our requests: the only answer some sell sides give to an order.
struct RequestReject {
    std::string clOrdId;
    std::string reason;
    std::optional<RequestKind> refused = {};  ///< the kind of request refused, when the reject says
};

/// An inbound message the book could not apply (unknown order, impossible
/// transition, bad values), kept whole for a person to resolve.
struct QuarantinedMessage {
    std::int64_t id = 0;  ///< assigned by the store
    Timestamp receivedAt;
    std::string session;
    std::int64_t msgSeqNum = 0;
    std::string msgType;
    std::string text;     ///< the message as received
    std::string reason;   ///< why it was not applied
    OrderId orderId = 0;  ///< the order it concerns, when one was found

    friend bool operator==(const QuarantinedMessage&, const QuarantinedMessage&) = default;
};

}  // namespace ob

#pragma once

#include "orders/order.h"

#include <string>

namespace ob {

/// The identifiers of a request's instrument besides its symbol, as the desk's reference data held them when the
/// request was made: a session may name the instrument by one of them (SecurityID, ExDestination). Empty when unknown.
struct SecurityIds {
    std::string isin;
    std::string cusip;
    std::string sedol;
    std::string mic;

    friend bool operator==(const SecurityIds&, const SecurityIds&) = default;
};

/// A request for the sell side, handed to the router once the order's new
/// state is durable: a NewOrderSingle, an OrderCancelRequest, an
/// OrderCancelReplaceRequest or an OrderStatusRequest.
struct OutboundRequest {
    RequestKind kind = RequestKind::New;
    OrderState order;         ///< the order as it stands after the request
    std::string clOrdId;      ///< the request's ClOrdID (for a status request: the one asked about)
    std::string origClOrdId;  ///< the ClOrdID in force (cancel and replace)
    OrderTerms terms;         ///< for New and Replace: the terms to send
    /// Sent again after a restart: it may have reached the sell side already (PossResend, 97=Y), which then
    /// answers with the order's status instead of taking it twice.
    bool possResend = false;
    /// Carried with the request, so that the router needs no reference data and a request sent again after a
    /// restart names the instrument as one made now would.
    SecurityIds securityIds = {};
};

}  // namespace ob

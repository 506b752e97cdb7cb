#pragma once

#include "orders/order.h"

#include <string>

namespace ob {

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
};

}  // namespace ob

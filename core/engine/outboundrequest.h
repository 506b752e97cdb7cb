#pragma once

#include "orders/order.h"

#include <string>

namespace ob {

/// A request for the sell side, handed to the router once the order's new
/// state is durable: a NewOrderSingle, an OrderCancelRequest or an
/// OrderCancelReplaceRequest.
struct OutboundRequest {
    RequestKind kind = RequestKind::New;
    OrderState order;         ///< the order as it stands after the request
    std::string clOrdId;      ///< the request's ClOrdID
    std::string origClOrdId;  ///< the ClOrdID in force (cancel and replace)
    OrderTerms terms;         ///< for New and Replace: the terms to send
};

}  // namespace ob

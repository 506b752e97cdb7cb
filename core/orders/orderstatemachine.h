#pragma once

#include "orders/order.h"
#include "orders/orderevents.h"
#include "orders/outcome.h"

#include <vector>

namespace ob {

/// The order state machine: the only code that changes an Order.
///
/// It follows FIX 4.4's OrdStatus/ExecType semantics and the real-world edges
/// of the order state change matrices (Volume 4, Appendix D): fills that cross
/// a pending cancel or replace, acknowledgements the sell side skips, a
/// replace below CumQty that finishes the order, unsolicited cancels, fills
/// that arrive after a cancel, busts that reopen a finished order, and
/// corrections after DoneForDay.
///
/// Every function checks the whole event first and then either applies all of
/// it or refuses it with a reason, leaving the order untouched.
namespace order_state_machine {

/// A new order in PendingNew with `clOrdId` as the first link of its chain.
Result<Order> create(OrderId id, const NewOrderRequest& request, std::string clOrdId, Timestamp at);

/// The user asks to cancel; the order becomes PendingCancel until the sell side answers.
Outcome requestCancel(Order& order, std::string clOrdId, Timestamp at);
/// The user asks to replace; the order becomes PendingReplace until the sell side answers.
Outcome requestReplace(Order& order, std::string clOrdId, const OrderTerms& terms, Timestamp at);

Outcome apply(Order& order, const ExecutionReport& report);
Outcome apply(Order& order, const CancelReject& reject);
Outcome apply(Order& order, const RequestReject& reject);

/// Rebuilds an order from its persisted state, chain and executions as they
/// were reported, replaying the fills; refuses when the replayed CumQty or
/// notional differ from the persisted state.
Result<Order> restore(OrderState state, std::vector<ClOrdIdLink> chain, std::vector<ExecutionEntry> reported);

}  // namespace order_state_machine
}  // namespace ob

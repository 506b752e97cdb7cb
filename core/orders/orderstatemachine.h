#pragma once

#include "orders/order.h"
#include "orders/orderevents.h"
#include "orders/outcome.h"

#include <optional>
#include <utility>
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

/// How an order stood before an event: what undo() needs to put it back when something after the event
/// fails (the book of positions refuses the fill, an internal error), so that the event changes nothing.
struct Undo {
    OrderState state;
    std::vector<ClOrdIdLink> chain;
    std::size_t executions = 0;
    std::optional<std::pair<std::size_t, ExecutionEntry>> trade;  ///< the trade a correction or bust restates
};

/// Applies a report whole or not at all. A report that repeats an applied ExecID is a duplicate when its
/// content is the same and refused when it is not; one that contradicts the order or FIX's arithmetic is
/// refused (orders/reportconsistency.h). With `undo`, keeps what undo() needs. `at` is when the report arrived.
/// Which session may report on the order is the book's to check.
Outcome apply(Order& order, const ExecutionReport& report, Timestamp at, Undo* undo = nullptr);
void undo(Order& order, Undo&& before);
/// The fill an applied report concerns, as it now stands: the Trade itself, or the trade a correction or
/// bust names (through any corrections before it); nothing for other reports.
const ExecutionEntry* tradeOf(const Order& order, const ExecutionReport& report);
Outcome apply(Order& order, const CancelReject& reject, Timestamp at);
Outcome apply(Order& order, const RequestReject& reject, Timestamp at);

/// Rebuilds an order from its persisted state, chain and executions as they
/// were reported, replaying the fills; refuses when the replayed CumQty or
/// notional differ from the persisted state.
Result<Order> restore(OrderState state, std::vector<ClOrdIdLink> chain, std::vector<ExecutionEntry> reported);

}  // namespace order_state_machine
}  // namespace ob

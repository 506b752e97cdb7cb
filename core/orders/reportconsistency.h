#pragma once

#include "orders/order.h"
#include "orders/orderevents.h"
#include "orders/outcome.h"

namespace ob {

/// Whether an ExecutionReport agrees with the order it names and with FIX's own arithmetic. A report that
/// contradicts either is refused whole (and quarantined by the engine): applying it would leave the book
/// saying something no one can explain. Fields the report leaves out are not checked here; the FIX
/// translator insists on those FIX requires.
namespace report_consistency {

/// An ExecID this order has already applied: the same execution resent (a duplicate, ignored), or the same
/// ExecID with other content (refused: the sell side reused it for another execution).
Outcome checkRepeat(const ExecutionEntry& applied, const ExecutionReport& report);

/// Before applying: Symbol and Side are the order's (a sale of any kind matches a sale of any kind);
/// OrderQty and a limit order's Price are the terms in force or those of an outstanding replace (a Replaced
/// or Restated report sets them); a fill's LastPx is not through the limit.
Outcome checkTerms(const Order& order, const ExecutionReport& report);

/// After applying, on the order as it would then stand: CumQty is the book's (for a fill, the previous
/// CumQty plus LastQty; for a correction or bust, the trade restated); LeavesQty is what is left to fill
/// (none, or what is unfilled, once the order is no longer active); AvgPx is the average of its fills to a
/// basis point; OrdStatus is the order's, or what it would be without its outstanding cancel or replace.
Outcome checkFigures(const OrderState& after, const ExecutionReport& report);

}  // namespace report_consistency
}  // namespace ob

#pragma once

#include "compliance/breach.h"
#include "rebalance/rebalancer.h"

#include "orders/orderhistory.h"

#include <string>
#include <vector>

namespace ob {

/// Orders as CSV: cl_ord_id, order_id, account, symbol, side, qty, type,
/// limit_price, stop_price, tif, status, cum_qty, leaves_qty, avg_px,
/// compliance, session, created_at, text. Status is the FIX OrdStatus name;
/// decimals are exact, without exponent; times are ISO 8601 UTC.
std::string ordersCsv(const std::vector<OrderState>& orders);

/// Executions as CSV: exec_id, cl_ord_id, order_id, symbol, side, exec_type,
/// last_qty, last_px, cum_qty, leaves_qty, avg_px, transact_time, status,
/// exec_ref_id, session, received_at, text.
std::string executionsCsv(const std::vector<ExecutionRecord>& executions);

/// A rebalance proposal as CSV: symbol, side, qty, est_price, weight_before, weight_after, target_weight
/// (fractions of NAV, 8 places), compliance (pass, warn or block, one per trade).
std::string proposalCsv(const RebalanceProposal& proposal, const std::vector<Verdict>& compliance);

}  // namespace ob

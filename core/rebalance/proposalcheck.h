#pragma once

#include "compliance/complianceengine.h"
#include "rebalance/rebalancer.h"

#include <vector>

namespace ob {

/// Checks a rebalance proposal's orders, one after another, on the portfolio they build: each order
/// is checked as a what-if, then booked at its estimated price, so the last order sees the fund after
/// the whole rebalance. Returns each order's result, in the proposal's order. The engine's holdings
/// end up as after the rebalance: use an engine of its own, never the desk's.
std::vector<CheckResult> checkProposal(ComplianceEngine& compliance, const RebalanceProposal& proposal,
                                       const std::string& account, const std::string& trader, Timestamp at);

}  // namespace ob

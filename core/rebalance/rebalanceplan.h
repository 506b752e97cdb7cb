#pragma once

#include "compliance/complianceengine.h"
#include "portfolio/fundholdings.h"
#include "rebalance/rebalancer.h"

#include <string>
#include <vector>

namespace ob {

/// What a rebalance starts from: one fund's holdings and cash (rows as in the positions import,
/// the symbol CASH holding the cash), its model, the options and the rules in force.
struct RebalanceRequest {
    std::string fund;
    std::vector<OpeningPosition> holdings;
    ModelPortfolio model;
    RebalanceOptions options;
    RuleBook rules;
    std::string trader;  ///< who the what-if orders are checked as
    Timestamp at;
};

/// A proposal with the what-if compliance of each of its orders, in the proposal's order.
struct RebalancePlan {
    RebalanceProposal proposal;
    std::vector<CheckResult> checks;
};

/// Proposes the orders that bring the fund to its model (proposeRebalance) and checks them one
/// after another on the portfolio they build, against the rules given (checkProposal), on an
/// engine of its own. Prices come from `priceOf`, then from a holding's own price.
Result<RebalancePlan> planRebalance(const ReferenceData& reference, const RebalanceRequest& request,
                                    const ComplianceEngine::PriceSource& priceOf);

/// Checks a proposal (as the PM edited it) the way planRebalance does.
std::vector<CheckResult> checkRebalance(const ReferenceData& reference, const RebalanceRequest& request,
                                        const RebalanceProposal& proposal, const ComplianceEngine::PriceSource& priceOf);

}  // namespace ob

#include "rebalance/proposalcheck.h"

namespace ob {

std::vector<CheckResult> checkProposal(ComplianceEngine& compliance, const RebalanceProposal& proposal,
                                       const std::string& account, const std::string& trader, Timestamp at) {
    std::vector<CheckResult> results;
    results.reserve(proposal.trades.size());
    std::size_t booked = 0;
    for (const auto& trade : proposal.trades) {
        ProposedOrder order;
        order.account = account;
        order.trader = trader;
        order.symbol = trade.symbol;
        order.side = trade.side;
        order.quantity = trade.quantity;
        order.type = OrdType::Limit;
        order.limitPrice = trade.estimatedPrice;
        order.at = at;
        results.push_back(compliance.preTrade(order));
        ExecutionRecord fill;
        fill.execId = "rebalance-" + std::to_string(++booked);
        fill.execType = ExecType::Trade;
        fill.symbol = trade.symbol;
        fill.side = trade.side;
        fill.lastQty = trade.quantity;
        fill.lastPx = trade.estimatedPrice;
        compliance.applyExecution(fill, account);
        compliance.recordAccepted(order);
    }
    return results;
}

}  // namespace ob

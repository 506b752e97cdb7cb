#pragma once

#include "orders/orderevents.h"
#include "rebalance/rebalancer.h"

#include <string>
#include <vector>

namespace ob {

/// The trades a rebalance approved for one fund, and the account its orders book to.
struct FundTrades {
    std::string fund;
    std::string account;
    std::vector<ProposedTrade> trades;  ///< as approved: zero quantities are dropped
};

/// The orders a rebalance hands to the traders: market orders for the day, one per fund and
/// trade; or, with `blocks`, one block order per symbol and side that several funds trade,
/// allocated to each fund's account by its quantity. Sells come first, as in the proposals.
std::vector<NewOrderRequest> rebalanceOrders(const std::vector<FundTrades>& funds, bool blocks);

}  // namespace ob

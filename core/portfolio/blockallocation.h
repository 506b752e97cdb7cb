#pragma once

#include "domain/decimal.h"
#include "orders/order.h"

#include <string>
#include <vector>

namespace ob {

/// Splits `filled` across a block order's allocations in proportion to their quantities.
///
/// Rounding, so that the same fills always split the same way: each account first gets its exact
/// share rounded down to a whole unit; what that leaves (fewer units than there are accounts) goes
/// one unit at a time to the accounts with the largest fractional remainder, ties to the larger
/// allocation, then to the one listed first. A fractional quantity left after that (an odd-lot
/// fill of fractional shares) goes to the next account in the same order. The parts always add
/// up to `filled` exactly. Returns one quantity per allocation, in their order.
std::vector<Qty> splitProRata(const std::vector<Allocation>& allocations, Qty filled);

/// A block order entered by weight: `total` split by the weights (fractions adding up to 1) with the
/// same rounding as splitProRata, into whole units. Weights that are not positive are refused.
Result<std::vector<Allocation>> allocateByWeight(const std::vector<std::pair<std::string, Money>>& weights, Qty total);

/// What a block order's fills so far come to in one account: one trade, restated as the block fills.
struct AllocatedFill {
    std::string account;
    Qty quantity;         ///< the account's part of the filled quantity
    Price price;          ///< the block's average price
    std::string tradeId;  ///< the same for the account's part at every restatement
    Qty signedQuantity;   ///< negative for a sale
};

/// Whether an execution changes what a block order filled (a fill, a bust or a correction).
bool changesFills(ExecType type);

/// Every allocation's part of the order's filled quantity, each at the block's average price (the
/// order's notional / cumQty, half-even to 8 places). Busts and corrections are already in the
/// order's figures, so the split always follows what the order filled.
std::vector<AllocatedFill> allocatedFills(const OrderState& order);

}  // namespace ob

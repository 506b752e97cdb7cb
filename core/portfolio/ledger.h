#pragma once

#include "domain/referencedata.h"
#include "domain/result.h"
#include "orders/order.h"
#include "portfolio/fundholdings.h"
#include "portfolio/positionbook.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// What the ledger changed, to publish: the new values of each position and cash amount touched.
struct LedgerChanges {
    std::vector<Position> accountPositions;  ///< Position::account is the account
    std::vector<Position> fundPositions;     ///< Position::account is the fund
    std::vector<FundCash> cash;
};

/// The desk's one book of positions and cash. The order engine books into it, on its own thread, every fill the
/// order book accepted, once, keyed by the order and the fill's ExecID; compliance, the windows and the exports
/// read it (the windows and exports through what the engine publishes). Positions per account hold the day's
/// fills; positions per fund hold the fund's opening positions and the fills of its accounts, with its cash in
/// each currency (FundHoldings). A block order's fills go to each account (and fund) as one trade of its part at
/// the block's average price, restated as the block fills.
///
/// Every change is worked out first (plan) and checked against the limits (domain/limits.h), then made (commit):
/// a fill the ledger cannot take whole changes nothing, and the engine refuses the report that brought it.
class Ledger {
public:
    /// One execution's effect, worked out and checked; commit it, or drop it and nothing changed.
    struct Booking {
        struct AccountMove {
            std::string account;
            std::string symbol;
            std::string tradeId;
            Qty signedQuantity;
            Price price;
        };
        std::vector<AccountMove> accounts;
        std::vector<FundHoldings::Move> funds;

        bool empty() const { return accounts.empty() && funds.empty(); }
    };

    void setReference(const ReferenceData& reference);

    /// Checks opening positions against the limits, naming the first one beyond them.
    static Status checkOpening(const std::vector<OpeningPosition>& positions);
    /// Replaces the opening positions and cash of each fund named.
    LedgerChanges setOpening(const std::vector<OpeningPosition>& positions);

    /// What an execution of `order` (its state after the execution) books, for a report of `type`: `trade` is the
    /// fill it concerns as it now stands (order_state_machine::tradeOf), for an order of one account. A report that
    /// moves no fill books nothing.
    Result<Booking> plan(const OrderState& order, ExecType type, const ExecutionEntry* trade) const;
    LedgerChanges commit(const Booking& booking);

    const PositionBook& accountPositions() const { return accounts_; }
    const FundHoldings& funds() const { return funds_; }
    /// The fund an account books to; empty if unknown.
    const std::string& fundOf(const std::string& account) const { return funds_.fundOf(account); }
    /// The currency a trade in `symbol` for `account` settles in: the instrument's, else the account's fund's.
    std::string currencyOf(const std::string& symbol, const std::string& account) const;

private:
    PositionBook accounts_;
    FundHoldings funds_;
    std::unordered_map<std::string, std::string> currencies_;  ///< by symbol
};

/// The id under which a fill of an order is booked: the order and the ExecID of its Trade.
std::string tradeIdOf(OrderId order, const std::string& execId);

}  // namespace ob

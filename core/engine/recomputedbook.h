#pragma once

#include "domain/referencedata.h"
#include "orders/orderhistory.h"
#include "portfolio/fundholdings.h"
#include "store/storeunit.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ob {

/// The store's record of the book, which a consistency check recomputes the book from.
struct BookRecord {
    const std::vector<OrderRow>& orders;             ///< as stored, each once
    const std::vector<ExecutionRecord>& executions;  ///< every execution of those orders, oldest first
    const std::vector<OpeningPosition>& openingPositions;
    const ReferenceData& reference;
    /// "YYYYMMDD": positions hold the fills received since this day began, as the engine's ledger does.
    std::string tradeDate;
};

/// The book worked out afresh from its record by plain sums over the executions. None of the code that keeps the
/// book (the order state machine, the ledger and its position books) takes part, so that a fault there shows up as a
/// difference; only the desk's rule for splitting a block order's fills among its accounts (splitProRata) is shared,
/// as it is a policy, not a computation of the book.
///
/// Positions are compared on what every cost method must agree on: the quantity, and the net cost (what the trades
/// cost less what the sales brought in, which is the position's cost less its realised P&L). A fund's cash is its
/// opening cash less the net cost of its accounts' trades in each currency.
struct RecomputedBook {
    /// One order's figures from its executions.
    struct OrderFigures {
        /// What an execution recorded of the order's figures after it, beside what the executions up to it make.
        struct Recorded {
            std::string execId;
            Qty cumQty;
            Price avgPx;
            Qty recomputedCumQty;
            Price recomputedAvgPx;
        };

        const OrderRow* row = nullptr;
        Qty cumQty;
        Money notional;  ///< quantity × price summed over its live fills
        std::optional<Recorded> firstMisrecorded;

        /// notional / cumQty, half-even to 8 places; zero without fills.
        Price avgPx() const;
    };
    /// A position's figures: long positive, short negative.
    struct Holding {
        Qty quantity;
        Money netCost;
    };
    using Key = std::pair<std::string, std::string>;

    std::vector<OrderFigures> orders;         ///< in the record's order
    std::map<Key, Holding> accountPositions;  ///< by account and symbol: the day's fills
    std::map<Key, Holding> fundPositions;     ///< by fund and symbol: opening positions and the day's fills
    std::map<Key, Money> fundCash;            ///< by fund and currency
    /// An execution that cannot be placed: of no order the record holds, or correcting or busting no live trade of
    /// its order.
    struct Unplaced {
        OrderId order = 0;
        const OrderRow* row = nullptr;  ///< the order's, when the record holds it
        std::string why;
    };
    std::vector<Unplaced> unplaced;
};

/// One pass over the executions, then one over the orders that traded.
RecomputedBook recomputeBook(const BookRecord& record);

}  // namespace ob

#pragma once

#include "engine/recomputedbook.h"
#include "store/enginestore.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ob {

class Ledger;
class OrderBook;

/// A figure the book and its recomputation disagree on, or an execution that cannot be placed.
struct BookDifference {
    OrderId orderId = 0;  ///< the order it concerns; 0 for a position or cash
    std::string subject;  ///< "order 3 (ClOrdID)", "account GROWTH-PB", "fund GROWTH"
    std::string detail;   ///< the field, whose figure it is and both values

    std::string text() const { return subject + ": " + detail; }
};

struct BookCheckReport {
    std::size_t orders = 0;
    std::size_t executions = 0;
    std::size_t positions = 0;  ///< accounts' and funds' compared with the ledger
    std::size_t cashBalances = 0;
    std::vector<BookDifference> differences;

    bool agrees() const { return differences.empty(); }
    /// "books agree: 4 orders, 12 executions, 9 positions and 3 cash balances compared", or "books differ: 2
    /// differences among …".
    std::string summary() const;
};

/// The book as the desk holds it; what is not given is not compared.
struct HeldBook {
    const OrderBook* orders = nullptr;
    const Ledger* ledger = nullptr;
};

/// Recomputes the book from its record (recomputeBook) and compares: each order's CumQty, AvgPx and LeavesQty as
/// stored and as held in memory, the CumQty and AvgPx each execution recorded, and the ledger's positions per
/// account and per fund (quantity and net cost) and the funds' cash. Differences come orders first (by id), then
/// accounts, funds and cash, each in order. An error when the record's figures are beyond what the decimals hold.
Result<BookCheckReport> checkBook(const BookRecord& record, const HeldBook& held = {});

/// The store's record of the book, loaded for a check: the orders the engine loads at start for `tradeDate` (those
/// of the day and those still open) with all their executions, the opening positions and the reference data.
struct StoredBook {
    ActiveBook active;
    std::vector<OpeningPosition> openingPositions;
    ReferenceData reference;
    std::string tradeDate;

    BookRecord record() const { return {active.orders, active.executions, openingPositions, reference, tradeDate}; }
};

Result<StoredBook> loadStoredBook(EngineStore& store, std::string tradeDate);

}  // namespace ob

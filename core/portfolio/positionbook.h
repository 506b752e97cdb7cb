#pragma once

#include "domain/decimal.h"
#include "orders/orderhistory.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// Where an account stands in one instrument.
///
/// Method: average cost. A trade that adds to the position adds its
/// quantity × price to the cost; one that reduces it takes out the closed
/// quantity at the average cost (cost / quantity, rounded half-even to 8
/// places) and realises the difference to the trade price; one that crosses
/// zero closes the whole position and opens the rest at the trade price.
/// When a position closes completely its whole remaining cost is realised,
/// so the rounding of the average never creates or loses money: over a
/// round trip, realised P&L is exactly proceeds minus cost.
struct Position {
    std::string account;
    std::string symbol;
    Qty quantity;    ///< long positive, short negative
    Money cost;      ///< what the open quantity cost: negative for a short (its proceeds)
    Money realised;  ///< P&L of the closed quantity
    Qty bought;      ///< today's traded quantity each way
    Qty sold;
    int trades = 0;

    /// cost / quantity; zero when flat.
    Price averageCost() const;
    Money marketValue(Price last) const { return quantity * last; }
    Money unrealised(Price last) const { return marketValue(last) - cost; }

    friend bool operator==(const Position&, const Position&) = default;
};

/// Positions per account and instrument, built from executions as they
/// arrive. A trade bust (ExecType H) or correction (G) rebuilds the one
/// position it concerns from that position's trades, so that the result is
/// the same as if the trade had never happened, or had happened as corrected.
class PositionBook {
public:
    /// Applies an execution of an order booked to `account`; returns the
    /// position it changed, or nothing (not a trade, or already applied).
    const Position* apply(const ExecutionRecord& execution, const std::string& account);

    /// Sets the trade `tradeId` of the position to a signed quantity and price, adding it the first
    /// time: a trade whose size is restated as it grows (a block order's allocation, an opening
    /// position). Returns the position. With `first`, a trade added goes before the position's others
    /// (an opening position that becomes known after the day's fills).
    const Position* restate(const std::string& account, const std::string& symbol, const std::string& tradeId, Qty signedQuantity,
                            Price price, bool first = false);

    /// Whether apply() would add this execution as a trade (a fill not seen before).
    bool isNewTrade(const ExecutionRecord& execution) const;

    const Position* find(const std::string& account, const std::string& symbol) const;
    std::size_t size() const { return positions_.size(); }
    /// In the order the positions first traded.
    const std::vector<Position>& positions() const { return positions_; }
    int indexOf(const std::string& account, const std::string& symbol) const;

private:
    struct Trade {
        std::string execId;
        Qty signedQuantity;
        Price price;
        bool busted = false;
    };

    static std::string keyOf(const std::string& account, const std::string& symbol) { return account + '\x1f' + symbol; }
    static void add(Position& position, Qty signedQuantity, Price price);
    std::size_t positionOf(const std::string& account, const std::string& symbol);
    void rebuild(std::size_t index);

    std::vector<Position> positions_;
    std::vector<std::vector<Trade>> trades_;  ///< per position, in arrival order
    std::unordered_map<std::string, std::size_t> byKey_;
    std::unordered_map<std::string, std::size_t> byExecId_;  ///< a trade's ExecID → its position
};

}  // namespace ob

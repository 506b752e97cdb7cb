#pragma once

#include "domain/decimal.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ob {

/// Where an account (or a fund) stands in one instrument.
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
    std::string account;  ///< the account, or the fund for a fund's position
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

/// Positions per account (or fund) and instrument, made of trades. Each trade has an id that the one who books it
/// chooses and keeps: the order engine uses the order and the ExecID of the fill, so that a correction or a bust
/// restates the trade it concerns and the position is rebuilt as if the trade had been so from the start. It never
/// decides by itself whether a fill is new: that is the order book's job.
class PositionBook {
public:
    /// The position of (account, symbol) once the trade `tradeId` stands at `signedQuantity` (negative for a sale;
    /// zero for a bust) at `price`, added the first time. Nothing changes: this is how a change is checked first.
    /// With `first`, a trade added goes before the position's others (an opening position that becomes known
    /// after the day's fills).
    Position trial(const std::string& account, const std::string& symbol, const std::string& tradeId, Qty signedQuantity,
                   Price price, bool first = false) const;
    /// The same, done; returns the position.
    const Position* restate(const std::string& account, const std::string& symbol, const std::string& tradeId, Qty signedQuantity,
                            Price price, bool first = false);
    /// Sets a position as another book published it: a copy that follows the engine's book keeps no trades.
    void replace(const Position& position);

    const Position* find(const std::string& account, const std::string& symbol) const;
    bool hasTrade(const std::string& tradeId) const { return locate(tradeId) != nullptr; }
    std::size_t size() const { return positions_.size(); }
    /// In the order the positions first traded.
    const std::vector<Position>& positions() const { return positions_; }
    int indexOf(const std::string& account, const std::string& symbol) const;

private:
    struct Trade {
        std::string id;
        Qty signedQuantity;
        Price price;
    };

    static std::string keyOf(const std::string& account, const std::string& symbol) { return account + '\x1f' + symbol; }
    static void add(Position& position, Qty signedQuantity, Price price);
    static Position rebuilt(const Position& position, const std::vector<Trade>& trades);
    std::size_t positionOf(const std::string& account, const std::string& symbol);
    /// Where the trade is: its position and its place among that position's trades.
    const std::pair<std::size_t, std::size_t>* locate(const std::string& tradeId) const;

    std::vector<Position> positions_;
    std::vector<std::vector<Trade>> trades_;  ///< per position, in booking order
    std::unordered_map<std::string, std::size_t> byKey_;
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> tradeAt_;
};

}  // namespace ob

#pragma once

#include "domain/decimal.h"
#include "domain/fund.h"
#include "domain/result.h"
#include "orders/orderhistory.h"
#include "portfolio/positionbook.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// A fund's holding at the start of the day, from the positions import.
/// The symbol "CASH" carries the fund's cash, its amount in `quantity`.
struct OpeningPosition {
    std::string fund;
    std::string symbol;
    Qty quantity;
    std::optional<Price> price;  ///< the price it was valued at, a fallback when no other is known

    static constexpr const char* kCash = "CASH";
    friend bool operator==(const OpeningPosition&, const OpeningPosition&) = default;
};

/// A fund's cash in one currency, as the book publishes it.
struct FundCash {
    std::string fund;
    std::string currency;
    Money amount;

    friend bool operator==(const FundCash&, const FundCash&) = default;
};

/// What each fund holds now: its opening positions plus every trade booked
/// to it since, and its cash in each currency. A buy pays quantity × price
/// out of the instrument's currency and a sale brings it in; a trade restated
/// (a correction, a bust, a block order's growing allocation) moves the cash
/// by the difference. Opening cash is in the fund's base currency.
///
/// P&L (docs/portfolio.md): one Position per fund and instrument at average
/// cost, the opening position entering as a first trade at its opening price
/// (so P&L is measured from the start of the day's valuation).
///
/// The order engine's Ledger books the desk's fills here; a what-if (the
/// rebalance's compliance check) books into a holdings of its own; the desk's
/// windows keep a copy that follows what the engine publishes (replace, setCash).
class FundHoldings {
public:
    struct Fund {
        std::string baseCurrency;
        std::unordered_map<std::string, Qty> quantities;  ///< by symbol, zero entries removed
        std::unordered_map<std::string, Money> cash;      ///< by currency
        Money openingCash;                                ///< in the base currency, included in `cash`
        std::uint64_t version = 0;                        ///< bumped by every change
    };

    /// One trade booked to a fund, worked out before anything changes.
    struct Move {
        std::string fund;
        std::string symbol;
        std::string currency;  ///< the cash it moves
        std::string tradeId;
        Qty signedQuantity;
        Price price;
        Position after;   ///< the fund's position once booked
        Money cashAfter;  ///< the fund's cash in `currency` once booked
    };

    void setFunds(const std::vector<ob::Fund>& funds);
    void setAccounts(const std::vector<Account>& accounts);
    /// Sets the opening positions and cash of each fund named, replacing what it had.
    void setOpening(const std::vector<OpeningPosition>& positions);

    /// What booking the trade `tradeId` at `signedQuantity` × `price` to the fund does; nothing changes.
    Move plan(const std::string& fund, const std::string& symbol, const std::string& currency, const std::string& tradeId,
              Qty signedQuantity, Price price) const;
    void commit(const Move& move);

    /// A what-if's booking of a fill (or a correction or bust, by ExecRefID) to the account's fund: returns the fund.
    const std::string* apply(const ExecutionRecord& execution, const std::string& account, const std::string& currency);

    /// A copy of another book: sets a fund's position (Position::account holds the fund) and cash as published.
    void replace(const Position& fundPosition);
    void setCash(const FundCash& cash);
    /// The prices positions opened at, for a copy that takes its positions from replace().
    void setOpeningPrices(const std::vector<OpeningPosition>& positions);

    /// The fund's positions (with P&L), in the order they first appeared; flat ones included.
    std::vector<const Position*> positionsOf(const std::string& fund) const;
    /// Every fund's positions, for publishing a snapshot.
    const std::vector<Position>& positions() const { return positions_.positions(); }
    bool hasTrade(const std::string& tradeId) const { return positions_.hasTrade(tradeId); }

    /// The fund an account books to; empty if unknown.
    const std::string& fundOf(const std::string& account) const;
    const Fund* find(const std::string& fund) const;
    Qty quantity(const std::string& fund, const std::string& symbol) const;
    /// The price an opening position was valued at, for symbols with no other price.
    std::optional<Price> openingPrice(const std::string& symbol) const;
    const std::unordered_map<std::string, Fund>& funds() const { return funds_; }

private:
    void setQuantity(Fund& fund, const std::string& symbol, Qty quantity);

    std::unordered_map<std::string, std::string> fundOfAccount_;
    std::unordered_map<std::string, Fund> funds_;
    std::unordered_map<std::string, Price> openingPrices_;
    std::unordered_map<std::string, std::vector<std::string>> openingSymbols_;  ///< by fund
    PositionBook positions_;                                                    ///< by fund (in Position::account) and symbol
};

}  // namespace ob

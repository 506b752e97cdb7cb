#pragma once

#include "domain/decimal.h"
#include "domain/fund.h"
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

/// What each fund holds now: its opening positions plus every fill booked
/// to its accounts since, and its cash in each currency. A buy pays
/// quantity × price out of the instrument's currency and a sale brings it
/// in; busts and corrections are undone exactly. Opening cash is in the
/// fund's base currency.
///
/// P&L (docs/portfolio.md): one Position per fund and instrument at average
/// cost, the opening position entering as a first trade at its opening price
/// (so P&L is measured from the start of the day's valuation); a block order's
/// fills enter each fund as one trade of its allocated part at the block's
/// average price, restated as the block fills.
class FundHoldings {
public:
    struct Fund {
        std::string baseCurrency;
        std::unordered_map<std::string, Qty> quantities;  ///< by symbol, zero entries removed
        std::unordered_map<std::string, Money> cash;      ///< by currency
        Money openingCash;                                ///< in the base currency, included in `cash`
        std::uint64_t version = 0;                        ///< bumped by every change
    };

    void setFunds(const std::vector<ob::Fund>& funds);
    void setAccounts(const std::vector<Account>& accounts);
    /// Sets the opening positions and cash of each fund named, replacing what it had.
    void setOpening(const std::vector<OpeningPosition>& positions);
    /// Books an execution of an order on `account`, settled in `currency`;
    /// returns the fund it changed, if any.
    const std::string* apply(const ExecutionRecord& execution, const std::string& account, const std::string& currency);
    /// Books an execution of `order`: to its account's fund, or for a block order, the order's
    /// fills so far split across its allocations. Returns the funds it changed.
    std::vector<std::string> apply(const ExecutionRecord& execution, const OrderState& order, const std::string& currency);

    /// The fund's positions (with P&L), in the order they first appeared; flat ones included.
    std::vector<const Position*> positionsOf(const std::string& fund) const;

    /// The fund an account books to; empty if unknown.
    const std::string& fundOf(const std::string& account) const;
    const Fund* find(const std::string& fund) const;
    Qty quantity(const std::string& fund, const std::string& symbol) const;
    /// The price an opening position was valued at, for symbols with no other price.
    std::optional<Price> openingPrice(const std::string& symbol) const;
    const std::unordered_map<std::string, Fund>& funds() const { return funds_; }

private:
    std::unordered_map<std::string, std::string> fundOfAccount_;
    std::unordered_map<std::string, Fund> funds_;
    /// Applies a change to the fund's position in `symbol` and carries its effect into quantities and cash.
    template <typename Change>
    bool book(const std::string& fundCode, const std::string& symbol, const std::string& currency, Change&& change);

    std::unordered_map<std::string, Price> openingPrices_;
    std::unordered_map<std::string, std::vector<std::string>> openingSymbols_;  ///< by fund
    PositionBook positions_;                                                    ///< by fund (in Position::account) and symbol
};

}  // namespace ob

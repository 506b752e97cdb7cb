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
/// in; busts and corrections are undone exactly (through a PositionBook per
/// account and symbol). Opening cash is in the fund's base currency.
class FundHoldings {
public:
    struct Fund {
        std::string baseCurrency;
        std::unordered_map<std::string, Qty> quantities;  ///< by symbol, zero entries removed
        std::unordered_map<std::string, Money> cash;      ///< by currency
        std::uint64_t version = 0;                        ///< bumped by every change
    };

    void setFunds(const std::vector<ob::Fund>& funds);
    void setAccounts(const std::vector<Account>& accounts);
    void setOpening(const std::vector<OpeningPosition>& positions);
    /// Books an execution of an order on `account`, settled in `currency`;
    /// returns the fund it changed, if any.
    const std::string* apply(const ExecutionRecord& execution, const std::string& account, const std::string& currency);

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
    std::unordered_map<std::string, Price> openingPrices_;
    PositionBook fills_;
};

}  // namespace ob

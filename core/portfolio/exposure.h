#pragma once

#include "domain/decimal.h"
#include "domain/instrument.h"
#include "portfolio/fundholdings.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

namespace ob {

/// A fund's figures the concentration rules compare with their limits,
/// valued at mark prices in the fund's base currency. Exposures are net
/// market values; the rules compare their absolute values, so a large short
/// counts as much as a large long.
struct FundExposure {
    Money nav;          ///< cash + Σ quantity × price
    Money totalAssets;  ///< cash (if positive) + Σ long market values: the base of the 1940 Act test
    Money cash;
    std::unordered_map<std::string, Money> byIssuer;
    std::unordered_map<std::string, Money> bySector;
    std::unordered_map<std::string, Money> byCountry;
    std::unordered_map<std::string, Qty> sharesByIssuer;  ///< for the 10%-of-voting-shares test
    Money ucitsAbove5;                                    ///< Σ |issuer exposure| over the issuers above 5% of NAV
    Money nonQualifying1940;                              ///< Σ |issuer exposure| over issuers failing the 5%/10% tests
    std::optional<std::string> unpriced;                  ///< a holding with no price or exchange rate, valued at zero
};

/// The issuer a holding counts against: the instrument's, or its own symbol when none is known.
const std::string& issuerOf(const Instrument* instrument, const std::string& symbol);

/// part / whole in percent, to 8 decimal places (0 when whole is not positive).
Money percentOf(Money part, Money whole);
/// part / whole as a fraction (0.05 for 5%), to 10 places.
inline Money fractionOf(Money part, Money whole) { return Money::fromRaw(percentOf(part, whole).raw() / 100); }
/// percent % of amount.
Money percentAmount(Money amount, Money percent);
Money amountOf(Qty quantity);
Money amountOf(Price price);
Money absolute(Money amount);

/// Whether an issuer's holding fails the 1940 Act's diversification tests:
/// above 5% of total assets, or above 10% of the issuer's voting shares.
bool failsDiversification(Money exposure, Money totalAssets, Qty shares, const std::optional<Qty>& votingShares);

/// Converts an amount of a currency into the fund's base currency.
using ToBaseCurrency = std::function<std::optional<Money>(Money amount, const std::string& currency)>;

/// The fund's figures from its holdings and cash.
FundExposure computeExposure(const FundHoldings::Fund& fund,
                             const std::function<const Instrument*(const std::string&)>& instrumentOf,
                             const std::unordered_map<std::string, Qty>& votingSharesByIssuer,
                             const std::function<std::optional<Price>(const std::string&)>& priceOf,
                             const ToBaseCurrency& toBase);

}  // namespace ob

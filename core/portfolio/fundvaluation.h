#pragma once

#include "domain/referencedata.h"
#include "portfolio/fundholdings.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// One holding of a fund, valued. Amounts are in the fund's base currency, except the cost
/// prices, which are in the instrument's.
struct HoldingValue {
    std::string symbol;
    const Instrument* instrument = nullptr;  ///< nothing for a symbol the reference data does not know
    Qty quantity;
    Price averageCost;
    std::optional<Price> price;  ///< the mark; nothing when no price is known
    Money marketValue;
    Money weight;  ///< fraction of NAV
    Money unrealised;
    Money realised;
};

/// A fund valued at marks: NAV = the holdings' market value + cash, all in the base currency
/// (cash in other currencies and foreign holdings converted at the reference rates).
struct FundValuation {
    std::string fund;
    std::string baseCurrency;
    Money nav;
    Money cash;
    Money unrealised;
    Money realised;
    std::vector<HoldingValue> holdings;     ///< open positions, and those closed today (they carry realised P&L)
    std::vector<std::string> unpriced;      ///< symbols left out of NAV: no price or no exchange rate
    std::map<std::string, Money> bySector;  ///< net market value
    std::map<std::string, Money> byCountry;
    std::map<std::string, Money> byIssuer;
};

using PriceLookup = std::function<std::optional<Price>(const std::string& symbol)>;

/// Values one fund's holdings at the prices `priceOf` gives (the desk passes market data first,
/// then the opening price, then the instrument's reference price).
FundValuation valueFund(const FundHoldings& holdings, const std::string& fund, const ReferenceData& reference,
                        const PriceLookup& priceOf);

}  // namespace ob

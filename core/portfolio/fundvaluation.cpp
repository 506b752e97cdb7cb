#include "portfolio/fundvaluation.h"

#include "portfolio/exposure.h"

#include <unordered_map>

namespace ob {

FundValuation valueFund(const FundHoldings& holdings, const std::string& fund, const ReferenceData& reference,
                        const PriceLookup& priceOf) {
    FundValuation valuation;
    valuation.fund = fund;
    const auto* held = holdings.find(fund);
    if (!held) return valuation;
    valuation.baseCurrency = held->baseCurrency;
    std::unordered_map<std::string, const Instrument*> instruments;
    for (const auto& instrument : reference.instruments) instruments.emplace(instrument.symbol, &instrument);
    const auto inBase = [&](Money amount, const std::string& currency) {
        return currency.empty() ? std::optional<Money>(amount) : reference.fxRates.convert(amount, currency, held->baseCurrency);
    };
    for (const auto& [currency, amount] : held->cash) {
        if (auto converted = inBase(amount, currency))
            valuation.cash += *converted;
        else
            valuation.unpriced.push_back(currency + " cash");
    }
    for (const auto* position : holdings.positionsOf(fund)) {
        HoldingValue value;
        value.symbol = position->symbol;
        const auto found = instruments.find(position->symbol);
        value.instrument = found == instruments.end() ? nullptr : found->second;
        const std::string currency = value.instrument ? value.instrument->currency : held->baseCurrency;
        value.quantity = position->quantity;
        value.averageCost = position->averageCost();
        value.price = priceOf(position->symbol);
        if (auto realised = inBase(position->realised, currency)) value.realised = *realised;
        valuation.realised += value.realised;
        if (position->quantity.isZero() && position->realised.isZero()) continue;
        if (!position->quantity.isZero()) {
            const auto marketValue = value.price ? inBase(position->quantity * *value.price, currency) : std::nullopt;
            const auto unrealised = value.price ? inBase(position->unrealised(*value.price), currency) : std::nullopt;
            if (!marketValue || !unrealised) {
                valuation.unpriced.push_back(position->symbol);
            } else {
                value.marketValue = *marketValue;
                value.unrealised = *unrealised;
                valuation.unrealised += *unrealised;
                valuation.nav += *marketValue;
                const std::string none = "(unknown)";
                valuation.bySector[value.instrument ? value.instrument->sector : none] += *marketValue;
                valuation.byCountry[value.instrument ? value.instrument->country : none] += *marketValue;
                valuation.byIssuer[issuerOf(value.instrument, value.symbol)] += *marketValue;
            }
        }
        valuation.holdings.push_back(std::move(value));
    }
    valuation.nav += valuation.cash;
    if (valuation.nav.isPositive())
        for (auto& value : valuation.holdings) value.weight = fractionOf(value.marketValue, valuation.nav);
    return valuation;
}

}  // namespace ob

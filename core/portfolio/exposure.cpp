#include "portfolio/exposure.h"

namespace ob {

namespace {
using decimal_detail::divideRounded;
using decimal_detail::powerOfTen;
using decimal_detail::Wide;
}  // namespace

const std::string& issuerOf(const Instrument* instrument, const std::string& symbol) {
    return instrument && !instrument->issuer.empty() ? instrument->issuer : symbol;
}

Money percentOf(Money part, Money whole) {
    if (!whole.isPositive()) return {};
    // Drop 6 of the 16 places first so that part × 10^10 cannot overflow 128 bits.
    const Wide scaledPart = part.raw() / powerOfTen(6);
    const Wide scaledWhole = whole.raw() / powerOfTen(6);
    if (scaledWhole == 0) return {};
    const Wide percent8 = divideRounded(scaledPart * powerOfTen(10), scaledWhole, RoundingMode::HalfEven);
    return Money::fromRaw(percent8 * powerOfTen(8));
}

Money percentAmount(Money amount, Money percent) {
    // amount × percent / 100, with percent taken to 8 places.
    const Wide percent8 = percent.raw() / powerOfTen(8);
    return Money::fromRaw(divideRounded(amount.raw() / powerOfTen(2) * percent8, powerOfTen(8), RoundingMode::HalfEven));
}

Money amountOf(Qty quantity) { return Money::product(quantity, Price::fromInteger(1)); }
Money amountOf(Price price) { return Money::product(Qty::fromInteger(1), price); }
Money absolute(Money amount) { return amount.isNegative() ? -amount : amount; }

bool failsDiversification(Money exposure, Money totalAssets, Qty shares, const std::optional<Qty>& votingShares) {
    if (percentOf(absolute(exposure), totalAssets) > Money::fromInteger(5)) return true;
    return votingShares && votingShares->isPositive() &&
           percentOf(amountOf(shares.abs()), amountOf(*votingShares)) > Money::fromInteger(10);
}

FundExposure computeExposure(const FundHoldings::Fund& fund,
                             const std::function<const Instrument*(const std::string&)>& instrumentOf,
                             const std::unordered_map<std::string, Qty>& votingSharesByIssuer,
                             const std::function<std::optional<Price>(const std::string&)>& priceOf,
                             const ToBaseCurrency& toBase) {
    FundExposure result;
    for (const auto& [currency, amount] : fund.cash) {
        const auto converted = toBase(amount, currency);
        if (!converted) result.unpriced = "cash in " + currency;
        result.cash += converted.value_or(Money{});
    }
    result.nav = result.cash;
    result.totalAssets = result.cash.isPositive() ? result.cash : Money{};
    for (const auto& [symbol, quantity] : fund.quantities) {
        const auto* instrument = instrumentOf(symbol);
        const auto price = priceOf(symbol);
        const auto value =
            price ? toBase(quantity * *price, instrument ? instrument->currency : fund.baseCurrency) : std::nullopt;
        if (!value) result.unpriced = symbol;
        const Money base = value.value_or(Money{});
        result.nav += base;
        if (base.isPositive()) result.totalAssets += base;
        const std::string& issuer = issuerOf(instrument, symbol);
        result.byIssuer[issuer] += base;
        result.sharesByIssuer[issuer] += quantity;
        if (instrument) {
            result.bySector[instrument->sector] += base;
            result.byCountry[instrument->country] += base;
        }
    }
    const Money five = Money::fromInteger(5);
    for (const auto& [issuer, value] : result.byIssuer) {
        if (percentOf(absolute(value), result.nav) > five) result.ucitsAbove5 += absolute(value);
        const auto voting = votingSharesByIssuer.find(issuer);
        if (failsDiversification(value, result.totalAssets, result.sharesByIssuer[issuer],
                                 voting == votingSharesByIssuer.end() ? std::nullopt : std::optional<Qty>(voting->second)))
            result.nonQualifying1940 += absolute(value);
    }
    return result;
}

}  // namespace ob

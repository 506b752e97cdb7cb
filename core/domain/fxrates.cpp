#include "domain/fxrates.h"

namespace ob {

std::optional<Price> FxRates::rate(const std::string& currency) const {
    if (currency == kReportingCurrency) return Price::fromInteger(1);
    const auto it = rates_.find(currency);
    return it == rates_.end() ? std::nullopt : std::optional<Price>(it->second);
}

std::optional<Money> FxRates::convert(Money amount, const std::string& from, const std::string& to) const {
    if (from == to || from.empty() || to.empty()) return amount;
    const auto fromRate = rate(from), toRate = rate(to);
    if (!fromRate || !toRate || !toRate->isPositive()) return std::nullopt;
    using decimal_detail::Wide;
    // amount × from / to, both rates with 8 places: the 10^8 scales cancel.
    const Wide scaled = amount.raw() / decimal_detail::powerOfTen(4) * Wide(fromRate->raw());
    const Wide converted = decimal_detail::divideRounded(scaled, Wide(toRate->raw()), RoundingMode::HalfEven);
    return Money::fromRaw(converted * decimal_detail::powerOfTen(4));
}

}  // namespace ob

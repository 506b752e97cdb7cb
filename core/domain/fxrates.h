#pragma once

#include "domain/decimal.h"

#include <map>
#include <optional>
#include <string>

namespace ob {

/// Reference exchange rates, each currency's value in the firm's reporting
/// currency (USD): enough to add up a fund that holds several currencies.
/// Conversions go through the reporting currency and round half-even to
/// the amount's 16 places.
class FxRates {
public:
    static constexpr const char* kReportingCurrency = "USD";

    void set(const std::string& currency, Price valueInReporting) { rates_[currency] = valueInReporting; }
    /// The value of one unit of `currency` in the reporting currency (1 for USD itself).
    std::optional<Price> rate(const std::string& currency) const;
    /// `amount` of `from` in `to`; nothing when either rate is unknown.
    std::optional<Money> convert(Money amount, const std::string& from, const std::string& to) const;
    const std::map<std::string, Price>& rates() const { return rates_; }

    friend bool operator==(const FxRates&, const FxRates&) = default;

private:
    std::map<std::string, Price> rates_;
};

}  // namespace ob

#pragma once

#include "decimal.h"

#include <optional>
#include <string>

namespace ob {

/// A tradable security and the rules its orders must respect.
struct Instrument {
    std::string symbol;
    std::string name;
    std::string issuer;
    std::string sector;
    std::string country;   ///< ISO 3166 alpha-2
    std::string currency;  ///< ISO 4217
    Qty lotSize = Qty::fromInteger(1);
    Price tickSize = Price::of("0.01");
    std::optional<Price> referencePrice;   ///< last known price, if any
    std::optional<Qty> votingShares = {};  ///< the issuer's voting shares outstanding, for the 1940 Act test

    /// Decimal places needed to show any multiple of the tick.
    int priceDecimals() const;

    friend bool operator==(const Instrument&, const Instrument&) = default;
};

}  // namespace ob

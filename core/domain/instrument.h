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
    // Identifiers a broker may need besides the symbol (securityids.h checks them); empty when unknown.
    std::string isin = {};   ///< ISO 6166, 12 characters
    std::string cusip = {};  ///< 9 characters
    std::string sedol = {};  ///< 7 characters
    std::string mic = {};    ///< ISO 10383 market identifier code of its primary exchange, 4 characters
    /// An inactive instrument takes no new order; the orders and positions that name it stay. An instrument is never
    /// deleted: the book refers to it for ever.
    bool active = true;

    /// Decimal places needed to show any multiple of the tick.
    int priceDecimals() const;

    friend bool operator==(const Instrument&, const Instrument&) = default;
};

}  // namespace ob

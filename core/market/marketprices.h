#pragma once

#include "domain/decimal.h"
#include "domain/timestamp.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// The latest prices of one instrument, as far as they are known.
struct Quote {
    std::string symbol;
    std::optional<Price> bid;
    std::optional<Price> offer;
    std::optional<Price> last;
    Timestamp updatedAt;
    /// Where `last` came from: market data, or the instrument's reference price until market data arrives.
    bool fromMarketData = false;
    std::uint64_t version = 0;  ///< the table's version when this quote last changed

    friend bool operator==(const Quote&, const Quote&) = default;
};

/// The latest quote of every instrument, written by the FIX gateway's thread
/// and read by anyone. Each change bumps a version, so that a reader asking
/// "what changed since version V" gets only the quotes that moved.
///
/// The price a position is marked at is `last`; before any market data a
/// quote holds the instrument's reference price (documented fallback).
class MarketPrices {
public:
    /// Sets the price of an instrument that has no market data yet.
    void setReference(const std::string& symbol, Price price);
    /// Applies a market data entry: any of bid, offer and last.
    void update(const std::string& symbol, std::optional<Price> bid, std::optional<Price> offer, std::optional<Price> last,
                Timestamp at);

    std::optional<Quote> quote(const std::string& symbol) const;
    std::optional<Price> last(const std::string& symbol) const;
    /// The quotes changed after `version`, and the version they bring the reader to.
    std::vector<Quote> changedSince(std::uint64_t version, std::uint64_t* now) const;
    std::uint64_t version() const;

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Quote> quotes_;
    std::uint64_t version_ = 0;
};

}  // namespace ob

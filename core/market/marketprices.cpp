#include "market/marketprices.h"

namespace ob {

void MarketPrices::setReference(const std::string& symbol, Price price) {
    std::lock_guard lock(mutex_);
    auto& quote = quotes_[symbol];
    if (quote.fromMarketData) return;
    quote.symbol = symbol;
    quote.last = price;
    quote.version = ++version_;
}

void MarketPrices::update(const std::string& symbol, std::optional<Price> bid, std::optional<Price> offer,
                          std::optional<Price> last, Timestamp at) {
    if (!bid && !offer && !last) return;
    std::lock_guard lock(mutex_);
    auto& quote = quotes_[symbol];
    quote.symbol = symbol;
    if (bid) quote.bid = bid;
    if (offer) quote.offer = offer;
    if (last) {
        quote.last = last;
        quote.fromMarketData = true;
    }
    quote.updatedAt = at;
    quote.version = ++version_;
}

std::optional<Quote> MarketPrices::quote(const std::string& symbol) const {
    std::lock_guard lock(mutex_);
    auto found = quotes_.find(symbol);
    if (found == quotes_.end()) return std::nullopt;
    return found->second;
}

std::optional<Price> MarketPrices::last(const std::string& symbol) const {
    std::lock_guard lock(mutex_);
    auto found = quotes_.find(symbol);
    return found == quotes_.end() ? std::nullopt : found->second.last;
}

std::vector<Quote> MarketPrices::changedSince(std::uint64_t version, std::uint64_t* now) const {
    std::lock_guard lock(mutex_);
    std::vector<Quote> changed;
    // One pass over the instruments (thousands at most), a few times a second.
    if (version < version_)
        for (const auto& [symbol, quote] : quotes_)
            if (quote.version > version) changed.push_back(quote);
    if (now) *now = version_;
    return changed;
}

std::uint64_t MarketPrices::version() const {
    std::lock_guard lock(mutex_);
    return version_;
}

}  // namespace ob

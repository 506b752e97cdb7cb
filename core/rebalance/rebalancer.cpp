#include "rebalance/rebalancer.h"

#include "portfolio/exposure.h"

#include <algorithm>
#include <map>
#include <set>

namespace ob {

namespace {

using decimal_detail::divideRounded;
using decimal_detail::powerOfTen;
using decimal_detail::Wide;

/// The quantity worth `amount` at `price`, to 8 places.
Qty quantityWorth(Money amount, Price price) {
    return Qty::fromRaw(static_cast<std::int64_t>(divideRounded(amount.raw(), Wide(price.raw()), RoundingMode::HalfEven)));
}

/// Whole lots, toward zero.
Qty wholeLots(Qty quantity, Qty lot) { return lot * (quantity.raw() / lot.raw()); }

struct Candidate {
    std::string symbol;
    Qty held;
    Qty trade;         ///< signed: positive buys
    Price price;       ///< in the fund's currency
    Price localPrice;  ///< in the instrument's, for the order
    Qty lot;
    Money target;
    Money weightBefore;
};

}  // namespace

Result<RebalanceProposal> proposeRebalance(const FundPosition& fund, const ModelPortfolio& model, const RebalanceOptions& options,
                                           const std::function<const Instrument*(const std::string&)>& instrumentOf,
                                           const std::function<std::optional<Price>(const std::string&)>& priceOf,
                                           const ToFundCurrency& inFundCurrency) {
    // An instrument's price in the fund's currency, to 8 places: what weights and quantities are worked out in.
    const auto fundPrice = [&](const std::string& symbol) -> std::optional<Price> {
        const auto price = priceOf(symbol);
        if (!price || !inFundCurrency) return price;
        const auto converted = inFundCurrency(amountOf(*price), symbol);
        if (!converted) return std::nullopt;
        return Price::fromRaw(static_cast<std::int64_t>(divideRounded(converted->raw(), powerOfTen(8), RoundingMode::HalfEven)));
    };
    RebalanceProposal proposal;
    std::map<std::string, Money> targets;
    Money modelTotal;
    for (const auto& [symbol, weight] : model.weights) {
        if (weight.isNegative()) return Error{"the model's weight of " + symbol + " is negative"};
        if (!targets.emplace(symbol, weight).second) return Error{"the model names " + symbol + " twice"};
        modelTotal += weight;
    }
    if (modelTotal > Money::fromInteger(1))
        return Error{"the model's weights add up to " + modelTotal.toString() + ", more than 1"};

    // Value the fund: cash plus every holding at its price.
    proposal.nav = fund.cash;
    std::set<std::string> symbols;
    for (const auto& [symbol, quantity] : fund.quantities) {
        symbols.insert(symbol);
        const auto price = fundPrice(symbol);
        if (!price) return Error{"no price or exchange rate for " + symbol + ", which the fund holds: the fund cannot be valued"};
        proposal.nav += quantity * *price;
    }
    if (!proposal.nav.isPositive()) return Error{"the fund's NAV is " + proposal.nav.toString() + ": nothing to rebalance"};
    for (const auto& [symbol, weight] : targets) symbols.insert(symbol);
    const Money band = Money::fromRaw(options.band.raw() / 100);  // percentage points to a fraction

    std::vector<Candidate> candidates;
    for (const auto& symbol : symbols) {
        const auto found = fund.quantities.find(symbol);
        const Qty held = found == fund.quantities.end() ? Qty{} : found->second;
        const auto targetFound = targets.find(symbol);
        const Money target = targetFound == targets.end() ? Money{} : targetFound->second;
        const auto* instrument = instrumentOf(symbol);
        const auto price = fundPrice(symbol);
        if (!instrument || !price || !price->isPositive()) {
            proposal.leftAlone.push_back({symbol, instrument ? "no price or exchange rate" : "not a known instrument"});
            continue;
        }
        const Money weight = fractionOf(held * *price, proposal.nav);
        if (held.isZero() && !options.newNames) {
            proposal.leftAlone.push_back({symbol, "a new name, and new names are not allowed"});
            continue;
        }
        if (targetFound == targets.end() && !options.fullExits) {
            proposal.leftAlone.push_back({symbol, "not in the model, and full exits are not allowed"});
            continue;
        }
        const Money drift = absolute(weight - target);
        if (drift.isZero() || (band.isPositive() && drift <= band)) {
            proposal.leftAlone.push_back({symbol, "within its band"});
            continue;
        }
        const Qty lot = options.wholeLots && instrument->lotSize.isPositive() ? instrument->lotSize : Qty::fromInteger(1);
        const bool exit = target.isZero();
        const Qty wanted = exit ? Qty{} : quantityWorth(percentAmount(proposal.nav, Money::fromRaw(target.raw() * 100)), *price);
        const Qty trade = exit ? -held : wholeLots(wanted - held, lot);
        if (trade.isZero()) {
            proposal.leftAlone.push_back({symbol, "less than a lot from its target"});
            continue;
        }
        candidates.push_back({symbol, held, trade, *price, *priceOf(symbol), lot, target, weight});
    }

    auto valueOf = [](const Candidate& c) { return absolute(c.trade * c.price); };
    auto tooSmall = [&](const Candidate& c) { return options.minTrade.isPositive() && valueOf(c) < options.minTrade; };

    // Sells first: they fund the buys.
    Money sold, wanted;
    for (auto& c : candidates) {
        if (c.trade.isNegative() && tooSmall(c)) {
            proposal.leftAlone.push_back({c.symbol, "a sale below the minimum trade"});
            c.trade = Qty{};
        }
        if (c.trade.isNegative()) sold += valueOf(c);
        if (c.trade.isPositive()) wanted += valueOf(c);
    }
    const Money buffer = percentAmount(proposal.nav, options.cashBuffer);
    const Money available = fund.cash + sold - buffer;
    if (wanted > available) {
        // Not enough cash: every buy shrinks by the same factor, to whole lots.
        for (auto& c : candidates) {
            if (!c.trade.isPositive()) continue;
            if (!available.isPositive()) {
                proposal.leftAlone.push_back({c.symbol, "no cash above the buffer for it"});
                c.trade = Qty{};
                continue;
            }
            const Wide scaled = divideRounded(Wide(c.trade.raw()) * (available.raw() / powerOfTen(8)),
                                              wanted.raw() / powerOfTen(8), RoundingMode::TowardZero);
            c.trade = wholeLots(Qty::fromRaw(static_cast<std::int64_t>(scaled)), c.lot);
            if (c.trade.isZero()) proposal.leftAlone.push_back({c.symbol, "no cash above the buffer for a whole lot"});
        }
    }
    proposal.cashBefore = fund.cash;
    proposal.cashAfter = fund.cash;
    for (auto& c : candidates) {
        if (c.trade.isPositive() && tooSmall(c)) {
            proposal.leftAlone.push_back({c.symbol, "a purchase below the minimum trade"});
            c.trade = Qty{};
        }
        if (c.trade.isZero()) continue;
        proposal.cashAfter -= c.trade * c.price;
        proposal.trades.push_back({c.symbol, c.trade.isPositive() ? Side::Buy : Side::Sell, c.trade.abs(), c.localPrice,
                                   c.weightBefore, fractionOf((c.held + c.trade) * c.price, proposal.nav), c.target});
    }
    std::stable_sort(proposal.trades.begin(), proposal.trades.end(), [](const ProposedTrade& a, const ProposedTrade& b) {
        if (a.side != b.side) return a.side == Side::Sell;
        return a.symbol < b.symbol;
    });
    return proposal;
}

}  // namespace ob

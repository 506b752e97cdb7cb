#include "portfolio/fundholdings.h"

#include "portfolio/blockallocation.h"

#include <algorithm>

namespace ob {

namespace {

std::string openingTradeId(const std::string& fund, const std::string& symbol) { return "opening\x1f" + fund + '\x1f' + symbol; }

}  // namespace

void FundHoldings::setFunds(const std::vector<ob::Fund>& funds) {
    for (const auto& fund : funds) funds_[fund.code].baseCurrency = fund.baseCurrency;
}

void FundHoldings::setAccounts(const std::vector<Account>& accounts) {
    for (const auto& account : accounts) {
        fundOfAccount_[account.code] = account.fundCode;
        funds_.try_emplace(account.fundCode);
    }
}

template <typename Change>
bool FundHoldings::book(const std::string& fundCode, const std::string& symbol, const std::string& currency, Change&& change) {
    const auto* known = positions_.find(fundCode, symbol);
    const Qty quantityBefore = known ? known->quantity : Qty{};
    const Money cashBefore = known ? known->realised - known->cost : Money{};
    const Position* after = change();
    if (!after) return false;
    // Cash spent on a position is its open cost less what closing trades realised.
    auto& fund = funds_[fundCode];
    auto& quantity = fund.quantities[symbol];
    quantity += after->quantity - quantityBefore;
    if (quantity.isZero()) fund.quantities.erase(symbol);
    fund.cash[currency] += (after->realised - after->cost) - cashBefore;
    ++fund.version;
    return true;
}

void FundHoldings::setOpening(const std::vector<OpeningPosition>& positions) {
    std::unordered_map<std::string, std::vector<const OpeningPosition*>> byFund;
    for (const auto& position : positions) byFund[position.fund].push_back(&position);
    for (const auto& [code, opening] : byFund) {
        auto& fund = funds_[code];
        // What the fund held before is restated to nothing, then to the new positions.
        Money cash;
        std::unordered_map<std::string, std::pair<Qty, Price>> held;
        for (const auto* position : opening) {
            if (position->symbol == OpeningPosition::kCash) {
                cash += Money::product(position->quantity, Price::fromInteger(1));
                continue;
            }
            auto& [quantity, price] = held[position->symbol];
            quantity += position->quantity;
            if (position->price) {
                price = *position->price;
                openingPrices_[position->symbol] = *position->price;
            }
        }
        for (const auto& symbol : openingSymbols_[code])
            if (!held.count(symbol)) held.emplace(symbol, std::pair<Qty, Price>{});
        auto& symbols = openingSymbols_[code];
        symbols.clear();
        for (const auto& [symbol, startOfDay] : held) {
            const auto& [quantity, price] = startOfDay;
            if (!quantity.isZero()) symbols.push_back(symbol);
            // The opening position costs its opening value: it moves no cash. It is the position's first
            // trade even when the day's fills came before it.
            const auto* position = positions_.restate(code, symbol, openingTradeId(code, symbol), quantity, price, true);
            auto& now = fund.quantities[symbol];
            now = position->quantity;
            if (now.isZero()) fund.quantities.erase(symbol);
        }
        fund.cash[fund.baseCurrency] += cash - fund.openingCash;
        fund.openingCash = cash;
        ++fund.version;
    }
}

const std::string* FundHoldings::apply(const ExecutionRecord& execution, const std::string& account,
                                       const std::string& currency) {
    const auto owner = fundOfAccount_.find(account);
    if (owner == fundOfAccount_.end()) return nullptr;
    const bool changed =
        book(owner->second, execution.symbol, currency, [&] { return positions_.apply(execution, owner->second); });
    return changed ? &owner->second : nullptr;
}

std::vector<std::string> FundHoldings::apply(const ExecutionRecord& execution, const OrderState& order,
                                             const std::string& currency) {
    std::vector<std::string> changed;
    if (!order.isBlock()) {
        if (const auto* fund = apply(execution, order.account, currency)) changed.push_back(*fund);
        return changed;
    }
    if (!changesFills(execution.execType)) return changed;
    for (const auto& fill : allocatedFills(order)) {
        const auto owner = fundOfAccount_.find(fill.account);
        if (owner == fundOfAccount_.end()) continue;
        const bool booked = book(owner->second, order.symbol, currency, [&] {
            return positions_.restate(owner->second, order.symbol, fill.tradeId, fill.signedQuantity, fill.price);
        });
        if (booked && std::find(changed.begin(), changed.end(), owner->second) == changed.end()) changed.push_back(owner->second);
    }
    return changed;
}

std::vector<const Position*> FundHoldings::positionsOf(const std::string& fund) const {
    std::vector<const Position*> result;
    for (const auto& position : positions_.positions())
        if (position.account == fund) result.push_back(&position);
    return result;
}

const std::string& FundHoldings::fundOf(const std::string& account) const {
    static const std::string none;
    const auto it = fundOfAccount_.find(account);
    return it == fundOfAccount_.end() ? none : it->second;
}

const FundHoldings::Fund* FundHoldings::find(const std::string& fund) const {
    const auto it = funds_.find(fund);
    return it == funds_.end() ? nullptr : &it->second;
}

Qty FundHoldings::quantity(const std::string& fund, const std::string& symbol) const {
    const auto* holdings = find(fund);
    if (!holdings) return {};
    const auto it = holdings->quantities.find(symbol);
    return it == holdings->quantities.end() ? Qty{} : it->second;
}

std::optional<Price> FundHoldings::openingPrice(const std::string& symbol) const {
    const auto it = openingPrices_.find(symbol);
    return it == openingPrices_.end() ? std::nullopt : std::optional<Price>(it->second);
}

}  // namespace ob

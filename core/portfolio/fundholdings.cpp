#include "portfolio/fundholdings.h"

namespace ob {

void FundHoldings::setFunds(const std::vector<ob::Fund>& funds) {
    for (const auto& fund : funds) funds_[fund.code].baseCurrency = fund.baseCurrency;
}

void FundHoldings::setAccounts(const std::vector<Account>& accounts) {
    for (const auto& account : accounts) {
        fundOfAccount_[account.code] = account.fundCode;
        funds_.try_emplace(account.fundCode);
    }
}

void FundHoldings::setOpening(const std::vector<OpeningPosition>& positions) {
    for (const auto& position : positions) {
        auto& fund = funds_[position.fund];
        ++fund.version;
        if (position.symbol == OpeningPosition::kCash) {
            fund.cash[fund.baseCurrency] += Money::product(position.quantity, Price::fromInteger(1));
            continue;
        }
        auto& quantity = fund.quantities[position.symbol];
        quantity += position.quantity;
        if (quantity.isZero()) fund.quantities.erase(position.symbol);
        if (position.price) openingPrices_[position.symbol] = *position.price;
    }
}

const std::string* FundHoldings::apply(const ExecutionRecord& execution, const std::string& account,
                                       const std::string& currency) {
    const auto owner = fundOfAccount_.find(account);
    if (owner == fundOfAccount_.end()) return nullptr;
    const auto* known = fills_.find(account, execution.symbol);
    const Qty quantityBefore = known ? known->quantity : Qty{};
    const Money cashBefore = known ? known->realised - known->cost : Money{};
    const auto* after = fills_.apply(execution, account);
    if (!after) return nullptr;
    // Cash spent on a position is its open cost less what closing trades realised.
    auto& fund = funds_[owner->second];
    auto& quantity = fund.quantities[execution.symbol];
    quantity += after->quantity - quantityBefore;
    if (quantity.isZero()) fund.quantities.erase(execution.symbol);
    fund.cash[currency] += (after->realised - after->cost) - cashBefore;
    ++fund.version;
    return &owner->second;
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

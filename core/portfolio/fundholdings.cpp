#include "portfolio/fundholdings.h"

#include <algorithm>

namespace ob {

namespace {

std::string openingTradeId(const std::string& fund, const std::string& symbol) { return "opening\x1f" + fund + '\x1f' + symbol; }

/// What a position has taken out of cash: its open cost less what closing trades realised.
Money cashSpentOn(const Position* position) { return position ? position->cost - position->realised : Money{}; }

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

void FundHoldings::setQuantity(Fund& fund, const std::string& symbol, Qty quantity) {
    if (quantity.isZero())
        fund.quantities.erase(symbol);
    else
        fund.quantities[symbol] = quantity;
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
            setQuantity(fund, symbol, position->quantity);
        }
        fund.cash[fund.baseCurrency] += cash - fund.openingCash;
        fund.openingCash = cash;
        ++fund.version;
    }
}

FundHoldings::Move FundHoldings::plan(const std::string& fund, const std::string& symbol, const std::string& currency,
                                      const std::string& tradeId, Qty signedQuantity, Price price) const {
    Move move{fund, symbol, currency, tradeId, signedQuantity, price, {}, {}};
    move.after = positions_.trial(fund, symbol, tradeId, signedQuantity, price);
    Money cash;
    if (const auto* held = find(fund))
        if (const auto it = held->cash.find(currency); it != held->cash.end()) cash = it->second;
    move.cashAfter = cash - (cashSpentOn(&move.after) - cashSpentOn(positions_.find(fund, symbol)));
    return move;
}

void FundHoldings::commit(const Move& move) {
    auto& fund = funds_[move.fund];
    const auto* position = positions_.restate(move.fund, move.symbol, move.tradeId, move.signedQuantity, move.price);
    setQuantity(fund, move.symbol, position->quantity);
    fund.cash[move.currency] = move.cashAfter;
    ++fund.version;
}

const std::string* FundHoldings::apply(const ExecutionRecord& execution, const std::string& account,
                                       const std::string& currency) {
    const auto owner = fundOfAccount_.find(account);
    if (owner == fundOfAccount_.end()) return nullptr;
    const bool restates = execution.execType == ExecType::TradeCorrect || execution.execType == ExecType::TradeCancel;
    if (execution.execType != ExecType::Trade && !restates) return nullptr;
    const Qty quantity = execution.execType == ExecType::TradeCancel ? Qty{} : execution.lastQty;
    commit(plan(owner->second, execution.symbol, currency, restates ? execution.execRefId : execution.execId,
                execution.side == Side::Buy ? quantity : -quantity, execution.lastPx));
    return &owner->second;
}

void FundHoldings::replace(const Position& fundPosition) {
    positions_.replace(fundPosition);
    auto& fund = funds_[fundPosition.account];
    setQuantity(fund, fundPosition.symbol, fundPosition.quantity);
    ++fund.version;
}

void FundHoldings::setCash(const FundCash& cash) {
    auto& fund = funds_[cash.fund];
    fund.cash[cash.currency] = cash.amount;
    ++fund.version;
}

void FundHoldings::setOpeningPrices(const std::vector<OpeningPosition>& positions) {
    for (const auto& position : positions)
        if (position.price && position.symbol != OpeningPosition::kCash) openingPrices_[position.symbol] = *position.price;
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

#include "portfoliobook.h"

#include "market/marketprices.h"

#include <algorithm>

namespace ob::ui {

PortfolioBook::PortfolioBook(const ReferenceData& reference, const MarketPrices& prices, QObject* parent)
    : QObject(parent), reference_(reference), prices_(prices) {
    holdings_.setFunds(reference.funds);
    holdings_.setAccounts(reference.accounts);
    for (const auto& instrument : reference.instruments) currencies_.emplace(instrument.symbol, instrument.currency);
}

void PortfolioBook::setOpening(const std::vector<OpeningPosition>& positions) {
    if (positions.empty()) return;
    holdings_.setOpening(positions);
    Q_EMIT changed();
}

void PortfolioBook::apply(const std::vector<ExecutionRecord>& executions, const OrderLookup& orderOf) {
    bool any = false;
    for (const auto& execution : executions) {
        const auto* order = orderOf(execution.orderId);
        if (!order) continue;
        const auto known = currencies_.find(execution.symbol);
        const auto* fund = holdings_.find(holdings_.fundOf(order->account));
        const std::string currency = known != currencies_.end() ? known->second : fund ? fund->baseCurrency : std::string();
        any = !holdings_.apply(execution, *order, currency).empty() || any;
    }
    if (any) Q_EMIT changed();
}

std::optional<Price> PortfolioBook::priceOf(const std::string& symbol) const {
    if (const auto quote = prices_.quote(symbol); quote && quote->fromMarketData && quote->last) return quote->last;
    if (auto opening = holdings_.openingPrice(symbol)) return opening;
    return prices_.last(symbol);
}

FundValuation PortfolioBook::value(const std::string& fund) const {
    return valueFund(holdings_, fund, reference_, [this](const std::string& symbol) { return priceOf(symbol); });
}

std::vector<OpeningPosition> PortfolioBook::currentHoldings(const std::string& fund) const {
    std::vector<OpeningPosition> rows;
    const auto valuation = value(fund);
    for (const auto& holding : valuation.holdings)
        if (!holding.quantity.isZero()) rows.push_back({fund, holding.symbol, holding.quantity, holding.price});
    // Cash, in the base currency, to the 8 places a quantity holds.
    const auto cash = Qty::parse(valuation.cash.toString(8));
    rows.push_back({fund, OpeningPosition::kCash, cash ? *cash : Qty{}, std::nullopt});
    return rows;
}

std::uint64_t PortfolioBook::pricesVersion() const { return prices_.version(); }

std::uint64_t PortfolioBook::version(const std::string& fund) const {
    const auto* held = holdings_.find(fund);
    return held ? held->version : 0;
}

QStringList PortfolioBook::funds() const {
    QStringList codes;
    for (const auto& fund : reference_.funds) codes << QString::fromStdString(fund.code);
    codes.sort();
    return codes;
}

}  // namespace ob::ui

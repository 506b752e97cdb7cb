#include "portfoliobook.h"

#include "enginefeed.h"
#include "market/marketprices.h"

namespace ob::ui {

PortfolioBook::PortfolioBook(const ReferenceData& reference, const MarketPrices& prices, QObject* parent)
    : QObject(parent), reference_(reference), prices_(prices) {
    holdings_.setFunds(reference.funds);
    holdings_.setAccounts(reference.accounts);
}

void PortfolioBook::referenceChanged() {
    holdings_.setFunds(reference_.funds);
    holdings_.setAccounts(reference_.accounts);
    Q_EMIT changed();
}

void PortfolioBook::apply(const std::vector<Position>& fundPositions, const std::vector<FundCash>& cash,
                          const std::vector<OpeningPosition>& opening) {
    if (fundPositions.empty() && cash.empty() && opening.empty()) return;
    holdings_.setOpeningPrices(opening);
    for (const auto& position : fundPositions) holdings_.replace(position);
    for (const auto& amount : cash) holdings_.setCash(amount);
    Q_EMIT changed();
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

void PortfolioBook::follow(const EngineFeed& feed) { connect(&feed, &EngineFeed::fundsChanged, this, &PortfolioBook::apply); }

}  // namespace ob::ui

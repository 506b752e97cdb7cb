#include "rebalanceproposal.h"

#include "compliance/proposalcheck.h"
#include "files.h"
#include "orders/exports.h"
#include "refdata/referencecsv.h"

#include <cstdio>

namespace ob::app {

namespace {

template <typename T>
Result<T> readCsv(const std::filesystem::path& path, Result<T> (*parse)(const CsvTable&)) {
    auto table = CsvTable::readFile(path.string());
    if (!table) return Error{table.error()};
    auto parsed = parse(*table);
    if (!parsed) return Error{path.string() + ": " + parsed.error()};
    return parsed;
}

}  // namespace

Status writeRebalanceProposal(Desk& desk, const CommandLine::Rebalance& options, const Actor& actor) {
    ReferenceData reference = desk.referenceData();
    if (options.instruments) {
        auto instruments = readCsv(*options.instruments, &parseInstruments);
        if (!instruments) return Error{instruments.error()};
        reference.instruments = std::move(*instruments);
    }
    auto positions = readCsv(options.positions, &parseOpeningPositions);
    if (!positions) return Error{positions.error()};
    auto model = readCsv(options.model, &parseModel);
    if (!model) return Error{model.error()};

    std::unordered_map<std::string, const Instrument*> instruments;
    for (const auto& instrument : reference.instruments) instruments.emplace(instrument.symbol, &instrument);
    FundPosition fund;
    std::vector<OpeningPosition> held;
    std::unordered_map<std::string, Price> prices;
    for (const auto& position : *positions) {
        if (position.fund != options.fund) continue;
        held.push_back(position);
        if (position.symbol == OpeningPosition::kCash) {
            fund.cash += Money::product(position.quantity, Price::fromInteger(1));
            continue;
        }
        if (!instruments.count(position.symbol))
            return Error{options.positions.string() + ": " + position.symbol + " is not in the instruments"};
        fund.quantities[position.symbol] += position.quantity;
        if (position.price) prices[position.symbol] = *position.price;
    }
    if (held.empty()) return Error{options.positions.string() + ": no positions and no cash for the fund " + options.fund};
    const auto instrumentOf = [&](const std::string& symbol) -> const Instrument* {
        const auto found = instruments.find(symbol);
        return found == instruments.end() ? nullptr : found->second;
    };
    // The position's own price first, then the instrument's.
    const auto priceOf = [&](const std::string& symbol) -> std::optional<Price> {
        if (const auto found = prices.find(symbol); found != prices.end()) return found->second;
        const auto* instrument = instrumentOf(symbol);
        return instrument ? instrument->referencePrice : std::nullopt;
    };
    const RebalanceOptions rebalance{Money::of(options.band), Money::of(options.cashBuffer), Money::of(options.minTrade),
                                     options.newNames, true};
    std::string baseCurrency = "USD";
    for (const auto& known : reference.funds)
        if (known.code == options.fund) baseCurrency = known.baseCurrency;
    const auto inFundCurrency = [&](Money amount, const std::string& symbol) -> std::optional<Money> {
        const auto* instrument = instrumentOf(symbol);
        return reference.fxRates.convert(amount, instrument ? instrument->currency : baseCurrency, baseCurrency);
    };
    auto proposal = proposeRebalance(fund, *model, rebalance, instrumentOf, priceOf, inFundCurrency);
    if (!proposal) return Error{"no proposal for " + options.fund + ": " + proposal.error()};

    // What-if compliance on the portfolio the proposal builds: each order is checked with the ones before it done.
    auto rules = desk.store().loadCompliance(nowUtc());
    if (!rules) return Error{rules.error()};
    const std::string account = options.fund + "-REBALANCE";
    bool knownFund = false;
    for (const auto& f : reference.funds) knownFund = knownFund || f.code == options.fund;
    if (!knownFund) reference.funds.push_back({options.fund, options.fund, baseCurrency});
    reference.accounts.push_back({account, "rebalance proposal", options.fund});
    ComplianceEngine compliance(reference, priceOf);
    compliance.setOpeningPositions(held);
    compliance.setRules(std::move(rules->rules));
    std::vector<Verdict> verdicts;
    const auto results = checkProposal(compliance, *proposal, account, actor.user, nowUtc());
    for (std::size_t i = 0; i < results.size(); ++i) {
        verdicts.push_back(results[i].verdict);
        const auto& trade = proposal->trades[i];
        if (!results[i].findings.empty())
            std::printf("%s %s %s: %s\n", std::string(aliasOf(trade.side)).c_str(), trade.quantity.toString().c_str(),
                        trade.symbol.c_str(), results[i].summary().c_str());
    }

    if (auto written = writeFile(options.output, proposalCsv(*proposal, verdicts)); !written) return written;
    std::size_t sells = 0;
    for (const auto& trade : proposal->trades) sells += trade.side == Side::Sell ? 1 : 0;
    std::printf(
        "proposal for %s: %zu orders (%zu sells, %zu buys), NAV %s, cash %s before and %s after; %zu left alone; written to %s\n",
        options.fund.c_str(), proposal->trades.size(), sells, proposal->trades.size() - sells, proposal->nav.toString(2).c_str(),
        proposal->cashBefore.toString(2).c_str(), proposal->cashAfter.toString(2).c_str(), proposal->leftAlone.size(),
        options.output.c_str());
    return {};
}

}  // namespace ob::app

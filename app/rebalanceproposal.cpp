#include "rebalanceproposal.h"

#include "formats/exports.h"
#include "formats/referencecsv.h"
#include "rebalance/rebalanceplan.h"
#include "util/files.h"

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
    model->name = options.model.stem().string();
    if (auto known = checkModelSymbols(*model, reference.instruments); !known)
        return Error{options.model.string() + ": " + known.error()};

    bool held = false;
    for (const auto& position : *positions) held = held || position.fund == options.fund;
    if (!held) return Error{options.positions.string() + ": no positions and no cash for the fund " + options.fund};
    auto rules = desk.store().loadCompliance(nowUtc());
    if (!rules) return Error{rules.error()};
    const RebalanceRequest request{
        options.fund,
        std::move(*positions),
        std::move(*model),
        {Money::of(options.band), Money::of(options.cashBuffer), Money::of(options.minTrade), options.newNames, true},
        std::move(rules->rules),
        actor.user,
        nowUtc()};
    // The positions file's prices first, then the instruments'.
    auto plan = planRebalance(reference, request, {});
    if (!plan) return Error{options.positions.string() + ": " + plan.error()};
    const auto& proposal = plan->proposal;
    const auto& results = plan->checks;
    std::vector<Verdict> verdicts;
    for (std::size_t i = 0; i < results.size(); ++i) {
        verdicts.push_back(results[i].verdict);
        const auto& trade = proposal.trades[i];
        if (!results[i].findings.empty())
            std::printf("%s %s %s: %s\n", std::string(aliasOf(trade.side)).c_str(), trade.quantity.toString().c_str(),
                        trade.symbol.c_str(), results[i].summary().c_str());
    }

    if (auto written = writeFile(options.output, proposalCsv(proposal, verdicts)); !written) return written;
    std::size_t sells = 0;
    for (const auto& trade : proposal.trades) sells += trade.side == Side::Sell ? 1 : 0;
    std::printf(
        "proposal for %s: %zu orders (%zu sells, %zu buys), NAV %s, cash %s before and %s after; %zu left alone; written to %s\n",
        options.fund.c_str(), proposal.trades.size(), sells, proposal.trades.size() - sells, proposal.nav.toString(2).c_str(),
        proposal.cashBefore.toString(2).c_str(), proposal.cashAfter.toString(2).c_str(), proposal.leftAlone.size(),
        options.output.c_str());
    return {};
}

}  // namespace ob::app

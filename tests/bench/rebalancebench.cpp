#include "benchfund.h"
#include "benchmarks.h"
#include "rebalance/proposalcheck.h"

#include <random>
#include <stdexcept>

namespace ob::bench {

/// A PM's rebalance of a large fund: the proposal for a 5,000-holding fund against a model, and the
/// what-if compliance of every order on the portfolio the proposal builds (40 rules).
void runRebalance(const BenchContext& context) {
    const int holdings = context.quick ? 1'000 : 5'000;
    ReferenceData reference = benchReference(holdings);
    std::vector<OpeningPosition> positions = benchPositions(reference, "BIG");
    std::unordered_map<std::string, Price> marks;
    for (const auto& instrument : reference.instruments) marks[instrument.symbol] = *instrument.referencePrice;
    const auto priceOf = [&marks](const std::string& symbol) {
        const auto it = marks.find(symbol);
        return it == marks.end() ? std::nullopt : std::optional<Price>(it->second);
    };
    std::unordered_map<std::string, const Instrument*> bySymbol;
    for (const auto& instrument : reference.instruments) bySymbol[instrument.symbol] = &instrument;
    const auto instrumentOf = [&bySymbol](const std::string& symbol) -> const Instrument* {
        const auto it = bySymbol.find(symbol);
        return it == bySymbol.end() ? nullptr : it->second;
    };

    FundPosition fund;
    for (const auto& position : positions) {
        if (position.symbol == OpeningPosition::kCash)
            fund.cash += Money::product(position.quantity, Price::fromInteger(1));
        else
            fund.quantities[position.symbol] += position.quantity;
    }
    // The model: every holding near an equal weight, some far from it, so that about half of them trade.
    ModelPortfolio model;
    std::mt19937 random(20261129);
    const Money equal = Money::fromRaw(Money::fromInteger(1).raw() * 95 / 100 / holdings);
    for (const auto& instrument : reference.instruments)
        model.weights.emplace_back(instrument.symbol,
                                   random() % 2 ? equal : Money::fromRaw(equal.raw() * (50 + random() % 100) / 100));

    const auto start = Clock::now();
    auto proposal =
        proposeRebalance(fund, model, {Money::of("0.001"), Money::of("1"), Money::of("1000"), true, true}, instrumentOf, priceOf);
    if (!proposal) throw std::runtime_error(proposal.error());
    const double proposeSeconds = secondsSince(start);
    reference.accounts.push_back({"BIG-REBALANCE", "rebalance", "BIG"});
    ComplianceEngine compliance(reference, priceOf);
    compliance.setOpeningPositions(positions);
    compliance.setRules(benchRules());
    const auto checkStart = Clock::now();
    const auto results = checkProposal(compliance, *proposal, "BIG-REBALANCE", "bench", nowUtc());
    const double checkSeconds = secondsSince(checkStart);
    const double totalMs = (proposeSeconds + checkSeconds) * 1e3;
    JsonLine("rebalance")
        .add("holdings", holdings)
        .add("orders", std::int64_t(proposal->trades.size()))
        .add("propose_ms", proposeSeconds * 1e3)
        .add("what_if_ms", checkSeconds * 1e3)
        .add("total_ms", totalMs)
        .add("target", "< 250 ms")
        .add("met", totalMs < 250.0)
        .print();
    if (results.size() != proposal->trades.size()) throw std::runtime_error("not every order was checked");
}

}  // namespace ob::bench

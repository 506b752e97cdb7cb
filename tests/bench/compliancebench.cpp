#include "benchfund.h"
#include "benchmarks.h"
#include "compliance/complianceengine.h"

#include <algorithm>
#include <atomic>
#include <random>
#include <stdexcept>

namespace ob::bench {

namespace {

constexpr int kHoldings = 5'000;
constexpr int kRestricted = 10'000;

double percentileMicros(std::vector<double>& samples, double share) {
    const auto at = std::size_t(share * double(samples.size() - 1));
    std::nth_element(samples.begin(), samples.begin() + std::ptrdiff_t(at), samples.end());
    return samples[at];
}

}  // namespace

/// The pre-trade check a ticket, a basket and every order pay: one order
/// against 40 rules, a 10,000-symbol restricted list and a fund of 5,000
/// holdings, on the thread that owns compliance.
void runCompliance(const BenchContext& context) {
    const int checks = context.quick ? 20'000 : 100'000;
    const ReferenceData reference = benchReference(kHoldings);
    const auto positions = benchPositions(reference, "BIG");
    std::unordered_map<std::string, Price> marks;
    for (const auto& instrument : reference.instruments) marks[instrument.symbol] = *instrument.referencePrice;
    std::atomic<std::uint64_t> version = 1;

    ComplianceEngine compliance(
        reference,
        [&marks](const std::string& symbol) {
            const auto it = marks.find(symbol);
            return it == marks.end() ? std::nullopt : std::optional<Price>(it->second);
        },
        [&version] { return version.load(); });
    compliance.setOpeningPositions(positions);
    auto rules = benchRules();
    const auto ruleCount = rules.rules.size();
    compliance.setRules(std::move(rules));

    std::mt19937 random(20261129);
    std::vector<ProposedOrder> orders;
    orders.reserve(std::size_t(checks));
    const auto now = nowUtc();
    for (int i = 0; i < checks; ++i) {
        ProposedOrder order;
        order.account = "BIG-PB";
        order.trader = "bench";
        const int held = int(random() % kHoldings);
        order.symbol = benchSymbol(held);
        order.side = random() % 2 ? Side::Buy : Side::Sell;
        order.quantity = Qty::fromInteger(100 * (1 + std::int64_t(random() % 20)));
        order.type = OrdType::Limit;
        order.limitPrice = marks[order.symbol] + Price::of("0.05");
        order.at = now;
        orders.push_back(std::move(order));
    }

    // Revaluing the fund after prices move is paid once per move, by the first check after it.
    version.fetch_add(1);
    auto start = Clock::now();
    (void)compliance.exposure("BIG");
    const double revalueMs = secondsSince(start) * 1e3;

    std::vector<double> micros;
    micros.reserve(orders.size());
    std::size_t findings = 0;
    for (const auto& order : orders) {
        start = Clock::now();
        const auto result = compliance.preTrade(order);
        micros.push_back(secondsSince(start) * 1e6);
        findings += result.findings.size();
    }
    if (findings == 0) throw std::runtime_error("no rule ever fired: the benchmark would measure nothing");
    const double p50 = percentileMicros(micros, 0.50);
    const double p99 = percentileMicros(micros, 0.99);
    JsonLine("compliance")
        .add("checks", checks)
        .add("rules", std::int64_t(ruleCount))
        .add("restricted_symbols", kRestricted)
        .add("holdings", kHoldings)
        .add("p50_us", p50)
        .add("p99_us", p99)
        .add("findings_per_check", double(findings) / double(checks))
        .add("revalue_after_price_move_ms", revalueMs)
        .add("target", "p99 < 50 us")
        .add("met", p99 < 50.0)
        .print();
}

}  // namespace ob::bench

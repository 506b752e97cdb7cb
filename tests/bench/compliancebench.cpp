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
const char* const kSectors[] = {"Energy",
                                "Materials",
                                "Industrials",
                                "Consumer Discretionary",
                                "Consumer Staples",
                                "Health Care",
                                "Financials",
                                "Information Technology",
                                "Communication Services",
                                "Utilities",
                                "Real Estate"};
const char* const kCountries[] = {"US", "GB", "DE", "FR", "JP", "CH", "NL", "CA", "AU", "SE"};

std::string symbolOf(int i) { return "S" + std::to_string(10'000 + i); }

Rule rule(std::int64_t id, std::string name, RuleKind kind, std::optional<const char*> limit = {},
          std::optional<const char*> warnAt = {}) {
    Rule r;
    r.id = id;
    r.name = std::move(name);
    r.kind = kind;
    if (limit) r.limit = Money::of(*limit);
    if (warnAt) r.warnAt = Money::of(*warnAt);
    return r;
}

/// The demo rule set's kinds, and scoped variants of them, to 40 rules.
RuleBook fortyRules() {
    RuleBook book;
    auto& rules = book.rules;
    Rule restricted = rule(1, "Restricted list", RuleKind::RestrictedList);
    for (int i = 0; i < kRestricted; ++i) restricted.symbols.push_back("R" + std::to_string(100'000 + i));
    rules.push_back(restricted);
    Rule grey = rule(2, "Grey list", RuleKind::RestrictedList);
    grey.severity = Severity::Warning;
    grey.restriction = Restriction::NoBuy;
    grey.symbols = {"G1", "G2", "G3"};
    rules.push_back(grey);
    rules.push_back(rule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "250000", "100000"));
    rules.push_back(rule(4, "Max order notional", RuleKind::MaxOrderNotional, "10000000", "5000000"));
    rules.push_back(rule(5, "Price collar", RuleKind::PriceCollar, "10", "5"));
    rules.push_back(rule(6, "Position limit", RuleKind::PositionLimit, "5000000"));
    rules.push_back(rule(7, "Issuer concentration", RuleKind::IssuerConcentration, "10", "8"));
    rules.push_back(rule(8, "Sector cap", RuleKind::SectorExposure, "30", "25"));
    rules.push_back(rule(9, "Country cap", RuleKind::CountryExposure, "60", "50"));
    rules.push_back(rule(10, "UCITS 5/10/40", RuleKind::Ucits));
    rules.push_back(rule(11, "1940 Act", RuleKind::Act1940Diversified));
    rules.push_back(rule(12, "Short sale locate", RuleKind::ShortSaleLocate));
    Rule duplicate = rule(13, "Duplicate order", RuleKind::DuplicateOrder);
    duplicate.severity = Severity::Warning;
    duplicate.windowSeconds = 60;
    rules.push_back(duplicate);
    rules.push_back(rule(14, "Daily notional per trader", RuleKind::DailyTraderNotional, "1000000000000"));
    rules.push_back(rule(15, "Cash", RuleKind::Cash, "0"));
    std::int64_t id = 15;
    while (rules.size() < 40) {
        const int variant = int(id % 5);
        Rule extra = variant == 0   ? rule(++id, "Fund issuer cap", RuleKind::IssuerConcentration, "12")
                     : variant == 1 ? rule(++id, "Sector cap", RuleKind::SectorExposure, "35")
                     : variant == 2 ? rule(++id, "Account notional", RuleKind::MaxOrderNotional, "20000000")
                     : variant == 3 ? rule(++id, "Group position limit", RuleKind::PositionLimit, "2000000")
                                    : rule(++id, "Trader order size", RuleKind::MaxOrderQuantity, "500000");
        extra.name += " " + std::to_string(id);
        extra.scope = variant == 0   ? ScopeKind::Fund
                      : variant == 1 ? ScopeKind::Firm
                      : variant == 2 ? ScopeKind::Account
                      : variant == 3 ? ScopeKind::InstrumentGroup
                                     : ScopeKind::Trader;
        extra.scopeValue = variant == 0   ? "BIG"
                           : variant == 2 ? "BIG-PB"
                           : variant == 3 ? "sector=Energy"
                           : variant == 4 ? "bench"
                                          : "";
        if (variant == 1) extra.target = kSectors[id % 11];
        rules.push_back(extra);
    }
    return book;
}

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
    ReferenceData reference;
    std::vector<OpeningPosition> positions;
    for (int i = 0; i < kHoldings; ++i) {
        const Price price = Price::fromRaw(1'000'000'000 + std::int64_t(i % 400) * 50'000'000);  // 10 to 209.50
        reference.instruments.push_back({symbolOf(i), "Company " + std::to_string(i), "Issuer " + std::to_string(i),
                                         kSectors[i % 11], kCountries[i % 10], "USD", Qty::of("1"), Price::of("0.01"), price,
                                         Qty::fromInteger(50'000'000)});
        positions.push_back({"BIG", symbolOf(i), Qty::fromInteger(1'000 + i % 3'000), price});
    }
    positions.push_back({"BIG", "CASH", Qty::fromInteger(50'000'000), std::nullopt});
    reference.funds = {{"BIG", "A fund of 5,000 holdings", "USD"}};
    reference.accounts = {{"BIG-PB", "Prime broker", "BIG"}};
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
    auto rules = fortyRules();
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
        order.symbol = symbolOf(held);
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

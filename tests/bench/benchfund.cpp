#include "benchfund.h"

namespace ob::bench {

namespace {

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

}  // namespace

RuleBook benchRules() {
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

ReferenceData benchReference(int holdings) {
    ReferenceData reference;
    for (int i = 0; i < holdings; ++i) {
        const Price price = Price::fromRaw(1'000'000'000 + std::int64_t(i % 400) * 50'000'000);  // 10 to 209.50
        reference.instruments.push_back({symbolOf(i), "Company " + std::to_string(i), "Issuer " + std::to_string(i),
                                         kSectors[i % 11], kCountries[i % 10], "USD", Qty::of("1"), Price::of("0.01"), price,
                                         Qty::fromInteger(50'000'000)});
    }
    reference.funds = {{"BIG", "A fund of many holdings", "USD"}};
    reference.accounts = {{"BIG-PB", "Prime broker", "BIG"}};
    return reference;
}

std::vector<OpeningPosition> benchPositions(const ReferenceData& reference, const std::string& fund) {
    std::vector<OpeningPosition> positions;
    int i = 0;
    for (const auto& instrument : reference.instruments)
        positions.push_back({fund, instrument.symbol, Qty::fromInteger(1'000 + i++ % 3'000), instrument.referencePrice});
    positions.push_back({fund, OpeningPosition::kCash, Qty::fromInteger(50'000'000), std::nullopt});
    return positions;
}

std::string benchSymbol(int i) { return symbolOf(i); }

}  // namespace ob::bench

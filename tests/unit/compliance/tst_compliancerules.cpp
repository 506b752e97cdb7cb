#include "compliance/complianceengine.h"
#include "compliancetesting.h"

#include <QTest>

#include <algorithm>
#include <map>

using namespace ob;

namespace {

const Timestamp kMorning = fromNanos(1'780'000'000'000'000'000);

Instrument stock(std::string symbol, std::string issuer, std::string sector, std::string country, std::string currency,
                 std::string_view price, std::string_view lot = "1") {
    Instrument instrument;
    instrument.name = symbol + " common";
    instrument.symbol = std::move(symbol);
    instrument.issuer = std::move(issuer);
    instrument.sector = std::move(sector);
    instrument.country = std::move(country);
    instrument.currency = std::move(currency);
    instrument.lotSize = Qty::of(lot);
    instrument.tickSize = Price::of("0.01");
    instrument.referencePrice = Price::of(price);
    return instrument;
}

/// Four funds:
///  GROWTH (USD, accounts G1 and G2): the general desk fund;
///  OTHER (USD, account O1): only cash, to show rules stay within their fund;
///  UCITSF (EUR, account U1): the UCITS worked example;
///  INCOME (USD, account I1): the 1940 Act worked example.
/// GBP is worth 1.25 USD; CHF has no rate.
ReferenceData reference() {
    ReferenceData data;
    data.instruments = {
        stock("AAA", "Alpha Corp", "Tech", "US", "USD", "10", "100"),
        stock("AAB", "Alpha Corp", "Tech", "US", "USD", "20"),
        stock("BBB", "Beta Inc", "Energy", "US", "USD", "50"),
        stock("CCC", "Gamma plc", "Financials", "GB", "GBP", "4"),
        stock("JJJ", "Jupiter KK", "Industrials", "JP", "USD", "25"),
        stock("ZZZ", "Zeta AG", "Tech", "CH", "CHF", "10"),
        stock("NOI", "", "Tech", "US", "USD", "10"),  // no issuer given: the symbol stands for it
        // UCITS fund names, one issuer each.
        stock("EU1", "Uno", "Consumer", "DE", "EUR", "100"),
        stock("EU2", "Due", "Consumer", "DE", "EUR", "100"),
        stock("EU3", "Tre", "Consumer", "DE", "EUR", "100"),
        stock("EU4", "Quattro", "Consumer", "DE", "EUR", "100"),
        stock("EU5", "Cinque", "Consumer", "DE", "EUR", "100"),
        stock("EU6", "Sei", "Consumer", "DE", "EUR", "100"),
        // 1940 Act fund names.
        stock("K1", "Kappa", "Utilities", "US", "USD", "100"),
        stock("L1", "Lambda", "Utilities", "US", "USD", "100"),
        stock("M1", "Mu", "Utilities", "US", "USD", "100"),
        stock("N1", "Nu", "Utilities", "US", "USD", "100"),
        stock("P1", "Pi", "Utilities", "US", "USD", "40"),
    };
    data.instruments.back().votingShares = Qty::of("10000");
    data.funds = {
        {"GROWTH", "Growth", "USD"}, {"OTHER", "Other", "USD"}, {"UCITSF", "Ucits", "EUR"}, {"INCOME", "Income", "USD"}};
    data.accounts = {{"G1", "Growth one", "GROWTH"},
                     {"G2", "Growth two", "GROWTH"},
                     {"O1", "Other one", "OTHER"},
                     {"U1", "Ucits one", "UCITSF"},
                     {"I1", "Income one", "INCOME"}};
    data.fxRates.set("GBP", Price::of("1.25"));
    data.fxRates.set("EUR", Price::of("1.1"));
    return data;
}

OpeningPosition holding(std::string fund, std::string symbol, std::string_view quantity) {
    return {std::move(fund), std::move(symbol), Qty::of(quantity), std::nullopt};
}

/// GROWTH: NAV 1,000,000 USD = cash 800,000 + AAA 10,000 × 10 (Alpha Corp, Tech, US: 10%)
///                                          + BBB 2,000 × 50 (Beta Inc, Energy, US: 10%).
/// OTHER: cash 1,000,000 USD.
/// UCITSF: NAV 1,000,000 EUR = cash 570,000
///   + EU1 900 × 100 = 90,000 (Uno 9%)     + EU2 900 × 100 = 90,000 (Due 9%)
///   + EU3 900 × 100 = 90,000 (Tre 9%)     + EU4 700 × 100 = 70,000 (Quattro 7%)
///   + EU5 500 × 100 = 50,000 (Cinque 5%: exactly 5% is not "above 5%")
///   + EU6 400 × 100 = 40,000 (Sei 4%).
///   Issuers above 5%: 9 + 9 + 9 + 7 = 34% of NAV (340,000).
/// INCOME: total assets 1,000,000 USD = cash 650,000
///   + K1 1,500 × 100 = 150,000 (Kappa 15%: above 5%, outside the basket)
///   + L1   700 × 100 =  70,000 (Lambda 7%: above 5%, outside the basket)
///   + M1   500 × 100 =  50,000 (Mu exactly 5%: qualifies)
///   + P1 1,000 ×  40 =  40,000 (Pi 4%, 1,000 of 10,000 votes = exactly 10%: qualifies)
///   + N1   400 × 100 =  40,000 (Nu 4%: qualifies)
///   Outside the 75% basket: 150,000 + 70,000 = 220,000 = 22% of total assets.
std::vector<OpeningPosition> openingPositions() {
    return {
        holding("GROWTH", "CASH", "800000"), holding("GROWTH", "AAA", "10000"), holding("GROWTH", "BBB", "2000"),
        holding("OTHER", "CASH", "1000000"),

        holding("UCITSF", "CASH", "570000"), holding("UCITSF", "EU1", "900"),   holding("UCITSF", "EU2", "900"),
        holding("UCITSF", "EU3", "900"),     holding("UCITSF", "EU4", "700"),   holding("UCITSF", "EU5", "500"),
        holding("UCITSF", "EU6", "400"),

        holding("INCOME", "CASH", "650000"), holding("INCOME", "K1", "1500"),   holding("INCOME", "L1", "700"),
        holding("INCOME", "M1", "500"),      holding("INCOME", "P1", "1000"),   holding("INCOME", "N1", "400"),
    };
}

/// A compliance engine over the reference data, with market prices the test sets.
class Desk {
public:
    explicit Desk(std::vector<Rule> rules, std::vector<Locate> locates = {},
                  const std::vector<OpeningPosition>& positions = openingPositions())
        : engine(
              reference(),
              [this](const std::string& symbol) -> std::optional<Price> {
                  const auto it = marks_.find(symbol);
                  return it == marks_.end() ? std::nullopt : std::optional<Price>(it->second);
              },
              [this] { return priceVersion_; }) {
        engine.setOpeningPositions(positions);
        engine.setRules(RuleBook{std::move(rules), std::move(locates)});
    }
    Desk(const Desk&) = delete;
    Desk& operator=(const Desk&) = delete;

    /// A new market price: the engine sees it once the price version moves.
    void mark(const std::string& symbol, std::string_view price) {
        marks_[symbol] = Price::of(price);
        ++priceVersion_;
    }

private:
    std::map<std::string, Price> marks_;
    std::uint64_t priceVersion_ = 1;

public:
    ComplianceEngine engine;
};

Rule makeRule(std::int64_t id, std::string name, RuleKind kind, const char* limit = nullptr, const char* warnAt = nullptr,
              Severity severity = Severity::Block) {
    Rule rule;
    rule.id = id;
    rule.name = std::move(name);
    rule.kind = kind;
    rule.severity = severity;
    if (limit) rule.limit = Money::of(limit);
    if (warnAt) rule.warnAt = Money::of(warnAt);
    return rule;
}

Rule scoped(Rule rule, ScopeKind scope, std::string value) {
    rule.scope = scope;
    rule.scopeValue = std::move(value);
    return rule;
}

/// An order valued at its limit price, or at the market when there is none.
ProposedOrder orderOf(std::string account, std::string symbol, Side side, std::string_view quantity,
                      const char* limitPrice = nullptr) {
    ProposedOrder proposed;
    proposed.account = std::move(account);
    proposed.trader = "alice";
    proposed.symbol = std::move(symbol);
    proposed.side = side;
    proposed.quantity = Qty::of(quantity);
    proposed.type = limitPrice ? OrdType::Limit : OrdType::Market;
    if (limitPrice) proposed.limitPrice = Price::of(limitPrice);
    proposed.at = kMorning;
    return proposed;
}

ProposedOrder buy(std::string account, std::string symbol, std::string_view quantity, const char* limitPrice = nullptr) {
    return orderOf(std::move(account), std::move(symbol), Side::Buy, quantity, limitPrice);
}

ProposedOrder sell(std::string account, std::string symbol, std::string_view quantity, const char* limitPrice = nullptr) {
    return orderOf(std::move(account), std::move(symbol), Side::Sell, quantity, limitPrice);
}

std::optional<Money> money(const char* text) { return text ? std::optional<Money>(Money::of(text)) : std::nullopt; }

const Headroom* headroomOf(const std::vector<Headroom>& all, std::int64_t ruleId) {
    for (const auto& entry : all)
        if (entry.ruleId == ruleId) return &entry;
    return nullptr;
}

}  // namespace

namespace QTest {
template <>
inline char* toString(const ob::Headroom& value) {
    return qstrdup(("rule " + std::to_string(value.ruleId) + " (" + value.ruleName + "): " + value.quantity.toString()).c_str());
}
}  // namespace QTest

/// The order passes every rule: no finding, verdict Pass.
#define EXPECT_PASS(desk, proposed)                                                                           \
    do {                                                                                                      \
        const CheckResult passCheck_ = (desk).engine.preTrade(proposed);                                      \
        QVERIFY2(passCheck_.findings.empty(), ("expected no finding, got: " + passCheck_.summary()).c_str()); \
        QCOMPARE(passCheck_.verdict, Verdict::Pass);                                                          \
    } while (false)

/// Declares `var`, the single finding of checking `proposed`; fails unless there is exactly one.
#define ONE_FINDING(var, desk, proposed)                                                                              \
    const CheckResult var##Check = (desk).engine.preTrade(proposed);                                                  \
    QVERIFY2(var##Check.findings.size() == 1, ("expected one finding, got: [" + var##Check.summary() + "]").c_str()); \
    const RuleResult& var = var##Check.findings.front()

/// Every figure of a finding, and that its message starts with the rule's name.
#define COMPARE_FINDING(f, name, verdictV, causeV, subjectV, beforeV, afterV, limitV)                       \
    do {                                                                                                    \
        QCOMPARE((f).ruleName, std::string(name));                                                          \
        QCOMPARE((f).verdict, verdictV);                                                                    \
        QCOMPARE((f).cause, causeV);                                                                        \
        QCOMPARE((f).subject, std::string(subjectV));                                                       \
        QCOMPARE((f).before, Money::of(beforeV));                                                           \
        QCOMPARE((f).after, Money::of(afterV));                                                             \
        QCOMPARE((f).limit, money(limitV));                                                                 \
        QCOMPARE((f).logOnly, false);                                                                       \
        QVERIFY2((f).message.rfind(std::string(name) + ": ", 0) == 0, ("message: " + (f).message).c_str()); \
    } while (false)

/// Pins every rule kind at its limit: just under and exactly at pass, just
/// over gives a finding; warn_at gives a warning; the cause tells a trade
/// that crosses a limit from one that takes a breach further.
class TestComplianceRules final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- RestrictedList ----

    void restrictedSymbolsBlockEverySideUnderNoTrade() {
        auto rule = makeRule(1, "Restricted list", RuleKind::RestrictedList);
        rule.restriction = Restriction::NoTrade;
        rule.symbols = {"BBB"};
        Desk desk({rule});
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "100"));
            QCOMPARE(f.ruleId, std::int64_t(1));
            QCOMPARE(f.kind, RuleKind::RestrictedList);
            QCOMPARE(f.verdict, Verdict::Block);
            QCOMPARE(f.cause, BreachCause::Active);
            QCOMPARE(f.subject, std::string("BBB"));
            QCOMPARE(f.limit, std::optional<Money>());
            QCOMPARE(f.before, Money{});
            QCOMPARE(f.after, Money{});
            QCOMPARE(f.message, std::string("Restricted list: BBB is restricted (no_trade) — Buy 100 BBB for G1"));
            QCOMPARE(fCheck.verdict, Verdict::Block);
        }
        {
            ONE_FINDING(f, desk, sell("G1", "BBB", "100"));
            QCOMPARE(f.verdict, Verdict::Block);
        }
        {
            ONE_FINDING(f, desk, orderOf("G1", "BBB", Side::SellShort, "100"));
            QCOMPARE(f.verdict, Verdict::Block);
        }
        EXPECT_PASS(desk, buy("G1", "AAA", "100"));
        EXPECT_PASS(desk, sell("G1", "AAB", "100"));
    }

    void restrictedIssuersCoverEachOfTheirInstruments() {
        auto rule = makeRule(1, "Issuer ban", RuleKind::RestrictedList);
        rule.issuers = {"Alpha Corp"};
        Desk desk({rule});
        {
            ONE_FINDING(f, desk, buy("G1", "AAA", "100"));
            QCOMPARE(f.subject, std::string("AAA"));
            QCOMPARE(f.verdict, Verdict::Block);
            QCOMPARE(f.message, std::string("Issuer ban: AAA is restricted (no_trade) — Buy 100 AAA for G1"));
        }
        {
            ONE_FINDING(f, desk, sell("G2", "AAB", "5"));
            QCOMPARE(f.subject, std::string("AAB"));
            QCOMPARE(f.message, std::string("Issuer ban: AAB is restricted (no_trade) — Sell 5 AAB for G2"));
        }
        EXPECT_PASS(desk, buy("G1", "BBB", "100"));
        EXPECT_PASS(desk, buy("G1", "CCC", "100"));
    }

    void noBuyForbidsOnlyBuys() {
        auto rule = makeRule(2, "Grey list", RuleKind::RestrictedList, nullptr, nullptr, Severity::Warning);
        rule.restriction = Restriction::NoBuy;
        rule.symbols = {"JJJ"};
        Desk desk({rule});
        {
            ONE_FINDING(f, desk, buy("G1", "JJJ", "10"));
            QCOMPARE(f.verdict, Verdict::Warn);
            QCOMPARE(fCheck.verdict, Verdict::Warn);
            QCOMPARE(f.message, std::string("Grey list: JJJ is restricted (no_buy) — Buy 10 JJJ for G1"));
        }
        EXPECT_PASS(desk, sell("G1", "JJJ", "10"));
        EXPECT_PASS(desk, orderOf("G1", "JJJ", Side::SellShort, "10"));
    }

    void noSellForbidsSalesAndShortSales() {
        auto rule = makeRule(3, "Hold list", RuleKind::RestrictedList);
        rule.restriction = Restriction::NoSell;
        rule.symbols = {"BBB", "JJJ"};
        Desk desk({rule});
        {
            ONE_FINDING(f, desk, sell("G1", "BBB", "10"));
            QCOMPARE(f.verdict, Verdict::Block);
            QCOMPARE(f.message, std::string("Hold list: BBB is restricted (no_sell) — Sell 10 BBB for G1"));
        }
        {
            ONE_FINDING(f, desk, orderOf("G1", "JJJ", Side::SellShort, "10"));
            QCOMPARE(f.verdict, Verdict::Block);
            QCOMPARE(f.subject, std::string("JJJ"));
        }
        EXPECT_PASS(desk, buy("G1", "BBB", "10"));
    }

    // ---- MaxOrderQuantity ----

    void maxOrderQuantityAtItsLimit() {
        Desk desk({makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "1000")});
        EXPECT_PASS(desk, buy("G1", "AAB", "999"));
        EXPECT_PASS(desk, buy("G1", "AAB", "1000"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "1001"));
            COMPARE_FINDING(f, "Max order quantity", Verdict::Block, BreachCause::Active, "AAB", "0", "1001", "1000");
            QCOMPARE(f.ruleId, std::int64_t(3));
            QCOMPARE(f.kind, RuleKind::MaxOrderQuantity);
            QCOMPARE(f.message, std::string("Max order quantity: order quantity 1001 exceeds 1000 — Buy 1001 AAB for G1"));
            QCOMPARE(fCheck.verdict, Verdict::Block);
        }
        {
            // The smallest step over the limit a quantity can take.
            ONE_FINDING(f, desk, sell("G2", "AAB", "1000.00000001"));
            COMPARE_FINDING(f, "Max order quantity", Verdict::Block, BreachCause::Active, "AAB", "0", "1000.00000001", "1000");
        }
    }

    void maxOrderQuantityWarnsAtItsThresholdAndBySeverity() {
        Desk desk({makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "1000", "500")});
        EXPECT_PASS(desk, buy("G1", "AAB", "500"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "501"));
            COMPARE_FINDING(f, "Max order quantity", Verdict::Warn, BreachCause::Active, "AAB", "0", "501", "500");
            QCOMPARE(f.message,
                     std::string("Max order quantity: order quantity 501 is above the warning level 500 — Buy 501 AAB for G1"));
            QCOMPARE(fCheck.verdict, Verdict::Warn);
        }
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "1000"));
            COMPARE_FINDING(f, "Max order quantity", Verdict::Warn, BreachCause::Active, "AAB", "0", "1000", "500");
        }
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "1001"));
            COMPARE_FINDING(f, "Max order quantity", Verdict::Block, BreachCause::Active, "AAB", "0", "1001", "1000");
        }
        Desk warning({makeRule(4, "Soft quantity", RuleKind::MaxOrderQuantity, "1000", nullptr, Severity::Warning)});
        EXPECT_PASS(warning, buy("G1", "AAB", "1000"));
        {
            ONE_FINDING(f, warning, buy("G1", "AAB", "1001"));
            COMPARE_FINDING(f, "Soft quantity", Verdict::Warn, BreachCause::Active, "AAB", "0", "1001", "1000");
            QCOMPARE(fCheck.verdict, Verdict::Warn);
        }
    }

    // ---- MaxOrderNotional ----

    void maxOrderNotionalIsInUsd() {
        // CCC trades in GBP at 4; 1 GBP = 1.25 USD, so each share is 5 USD.
        Desk desk({makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "100000")});
        EXPECT_PASS(desk, buy("G1", "CCC", "19999", "4"));  // 99,995 USD
        EXPECT_PASS(desk, buy("G1", "CCC", "20000", "4"));  // 100,000 USD
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "20001", "4"));  // 80,004 GBP = 100,005 USD
            COMPARE_FINDING(f, "Max order notional", Verdict::Block, BreachCause::Active, "CCC", "0", "100005", "100000");
            QCOMPARE(f.message,
                     std::string("Max order notional: order notional in USD 100005.00 exceeds 100000.00 — Buy 20001 CCC for G1"));
        }
        // A USD instrument needs no conversion.
        EXPECT_PASS(desk, sell("G1", "BBB", "2000", "50"));
        {
            ONE_FINDING(f, desk, sell("G1", "BBB", "2000", "50.01"));
            COMPARE_FINDING(f, "Max order notional", Verdict::Block, BreachCause::Active, "BBB", "0", "100020", "100000");
        }
    }

    void maxOrderNotionalValuesAMarketOrderAtTheMarket() {
        Desk desk({makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "100000")});
        desk.mark("CCC", "5");  // 6.25 USD a share
        EXPECT_PASS(desk, buy("G1", "CCC", "16000"));
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "16001"));
            COMPARE_FINDING(f, "Max order notional", Verdict::Block, BreachCause::Active, "CCC", "0", "100006.25", "100000");
        }
    }

    void maxOrderNotionalWarns() {
        Desk desk({makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "100000", "80000")});
        EXPECT_PASS(desk, buy("G1", "CCC", "16000", "4"));  // 80,000 USD
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "16001", "4"));
            COMPARE_FINDING(f, "Max order notional", Verdict::Warn, BreachCause::Active, "CCC", "0", "80005", "80000");
        }
        Desk warning({makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "100000", nullptr, Severity::Warning)});
        {
            ONE_FINDING(f, warning, buy("G1", "CCC", "20001", "4"));
            COMPARE_FINDING(f, "Max order notional", Verdict::Warn, BreachCause::Active, "CCC", "0", "100005", "100000");
        }
    }

    void maxOrderNotionalWithoutARateIsFlagged() {
        // ZZZ trades in CHF, which has no rate: the rule cannot be checked, so it says so.
        Desk desk({makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "100000")});
        ONE_FINDING(f, desk, buy("G1", "ZZZ", "1", "10"));
        QCOMPARE(f.verdict, Verdict::Block);
        QCOMPARE(f.message,
                 std::string("Max order notional: no price or exchange rate for ZZZ to check the rule with — Buy 1 ZZZ for G1"));
    }

    // ---- PriceCollar ----

    void priceCollarAtItsLimit() {
        // AAB's reference price is 20: 10% is 2.
        Desk desk({makeRule(5, "Price collar", RuleKind::PriceCollar, "10")});
        EXPECT_PASS(desk, buy("G1", "AAB", "100", "21.99"));
        EXPECT_PASS(desk, buy("G1", "AAB", "100", "22"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "100", "22.01"));
            COMPARE_FINDING(f, "Price collar", Verdict::Block, BreachCause::Active, "AAB", "0", "10.05", "10");
            QCOMPARE(f.message, std::string("Price collar: limit 22.01 is from reference 20 by 10.05% exceeds 10.00% — Buy 100 "
                                            "AAB for G1"));
        }
        EXPECT_PASS(desk, sell("G1", "AAB", "100", "18"));
        {
            ONE_FINDING(f, desk, sell("G1", "AAB", "100", "17.99"));
            COMPARE_FINDING(f, "Price collar", Verdict::Block, BreachCause::Active, "AAB", "0", "10.05", "10");
        }
        // A market order has no limit price to collar.
        EXPECT_PASS(desk, buy("G1", "AAB", "100"));
        // The market price, once there is one, is the reference.
        desk.mark("AAB", "25");
        EXPECT_PASS(desk, buy("G1", "AAB", "100", "27.5"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "100", "22.4"));
            COMPARE_FINDING(f, "Price collar", Verdict::Block, BreachCause::Active, "AAB", "0", "10.4", "10");
        }
    }

    void priceCollarWarns() {
        Desk desk({makeRule(5, "Price collar", RuleKind::PriceCollar, "10", "5")});
        EXPECT_PASS(desk, buy("G1", "AAB", "100", "21"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "100", "21.01"));
            COMPARE_FINDING(f, "Price collar", Verdict::Warn, BreachCause::Active, "AAB", "0", "5.05", "5");
            QCOMPARE(f.message, std::string("Price collar: limit 21.01 is from reference 20 by 5.05% is above the warning level "
                                            "5.00% — Buy 100 AAB for G1"));
        }
        Desk warning({makeRule(5, "Price collar", RuleKind::PriceCollar, "10", nullptr, Severity::Warning)});
        ONE_FINDING(f, warning, buy("G1", "AAB", "100", "22.01"));
        COMPARE_FINDING(f, "Price collar", Verdict::Warn, BreachCause::Active, "AAB", "0", "10.05", "10");
    }

    // ---- PositionLimit ----

    void positionLimitAtItsLimit() {
        // GROWTH holds 10,000 AAA.
        Desk desk({makeRule(6, "Position limit", RuleKind::PositionLimit, "12000")});
        EXPECT_PASS(desk, buy("G1", "AAA", "1900"));
        EXPECT_PASS(desk, buy("G1", "AAA", "2000"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAA", "2100"));
            COMPARE_FINDING(f, "Position limit", Verdict::Block, BreachCause::Active, "AAA", "10000", "12100", "12000");
            QCOMPARE(f.message, std::string("Position limit: GROWTH position in AAA 12100 exceeds 12000 (was 10000, active) — "
                                            "Buy 2100 AAA for G1"));
        }
        // Short positions count by size: 10,000 − 22,000 = −12,000.
        EXPECT_PASS(desk, sell("G2", "AAA", "22000"));
        {
            ONE_FINDING(f, desk, sell("G2", "AAA", "22100"));
            COMPARE_FINDING(f, "Position limit", Verdict::Block, BreachCause::Active, "AAA", "10000", "12100", "12000");
        }
        // Another fund's position is its own.
        EXPECT_PASS(desk, buy("O1", "AAA", "12000"));
        {
            ONE_FINDING(f, desk, buy("O1", "AAA", "12100"));
            COMPARE_FINDING(f, "Position limit", Verdict::Block, BreachCause::Active, "AAA", "0", "12100", "12000");
        }
    }

    void positionLimitAlreadyExceeded() {
        // 10,000 held against a limit of 9,000: adding worsens it, reducing is allowed.
        Desk desk({makeRule(6, "Position limit", RuleKind::PositionLimit, "9000")});
        {
            ONE_FINDING(f, desk, buy("G1", "AAA", "100"));
            COMPARE_FINDING(f, "Position limit", Verdict::Block, BreachCause::Worsened, "AAA", "10000", "10100", "9000");
            QCOMPARE(f.message, std::string("Position limit: GROWTH position in AAA 10100 exceeds 9000 (was 10000, worsened) — "
                                            "Buy 100 AAA for G1"));
        }
        EXPECT_PASS(desk, sell("G1", "AAA", "100"));  // 9,900: still over, but less
        {
            // Sold into a short beyond the limit: smaller in size than the long, but a new breach on the other side.
            ONE_FINDING(f, desk, sell("G1", "AAA", "19500"));
            COMPARE_FINDING(f, "Position limit", Verdict::Block, BreachCause::Active, "AAA", "10000", "9500", "9000");
        }
    }

    void positionLimitWarns() {
        Desk desk({makeRule(6, "Position limit", RuleKind::PositionLimit, "12000", "11000")});
        EXPECT_PASS(desk, buy("G1", "AAA", "1000"));
        {
            ONE_FINDING(f, desk, buy("G1", "AAA", "1100"));
            COMPARE_FINDING(f, "Position limit", Verdict::Warn, BreachCause::Active, "AAA", "10000", "11100", "11000");
        }
        Desk warning({makeRule(6, "Position limit", RuleKind::PositionLimit, "12000", nullptr, Severity::Warning)});
        ONE_FINDING(f, warning, buy("G1", "AAA", "2100"));
        COMPARE_FINDING(f, "Position limit", Verdict::Warn, BreachCause::Active, "AAA", "10000", "12100", "12000");
    }

    // ---- IssuerConcentration ----

    void issuerConcentrationAtItsLimit() {
        // Alpha Corp: AAA 100,000 of NAV 1,000,000 = 10%. Each AAB adds 20 (0.002%).
        Desk desk({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12")});
        EXPECT_PASS(desk, buy("G1", "AAB", "999"));   // 119,980: 11.998%
        EXPECT_PASS(desk, buy("G1", "AAB", "1000"));  // 120,000: 12%
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "1001"));  // 120,020: 12.002%
            COMPARE_FINDING(f, "Issuer concentration", Verdict::Block, BreachCause::Active, "Alpha Corp", "10", "12.002", "12");
            QCOMPARE(f.message, std::string("Issuer concentration: GROWTH issuer Alpha Corp at 12.00% exceeds 12.00% (was "
                                            "10.00%, active) — Buy 1001 AAB for G1"));
        }
        // A short counts by its size: 10,000 − 22,000 = −12,000 × 10 = −120,000.
        EXPECT_PASS(desk, sell("G1", "AAA", "22000"));
        {
            ONE_FINDING(f, desk, sell("G1", "AAA", "22100"));
            COMPARE_FINDING(f, "Issuer concentration", Verdict::Block, BreachCause::Active, "Alpha Corp", "10", "12.1", "12");
        }
        // GBP converts into the USD fund: 24,000 × 4 GBP = 96,000 GBP = 120,000 USD.
        EXPECT_PASS(desk, buy("G1", "CCC", "24000", "4"));
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "24001", "4"));  // 120,005 USD
            COMPARE_FINDING(f, "Issuer concentration", Verdict::Block, BreachCause::Active, "Gamma plc", "0", "12.0005", "12");
        }
    }

    void issuerConcentrationAlreadyExceeded() {
        Desk desk({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "8")});
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "1"));
            COMPARE_FINDING(f, "Issuer concentration", Verdict::Block, BreachCause::Worsened, "Alpha Corp", "10", "10.002", "8");
            QCOMPARE(f.message, std::string("Issuer concentration: GROWTH issuer Alpha Corp at 10.00% exceeds 8.00% (was 10.00%, "
                                            "worsened) — Buy 1 AAB for G1"));
        }
        EXPECT_PASS(desk, sell("G1", "AAA", "100"));  // 9.9%: still over, but less
    }

    void issuerConcentrationWarns() {
        Desk desk({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12", "11")});
        EXPECT_PASS(desk, buy("G1", "AAB", "500"));  // 11%
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "501"));
            COMPARE_FINDING(f, "Issuer concentration", Verdict::Warn, BreachCause::Active, "Alpha Corp", "10", "11.002", "11");
            QVERIFY2(f.message.find("is above the warning level 11.00%") != std::string::npos, f.message.c_str());
        }
        Desk warning({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12", nullptr, Severity::Warning)});
        ONE_FINDING(f, warning, buy("G1", "AAB", "1001"));
        COMPARE_FINDING(f, "Issuer concentration", Verdict::Warn, BreachCause::Active, "Alpha Corp", "10", "12.002", "12");
    }

    void issuerConcentrationOfAnInstrumentWithoutAnIssuer() {
        // GROWTH here: cash 900,000 + NOI 10,000 × 10 = NAV 1,000,000; NOI (no issuer) is 10%.
        const std::vector<OpeningPosition> positions{holding("GROWTH", "CASH", "900000"), holding("GROWTH", "NOI", "10000")};
        Desk desk({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12")}, {}, positions);
        // The fund's figures key a holding without an issuer by its symbol ...
        QCOMPARE(desk.engine.exposure("GROWTH").byIssuer.at("NOI"), Money::of("100000"));
        desk.mark("NOI", "13");
        const auto postTrade = desk.engine.postTrade("GROWTH");
        QCOMPARE(postTrade.size(), std::size_t(1));
        QCOMPARE(postTrade.front().subject, std::string("NOI"));
        desk.mark("NOI", "10");
        // ... so the pre-trade check must count the 10% already held: 120,010 is 12.001%.
        EXPECT_PASS(desk, buy("G1", "NOI", "2000"));
        ONE_FINDING(f, desk, buy("G1", "NOI", "2001"));
        COMPARE_FINDING(f, "Issuer concentration", Verdict::Block, BreachCause::Active, "NOI", "10", "12.001", "12");
    }

    // ---- SectorExposure ----

    void sectorExposureJudgesTheOrdersSector() {
        // Tech (AAA) 10%, Energy (BBB) 10%.
        Desk desk({makeRule(8, "Sector cap", RuleKind::SectorExposure, "15")});
        EXPECT_PASS(desk, buy("G1", "BBB", "999"));   // 149,950: 14.995%
        EXPECT_PASS(desk, buy("G1", "BBB", "1000"));  // 150,000: 15%
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "1001"));
            COMPARE_FINDING(f, "Sector cap", Verdict::Block, BreachCause::Active, "Energy", "10", "15.005", "15");
            QCOMPARE(f.message, std::string("Sector cap: GROWTH sector Energy at 15.00% exceeds 15.00% (was 10.00%, active) — "
                                            "Buy 1001 BBB for G1"));
        }
        EXPECT_PASS(desk, buy("G1", "AAB", "2500"));  // Tech 150,000: 15%
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "2501"));
            COMPARE_FINDING(f, "Sector cap", Verdict::Block, BreachCause::Active, "Tech", "10", "15.002", "15");
        }
    }

    void sectorExposureWithATargetJudgesOnlyThatSector() {
        auto rule = makeRule(8, "Tech cap", RuleKind::SectorExposure, "15");
        rule.target = "Tech";
        Desk desk({rule});
        EXPECT_PASS(desk, buy("G1", "BBB", "1001"));  // Energy at 15.005%: not the target
        EXPECT_PASS(desk, buy("G1", "AAB", "2500"));
        ONE_FINDING(f, desk, buy("G1", "AAB", "2501"));
        COMPARE_FINDING(f, "Tech cap", Verdict::Block, BreachCause::Active, "Tech", "10", "15.002", "15");
    }

    void sectorExposureAlreadyExceededAndWarns() {
        Desk over({makeRule(8, "Sector cap", RuleKind::SectorExposure, "9")});
        {
            ONE_FINDING(f, over, buy("G1", "BBB", "1"));
            COMPARE_FINDING(f, "Sector cap", Verdict::Block, BreachCause::Worsened, "Energy", "10", "10.005", "9");
        }
        EXPECT_PASS(over, sell("G1", "BBB", "1"));
        Desk desk({makeRule(8, "Sector cap", RuleKind::SectorExposure, "15", "12")});
        EXPECT_PASS(desk, buy("G1", "BBB", "400"));  // 12%
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "401"));
            COMPARE_FINDING(f, "Sector cap", Verdict::Warn, BreachCause::Active, "Energy", "10", "12.005", "12");
        }
        Desk warning({makeRule(8, "Sector cap", RuleKind::SectorExposure, "15", nullptr, Severity::Warning)});
        ONE_FINDING(f, warning, buy("G1", "BBB", "1001"));
        COMPARE_FINDING(f, "Sector cap", Verdict::Warn, BreachCause::Active, "Energy", "10", "15.005", "15");
    }

    // ---- CountryExposure ----

    void countryExposureWithATarget() {
        auto rule = makeRule(9, "Japan cap", RuleKind::CountryExposure, "5", nullptr, Severity::Warning);
        rule.target = "JP";
        Desk desk({rule});
        EXPECT_PASS(desk, buy("G1", "JJJ", "1999"));  // 49,975: 4.9975%
        EXPECT_PASS(desk, buy("G1", "JJJ", "2000"));  // 50,000: 5%
        {
            ONE_FINDING(f, desk, buy("G1", "JJJ", "2001"));
            COMPARE_FINDING(f, "Japan cap", Verdict::Warn, BreachCause::Active, "JP", "0", "5.0025", "5");
            QCOMPARE(fCheck.verdict, Verdict::Warn);
        }
        EXPECT_PASS(desk, buy("G1", "AAA", "100000"));  // the US is not the target
    }

    void countryExposureWithoutATarget() {
        // The US: AAA 100,000 + BBB 100,000 = 20%.
        Desk desk({makeRule(9, "Country cap", RuleKind::CountryExposure, "25")});
        EXPECT_PASS(desk, buy("G1", "AAA", "5000"));  // 25%
        {
            ONE_FINDING(f, desk, buy("G1", "AAA", "5100"));
            COMPARE_FINDING(f, "Country cap", Verdict::Block, BreachCause::Active, "US", "20", "25.1", "25");
            QCOMPARE(f.message, std::string("Country cap: GROWTH country US at 25.10% exceeds 25.00% (was 20.00%, active) — Buy "
                                            "5100 AAA for G1"));
        }
        // GB through the GBP rate: 10,000 × 4 GBP = 50,000 USD = 5%, far below.
        EXPECT_PASS(desk, buy("G1", "CCC", "10001", "4"));
        Desk over({makeRule(9, "Country cap", RuleKind::CountryExposure, "15")});
        {
            ONE_FINDING(f, over, buy("G1", "BBB", "1"));
            COMPARE_FINDING(f, "Country cap", Verdict::Block, BreachCause::Worsened, "US", "20", "20.005", "15");
        }
        EXPECT_PASS(over, sell("G1", "BBB", "1"));
    }

    void countryExposureConvertsAndWarns() {
        auto gb = makeRule(9, "UK cap", RuleKind::CountryExposure, "5");
        gb.target = "GB";
        Desk desk({gb});
        EXPECT_PASS(desk, buy("G1", "CCC", "10000", "4"));  // 40,000 GBP = 50,000 USD = 5%
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "10001", "4"));  // 50,005 USD
            COMPARE_FINDING(f, "UK cap", Verdict::Block, BreachCause::Active, "GB", "0", "5.0005", "5");
        }
        Desk warn({makeRule(9, "Country cap", RuleKind::CountryExposure, "25", "22")});
        EXPECT_PASS(warn, buy("G1", "AAA", "2000"));  // 22%
        ONE_FINDING(f, warn, buy("G1", "AAA", "2100"));
        COMPARE_FINDING(f, "Country cap", Verdict::Warn, BreachCause::Active, "US", "20", "22.1", "22");
    }

    // ---- Ucits ----

    void ucitsWorkedExampleFigures() {
        Desk desk(std::vector<Rule>{});
        const auto& figures = desk.engine.exposure("UCITSF");
        QCOMPARE(figures.nav, Money::of("1000000"));
        QCOMPARE(figures.cash, Money::of("570000"));
        QCOMPARE(figures.byIssuer.at("Uno"), Money::of("90000"));
        QCOMPARE(figures.byIssuer.at("Cinque"), Money::of("50000"));
        // Uno + Due + Tre + Quattro; Cinque at exactly 5% is not above 5%.
        QCOMPARE(figures.ucitsAbove5, Money::of("340000"));
        QVERIFY(!figures.unpriced);
    }

    void ucitsTenPercentSingleIssuer() {
        const auto rule = scoped(makeRule(10, "UCITS 5/10/40", RuleKind::Ucits), ScopeKind::Fund, "UCITSF");
        Desk desk({rule});
        // Uno 9%: +99 × 100 = 9.99%; the issuers above 5% go to 34 − 9 + 9.99 = 34.99%.
        EXPECT_PASS(desk, buy("U1", "EU1", "99"));
        EXPECT_PASS(desk, buy("U1", "EU1", "100"));  // exactly 10%; the sum 35%
        {
            ONE_FINDING(f, desk, buy("U1", "EU1", "101"));  // 100,100 = 10.01%
            COMPARE_FINDING(f, "UCITS 5/10/40", Verdict::Block, BreachCause::Active, "Uno", "9", "10.01", "10");
            QCOMPARE(f.kind, RuleKind::Ucits);
            QCOMPARE(f.message, std::string("UCITS 5/10/40: UCITSF issuer Uno at 10.01% exceeds 10.00% (was 9.00%, active) — "
                                            "Buy 101 EU1 for U1"));
        }
        EXPECT_PASS(desk, sell("U1", "EU1", "900"));
        // The rule is scoped to UCITSF: GROWTH may hold 50% in one issuer.
        EXPECT_PASS(desk, buy("G1", "AAB", "20000"));
        Desk warning({scoped(makeRule(10, "UCITS 5/10/40", RuleKind::Ucits, nullptr, nullptr, Severity::Warning), ScopeKind::Fund,
                             "UCITSF")});
        ONE_FINDING(f, warning, buy("U1", "EU1", "101"));
        COMPARE_FINDING(f, "UCITS 5/10/40", Verdict::Warn, BreachCause::Active, "Uno", "9", "10.01", "10");
    }

    void ucitsFortyPercentSumOfIssuersAbove5() {
        const auto rule = scoped(makeRule(10, "UCITS 5/10/40", RuleKind::Ucits), ScopeKind::Fund, "UCITSF");
        Desk desk({rule});
        // Sei 4% → 5% exactly: still not above 5%, the sum stays 34%.
        EXPECT_PASS(desk, buy("U1", "EU6", "100"));
        // Sei → 5.01%: it joins the sum, 34 + 5.01 = 39.01%.
        EXPECT_PASS(desk, buy("U1", "EU6", "101"));
        EXPECT_PASS(desk, buy("U1", "EU6", "199"));  // 34 + 5.99 = 39.99%
        EXPECT_PASS(desk, buy("U1", "EU6", "200"));  // 34 + 6 = 40%
        {
            ONE_FINDING(f, desk, buy("U1", "EU6", "201"));  // 34 + 6.01 = 40.01%
            COMPARE_FINDING(f, "UCITS 5/10/40", Verdict::Block, BreachCause::Active, "issuers above 5%", "34", "40.01", "40");
            QCOMPARE(f.message, std::string("UCITS 5/10/40: UCITSF issuers above 5% together at 40.01% exceeds 40.00% (was "
                                            "34.00%, active) — Buy 201 EU6 for U1"));
        }
        // Cinque sits at exactly 5%: one more share takes it above, 34 + 5.01 = 39.01%.
        EXPECT_PASS(desk, buy("U1", "EU5", "1"));
        // Quattro is already counted: 7% → 10% adds 3, 37%.
        EXPECT_PASS(desk, buy("U1", "EU4", "300"));
    }

    void ucitsAlreadyBreached() {
        // UCITSF with Uno at 12% (1,200 × 100 of NAV 1,000,000), the rest cash.
        const std::vector<OpeningPosition> positions{holding("UCITSF", "CASH", "880000"), holding("UCITSF", "EU1", "1200")};
        Desk desk({scoped(makeRule(10, "UCITS 5/10/40", RuleKind::Ucits), ScopeKind::Fund, "UCITSF")}, {}, positions);
        {
            ONE_FINDING(f, desk, buy("U1", "EU1", "1"));
            COMPARE_FINDING(f, "UCITS 5/10/40", Verdict::Block, BreachCause::Worsened, "Uno", "12", "12.01", "10");
        }
        EXPECT_PASS(desk, sell("U1", "EU1", "100"));  // 11%: still over, but less
    }

    // ---- Act1940Diversified ----

    void act1940WorkedExampleFigures() {
        Desk desk(std::vector<Rule>{});
        const auto& figures = desk.engine.exposure("INCOME");
        QCOMPARE(figures.totalAssets, Money::of("1000000"));
        QCOMPARE(figures.nav, Money::of("1000000"));
        QCOMPARE(figures.sharesByIssuer.at("Pi"), Qty::of("1000"));
        // Kappa 15% + Lambda 7%; Mu at exactly 5% and Pi at exactly 10% of its votes qualify.
        QCOMPARE(figures.nonQualifying1940, Money::of("220000"));
    }

    void act1940SeventyFivePercentBasket() {
        const auto rule = scoped(makeRule(11, "1940 Act diversified", RuleKind::Act1940Diversified), ScopeKind::Fund, "INCOME");
        Desk desk({rule});
        // Lambda is outside already (7%): +299 × 100 → 22 − 7 + 9.99 = 24.99%.
        EXPECT_PASS(desk, buy("I1", "L1", "299"));
        EXPECT_PASS(desk, buy("I1", "L1", "300"));  // exactly 25%
        {
            ONE_FINDING(f, desk, buy("I1", "L1", "301"));  // 25.01%
            COMPARE_FINDING(f, "1940 Act diversified", Verdict::Block, BreachCause::Active, "Lambda", "22", "25.01", "25");
            QCOMPARE(f.kind, RuleKind::Act1940Diversified);
            QCOMPARE(f.message,
                     std::string("1940 Act diversified: INCOME holdings outside the 75% diversified basket (issuers above 5% of "
                                 "assets or 10% of votes) at 25.01% exceeds 25.00% (was 22.00%, active) — Buy 301 L1 for I1"));
        }
        // Mu at exactly 5% qualifies; one more share (5.01%) moves all of it out: 22 + 5.01 = 27.01%.
        {
            ONE_FINDING(f, desk, buy("I1", "M1", "1"));
            COMPARE_FINDING(f, "1940 Act diversified", Verdict::Block, BreachCause::Active, "Mu", "22", "27.01", "25");
        }
        // Nu 4% → 4.1%: still qualifies.
        EXPECT_PASS(desk, buy("I1", "N1", "10"));
        // Selling some of an issuer outside the basket only helps.
        EXPECT_PASS(desk, sell("I1", "K1", "100"));
    }

    void act1940TenPercentOfVotingShares() {
        const auto rule = scoped(makeRule(11, "1940 Act diversified", RuleKind::Act1940Diversified), ScopeKind::Fund, "INCOME");
        Desk desk({rule});
        // Pi: 1,001 of 10,000 voting shares is 10.01%, though only 40,040 (4.004%) of assets:
        // the whole holding leaves the basket, 22 + 4.004 = 26.004%.
        {
            ONE_FINDING(f, desk, buy("I1", "P1", "1"));
            COMPARE_FINDING(f, "1940 Act diversified", Verdict::Block, BreachCause::Active, "Pi", "22", "26.004", "25");
        }
        // Selling keeps Pi under 10% of its votes.
        EXPECT_PASS(desk, sell("I1", "P1", "1"));
        Desk warning(
            {scoped(makeRule(11, "1940 Act diversified", RuleKind::Act1940Diversified, nullptr, nullptr, Severity::Warning),
                    ScopeKind::Fund, "INCOME")});
        ONE_FINDING(f, warning, buy("I1", "P1", "1"));
        COMPARE_FINDING(f, "1940 Act diversified", Verdict::Warn, BreachCause::Active, "Pi", "22", "26.004", "25");
    }

    void act1940AlreadyOutside() {
        // Kappa at 30% of 1,000,000: the fund is already beyond 25%.
        const std::vector<OpeningPosition> positions{holding("INCOME", "CASH", "700000"), holding("INCOME", "K1", "3000")};
        Desk desk({scoped(makeRule(11, "1940 Act diversified", RuleKind::Act1940Diversified), ScopeKind::Fund, "INCOME")}, {},
                  positions);
        {
            ONE_FINDING(f, desk, buy("I1", "K1", "1"));
            COMPARE_FINDING(f, "1940 Act diversified", Verdict::Block, BreachCause::Worsened, "Kappa", "30", "30.01", "25");
        }
        EXPECT_PASS(desk, sell("I1", "K1", "100"));  // 29%: still beyond, but less
    }

    // ---- ShortSaleLocate ----

    void shortSaleWithoutALocate() {
        // GROWTH holds 2,000 BBB.
        Desk desk({makeRule(12, "Short sale needs a locate", RuleKind::ShortSaleLocate)});
        EXPECT_PASS(desk, sell("G1", "BBB", "2000"));
        {
            ONE_FINDING(f, desk, sell("G1", "BBB", "2001"));
            COMPARE_FINDING(f, "Short sale needs a locate", Verdict::Block, BreachCause::Active, "BBB", "0", "1", "0");
            QCOMPARE(f.message,
                     std::string("Short sale needs a locate: short 1 BBB in GROWTH with 0 located — Sell 2001 BBB for G1"));
        }
        EXPECT_PASS(desk, buy("G1", "BBB", "100000"));
    }

    void shortSaleWithALocate() {
        Desk desk({makeRule(12, "Short sale needs a locate", RuleKind::ShortSaleLocate)},
                  {{"GROWTH", "BBB", Qty::of("300")}, {"GROWTH", "BBB", Qty::of("200")}, {"OTHER", "BBB", Qty::of("9999")}});
        // GROWTH's two locates add up to 500; OTHER's does not count.
        EXPECT_PASS(desk, sell("G1", "BBB", "2499"));
        EXPECT_PASS(desk, sell("G1", "BBB", "2500"));
        {
            ONE_FINDING(f, desk, sell("G1", "BBB", "2501"));
            COMPARE_FINDING(f, "Short sale needs a locate", Verdict::Block, BreachCause::Active, "BBB", "0", "501", "500");
            QCOMPARE(f.message,
                     std::string("Short sale needs a locate: short 501 BBB in GROWTH with 500 located — Sell 2501 BBB for G1"));
        }
        {
            ONE_FINDING(f, desk, orderOf("G2", "BBB", Side::SellShort, "2501"));
            COMPARE_FINDING(f, "Short sale needs a locate", Verdict::Block, BreachCause::Active, "BBB", "0", "501", "500");
        }
        EXPECT_PASS(desk, sell("O1", "BBB", "9999"));
        {
            ONE_FINDING(f, desk, sell("O1", "BBB", "10000"));
            COMPARE_FINDING(f, "Short sale needs a locate", Verdict::Block, BreachCause::Active, "BBB", "0", "10000", "9999");
        }
    }

    void shortSaleAlreadyShortBeyondItsLocate() {
        auto positions = openingPositions();
        positions.push_back(holding("GROWTH", "JJJ", "-1000"));
        Desk desk({makeRule(12, "Short sale needs a locate", RuleKind::ShortSaleLocate, nullptr, nullptr, Severity::Warning)},
                  {{"GROWTH", "JJJ", Qty::of("400")}}, positions);
        {
            ONE_FINDING(f, desk, sell("G1", "JJJ", "1"));
            COMPARE_FINDING(f, "Short sale needs a locate", Verdict::Warn, BreachCause::Worsened, "JJJ", "1000", "1001", "400");
        }
        EXPECT_PASS(desk, buy("G1", "JJJ", "100"));
    }

    // ---- DuplicateOrder ----

    void duplicateOrderWithinItsWindow() {
        auto rule = makeRule(13, "Duplicate order", RuleKind::DuplicateOrder, nullptr, nullptr, Severity::Warning);
        rule.windowSeconds = 60;
        Desk desk({rule});
        const auto first = buy("G1", "BBB", "100", "50");
        EXPECT_PASS(desk, first);
        EXPECT_PASS(desk, first);  // checking is no record: only an accepted order counts
        desk.engine.recordAccepted(first);

        auto again = first;
        again.at = kMorning + std::chrono::seconds(59);
        {
            ONE_FINDING(f, desk, again);
            QCOMPARE(f.verdict, Verdict::Warn);
            QCOMPARE(f.cause, BreachCause::Active);
            QCOMPARE(f.subject, std::string("BBB"));
            QCOMPARE(f.limit, std::optional<Money>());
            QCOMPARE(f.message,
                     std::string("Duplicate order: the same order was entered 59 s ago (window 60 s) — Buy 100 BBB for G1"));
            QCOMPARE(fCheck.verdict, Verdict::Warn);
        }
        again.at = kMorning + std::chrono::seconds(60);  // still within 60 s
        {
            ONE_FINDING(f, desk, again);
            QCOMPARE(f.message,
                     std::string("Duplicate order: the same order was entered 60 s ago (window 60 s) — Buy 100 BBB for G1"));
        }
        again.at = kMorning + std::chrono::seconds(61);
        EXPECT_PASS(desk, again);
    }

    void duplicateOrderNeedsTheSameTerms() {
        auto rule = makeRule(13, "Duplicate order", RuleKind::DuplicateOrder);
        rule.windowSeconds = 60;
        Desk desk({rule});
        const auto first = buy("G1", "BBB", "100", "50");
        desk.engine.recordAccepted(first);
        const auto later = [&](ProposedOrder proposed) {
            proposed.at = kMorning + std::chrono::seconds(10);
            return proposed;
        };
        {
            ONE_FINDING(f, desk, later(first));
            QCOMPARE(f.verdict, Verdict::Block);
        }
        {
            // Another price is still the same order.
            ONE_FINDING(f, desk, later(buy("G1", "BBB", "100", "51")));
            QCOMPARE(f.verdict, Verdict::Block);
        }
        EXPECT_PASS(desk, later(buy("G1", "BBB", "101", "50")));
        EXPECT_PASS(desk, later(sell("G1", "BBB", "100", "50")));
        EXPECT_PASS(desk, later(buy("G2", "BBB", "100", "50")));
        EXPECT_PASS(desk, later(buy("G1", "JJJ", "100", "50")));
        auto amend = later(first);
        amend.id = 42;
        amend.replaces = Qty::of("200");
        EXPECT_PASS(desk, amend);
    }

    // ---- DailyTraderNotional ----

    void dailyTraderNotionalAtItsLimit() {
        Desk desk({makeRule(14, "Daily notional per trader", RuleKind::DailyTraderNotional, "1000000")});
        desk.engine.recordAccepted(buy("G1", "BBB", "12000", "50"));  // alice: 600,000
        EXPECT_PASS(desk, buy("G1", "BBB", "7999", "50"));
        EXPECT_PASS(desk, buy("G1", "BBB", "8000", "50"));  // 1,000,000
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "8001", "50"));
            COMPARE_FINDING(f, "Daily notional per trader", Verdict::Block, BreachCause::Active, "BBB", "600000", "1000050",
                            "1000000");
            QCOMPARE(f.message, std::string("Daily notional per trader: alice's notional today in USD 1000050.00 exceeds "
                                            "1000000.00 (was 600000.00, active) — Buy 8001 BBB for G1"));
        }
        // In USD: 80,000 × 4 GBP = 400,000 USD.
        EXPECT_PASS(desk, buy("G1", "CCC", "80000", "4"));
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "80001", "4"));
            COMPARE_FINDING(f, "Daily notional per trader", Verdict::Block, BreachCause::Active, "CCC", "600000", "1000005",
                            "1000000");
        }
        // Another trader starts from zero.
        auto bobs = buy("G1", "BBB", "20000", "50");
        bobs.trader = "bob";
        EXPECT_PASS(desk, bobs);
        bobs.quantity = Qty::of("20001");
        ONE_FINDING(f, desk, bobs);
        COMPARE_FINDING(f, "Daily notional per trader", Verdict::Block, BreachCause::Active, "BBB", "0", "1000050", "1000000");
    }

    void dailyTraderNotionalAlreadyExceeded() {
        Desk desk({makeRule(14, "Daily notional per trader", RuleKind::DailyTraderNotional, "1000000")});
        desk.engine.recordAccepted(buy("G1", "BBB", "12000", "50"));   // 600,000
        desk.engine.recordAccepted(sell("G2", "BBB", "10000", "50"));  // sales count too: 1,100,000
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "1", "50"));
            COMPARE_FINDING(f, "Daily notional per trader", Verdict::Block, BreachCause::Worsened, "BBB", "1100000", "1100050",
                            "1000000");
        }
        // An amend that cuts an order's quantity lowers the figure.
        auto amend = buy("G1", "BBB", "50", "50");
        amend.id = 9;
        amend.replaces = Qty::of("100");
        EXPECT_PASS(desk, amend);
    }

    void dailyTraderNotionalWarns() {
        Desk desk({makeRule(14, "Daily notional per trader", RuleKind::DailyTraderNotional, "1000000", "800000")});
        desk.engine.recordAccepted(buy("G1", "BBB", "12000", "50"));
        EXPECT_PASS(desk, buy("G1", "BBB", "4000", "50"));  // 800,000
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "4001", "50"));
            COMPARE_FINDING(f, "Daily notional per trader", Verdict::Warn, BreachCause::Active, "BBB", "600000", "800050",
                            "800000");
        }
        Desk warning(
            {makeRule(14, "Daily notional per trader", RuleKind::DailyTraderNotional, "1000000", nullptr, Severity::Warning)});
        ONE_FINDING(f, warning, buy("G1", "BBB", "20001", "50"));
        COMPARE_FINDING(f, "Daily notional per trader", Verdict::Warn, BreachCause::Active, "BBB", "0", "1000050", "1000000");
    }

    // ---- Cash ----

    void cashAtItsLimit() {
        // GROWTH has 800,000 USD; AAB costs 20.
        Desk desk({makeRule(15, "Cash", RuleKind::Cash, "0")});
        EXPECT_PASS(desk, buy("G1", "AAB", "39999"));
        EXPECT_PASS(desk, buy("G1", "AAB", "40000"));  // leaves exactly 0
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "40001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "800000", "-20", "0");
            QCOMPARE(f.message, std::string("Cash: GROWTH cash after open buys in USD -20.00 is below 0.00 (was 800000.00, "
                                            "active) — Buy 40001 AAB for G1"));
        }
        // The cost of a GBP buy is converted: 160,000 × 4 GBP = 800,000 USD.
        EXPECT_PASS(desk, buy("G1", "CCC", "160000", "4"));
        {
            ONE_FINDING(f, desk, buy("G1", "CCC", "160001", "4"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "CCC", "800000", "-5", "0");
        }
        EXPECT_PASS(desk, sell("G1", "AAB", "1000000"));  // a sale pays in
    }

    void cashCountsOpenBuys() {
        Desk desk({makeRule(15, "Cash", RuleKind::Cash, "0")});
        desk.engine.trackOpenBuy(7, "G1", Qty::of("10000"), Price::of("20"), "AAB");  // 200,000 committed
        EXPECT_PASS(desk, buy("G2", "AAB", "30000"));
        {
            ONE_FINDING(f, desk, buy("G2", "AAB", "30001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "600000", "-20", "0");
        }
        // Order 7 itself, amended: its own open quantity is not counted twice.
        auto amend = buy("G1", "AAB", "40000");
        amend.id = 7;
        amend.replaces = Qty::of("10000");
        EXPECT_PASS(desk, amend);
        amend.quantity = Qty::of("40001");
        {
            ONE_FINDING(f, desk, amend);
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "800000", "-20", "0");
        }
        // An open buy without a limit price is valued at the market: 5,000 × 20.
        desk.engine.trackOpenBuy(8, "G1", Qty::of("5000"), std::nullopt, "AAB");
        EXPECT_PASS(desk, buy("G2", "AAB", "25000"));
        {
            ONE_FINDING(f, desk, buy("G2", "AAB", "25001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "500000", "-20", "0");
        }
        // Filled or cancelled: nothing left open.
        desk.engine.trackOpenBuy(7, "G1", Qty{}, Price::of("20"), "AAB");
        desk.engine.trackOpenBuy(8, "G1", Qty{}, std::nullopt, "AAB");
        EXPECT_PASS(desk, buy("G2", "AAB", "40000"));
        // Another fund's open buys are its own.
        desk.engine.trackOpenBuy(9, "O1", Qty::of("50000"), Price::of("20"), "AAB");
        EXPECT_PASS(desk, buy("G2", "AAB", "40000"));
    }

    void cashChargesEachFundItsPartOfABlock() {
        // GROWTH has 800,000 USD, OTHER 1,000,000; AAB costs 20.
        Desk desk({makeRule(15, "Cash", RuleKind::Cash, "0")});
        // Block 7: 10,000 for G1 (GROWTH, 200,000 committed) and 5,000 for O1 (OTHER, 100,000 committed).
        desk.engine.trackOpenBuy(7, std::vector<Allocation>{{"G1", Qty::of("10000")}, {"O1", Qty::of("5000")}}, Price::of("20"),
                                 "AAB");
        // GROWTH sees only its own 200,000, not the block's 300,000.
        EXPECT_PASS(desk, buy("G2", "AAB", "30000"));  // 600,000 left: exactly 0 after
        {
            ONE_FINDING(f, desk, buy("G2", "AAB", "30001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "600000", "-20", "0");
            QCOMPARE(f.message, std::string("Cash: GROWTH cash after open buys in USD -20.00 is below 0.00 (was 600000.00, "
                                            "active) — Buy 30001 AAB for G2"));
        }
        // OTHER sees only its own 100,000.
        EXPECT_PASS(desk, buy("O1", "AAB", "45000"));  // 900,000 left
        {
            ONE_FINDING(f, desk, buy("O1", "AAB", "45001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "900000", "-20", "0");
            QCOMPARE(f.message, std::string("Cash: OTHER cash after open buys in USD -20.00 is below 0.00 (was 900000.00, "
                                            "active) — Buy 45001 AAB for O1"));
        }

        // An amend of the block's O1 part takes back only OTHER's own 100,000, not the block's 300,000.
        auto otherPart = buy("O1", "AAB", "50000");
        otherPart.id = 7;
        otherPart.replaces = Qty::of("5000");
        EXPECT_PASS(desk, otherPart);  // 1,000,000 before, 0 after
        otherPart.quantity = Qty::of("50001");
        {
            ONE_FINDING(f, desk, otherPart);
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "1000000", "-20", "0");
        }
        // And one of its G1 part takes back only GROWTH's own 200,000.
        auto growthPart = buy("G1", "AAB", "40000");
        growthPart.id = 7;
        growthPart.replaces = Qty::of("10000");
        EXPECT_PASS(desk, growthPart);  // 800,000 before, 0 after
        growthPart.quantity = Qty::of("40001");
        {
            ONE_FINDING(f, desk, growthPart);
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "800000", "-20", "0");
        }

        // Tracked again with what is left of each part: the old parts are replaced, not added to.
        desk.engine.trackOpenBuy(7, std::vector<Allocation>{{"G1", Qty::of("4000")}, {"O1", Qty::of("2000")}}, Price::of("20"),
                                 "AAB");
        {
            ONE_FINDING(f, desk, buy("G2", "AAB", "36001"));  // 800,000 − 80,000 = 720,000 left
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "720000", "-20", "0");
        }
        {
            ONE_FINDING(f, desk, buy("O1", "AAB", "48001"));  // 1,000,000 − 40,000 = 960,000 left
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "960000", "-20", "0");
        }

        // Done: no leaves in either part, and both funds have all their cash again.
        desk.engine.trackOpenBuy(7, std::vector<Allocation>{{"G1", Qty{}}, {"O1", Qty{}}}, Price::of("20"), "AAB");
        EXPECT_PASS(desk, buy("G2", "AAB", "40000"));
        EXPECT_PASS(desk, buy("O1", "AAB", "50000"));
        {
            ONE_FINDING(f, desk, buy("G2", "AAB", "40001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "800000", "-20", "0");
        }
        {
            ONE_FINDING(f, desk, buy("O1", "AAB", "50001"));
            COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Active, "AAB", "1000000", "-20", "0");
        }
    }

    void cashAlreadyNegative() {
        const std::vector<OpeningPosition> positions{holding("OTHER", "CASH", "-1000")};
        Desk desk({makeRule(15, "Cash", RuleKind::Cash, "0")}, {}, positions);
        ONE_FINDING(f, desk, buy("O1", "BBB", "1"));
        COMPARE_FINDING(f, "Cash", Verdict::Block, BreachCause::Worsened, "BBB", "-1000", "-1050", "0");
    }

    void cashWarns() {
        // For cash lower is worse, so its warning level lies above the limit.
        Desk desk({makeRule(15, "Cash", RuleKind::Cash, "0", "100000")});
        EXPECT_PASS(desk, buy("G1", "AAB", "35000"));  // leaves 100,000
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "35001"));
            COMPARE_FINDING(f, "Cash", Verdict::Warn, BreachCause::Active, "AAB", "800000", "99980", "100000");
            QVERIFY2(f.message.find("is below the warning level 100000.00") != std::string::npos, f.message.c_str());
        }
        Desk warning({makeRule(15, "Cash", RuleKind::Cash, "0", nullptr, Severity::Warning)});
        ONE_FINDING(f, warning, buy("G1", "AAB", "40001"));
        COMPARE_FINDING(f, "Cash", Verdict::Warn, BreachCause::Active, "AAB", "800000", "-20", "0");
    }

    // ---- Modes ----

    void logOnlyRecordsWithoutStopping() {
        auto logged = makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "1000");
        logged.mode = RuleMode::LogOnly;
        Desk desk({logged});
        {
            ONE_FINDING(f, desk, buy("G1", "AAB", "1001"));
            QCOMPARE(f.logOnly, true);
            QCOMPARE(f.verdict, Verdict::Block);
            QCOMPARE(f.after, Money::of("1001"));
            QCOMPARE(fCheck.verdict, Verdict::Pass);
        }
        // With an active warning beside it, the order is a warning, not a block.
        Desk mixed({logged, makeRule(4, "Soft quantity", RuleKind::MaxOrderQuantity, "500", nullptr, Severity::Warning)});
        const auto check = mixed.engine.preTrade(buy("G1", "AAB", "1001"));
        QCOMPARE(check.findings.size(), std::size_t(2));
        QCOMPARE(check.findings[0].ruleId, std::int64_t(3));
        QCOMPARE(check.findings[0].logOnly, true);
        QCOMPARE(check.findings[1].ruleId, std::int64_t(4));
        QCOMPARE(check.findings[1].logOnly, false);
        QCOMPARE(check.verdict, Verdict::Warn);
        QCOMPARE(check.summary(), check.findings[0].message + "; " + check.findings[1].message);
    }

    void disabledRulesFindNothing() {
        auto disabled = makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "1000");
        disabled.mode = RuleMode::Disabled;
        auto concentration = makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "1");
        concentration.mode = RuleMode::Disabled;
        Desk desk({disabled, concentration});
        EXPECT_PASS(desk, buy("G1", "AAB", "1000000"));
        QVERIFY(desk.engine.headroom(buy("G1", "AAB", "1")).empty());
        QVERIFY(desk.engine.postTrade("GROWTH").empty());
    }

    // ---- Scopes ----

    void scopesApplyOnlyWhereTheySay_data() {
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("trader");
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<bool>("applies");
        const auto row = [](const char* name, const char* scope, const char* value, const char* account, const char* trader,
                            const char* symbol, bool applies) {
            QTest::newRow(name) << QString::fromUtf8(scope) << QString::fromUtf8(value) << QString::fromUtf8(account)
                                << QString::fromUtf8(trader) << QString::fromUtf8(symbol) << applies;
        };
        row("firm", "firm", "", "O1", "bob", "JJJ", true);
        row("fund: its account", "fund", "GROWTH", "G1", "alice", "AAA", true);
        row("fund: its other account", "fund", "GROWTH", "G2", "alice", "AAA", true);
        row("fund: another fund", "fund", "GROWTH", "O1", "alice", "AAA", false);
        row("account: it", "account", "G2", "G2", "alice", "AAA", true);
        row("account: same fund, other account", "account", "G2", "G1", "alice", "AAA", false);
        row("trader: them", "trader", "alice", "G1", "alice", "AAA", true);
        row("trader: someone else", "trader", "alice", "G1", "bob", "AAA", false);
        row("sector: in", "instrument_group", "sector=Energy", "G1", "alice", "BBB", true);
        row("sector: out", "instrument_group", "sector=Energy", "G1", "alice", "AAA", false);
        row("symbols: first", "instrument_group", "symbols=AAA,CCC", "G1", "alice", "AAA", true);
        row("symbols: last", "instrument_group", "symbols=AAA,CCC", "G1", "alice", "CCC", true);
        row("symbols: not listed", "instrument_group", "symbols=AAA,CCC", "G1", "alice", "BBB", false);
        row("symbols: a prefix is not a match", "instrument_group", "symbols=AAA,CCC", "G1", "alice", "AAB", false);
        row("country: in", "instrument_group", "country=GB", "G1", "alice", "CCC", true);
        row("country: out", "instrument_group", "country=GB", "G1", "alice", "BBB", false);
        row("issuer: in", "instrument_group", "issuer=Alpha Corp", "G1", "alice", "AAB", true);
        row("issuer: out", "instrument_group", "issuer=Alpha Corp", "G1", "alice", "BBB", false);
        row("currency: in", "instrument_group", "currency=GBP", "G1", "alice", "CCC", true);
        row("currency: out", "instrument_group", "currency=GBP", "G1", "alice", "AAA", false);
    }

    void scopesApplyOnlyWhereTheySay() {
        QFETCH(QString, scope);
        QFETCH(QString, value);
        QFETCH(QString, account);
        QFETCH(QString, trader);
        QFETCH(QString, symbol);
        QFETCH(bool, applies);
        const auto kind = enumFromName<ScopeKind>(scope.toStdString());
        QVERIFY(kind);
        Desk desk({scoped(makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "100"), *kind, value.toStdString())});
        auto proposed = buy(account.toStdString(), symbol.toStdString(), "101", "1");
        proposed.trader = trader.toStdString();
        const auto check = desk.engine.preTrade(proposed);
        QCOMPARE(check.findings.size(), std::size_t(applies ? 1 : 0));
        QCOMPARE(check.verdict, applies ? Verdict::Block : Verdict::Pass);
        QCOMPARE(desk.engine.headroom(proposed).size(), std::size_t(applies ? 1 : 0));
    }

    void postTradeKeepsToTheInstrumentGroup() {
        // Both Alpha Corp (Tech) and Beta Inc (Energy) are at 10%; the rule is for Energy names only.
        Desk desk({scoped(makeRule(7, "Energy issuers", RuleKind::IssuerConcentration, "9.5"), ScopeKind::InstrumentGroup,
                          "sector=Energy")});
        EXPECT_PASS(desk, buy("G1", "AAB", "1"));  // Tech: out of scope before the trade
        {
            ONE_FINDING(f, desk, buy("G1", "BBB", "1"));
            COMPARE_FINDING(f, "Energy issuers", Verdict::Block, BreachCause::Worsened, "Beta Inc", "10", "10.005", "9.5");
        }
        const auto findings = desk.engine.postTrade("GROWTH");
        QCOMPARE(findings.size(), std::size_t(1));
        QCOMPARE(findings.front().subject, std::string("Beta Inc"));
    }

    // ---- Headroom ----

    void headroomForMaxOrderQuantity() {
        // AAA trades in lots of 100: 1,050 allows 1,000.
        Desk desk({makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "1050")});
        const auto room = desk.engine.headroom(buy("G1", "AAA", "100"));
        QCOMPARE(room.size(), std::size_t(1));
        QCOMPARE(room[0], (Headroom{3, "Max order quantity", Qty::of("1000")}));
        EXPECT_PASS(desk, buy("G1", "AAA", "1000"));
        QCOMPARE(desk.engine.preTrade(buy("G1", "AAA", "1100")).verdict, Verdict::Block);
        // In lots of 1, the limit itself.
        const auto single = desk.engine.headroom(sell("G1", "AAB", "1"));
        QCOMPARE(single.size(), std::size_t(1));
        QCOMPARE(single[0].quantity, Qty::of("1050"));
    }

    void headroomForMaxOrderNotional() {
        // 123,456 USD at 10 a share is 12,345.6 shares: 12,300 in lots of 100.
        Desk desk({makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "123456")});
        const auto room = desk.engine.headroom(buy("G1", "AAA", "100"));
        QCOMPARE(room.size(), std::size_t(1));
        QCOMPARE(room[0].quantity, Qty::of("12300"));
        QVERIFY(room[0].quantity.isMultipleOf(Qty::of("100")));
        EXPECT_PASS(desk, buy("G1", "AAA", "12300"));
        QCOMPARE(desk.engine.preTrade(buy("G1", "AAA", "12400")).verdict, Verdict::Block);
        // At a limit price of 4 GBP (5 USD): 24,691.2 → 24,691 shares in lots of 1.
        const auto gbp = desk.engine.headroom(buy("G1", "CCC", "1", "4"));
        QCOMPARE(gbp.size(), std::size_t(1));
        QCOMPARE(gbp[0].quantity, Qty::of("24691"));
        EXPECT_PASS(desk, buy("G1", "CCC", "24691", "4"));
        QCOMPARE(desk.engine.preTrade(buy("G1", "CCC", "24692", "4")).verdict, Verdict::Block);
    }

    void headroomForIssuerConcentration() {
        // Alpha Corp at 10%; 12.345% of NAV 1,000,000 is 123,450: room for 23,450 = 2,345 AAA, 2,300 in lots.
        Desk desk({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12.345")});
        const auto room = desk.engine.headroom(buy("G1", "AAA", "100"));
        QCOMPARE(room.size(), std::size_t(1));
        QCOMPARE(room[0], (Headroom{7, "Issuer concentration", Qty::of("2300")}));
        EXPECT_PASS(desk, buy("G1", "AAA", "2300"));
        QCOMPARE(desk.engine.preTrade(buy("G1", "AAA", "2400")).verdict, Verdict::Block);
    }

    void headroomForCash() {
        // 800,000 less an open buy of 12,345 × 10 = 123,450 leaves 676,550: 67,655 AAA, 67,600 in lots.
        Desk desk({makeRule(15, "Cash", RuleKind::Cash, "0")});
        desk.engine.trackOpenBuy(1, "G1", Qty::of("12345"), Price::of("10"), "AAA");
        const auto room = desk.engine.headroom(buy("G1", "AAA", "100"));
        QCOMPARE(room.size(), std::size_t(1));
        QCOMPARE(room[0], (Headroom{15, "Cash", Qty::of("67600")}));
        EXPECT_PASS(desk, buy("G1", "AAA", "67600"));
        QCOMPARE(desk.engine.preTrade(buy("G1", "AAA", "67700")).verdict, Verdict::Block);
        // A sale never runs out of cash: no bound.
        QVERIFY(desk.engine.headroom(sell("G1", "AAA", "100")).empty());
    }

    void headroomListsEachBoundingRule() {
        auto logged = makeRule(20, "Logged quantity", RuleKind::MaxOrderQuantity, "1");
        logged.mode = RuleMode::LogOnly;
        auto restricted = makeRule(21, "Restricted", RuleKind::RestrictedList);
        restricted.symbols = {"JJJ"};
        Desk desk({makeRule(3, "Max order quantity", RuleKind::MaxOrderQuantity, "1050"),
                   makeRule(4, "Max order notional", RuleKind::MaxOrderNotional, "123456"),
                   makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12.345"),
                   makeRule(15, "Cash", RuleKind::Cash, "0"), makeRule(5, "Price collar", RuleKind::PriceCollar, "10"), logged,
                   restricted});
        const auto room = desk.engine.headroom(buy("G1", "AAA", "100"));
        QCOMPARE(room.size(), std::size_t(4));
        QCOMPARE(headroomOf(room, 3)->quantity, Qty::of("1000"));
        QCOMPARE(headroomOf(room, 4)->quantity, Qty::of("12300"));
        QCOMPARE(headroomOf(room, 7)->quantity, Qty::of("2300"));
        QCOMPARE(headroomOf(room, 15)->quantity, Qty::of("80000"));
        QVERIFY(!headroomOf(room, 20));
    }

    // ---- Post-trade ----

    void postTradeFollowsPrices() {
        Desk desk({makeRule(7, "Issuer concentration", RuleKind::IssuerConcentration, "12")});
        QVERIFY(desk.engine.postTrade("GROWTH").empty());
        // AAA 10 → 13: Alpha 130,000 of NAV 800,000 + 130,000 + 100,000 = 1,030,000, 12.62135922%.
        desk.mark("AAA", "13");
        auto findings = desk.engine.postTrade("GROWTH");
        QCOMPARE(findings.size(), std::size_t(1));
        const auto& f = findings.front();
        QCOMPARE(f.ruleId, std::int64_t(7));
        QCOMPARE(f.ruleName, std::string("Issuer concentration"));
        QCOMPARE(f.kind, RuleKind::IssuerConcentration);
        QCOMPARE(f.verdict, Verdict::Block);
        QCOMPARE(f.logOnly, false);
        QCOMPARE(f.subject, std::string("Alpha Corp"));
        QCOMPARE(f.before, Money::of("12.62135922"));
        QCOMPARE(f.after, Money::of("12.62135922"));
        QCOMPARE(f.limit, money("12"));
        QCOMPARE(f.message, std::string("Issuer concentration: GROWTH issuer Alpha Corp at 12.62% beyond 12.00%"));
        // Other funds are untouched.
        QVERIFY(desk.engine.postTrade("OTHER").empty());
        // Back to 10: cured.
        desk.mark("AAA", "10");
        QVERIFY(desk.engine.postTrade("GROWTH").empty());
    }

    void postTradeKeepsToFundRules() {
        auto mine = scoped(makeRule(7, "Other fund cap", RuleKind::IssuerConcentration, "1"), ScopeKind::Fund, "OTHER");
        auto account = scoped(makeRule(8, "Account cap", RuleKind::IssuerConcentration, "1"), ScopeKind::Account, "G1");
        auto trader = scoped(makeRule(9, "Trader cap", RuleKind::IssuerConcentration, "1"), ScopeKind::Trader, "alice");
        auto logged = makeRule(10, "Logged cap", RuleKind::IssuerConcentration, "9.5");
        logged.mode = RuleMode::LogOnly;
        Desk desk({mine, account, trader, logged});
        // Only the firm-wide log-only rule speaks about GROWTH: Alpha and Beta at 10% each.
        auto findings = desk.engine.postTrade("GROWTH");
        QCOMPARE(findings.size(), std::size_t(2));
        std::sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) { return a.subject < b.subject; });
        QCOMPARE(findings[0].subject, std::string("Alpha Corp"));
        QCOMPARE(findings[1].subject, std::string("Beta Inc"));
        for (const auto& f : findings) {
            QCOMPARE(f.ruleId, std::int64_t(10));
            QCOMPARE(f.logOnly, true);
            QCOMPARE(f.after, Money::of("10"));
        }
        QVERIFY(desk.engine.postTrade("NOSUCHFUND").empty());
    }
};

QTEST_GUILESS_MAIN(TestComplianceRules)
#include "tst_compliancerules.moc"

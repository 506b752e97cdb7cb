#include "compliancetesting.h"
#include "formats/rulesfile.h"

#include <QTest>

#include <fstream>
#include <sstream>

using namespace ob;

namespace {

Rule makeRule(std::int64_t id, std::string name, RuleKind kind, const char* limit = nullptr, const char* warnAt = nullptr) {
    Rule rule;
    rule.id = id;
    rule.name = std::move(name);
    rule.kind = kind;
    if (limit) rule.limit = Money::of(limit);
    if (warnAt) rule.warnAt = Money::of(warnAt);
    return rule;
}

/// One rule of every kind, with every field and every scope kind in use.
RuleBook everyKind() {
    RuleBook book;
    auto restricted = makeRule(1, "Restricted list", RuleKind::RestrictedList);
    restricted.restriction = Restriction::NoSell;
    restricted.symbols = {"BA", "TSLA"};
    restricted.issuers = {"Alpha Corp"};
    restricted.severity = Severity::Warning;
    restricted.description = "Wall-crossed names — \"quoted\" and unicode.";
    book.rules.push_back(restricted);

    auto quantity = makeRule(2, "Max order quantity", RuleKind::MaxOrderQuantity, "250000", "100000");
    quantity.scope = ScopeKind::Account;
    quantity.scopeValue = "G1";
    book.rules.push_back(quantity);

    auto notional = makeRule(3, "Max order notional", RuleKind::MaxOrderNotional, "10000000.5", "5000000.25");
    notional.mode = RuleMode::LogOnly;
    book.rules.push_back(notional);

    auto collar = makeRule(4, "Price collar", RuleKind::PriceCollar, "10", "2.5");
    collar.scope = ScopeKind::InstrumentGroup;
    collar.scopeValue = "symbols=AAA,BBB";
    book.rules.push_back(collar);

    auto position = makeRule(5, "Position limit", RuleKind::PositionLimit, "1000000");
    position.mode = RuleMode::Disabled;
    position.scope = ScopeKind::Trader;
    position.scopeValue = "tom";
    book.rules.push_back(position);

    book.rules.push_back(makeRule(6, "Issuer concentration", RuleKind::IssuerConcentration, "10", "8"));

    auto sector = makeRule(7, "Tech cap", RuleKind::SectorExposure, "30");
    sector.target = "Tech";
    sector.scope = ScopeKind::InstrumentGroup;
    sector.scopeValue = "country=US";
    book.rules.push_back(sector);

    auto country = makeRule(8, "Japan cap", RuleKind::CountryExposure, "10");
    country.target = "JP";
    country.severity = Severity::Warning;
    book.rules.push_back(country);

    auto ucits = makeRule(9, "UCITS 5/10/40", RuleKind::Ucits);
    ucits.scope = ScopeKind::Fund;
    ucits.scopeValue = "EUROPE";
    book.rules.push_back(ucits);

    auto act = makeRule(10, "1940 Act", RuleKind::Act1940Diversified);
    act.scope = ScopeKind::Fund;
    act.scopeValue = "INCOME";
    book.rules.push_back(act);

    book.rules.push_back(makeRule(11, "Short sale needs a locate", RuleKind::ShortSaleLocate));

    auto duplicate = makeRule(12, "Duplicate order", RuleKind::DuplicateOrder);
    duplicate.windowSeconds = 60;
    book.rules.push_back(duplicate);

    book.rules.push_back(makeRule(13, "Daily notional", RuleKind::DailyTraderNotional, "50000000", "40000000"));
    book.rules.push_back(makeRule(14, "Cash", RuleKind::Cash, "0"));

    book.locates = {{"GROWTH", "BAC", Qty::of("50000")}, {"EUROPE", "BP.L", Qty::of("1234.5")}};
    return book;
}

/// The file as writeRulesFile writes it.
const char* const kCanonical = R"({
  "format": "openblotter-rules",
  "version": 1,
  "rules": [
    {
      "id": 1,
      "name": "Restricted list",
      "kind": "restricted_list",
      "severity": "block",
      "mode": "active",
      "scope": {
        "kind": "firm"
      },
      "restriction": "no_trade",
      "symbols": [
        "BA"
      ],
      "issuers": []
    },
    {
      "id": 2,
      "name": "Growth notional",
      "kind": "max_order_notional",
      "severity": "warning",
      "mode": "log_only",
      "scope": {
        "kind": "fund",
        "value": "GROWTH"
      },
      "limit": "10000000",
      "warn_at": "5000000.5",
      "description": "In USD."
    },
    {
      "id": 3,
      "name": "Japan cap",
      "kind": "country_exposure",
      "severity": "block",
      "mode": "active",
      "scope": {
        "kind": "firm"
      },
      "limit": "10",
      "target": "JP"
    },
    {
      "id": 4,
      "name": "Duplicate order",
      "kind": "duplicate_order",
      "severity": "warning",
      "mode": "disabled",
      "scope": {
        "kind": "instrument_group",
        "value": "sector=Energy"
      },
      "window_seconds": 60
    }
  ],
  "locates": [
    {
      "fund": "GROWTH",
      "symbol": "BAC",
      "quantity": "50000"
    }
  ]
}
)";

/// A file with one rule (`ruleJson`) after a valid first one, so errors name rule 2.
std::string withRule(const std::string& ruleJson) {
    return R"({"format": "openblotter-rules", "version": 1, "rules": [)"
           R"({"id": 1, "name": "Cash", "kind": "cash", "limit": "0"}, )" +
           ruleJson + "]}";
}

std::string readFile(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

/// The rules file: what it writes reads back the same, and what it refuses
/// it refuses with a message that says where and why.
class TestRulesFile final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyKindRoundTrips() {
        const auto book = everyKind();
        for (const auto& rule : book.rules) QVERIFY2(rule.validate().ok(), rule.validate().error().c_str());
        const auto text = writeRulesFile(book);
        const auto parsed = parseRulesFile(text);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        QCOMPARE(parsed->rules.size(), book.rules.size());
        for (std::size_t i = 0; i < book.rules.size(); ++i)
            QVERIFY2(parsed->rules[i] == book.rules[i], book.rules[i].name.c_str());
        QCOMPARE(parsed->locates.size(), std::size_t(2));
        QCOMPARE(parsed->locates[1].quantity, Qty::of("1234.5"));
        QVERIFY(*parsed == book);
        QCOMPARE(writeRulesFile(*parsed), text);
    }

    void aCanonicalFileIsWrittenBackUnchanged() {
        const auto parsed = parseRulesFile(kCanonical);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        QCOMPARE(parsed->rules.size(), std::size_t(4));
        const Rule& notional = parsed->rules[1];
        QCOMPARE(notional.kind, RuleKind::MaxOrderNotional);
        QCOMPARE(notional.severity, Severity::Warning);
        QCOMPARE(notional.mode, RuleMode::LogOnly);
        QCOMPARE(notional.scope, ScopeKind::Fund);
        QCOMPARE(notional.scopeValue, std::string("GROWTH"));
        QCOMPARE(notional.limit, std::optional<Money>(Money::of("10000000")));
        QCOMPARE(notional.warnAt, std::optional<Money>(Money::of("5000000.5")));
        QCOMPARE(parsed->rules[2].target, std::string("JP"));
        QCOMPARE(parsed->rules[3].windowSeconds, std::int64_t(60));
        QCOMPARE(parsed->rules[3].scopeValue, std::string("sector=Energy"));
        QCOMPARE(writeRulesFile(*parsed), std::string(kCanonical));
    }

    void defaultsAndWholeNumbers() {
        // Severity, mode and scope may be left out; a whole number is an exact decimal too.
        const auto parsed = parseRulesFile(
            R"({"format": "openblotter-rules", "version": 1, "rules": [{"name": "Q", "kind": "MaxOrderQuantity", "limit": 1000}]})");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        const Rule& rule = parsed->rules.front();
        QCOMPARE(rule.id, std::int64_t(0));
        QCOMPARE(rule.kind, RuleKind::MaxOrderQuantity);
        QCOMPARE(rule.severity, Severity::Block);
        QCOMPARE(rule.mode, RuleMode::Active);
        QCOMPARE(rule.scope, ScopeKind::Firm);
        QCOMPARE(rule.limit, std::optional<Money>(Money::of("1000")));
        QVERIFY(parsed->locates.empty());
    }

    void theDemoRulesParse() {
        const auto text = readFile(DEMO_RULES);
        QVERIFY2(!text.empty(), DEMO_RULES);
        const auto parsed = parseRulesFile(text);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        QCOMPARE(parsed->rules.size(), std::size_t(15));
        for (std::size_t i = 0; i < parsed->rules.size(); ++i) QCOMPARE(parsed->rules[i].id, std::int64_t(i + 1));
        const Rule& notional = parsed->rules[3];
        QCOMPARE(notional.kind, RuleKind::MaxOrderNotional);
        QCOMPARE(notional.limit, std::optional<Money>(Money::of("10000000")));
        QCOMPARE(notional.warnAt, std::optional<Money>(Money::of("5000000")));
        const Rule& grey = parsed->rules[1];
        QCOMPARE(grey.restriction, Restriction::NoBuy);
        QCOMPARE(grey.severity, Severity::Warning);
        QCOMPARE(grey.symbols, std::vector<std::string>{"TSLA"});
        const Rule& ucits = parsed->rules[9];
        QCOMPARE(ucits.kind, RuleKind::Ucits);
        QCOMPARE(ucits.scope, ScopeKind::Fund);
        QCOMPARE(ucits.scopeValue, std::string("EUROPE"));
        QCOMPARE(parsed->rules[8].target, std::string("JP"));
        QCOMPARE(parsed->rules[12].windowSeconds, std::int64_t(60));
        QCOMPARE(parsed->locates.size(), std::size_t(2));
        QCOMPARE(parsed->locates[0], (Locate{"GROWTH", "BAC", Qty::of("50000")}));
        QCOMPARE(parsed->locates[1], (Locate{"EUROPE", "BP.L", Qty::of("100000")}));
        // And it survives a round trip.
        const auto again = parseRulesFile(writeRulesFile(*parsed));
        QVERIFY(again.ok());
        QVERIFY(*again == *parsed);
    }

    void refusesBadFiles_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        const auto row = [](const char* name, const std::string& json, const std::string& error) {
            QTest::newRow(name) << QString::fromStdString(json) << QString::fromStdString(error);
        };
        row("wrong format", R"({"format": "something-else", "version": 1, "rules": []})",
            R"('format' must be "openblotter-rules")");
        row("no format", R"({"version": 1, "rules": []})", "the file: 'format' is missing");
        row("wrong version", R"({"format": "openblotter-rules", "version": 2, "rules": []})",
            "'version' must be 1 (this OpenBlotter reads version 1)");
        row("version as text", R"({"format": "openblotter-rules", "version": "1", "rules": []})",
            "'version' must be 1 (this OpenBlotter reads version 1)");
        row("not an object", R"([1, 2])", "the file must hold one JSON object");
        row("no rules", R"({"format": "openblotter-rules", "version": 1})", "'rules' must be a list");
        row("unknown kind", withRule(R"({"id": 2, "name": "Foo", "kind": "max_quantity", "limit": "5"})"),
            "rule 2 ('Foo'): 'kind' is 'max_quantity', not one of restricted_list, max_order_quantity, max_order_notional, "
            "price_collar, position_limit, issuer_concentration, sector_exposure, country_exposure, ucits_5_10_40, "
            "act_1940_diversified, short_sale_locate, duplicate_order, daily_trader_notional, cash");
        row("unknown severity", withRule(R"({"name": "Foo", "kind": "cash", "limit": "0", "severity": "fatal"})"),
            "rule 2 ('Foo'): 'severity' is 'fatal', not one of warning, block");
        row("limit as a float", withRule(R"({"name": "Foo", "kind": "max_order_notional", "limit": 2.5})"),
            R"(rule 2 ('Foo'): 'limit' must be a decimal in a string ("2.5") or a whole number, to stay exact)");
        row("warn_at as a float", withRule(R"({"name": "Foo", "kind": "max_order_notional", "limit": "5", "warn_at": 2.0})"),
            R"(rule 2 ('Foo'): 'warn_at' must be a decimal in a string ("2.5") or a whole number, to stay exact)");
        row("unknown field", withRule(R"({"name": "Foo", "kind": "max_order_notional", "limt": "5"})"),
            "rule 2 ('Foo'): unknown field 'limt' (a misspelt parameter would silently change the rule)");
        row("missing limit", withRule(R"({"name": "Foo", "kind": "max_order_notional"})"),
            "rule 2: rule 'Foo': a max_order_notional rule needs a limit");
        row("negative limit", withRule(R"({"name": "Foo", "kind": "position_limit", "limit": "-1"})"),
            "rule 2: rule 'Foo': the limit cannot be negative");
        row("warn_at above limit",
            withRule(R"({"name": "Foo", "kind": "max_order_quantity", "limit": "100", "warn_at": "100.5"})"),
            "rule 2: rule 'Foo': the warning threshold must lie between 0 and the limit");
        row("bad instrument group",
            withRule(
                R"({"name": "Foo", "kind": "cash", "limit": "0", "scope": {"kind": "instrument_group", "value": "region=EU"}})"),
            "rule 2: rule 'Foo': an instrument group is 'sector=', 'country=', 'issuer=', 'currency=' or 'symbols=' with a "
            "value, "
            "not 'region=EU'");
        row("instrument group without a value",
            withRule(
                R"({"name": "Foo", "kind": "cash", "limit": "0", "scope": {"kind": "instrument_group", "value": "sector="}})"),
            "rule 2: rule 'Foo': an instrument group is 'sector=', 'country=', 'issuer=', 'currency=' or 'symbols=' with a "
            "value, "
            "not 'sector='");
        row("scope without a value", withRule(R"({"name": "Foo", "kind": "cash", "limit": "0", "scope": {"kind": "fund"}})"),
            "rule 2: rule 'Foo': a fund scope needs a value");
        row("restricted list without entries", withRule(R"({"name": "Foo", "kind": "restricted_list"})"),
            "rule 2: rule 'Foo': a restricted list needs at least one symbol or issuer");
        row("duplicate order without a window", withRule(R"({"name": "Foo", "kind": "duplicate_order"})"),
            "rule 2: rule 'Foo': a duplicate-order rule needs window_seconds above 0");
        row("no name", withRule(R"({"kind": "cash", "limit": "0"})"), "rule 2: 'name' is missing");
        row("id zero", withRule(R"({"id": 0, "name": "Foo", "kind": "cash", "limit": "0"})"),
            "rule 2: 'id' must be a whole number above 0");
        row("limit not a decimal", withRule(R"({"name": "Foo", "kind": "cash", "limit": "1e3"})"),
            "rule 2 ('Foo'): 'limit' is not a decimal: ");
        row("negative locate",
            R"({"format": "openblotter-rules", "version": 1, "rules": [], "locates": [{"fund": "GROWTH", "symbol": "BAC", "quantity": "50"}, {"fund": "GROWTH", "symbol": "TSLA", "quantity": "-5"}]})",
            "locate 2: 'quantity' must be 0 or more");
        row("a key twice in a rule",
            withRule(R"({"name": "Foo", "kind": "max_order_quantity", "limit": "1000", "limit": "100000"})"),
            "the key 'limit' appears twice in one object: which one counts would be a guess");
        row("a key twice in the file",
            R"({"format": "openblotter-rules", "version": 1, "rules": [], "rules": [{"name": "Foo", "kind": "cash", "limit": "0"}]})",
            "the key 'rules' appears twice in one object: which one counts would be a guess");
        row("a key twice in a scope",
            withRule(R"({"name": "Foo", "kind": "cash", "limit": "0", "scope": {"kind": "fund", "value": "A", "value": "B"}})"),
            "the key 'value' appears twice in one object: which one counts would be a guess");
        row("locate without a quantity",
            R"({"format": "openblotter-rules", "version": 1, "rules": [], "locates": [{"fund": "GROWTH", "symbol": "BAC"}]})",
            "locate 1: 'quantity' must be 0 or more");
    }

    void refusesBadFiles() {
        QFETCH(QString, json);
        QFETCH(QString, error);
        const auto parsed = parseRulesFile(json.toStdString());
        QVERIFY(!parsed.ok());
        const std::string expected = error.toStdString();
        if (expected.back() == ' ')  // the parser's own reason follows
            QCOMPARE(parsed.error().substr(0, expected.size()), expected);
        else
            QCOMPARE(parsed.error(), expected);
    }

    void refusesInvalidJson() {
        const auto parsed = parseRulesFile(R"({"format": "openblotter-rules", "version": 1, "rules": [)");
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().rfind("not valid JSON: ", 0) == 0, parsed.error().c_str());
        QVERIFY(!parseRulesFile("").ok());
    }

    void acceptsTheSameKeyInDifferentObjects() {
        const auto parsed = parseRulesFile(withRule(R"({"name": "Foo", "kind": "cash", "limit": "0"})"));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        QCOMPARE(parsed->rules.size(), std::size_t(2));
    }

    void quotesAtMostEightyCharactersOfABadValue() {
        const std::string huge(10000, 'x');
        const std::string shown = "'" + std::string(80, 'x') + "…' (10000 characters)";
        const auto kind = parseRulesFile(withRule(R"({"name": "Foo", "kind": ")" + huge + R"(", "limit": "5"})"));
        QVERIFY(!kind.ok());
        QVERIFY2(kind.error().rfind("rule 2 ('Foo'): 'kind' is " + shown + ", not one of ", 0) == 0, kind.error().c_str());
        const auto name = parseRulesFile(withRule(R"({"name": ")" + huge + R"(", "kind": "cash", "limt": "0"})"));
        QVERIFY(!name.ok());
        QCOMPARE(name.error(),
                 "rule 2 (" + shown + "): unknown field 'limt' (a misspelt parameter would silently change the rule)");
        const auto limit = parseRulesFile(withRule(R"({"name": "Foo", "kind": "cash", "limit": ")" + huge + R"("})"));
        QVERIFY(!limit.ok());
        QCOMPARE(limit.error(), "rule 2 ('Foo'): 'limit' is not a decimal: " + shown + " is not a decimal number");
        const auto key = parseRulesFile(withRule(R"({"name": "Foo", "kind": "cash", ")" + huge + R"(": "0"})"));
        QVERIFY(!key.ok());
        QCOMPARE(key.error(),
                 "rule 2 ('Foo'): unknown field " + shown + " (a misspelt parameter would silently change the rule)");
        // The parser repeats what it read last: a long broken string is cut too.
        const auto broken = parseRulesFile(R"({"format": ")" + huge + R"(\q"})");
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().size() < 400, broken.error().c_str());
        QVERIFY2(broken.error().find("(10003 characters)") != std::string::npos, broken.error().c_str());
    }

    void theUnknownKindMessageNamesTheRule() {
        const auto parsed = parseRulesFile(withRule(R"({"id": 7, "name": "Typo", "kind": "ucits_5_10"})"));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().find("rule 2 ('Typo'): 'kind' is 'ucits_5_10', not one of") != std::string::npos,
                 parsed.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestRulesFile)
#include "tst_rulesfile.moc"

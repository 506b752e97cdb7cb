#include "compliance/rulebooknames.h"
#include "compliancedesk.h"
#include "compliancetesting.h"

#include <QTest>

using namespace ob;

namespace {

/// A desk with one fund and account, and two instruments.
ReferenceData desk() {
    ReferenceData reference;
    reference.funds = {{"GROWTH", "Global Growth Fund", "USD"}};
    reference.accounts = {{"GROWTH-PB", "Global Growth Fund - prime broker", "GROWTH"}};
    auto apple = test::testInstrument("AAPL", "Apple Inc.", "Information Technology", "190");
    auto bp = test::testInstrument("BP.L", "BP plc", "Energy", "4.5");
    bp.country = "GB";
    bp.currency = "GBP";
    reference.instruments = {apple, bp};
    return reference;
}

Rule scoped(const char* name, ScopeKind scope, const char* value) {
    Rule rule;
    rule.name = name;
    rule.kind = RuleKind::MaxOrderQuantity;
    rule.limit = Money::of("1000");
    rule.scope = scope;
    rule.scopeValue = value;
    return rule;
}

/// A sector or country exposure rule of 20% on `target`.
Rule exposure(const char* name, RuleKind kind, const char* target) {
    Rule rule;
    rule.name = name;
    rule.kind = kind;
    rule.limit = Money::of("20");
    rule.target = target;
    return rule;
}

std::string refusal(const RuleBook& book) {
    const auto checked = checkRuleBookNames(book, desk());
    return checked ? std::string("(accepted)") : checked.error();
}

}  // namespace

/// A rule set names only what the desk has, but for restricted lists.
class TestRuleBookNames final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void acceptsWhatTheDeskHas() {
        auto sector = exposure("Energy cap", RuleKind::SectorExposure, "Energy");
        sector.scope = ScopeKind::InstrumentGroup;
        sector.scopeValue = "country=GB";
        const RuleBook book{{scoped("Growth size", ScopeKind::Fund, "GROWTH"), scoped("PB size", ScopeKind::Account, "GROWTH-PB"),
                             scoped("Apple and BP", ScopeKind::InstrumentGroup, "symbols=AAPL,BP.L"),
                             scoped("Pounds", ScopeKind::InstrumentGroup, "currency=GBP"),
                             scoped("Apple Inc.", ScopeKind::InstrumentGroup, "issuer=Apple Inc."),
                             scoped("Firm", ScopeKind::Firm, ""), scoped("Someone", ScopeKind::Trader, "not-checked"), sector},
                            {{"GROWTH", "AAPL", Qty::of("100")}}};
        QCOMPARE(refusal(book), std::string("(accepted)"));
    }

    void refusesEachUnknownNameARuleIsScopedTo_data() {
        QTest::addColumn<int>("scope");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("refusal");
        const auto row = [](const char* name, ScopeKind scope, const char* value, const char* refusal) {
            QTest::newRow(name) << static_cast<int>(scope) << QString::fromUtf8(value) << QString::fromUtf8(refusal);
        };
        // Scoped to a misspelt fund, a 1,000-share limit would never apply: a 50,000-share order would pass it.
        row("misspelt fund", ScopeKind::Fund, "GROWHT", "rule 'R': fund 'GROWHT' is not a fund of this desk");
        row("fund in another case", ScopeKind::Fund, "growth",
            "rule 'R': fund 'growth' is not a fund of this desk (it has 'GROWTH'; names match exactly)");
        row("account", ScopeKind::Account, "GROWTH-BP", "rule 'R': account 'GROWTH-BP' is not an account of this desk");
        row("symbols", ScopeKind::InstrumentGroup, "symbols=AAPL,IBM,BP",
            "rule 'R': symbol 'IBM' is not a symbol of this desk; rule 'R': symbol 'BP' is not a symbol of this desk");
        row("sector", ScopeKind::InstrumentGroup, "sector=Tech", "rule 'R': sector 'Tech' is not a sector of this desk");
        row("country", ScopeKind::InstrumentGroup, "country=FR", "rule 'R': country 'FR' is not a country of this desk");
        row("currency", ScopeKind::InstrumentGroup, "currency=JPY", "rule 'R': currency 'JPY' is not a currency of this desk");
        row("issuer", ScopeKind::InstrumentGroup, "issuer=Apple", "rule 'R': issuer 'Apple' is not an issuer of this desk");
    }

    void refusesEachUnknownNameARuleIsScopedTo() {
        QFETCH(int, scope);
        QFETCH(QString, value);
        QFETCH(QString, refusal);
        QCOMPARE(
            QString::fromStdString(::refusal({{scoped("R", static_cast<ScopeKind>(scope), value.toStdString().c_str())}, {}})),
            refusal);
    }

    void refusesAnExposureTargetTheDeskDoesNotHave() {
        QCOMPARE(refusal({{exposure("Japan cap", RuleKind::CountryExposure, "JP")}, {}}),
                 std::string("rule 'Japan cap': country 'JP' is not a country of this desk"));
    }

    void refusesALocateForAnUnknownFundOrSymbol() {
        QCOMPARE(refusal({{}, {{"GROWTH", "TSLA", Qty::of("10")}, {"VALUE", "AAPL", Qty::of("10")}}}),
                 std::string("the locate of TSLA for GROWTH: symbol 'TSLA' is not a symbol of this desk; the locate of AAPL "
                             "for VALUE: fund 'VALUE' is not a fund of this desk"));
    }

    void letsARestrictedListNameWhatTheDeskDoesNotTrade() {
        // A list blocks names before anyone trades them: an issuer in the news, a symbol the desk may add later.
        Rule restricted;
        restricted.name = "Restricted";
        restricted.kind = RuleKind::RestrictedList;
        restricted.symbols = {"IBM"};
        restricted.issuers = {"Wall-crossed Corp."};
        QCOMPARE(refusal({{restricted}, {}}), std::string("(accepted)"));
    }

    void quotesAtMostEightyCharactersOfAName() {
        const std::string huge(10000, 'F');
        QCOMPARE(refusal({{scoped("Huge", ScopeKind::Fund, huge.c_str())}, {}}),
                 "rule 'Huge': fund '" + std::string(80, 'F') + "…' (10000 characters) is not a fund of this desk");
    }
};

QTEST_GUILESS_MAIN(TestRuleBookNames)
#include "tst_rulebooknames.moc"

#include "compliance/rulebookchange.h"
#include "compliancetesting.h"

#include <QTest>

using namespace ob;

namespace {

Rule quantityRule(std::int64_t id, std::string name, const char* limit) {
    Rule rule;
    rule.id = id;
    rule.name = std::move(name);
    rule.kind = RuleKind::MaxOrderQuantity;
    rule.limit = Money::of(limit);
    return rule;
}

std::vector<std::string> actionsOf(const std::vector<RuleChange>& changes) {
    std::vector<std::string> actions;
    for (const auto& change : changes) actions.push_back(change.action);
    return actions;
}

}  // namespace

/// A new rule set made ready against the one in force, and the audit entries it makes.
class TestRuleBookChange : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void newRulesGetIdsAfterEveryIdInUse() {
        const RuleBook inForce{{quantityRule(7, "Seven", "100")}, {}};
        const RuleBook proposed{{quantityRule(0, "New", "50"), quantityRule(3, "Three", "10")}, {}};
        const auto prepared = prepareRuleBook(proposed, inForce);
        QVERIFY2(prepared.ok(), prepared.ok() ? "" : prepared.error().c_str());
        QCOMPARE(prepared->rules.size(), std::size_t(2));
        QCOMPARE(prepared->rules[0].id, std::int64_t(3));  // normalised: by id
        QCOMPARE(prepared->rules[1].id, std::int64_t(8));
        QCOMPARE(prepared->rules[1].name, std::string("New"));
    }

    void refusesTheWholeSetOnTheFirstFault() {
        const RuleBook inForce;
        auto twins = prepareRuleBook({{quantityRule(1, "Same", "1"), quantityRule(2, "Same", "2")}, {}}, inForce);
        QVERIFY(!twins.ok());
        QCOMPARE(twins.error(), std::string("two rules share the id 2 or the name 'Same'"));
        auto noLimit = quantityRule(1, "No limit", "1");
        noLimit.limit.reset();
        QVERIFY(!prepareRuleBook({{noLimit}, {}}, inForce).ok());
        auto shortLocate = prepareRuleBook({{}, {{"FUND", "AAA", Qty::of("-1")}}}, inForce);
        QVERIFY(!shortLocate.ok());
        QCOMPARE(shortLocate.error(), std::string("a locate needs a fund, a symbol and a quantity of 0 or more"));
    }

    void namesEachRuleAddedChangedOrRemoved() {
        const RuleBook inForce{{quantityRule(1, "Kept", "100"), quantityRule(2, "Changed", "100"), quantityRule(3, "Gone", "5")},
                               {}};
        const RuleBook next{{quantityRule(1, "Kept", "100"), quantityRule(2, "Changed", "200"), quantityRule(4, "Added", "9")},
                            {{"FUND", "AAA", Qty::of("10")}}};
        const auto changes = ruleChanges(inForce, next, "edited");
        QCOMPARE(actionsOf(changes), (std::vector<std::string>{"rule.change", "rule.add", "rule.remove", "locates.change"}));
        QCOMPARE(changes[0].subject, std::string("rule 2 (Changed)"));
        QVERIFY2(changes[0].details.starts_with("edited: "), changes[0].details.c_str());
        QVERIFY(changes[0].details.find("limit 100 → ") != std::string::npos);
        QVERIFY(changes[0].details.find("limit 200") != std::string::npos);
        QCOMPARE(changes[2].subject, std::string("rule 3 (Gone)"));
        QCOMPARE(changes[3].details, std::string("edited: none → FUND AAA 10"));
    }

    void saysSoWhenNothingChanged() {
        const RuleBook rules{{quantityRule(1, "Kept", "100")}, {}};
        QCOMPARE(ruleChanges(rules, rules, "imported from rules.json"),
                 (std::vector<RuleChange>{{"rules.unchanged", "rules", "imported from rules.json"}}));
    }
};

QTEST_APPLESS_MAIN(TestRuleBookChange)
#include "tst_rulebookchange.moc"

#include "compliance/breachbook.h"
#include "compliancetesting.h"

#include <QTest>

#include <array>
#include <utility>

using namespace ob;

Q_DECLARE_METATYPE(ob::Role)
Q_DECLARE_METATYPE(ob::BreachState)
Q_DECLARE_METATYPE(ob::Permission)
Q_DECLARE_METATYPE(ob::BreachDecision)

namespace {

/// Every finding raised for the same cause.
std::function<BreachCause(const RuleResult&)> always(BreachCause cause) {
    return [cause](const RuleResult&) { return cause; };
}

const Timestamp kRaised = fromNanos(1'780'000'000'000'000'000);
const Timestamp kLater = kRaised + std::chrono::minutes(5);
const Timestamp kLatest = kRaised + std::chrono::minutes(10);

RuleResult finding(std::int64_t ruleId, std::string subject, std::string_view after, Verdict verdict = Verdict::Block) {
    RuleResult result;
    result.ruleId = ruleId;
    result.ruleName = "Issuer concentration";
    result.kind = RuleKind::IssuerConcentration;
    result.verdict = verdict;
    result.subject = std::move(subject);
    result.limit = Money::of("10");
    result.before = Money::of(after);
    result.after = Money::of(after);
    result.message = "Issuer concentration: " + result.subject + " at " + std::string(after);
    return result;
}

/// A pre-trade breach of `order`, owned by trader `owner`.
Breach preTrade(OrderId order, std::string owner, Verdict verdict = Verdict::Block, bool logOnly = false) {
    Breach breach;
    breach.stage = BreachStage::PreTrade;
    breach.severity = verdict == Verdict::Block ? Severity::Block : Severity::Warning;
    breach.finding = finding(3, "AAA", "1001", verdict);
    breach.finding.logOnly = logOnly;
    breach.orderId = order;
    breach.fund = "GROWTH";
    breach.account = "G1";
    breach.trader = std::move(owner);
    breach.symbol = "AAA";
    breach.raisedAt = kRaised;
    breach.updatedAt = kRaised;
    return breach;
}

/// Breach 5: a pre-trade block of tom's order 12, open.
Breach openBlock() {
    Breach breach = preTrade(12, "tom");
    breach.id = 5;
    return breach;
}

const Actor kOfficer{"carl", Role::ComplianceOfficer};

const char* roleName(Role role) {
    switch (role) {
        case Role::Trader: return "Trader";
        case Role::PortfolioManager: return "PortfolioManager";
        case Role::ComplianceOfficer: return "ComplianceOfficer";
        case Role::Administrator: return "Administrator";
    }
    return "?";
}

const char* permissionName(Permission permission) {
    switch (permission) {
        case Permission::TradeOrders: return "TradeOrders";
        case Permission::AcceptWarnings: return "AcceptWarnings";
        case Permission::DecideBreaches: return "DecideBreaches";
        case Permission::EditRules: return "EditRules";
        case Permission::ManageUsers: return "ManageUsers";
        case Permission::ViewAudit: return "ViewAudit";
        case Permission::ManagePortfolios: return "ManagePortfolios";
        case Permission::ReleaseLists: return "ReleaseLists";
        case Permission::ManageReference: return "ManageReference";
    }
    return "?";
}

constexpr Role kRoles[] = {Role::Trader, Role::PortfolioManager, Role::ComplianceOfficer, Role::Administrator};
constexpr Permission kPermissions[] = {Permission::TradeOrders,      Permission::AcceptWarnings, Permission::DecideBreaches,
                                       Permission::EditRules,        Permission::ManageUsers,    Permission::ViewAudit,
                                       Permission::ManagePortfolios, Permission::ReleaseLists,   Permission::ManageReference};
constexpr BreachDecision kDecisions[] = {BreachDecision::Acknowledge, BreachDecision::Override, BreachDecision::Reject};

}  // namespace

namespace QTest {
template <>
inline char* toString(const ob::Timestamp& value) {
    return qstrdup(ob::toIsoString(value).c_str());
}
}  // namespace QTest

/// The breach book and the breach workflow: who may decide what, and how
/// post-trade breaches follow the rules' findings.
class TestBreaches final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // ---- BreachBook ----

    void raiseNumbersBreaches() {
        BreachBook book;
        const auto& first = book.raise(preTrade(12, "tom"));
        QCOMPARE(first.id, std::int64_t(1));
        QCOMPARE(first.state, BreachState::Open);
        const auto& second = book.raise(preTrade(13, "tom"));
        QCOMPARE(second.id, std::int64_t(2));
        QCOMPARE(book.all().size(), std::size_t(2));
        QVERIFY(book.find(1));
        QCOMPARE(book.find(1)->orderId, OrderId(12));
        QCOMPARE(book.find(2)->orderId, OrderId(13));
        QVERIFY(!book.find(3));
        QVERIFY(!book.find(0));
    }

    void restoreContinuesTheNumbering() {
        BreachBook book;
        auto old = preTrade(12, "tom");
        old.id = 40;
        book.restore({old}, 41);
        QCOMPARE(book.all().size(), std::size_t(1));
        QCOMPARE(book.find(40)->orderId, OrderId(12));
        QCOMPARE(book.raise(preTrade(13, "tom")).id, std::int64_t(42));
    }

    void ofOrderListsAnOrdersPreTradeBreaches() {
        BreachBook book;
        book.raise(preTrade(12, "tom"));
        book.raise(preTrade(13, "tom"));
        book.raise(preTrade(12, "tom", Verdict::Warn));
        auto postTrade = preTrade(12, "");
        postTrade.stage = BreachStage::PostTrade;
        book.raise(postTrade);
        const auto ofTwelve = book.ofOrder(12);
        QCOMPARE(ofTwelve.size(), std::size_t(2));
        QCOMPARE(ofTwelve[0]->id, std::int64_t(1));
        QCOMPARE(ofTwelve[1]->id, std::int64_t(3));
        QCOMPARE(book.ofOrder(13).size(), std::size_t(1));
        QVERIFY(book.ofOrder(14).empty());
        // Order 0 is "no order": post-trade breaches are never an order's.
        auto holding = preTrade(0, "");
        holding.stage = BreachStage::PostTrade;
        book.raise(holding);
        QVERIFY(book.ofOrder(0).empty());
        // The pointers are the book's own breaches.
        ofTwelve[0]->state = BreachState::Acknowledged;
        QCOMPARE(book.find(1)->state, BreachState::Acknowledged);
    }

    void blocksClearOnlyWhenOverridden() {
        BreachBook book;
        QVERIFY(book.blocksCleared(12));  // no breach at all
        const auto blockId = book.raise(preTrade(12, "tom")).id;
        book.raise(preTrade(12, "tom", Verdict::Warn));                     // a warning never holds an order
        book.raise(preTrade(12, "tom", Verdict::Block, /*logOnly=*/true));  // nor does a log-only block
        QVERIFY(!book.blocksCleared(12));
        QVERIFY(book.blocksCleared(13));
        book.find(blockId)->state = BreachState::Acknowledged;
        QVERIFY(!book.blocksCleared(12));
        book.find(blockId)->state = BreachState::Rejected;
        QVERIFY(!book.blocksCleared(12));
        book.find(blockId)->state = BreachState::Overridden;
        QVERIFY(book.blocksCleared(12));
        // A second block needs its own override.
        const auto secondId = book.raise(preTrade(12, "tom")).id;
        QVERIFY(!book.blocksCleared(12));
        book.find(secondId)->state = BreachState::Overridden;
        QVERIFY(book.blocksCleared(12));
    }

    void reconcileRaisesANewFinding() {
        BreachBook book;
        const auto changed = book.reconcile("GROWTH", {finding(7, "Alpha Corp", "12.5")}, always(BreachCause::Passive), kRaised);
        QCOMPARE(changed.size(), std::size_t(1));
        const Breach& raised = changed.front();
        QCOMPARE(raised.id, std::int64_t(1));
        QCOMPARE(raised.stage, BreachStage::PostTrade);
        QCOMPARE(raised.state, BreachState::Open);
        QCOMPARE(raised.severity, Severity::Block);
        QCOMPARE(raised.finding.cause, BreachCause::Passive);
        QCOMPARE(raised.finding.after, Money::of("12.5"));
        QCOMPARE(raised.fund, std::string("GROWTH"));
        QCOMPARE(raised.symbol, std::string("Alpha Corp"));
        QCOMPARE(raised.orderId, OrderId(0));
        QCOMPARE(raised.raisedAt, kRaised);
        QCOMPARE(raised.updatedAt, kRaised);
        QCOMPARE(*book.find(1), raised);
        // A warning finding raises a warning breach.
        const auto warned = book.reconcile("GROWTH", {finding(7, "Alpha Corp", "12.5"), finding(8, "Tech", "26", Verdict::Warn)},
                                           always(BreachCause::Active), kLater);
        QCOMPARE(warned.size(), std::size_t(1));
        QCOMPARE(warned.front().severity, Severity::Warning);
        QCOMPARE(warned.front().finding.cause, BreachCause::Active);
        QCOMPARE(warned.front().symbol, std::string("Tech"));
    }

    void reconcileUpdatesAKnownFinding() {
        BreachBook book;
        (void)book.reconcile("GROWTH", {finding(7, "Alpha Corp", "12.5")}, always(BreachCause::Passive), kRaised);
        // The same figures: nothing changes.
        QVERIFY(book.reconcile("GROWTH", {finding(7, "Alpha Corp", "12.5")}, always(BreachCause::Active), kLater).empty());
        QCOMPARE(book.find(1)->updatedAt, kRaised);
        // New figures update the breach; it keeps the cause it was raised for.
        const auto changed = book.reconcile("GROWTH", {finding(7, "Alpha Corp", "13.25")}, always(BreachCause::Active), kLater);
        QCOMPARE(changed.size(), std::size_t(1));
        QCOMPARE(changed.front().id, std::int64_t(1));
        QCOMPARE(changed.front().finding.after, Money::of("13.25"));
        QCOMPARE(changed.front().finding.cause, BreachCause::Passive);
        QCOMPARE(changed.front().raisedAt, kRaised);
        QCOMPARE(changed.front().updatedAt, kLater);
        QCOMPARE(book.all().size(), std::size_t(1));
        QCOMPARE(book.find(1)->finding.after, Money::of("13.25"));
        // A new verdict at the same figure is an update too.
        const auto softened =
            book.reconcile("GROWTH", {finding(7, "Alpha Corp", "13.25", Verdict::Warn)}, always(BreachCause::Active), kLatest);
        QCOMPARE(softened.size(), std::size_t(1));
        QCOMPARE(book.find(1)->finding.verdict, Verdict::Warn);
        // Acknowledged is still open: it is updated, not replaced.
        book.find(1)->state = BreachState::Acknowledged;
        QCOMPARE(book.reconcile("GROWTH", {finding(7, "Alpha Corp", "14", Verdict::Warn)}, always(BreachCause::Active), kLatest)
                     .size(),
                 std::size_t(1));
        QCOMPARE(book.all().size(), std::size_t(1));
        QCOMPARE(book.find(1)->state, BreachState::Acknowledged);
    }

    void reconcileResolvesAMissingFinding() {
        BreachBook book;
        (void)book.reconcile("GROWTH", {finding(7, "Alpha Corp", "12.5"), finding(7, "Beta Inc", "11")},
                             always(BreachCause::Passive), kRaised);
        (void)book.reconcile("OTHER", {finding(7, "Alpha Corp", "15")}, always(BreachCause::Passive), kRaised);
        const auto preTradeId = book.raise(preTrade(12, "tom")).id;
        QCOMPARE(book.all().size(), std::size_t(4));
        // Beta is cured; Alpha is as it was.
        const auto changed = book.reconcile("GROWTH", {finding(7, "Alpha Corp", "12.5")}, always(BreachCause::Passive), kLater);
        QCOMPARE(changed.size(), std::size_t(1));
        const Breach& resolved = changed.front();
        QCOMPARE(resolved.symbol, std::string("Beta Inc"));
        QCOMPARE(resolved.state, BreachState::Resolved);
        QCOMPARE(resolved.decidedBy, std::string("system"));
        QCOMPARE(resolved.reason, std::string("cured: the figure is back within the limit"));
        QCOMPARE(resolved.updatedAt, kLater);
        QVERIFY(resolved.isClosed());
        QCOMPARE(book.find(resolved.id)->state, BreachState::Resolved);
        // Everything cured in GROWTH: OTHER's breach and the pre-trade one stay open.
        const auto cured = book.reconcile("GROWTH", {}, always(BreachCause::Passive), kLatest);
        QCOMPARE(cured.size(), std::size_t(1));
        QCOMPARE(cured.front().symbol, std::string("Alpha Corp"));
        QCOMPARE(cured.front().fund, std::string("GROWTH"));
        for (const auto& [id, breach] : book.all())
            if (breach.fund == "OTHER" || id == preTradeId) QCOMPARE(breach.state, BreachState::Open);
        // A breach found again after it was resolved is a new one.
        const auto again = book.reconcile("GROWTH", {finding(7, "Beta Inc", "11")}, always(BreachCause::Active), kLatest);
        QCOMPARE(again.size(), std::size_t(1));
        QCOMPARE(again.front().id, std::int64_t(5));
        QCOMPARE(again.front().state, BreachState::Open);
        QCOMPARE(again.front().finding.cause, BreachCause::Active);
        QCOMPARE(book.find(resolved.id)->state, BreachState::Resolved);
    }

    // ---- mayDecide / stateAfter ----

    void stateAfterEachDecision() {
        QCOMPARE(stateAfter(BreachDecision::Acknowledge), BreachState::Acknowledged);
        QCOMPARE(stateAfter(BreachDecision::Override), BreachState::Overridden);
        QCOMPARE(stateAfter(BreachDecision::Reject), BreachState::Rejected);
    }

    void onlyAComplianceOfficerDecides_data() {
        QTest::addColumn<Role>("role");
        QTest::addColumn<BreachDecision>("decision");
        QTest::addColumn<QString>("refusal");
        for (const auto role : kRoles)
            for (const auto decision : kDecisions) {
                const std::string verb(aliasOf(decision));
                const QString refusal = role == Role::ComplianceOfficer
                                            ? QString()
                                            : QString::fromStdString("pat (" + std::string(roleName(role)) + ") may not " + verb +
                                                                     " a compliance breach; only a compliance officer may");
                QTest::addRow("%s %s", roleName(role), verb.c_str()) << role << decision << refusal;
            }
    }

    void onlyAComplianceOfficerDecides() {
        QFETCH(Role, role);
        QFETCH(BreachDecision, decision);
        QFETCH(QString, refusal);
        const auto status = mayDecide(openBlock(), decision, Actor{"pat", role}, "a reason");
        QCOMPARE(status.ok(), refusal.isEmpty());
        QCOMPARE(status.error(), refusal.toStdString());
    }

    void theSystemDoesNotDecide() {
        const auto status = mayDecide(openBlock(), BreachDecision::Override, Actor::system(), "automatic");
        QVERIFY(!status);
        QCOMPARE(status.error(),
                 std::string("system (Administrator) may not override a compliance breach; only a compliance officer may"));
    }

    void overrideAndRejectNeedAReason_data() {
        QTest::addColumn<BreachDecision>("decision");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("acknowledge, no reason") << BreachDecision::Acknowledge << QString() << QString();
        QTest::newRow("override, no reason")
            << BreachDecision::Override << QString() << QStringLiteral("to override breach 5 give a reason");
        QTest::newRow("override, blank") << BreachDecision::Override << QStringLiteral(" \t\r\n ")
                                         << QStringLiteral("to override breach 5 give a reason");
        QTest::newRow("override, reason") << BreachDecision::Override << QStringLiteral("client instruction") << QString();
        QTest::newRow("reject, no reason") << BreachDecision::Reject << QString()
                                           << QStringLiteral("to reject breach 5 give a reason");
        QTest::newRow("reject, blank") << BreachDecision::Reject << QStringLiteral("   ")
                                       << QStringLiteral("to reject breach 5 give a reason");
        QTest::newRow("reject, reason") << BreachDecision::Reject << QStringLiteral("breaches the mandate") << QString();
    }

    void overrideAndRejectNeedAReason() {
        QFETCH(BreachDecision, decision);
        QFETCH(QString, reason);
        QFETCH(QString, refusal);
        const auto status = mayDecide(openBlock(), decision, kOfficer, reason.toStdString());
        QCOMPARE(status.ok(), refusal.isEmpty());
        QCOMPARE(status.error(), refusal.toStdString());
    }

    void anOfficerMayNotDecideTheirOwnOrder() {
        auto own = openBlock();
        own.trader = "carl";
        const std::string refusal = "carl owns the order of breach 5 and may not decide it; another compliance officer must";
        auto status = mayDecide(own, BreachDecision::Override, kOfficer, "fine by me");
        QVERIFY(!status);
        QCOMPARE(status.error(), refusal);
        status = mayDecide(own, BreachDecision::Reject, kOfficer, "not fine");
        QCOMPARE(status.error(), refusal);
        // Seeing it is not deciding it.
        QVERIFY(mayDecide(own, BreachDecision::Acknowledge, kOfficer, "").ok());
        // Another officer may.
        QVERIFY(mayDecide(own, BreachDecision::Override, Actor{"olga", Role::ComplianceOfficer}, "fine").ok());
    }

    void aClosedBreachIsNotDecidedAgain_data() {
        QTest::addColumn<BreachState>("state");
        QTest::addColumn<BreachDecision>("decision");
        QTest::addColumn<QString>("refusal");
        const std::pair<BreachState, const char*> closed[] = {
            {BreachState::Overridden, "overridden"}, {BreachState::Rejected, "rejected"}, {BreachState::Resolved, "resolved"}};
        for (const auto& [state, alias] : closed)
            for (const auto decision : kDecisions)
                QTest::addRow("%s, %s", alias, std::string(aliasOf(decision)).c_str())
                    << state << decision << QString::fromStdString("breach 5 is already " + std::string(alias));
        QTest::newRow("acknowledged, acknowledge")
            << BreachState::Acknowledged << BreachDecision::Acknowledge << QStringLiteral("breach 5 is already acknowledged");
        QTest::newRow("acknowledged, override") << BreachState::Acknowledged << BreachDecision::Override << QString();
        QTest::newRow("acknowledged, reject") << BreachState::Acknowledged << BreachDecision::Reject << QString();
        QTest::newRow("open, acknowledge") << BreachState::Open << BreachDecision::Acknowledge << QString();
    }

    void aClosedBreachIsNotDecidedAgain() {
        QFETCH(BreachState, state);
        QFETCH(BreachDecision, decision);
        QFETCH(QString, refusal);
        auto breach = openBlock();
        breach.state = state;
        const auto status = mayDecide(breach, decision, kOfficer, "a reason");
        QCOMPARE(status.ok(), refusal.isEmpty());
        QCOMPARE(status.error(), refusal.toStdString());
    }

    void aPostTradeBreachIsOnlyAcknowledged() {
        auto breach = openBlock();
        breach.stage = BreachStage::PostTrade;
        breach.orderId = 0;
        breach.trader.clear();
        const std::string refusal =
            "breach 5 is post-trade: there is no order to release or reject; acknowledge it, and it resolves when cured";
        QCOMPARE(mayDecide(breach, BreachDecision::Override, kOfficer, "a reason").error(), refusal);
        QCOMPARE(mayDecide(breach, BreachDecision::Reject, kOfficer, "a reason").error(), refusal);
        QVERIFY(mayDecide(breach, BreachDecision::Acknowledge, kOfficer, "").ok());
        QVERIFY(mayDecide(breach, BreachDecision::Acknowledge, kOfficer, "looking into it").ok());
    }

    void aLogOnlyBlockIsOnlyAcknowledged() {
        Breach breach = preTrade(12, "tom", Verdict::Block, /*logOnly=*/true);
        breach.id = 6;
        const std::string refusal = "breach 6 is log-only and holds no order; acknowledge it";
        QCOMPARE(mayDecide(breach, BreachDecision::Override, kOfficer, "a reason").error(), refusal);
        QCOMPARE(mayDecide(breach, BreachDecision::Reject, kOfficer, "a reason").error(), refusal);
        QVERIFY(mayDecide(breach, BreachDecision::Acknowledge, kOfficer, "").ok());
    }

    void aWarningIsOnlyAcknowledged() {
        Breach breach = preTrade(12, "tom", Verdict::Warn);
        breach.id = 5;
        const std::string refusal = "breach 5 is a warning, which holds no order; acknowledge it";
        QCOMPARE(mayDecide(breach, BreachDecision::Override, kOfficer, "a reason").error(), refusal);
        QCOMPARE(mayDecide(breach, BreachDecision::Reject, kOfficer, "a reason").error(), refusal);
        QVERIFY(mayDecide(breach, BreachDecision::Acknowledge, kOfficer, "").ok());
    }

    void anOfficerDecidesAnOpenBlock() {
        for (const auto decision : kDecisions) {
            const auto status = mayDecide(openBlock(), decision, kOfficer, "reviewed");
            QVERIFY2(status.ok(), status.error().c_str());
        }
    }

    // ---- allows ----

    void permissionsByRole_data() {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Permission>("permission");
        QTest::addColumn<bool>("allowed");
        // Rows: Trader, PortfolioManager, ComplianceOfficer, Administrator.
        const std::pair<Permission, std::array<bool, 4>> table[] = {
            {Permission::TradeOrders, {true, true, false, false}},       {Permission::AcceptWarnings, {true, true, false, false}},
            {Permission::DecideBreaches, {false, false, true, false}},   {Permission::EditRules, {false, false, true, true}},
            {Permission::ManageUsers, {false, false, false, true}},      {Permission::ViewAudit, {false, false, true, true}},
            {Permission::ManagePortfolios, {false, true, false, false}}, {Permission::ReleaseLists, {true, false, false, false}},
            {Permission::ManageReference, {false, false, false, true}},
        };
        static_assert(std::size(table) == std::size(kPermissions));
        for (const auto& [permission, byRole] : table)
            for (std::size_t i = 0; i < std::size(kRoles); ++i)
                QTest::addRow("%s %s", roleName(kRoles[i]), permissionName(permission)) << kRoles[i] << permission << byRole[i];
    }

    void permissionsByRole() {
        QFETCH(Role, role);
        QFETCH(Permission, permission);
        QFETCH(bool, allowed);
        QCOMPARE(allows(role, permission), allowed);
        QCOMPARE((Actor{"pat", role}.may(permission)), allowed);
    }

    void refusalNamesTheActor() {
        QCOMPARE(refusal(Actor{"tom", Role::Trader}, "edit the rules"), std::string("tom (Trader) may not edit the rules"));
        QCOMPARE(refusal(Actor{"paula", Role::PortfolioManager}, "x"), std::string("paula (PortfolioManager) may not x"));
    }
};

QTEST_GUILESS_MAIN(TestBreaches)
#include "tst_breaches.moc"

// Compliance inside the order engine, on a real SQLite store: orders held by
// a block and released by an override, rejected, or cancelled while held;
// warnings sent with a reason; post-trade breaches from fills and from price
// moves; the audit trail of who did what; and all of it surviving a restart.
#include "auth/login.h"
#include "auth/passwords.h"
#include "compliancedesk.h"
#include "reports.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using test::report;

namespace {

const Actor kTrader{"trader1", Role::Trader};
const Actor kOtherTrader{"trader2", Role::Trader};
const Actor kOfficer{"officer", Role::ComplianceOfficer};
const Actor kAdmin{"admin", Role::Administrator};
const Actor kPm{"pm", Role::PortfolioManager};

ReferenceData reference() {
    return test::oneFund({test::testInstrument("AAA", "AAA Corp", "Technology", "100"),
                          test::testInstrument("BBB", "BBB Corp", "Energy", "50"),
                          test::testInstrument("RST", "Restricted Co", "Energy", "20")});
}

/// NAV 1,000,000: 500 AAA at 100 (5%), 1,000 BBB at 50 (5%), 900,000 cash.
std::vector<OpeningPosition> openingPositions() {
    return {{"FUND", "AAA", Qty::of("500"), Price::of("100")},
            {"FUND", "BBB", Qty::of("1000"), Price::of("50")},
            {"FUND", "CASH", Qty::of("900000"), std::nullopt}};
}

RuleBook rules() {
    RuleBook book;
    auto restricted = test::testRule(1, "Restricted list", RuleKind::RestrictedList);
    restricted.symbols = {"RST"};
    auto concentration = test::testRule(2, "Issuer concentration", RuleKind::IssuerConcentration);
    concentration.limit = Money::of("10");
    auto quantity = test::testRule(3, "Max order quantity", RuleKind::MaxOrderQuantity);
    quantity.severity = Severity::Warning;
    quantity.limit = Money::of("100");
    book.rules = {restricted, concentration, quantity};
    return book;
}

/// The compliance desk of these tests: one fund, one account, three rules.
class Desk : public test::ComplianceDesk {
public:
    explicit Desk(const QString& dir) : test::ComplianceDesk(dir, {reference(), openingPositions(), rules()}) {}

    Result<OrderState> submit(const char* symbol, Side side, const char* qty, const Actor& actor = kTrader,
                              std::string reason = {}) {
        NewOrderRequest request{
            test::kSession, "ACC", symbol, side, {Qty::of(qty), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        return engine->submit(request, actor, std::move(reason)).get();
    }
    std::vector<Breach> postTrade() {
        std::vector<Breach> result;
        for (auto& breach : breaches())
            if (breach.stage == BreachStage::PostTrade) result.push_back(std::move(breach));
        return result;
    }
    std::vector<std::string> routedClOrdIds() {
        std::vector<std::string> ids;
        for (const auto& request : routed()) ids.push_back(request.clOrdId);
        return ids;
    }
    /// A fill of the whole order at `px`.
    void fill(const OrderState& order, const char* qty, const char* px, const char* execId) {
        engine->post(report(order.clOrdId, ExecType::Trade)
                         .session(test::kSession)
                         .execId(execId)
                         .orderId("B" + order.clOrdId)
                         .fill(qty, px));
        QVERIFY(engine->sync(std::chrono::seconds(10)));
    }
};

bool hasRecord(const std::vector<AuditRecord>& records, const std::string& user, const std::string& action,
               const std::string& subject) {
    for (const auto& record : records)
        if (record.user == user && record.action == action && record.subject == subject) return true;
    return false;
}

}  // namespace

class TestComplianceDesk final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void holdsABlockedOrderUntilAnOfficerOverridesIt() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto held = desk.submit("RST", Side::Buy, "100");
        QVERIFY2(held, held ? "" : held.error().c_str());
        QVERIFY(held->held);
        QCOMPARE(held->compliance, ComplianceMark::Block);
        QCOMPARE(held->statusName(), std::string_view("Held"));
        QVERIFY(desk.routedClOrdIds().empty());  // never sent

        auto breaches = desk.breachesOf(held->id);
        QCOMPARE(breaches.size(), std::size_t(1));
        const auto breach = breaches.front();
        QCOMPARE(breach.state, BreachState::Open);
        QCOMPARE(breach.trader, std::string("trader1"));
        QCOMPARE(breach.finding.ruleName, std::string("Restricted list"));
        QCOMPARE(breach.finding.verdict, Verdict::Block);

        // Nobody but a compliance officer, and not without a reason.
        for (const auto& actor : {kTrader, kOtherTrader, kAdmin, kPm}) {
            const auto refused = desk.engine->decideBreach(breach.id, BreachDecision::Override, actor, "because").get();
            QVERIFY(!refused);
            QVERIFY2(refused.error().find("only a compliance officer may") != std::string::npos, refused.error().c_str());
        }
        QVERIFY(!desk.engine->decideBreach(breach.id, BreachDecision::Override, kOfficer, "  ").get());
        QVERIFY(desk.order(held->id).held);

        QVERIFY(desk.engine->decideBreach(breach.id, BreachDecision::Override, kOfficer, "name cleared by legal").get());
        const auto released = desk.order(held->id);
        QVERIFY(!released.held);
        QCOMPARE(released.compliance, ComplianceMark::Overridden);
        QCOMPARE(desk.routedClOrdIds(), std::vector<std::string>{released.clOrdId});
        const auto decided = desk.breachesOf(held->id).front();
        QCOMPARE(decided.state, BreachState::Overridden);
        QCOMPARE(decided.decidedBy, std::string("officer"));
        QCOMPARE(decided.reason, std::string("name cleared by legal"));
        // A closed breach stays closed.
        QVERIFY(!desk.engine->decideBreach(breach.id, BreachDecision::Reject, kOfficer, "changed my mind").get());

        const auto audit = desk.audit();
        const auto order = "order " + std::to_string(held->id);
        QVERIFY(hasRecord(audit, "trader1", "order.held", order));
        QVERIFY(hasRecord(audit, "officer", "breach.override", "breach " + std::to_string(breach.id) + " of " + order));
        QVERIFY(hasRecord(audit, "officer", "order.release", order));
    }

    void refusesAnOverrideByTheOrdersOwner() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        // An officer who also owns the order (entered in their name) may not clear it.
        const Actor dual{"officer", Role::ComplianceOfficer};
        NewOrderRequest request{
            test::kSession, "ACC", "RST", Side::Buy, {Qty::of("10"), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        auto held = desk.engine->submit(request, {"officer", Role::Trader}).get();
        QVERIFY(held && held->held);
        const auto breach = desk.breachesOf(held->id).front();
        const auto refused = desk.engine->decideBreach(breach.id, BreachDecision::Override, dual, "mine").get();
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("owns the order") != std::string::npos, refused.error().c_str());
        QVERIFY(desk.engine->decideBreach(breach.id, BreachDecision::Acknowledge, dual, "").get());  // seeing it is fine
        QVERIFY(desk.order(held->id).held);
    }

    void rejectsOrCancelsAHeldOrderWithoutSendingIt() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto rejected = desk.submit("RST", Side::Buy, "100");
        auto cancelled = desk.submit("RST", Side::Sell, "100");
        QVERIFY(rejected && cancelled && rejected->held && cancelled->held);
        const auto breach = desk.breachesOf(rejected->id).front();
        QVERIFY(
            desk.engine->decideBreach(breach.id, BreachDecision::Reject, kOfficer, "restricted: deal team wall-crossed").get());
        const auto afterReject = desk.order(rejected->id);
        QCOMPARE(afterReject.status(), OrdStatus::Rejected);
        QVERIFY(!afterReject.held);
        QCOMPARE(afterReject.text, std::string("rejected by compliance (officer): restricted: deal team wall-crossed"));

        // A held order is cancelled at once, here: the broker never had it. Amending it is refused.
        QVERIFY(desk.engine->replace(cancelled->id, {Qty::of("50"), OrdType::Market, {}, {}, TimeInForce::Day, {}}, kTrader)
                    .get()
                    .isRefused());
        QVERIFY(desk.engine->cancel(cancelled->id, kTrader).get().isApplied());
        QCOMPARE(desk.order(cancelled->id).status(), OrdStatus::Canceled);
        QCOMPARE(desk.breachesOf(cancelled->id).front().state, BreachState::Rejected);
        QVERIFY(desk.routedClOrdIds().empty());

        // Both survive a restart as they are.
        desk.restart();
        QCOMPARE(desk.order(rejected->id).status(), OrdStatus::Rejected);
        QCOMPARE(desk.order(cancelled->id).status(), OrdStatus::Canceled);
        QCOMPARE(desk.breachesOf(rejected->id).front().state, BreachState::Rejected);
        QCOMPARE(desk.breachesOf(rejected->id).front().reason, std::string("restricted: deal team wall-crossed"));
    }

    void expiresHeldOrdersWhoseTimeInForceEnded() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto friday = *parseIsoTimestamp("2026-11-27T15:00:00Z");
        desk.now = friday;
        desk.restart();
        auto held = [&](TimeInForce tif, std::optional<Timestamp> expireTime = {}) {
            NewOrderRequest request{
                test::kSession, "ACC", "RST", Side::Buy, {Qty::of("100"), OrdType::Market, {}, {}, tif, expireTime}};
            auto order = desk.engine->submit(request, kTrader, {}).get();
            if (!order || !order->held) qFatal("the restricted order was not held");
            return *order;
        };
        const auto day = held(TimeInForce::Day);
        const auto gtc = held(TimeInForce::GoodTillCancel);
        const auto gtdMonday = held(TimeInForce::GoodTillDate, *parseIsoTimestamp("2026-11-30T21:00:00Z"));
        const auto gtdSaturday = held(TimeInForce::GoodTillDate, *parseIsoTimestamp("2026-11-28T21:00:00Z"));

        desk.now = friday + std::chrono::hours(2);  // the same day: nothing expires
        desk.restart();
        for (const auto& order : {day, gtc, gtdMonday, gtdSaturday}) QVERIFY(desk.order(order.id).held);

        desk.now = *parseIsoTimestamp("2026-11-30T08:00:00Z");  // Monday
        desk.restart();
        for (const auto& order : {day, gtdSaturday}) {
            const auto expired = desk.order(order.id);
            QCOMPARE(expired.status(), OrdStatus::Expired);
            QVERIFY(!expired.held);
            QVERIFY2(expired.text.starts_with("expired while held by compliance"), expired.text.c_str());
            const auto breach = desk.breachesOf(order.id).front();
            QCOMPARE(breach.state, BreachState::Rejected);
            QCOMPARE(breach.decidedBy, std::string("system"));
            QVERIFY(hasRecord(desk.audit(), "system", "order.expire", "order " + std::to_string(order.id)));
            QVERIFY(!desk.engine->decideBreach(breach.id, BreachDecision::Override, kOfficer, "too late").get());
        }
        for (const auto& order : {gtc, gtdMonday}) QVERIFY(desk.order(order.id).held);
        QVERIFY(desk.routedClOrdIds().empty());

        // Stored as expired: the day it expired the blotter still shows it, the next day it stays out of the book.
        desk.restart();
        for (const auto& order : {day, gtdSaturday}) QCOMPARE(desk.order(order.id).status(), OrdStatus::Expired);
        desk.now = *parseIsoTimestamp("2026-12-01T08:00:00Z");  // Tuesday
        desk.restart();
        for (const auto& order : {day, gtdSaturday}) {
            QVERIFY(!desk.engine->order(order.id).get());
            const auto events = desk.store->eventsOf(order.id);
            QVERIFY(events && !events->empty());
            QCOMPARE(events->back().kind, OrderEventKind::ExpiredUnsent);
        }
        QVERIFY(desk.order(gtc.id).held);
        QCOMPARE(desk.order(gtdMonday.id).status(), OrdStatus::Expired);  // its date passed on Monday evening
    }

    void sendsAWarnedOrderOnlyWithAReason() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto refused = desk.submit("BBB", Side::Buy, "150");  // over the warning-only quantity limit of 100
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("give a reason") != std::string::npos, refused.error().c_str());
        QVERIFY(desk.routedClOrdIds().empty());

        auto sent = desk.submit("BBB", Side::Buy, "150", kTrader, "client facilitation, agreed with the desk head");
        QVERIFY(sent);
        QVERIFY(!sent->held);
        QCOMPARE(sent->compliance, ComplianceMark::Warn);
        QCOMPARE(desk.routedClOrdIds().size(), std::size_t(1));
        const auto breach = desk.breachesOf(sent->id).front();
        QCOMPARE(breach.state, BreachState::Acknowledged);
        QCOMPARE(breach.decidedBy, std::string("trader1"));
        QCOMPARE(breach.reason, std::string("client facilitation, agreed with the desk head"));
        QCOMPARE(breach.finding.after, Money::of("150"));
        QCOMPARE(breach.finding.limit, std::optional(Money::of("100")));
    }

    void blocksAnAmendThatWouldBreach() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto order = desk.submit("AAA", Side::Buy, "100");  // AAA 5% → 6%
        QVERIFY(order && !order->held);
        desk.engine->post(report(order->clOrdId, ExecType::New).session(test::kSession).execId("N1").orderId("B1"));
        QVERIFY(desk.engine->sync(std::chrono::seconds(10)));
        // To 600 shares: AAA would be 11% of NAV, over the 10% limit.
        const auto outcome =
            desk.engine->replace(order->id, {Qty::of("600"), OrdType::Market, {}, {}, TimeInForce::Day, {}}, kTrader).get();
        QVERIFY(outcome.isRefused());
        QVERIFY2(outcome.detail.find("Issuer concentration") != std::string::npos, outcome.detail.c_str());
        QCOMPARE(desk.order(order->id).terms.quantity, Qty::of("100"));
        QCOMPARE(desk.routedClOrdIds().size(), std::size_t(1));  // the order, not the amend
        // On the record, closed: the quantity warning and the concentration block of the refused amend.
        const auto breaches = desk.breachesOf(order->id);
        QCOMPARE(breaches.size(), std::size_t(2));
        for (const auto& breach : breaches) QCOMPARE(breach.state, BreachState::Rejected);
    }

    void checksHoldingsAfterFillsAndPriceMoves() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.prices.set("AAA", "100");
        desk.prices.set("BBB", "50");
        // 450 more AAA: 9.5% of NAV, inside the limit when sent.
        auto order = desk.submit("AAA", Side::Buy, "450", kTrader, "above the usual size, agreed");
        QVERIFY(order && !order->held);
        desk.fill(*order, "450", "100", "F1");
        QVERIFY(desk.postTrade().empty());

        // AAA rises 20%: a passive breach of the 10% issuer limit.
        desk.prices.set("AAA", "120");
        desk.engine->recheckHoldings();
        QVERIFY(desk.engine->sync(std::chrono::seconds(10)));
        auto raised = desk.postTrade();
        QCOMPARE(raised.size(), std::size_t(1));
        QCOMPARE(raised.front().state, BreachState::Open);
        QCOMPARE(raised.front().finding.cause, BreachCause::Passive);
        QCOMPARE(raised.front().finding.subject, std::string("AAA Corp"));
        QCOMPARE(raised.front().fund, std::string("FUND"));
        // 950 × 120 = 114,000 of a NAV of 855,000 cash + 114,000 + 50,000 = 1,019,000, to 8 places.
        QCOMPARE(raised.front().finding.after, Money::of("11.18743867"));
        // A compliance officer can only acknowledge it: there is no order to release.
        QVERIFY(!desk.engine->decideBreach(raised.front().id, BreachDecision::Override, kOfficer, "x").get());
        QVERIFY(desk.engine->decideBreach(raised.front().id, BreachDecision::Acknowledge, kOfficer, "").get());

        // Back down: cured, resolved.
        desk.prices.set("AAA", "100");
        desk.engine->recheckHoldings();
        QVERIFY(desk.engine->sync(std::chrono::seconds(10)));
        const auto cured = desk.postTrade().front();
        QCOMPARE(cured.state, BreachState::Resolved);
        QCOMPARE(cured.decidedBy, std::string("system"));
    }

    void countsEachBuyAgainstCashAtOnce() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        RuleBook cashOnly;
        Rule cash;
        cash.id = 1;
        cash.name = "Cash";
        cash.kind = RuleKind::Cash;
        cash.limit = Money::of("0");
        cashOnly.rules = {cash};
        QVERIFY(desk.engine->setRules(cashOnly, kAdmin, "test").get());
        // 900,000 of cash; two buys of 500,000 queued together: the second finds the first already counted.
        NewOrderRequest buy{test::kSession,
                            "ACC",
                            "AAA",
                            Side::Buy,
                            {Qty::of("5000"), OrdType::Limit, Price::of("100"), {}, TimeInForce::Day, {}}};
        auto first = desk.engine->submit(buy, kTrader);
        auto second = desk.engine->submit(buy, kTrader);
        const auto a = first.get(), b = second.get();
        QVERIFY(a && b);
        QVERIFY(!a->held);
        QVERIFY(b->held);
        const auto breach = desk.breachesOf(b->id).front();
        QCOMPARE(breach.finding.before, Money::of("400000"));
        QCOMPARE(breach.finding.after, Money::of("-100000"));
    }

    void keepsTheDaysFiguresOverARestart() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        RuleBook daily;
        Rule notional;
        notional.id = 1;
        notional.name = "Daily notional";
        notional.kind = RuleKind::DailyTraderNotional;
        notional.limit = Money::of("20000");
        daily.rules = {notional};
        QVERIFY(desk.engine->setRules(daily, kAdmin, "test").get());
        auto first = desk.submit("BBB", Side::Buy, "300");  // 15,000 at 50
        QVERIFY(first && !first->held);
        desk.fill(*first, "300", "50", "F1");
        desk.restart();
        // After the restart the trader has still used 15,000 of the day's 20,000.
        auto second = desk.submit("BBB", Side::Buy, "150");
        QVERIFY(second);
        QVERIFY(second->held);
        QCOMPARE(desk.breachesOf(second->id).front().finding.before, Money::of("15000"));
        // And the fill is counted once: 1,000 + 300 BBB held.
        QCOMPARE(desk.compliance->holdings().quantity("FUND", "BBB"), Qty::of("1300"));
    }

    void refusesRulesNamingWhatTheDeskDoesNotHave() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto before = desk.engine->rules().get();
        QVERIFY(before);
        // Scoped to a misspelt fund, a 1,000-share limit would hold for no order at all.
        auto misspelt = test::testRule(4, "Fund order size", RuleKind::MaxOrderQuantity);
        misspelt.limit = Money::of("1000");
        misspelt.scope = ScopeKind::Fund;
        misspelt.scopeValue = "FUDN";
        auto withMisspelt = *before;
        withMisspelt.rules.push_back(misspelt);
        withMisspelt.locates.push_back({"FUND", "ZZZ", Qty::of("100")});
        const auto refused = desk.engine->setRules(withMisspelt, kAdmin, "test").get();
        QVERIFY(!refused);
        QCOMPARE(refused.error(), std::string("rule 'Fund order size': fund 'FUDN' is not a fund of this desk; the locate of "
                                              "ZZZ for FUND: symbol 'ZZZ' is not a symbol of this desk"));
        const auto after = desk.engine->rules().get();
        QVERIFY(after && *after == *before);
        for (const auto& record : desk.audit()) QVERIFY2(record.action.rfind("rule", 0) != 0, record.action.c_str());

        // Named right, the limit holds.
        misspelt.scopeValue = "FUND";
        QVERIFY(desk.engine->setRules({{misspelt}, {}}, kAdmin, "test").get());
        const auto large = desk.submit("BBB", Side::Buy, "50000");
        QVERIFY(large);
        QVERIFY(large->held);
        QCOMPARE(desk.breachesOf(large->id).front().finding.ruleId, std::int64_t(4));
    }

    void refusesModelsOfUnknownSymbolsOrOfNone() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        QVERIFY(desk.engine->saveModel({"BALANCED", {{"AAA", Money::of("0.5")}}}, kPm).get());
        const auto unknown =
            desk.engine->saveModel({"BALANCED", {{"AAA", Money::of("0.5")}, {"ZZZ", Money::of("0.1")}}}, kPm).get();
        QVERIFY(!unknown);
        QCOMPARE(unknown.error(), std::string("model BALANCED: ZZZ is not an instrument of this desk"));
        const auto empty = desk.engine->saveModel({"BALANCED", {}}, kPm).get();
        QVERIFY(!empty);
        QCOMPARE(empty.error(), std::string("model BALANCED has no weights: a model needs at least one symbol"));
        QVERIFY(desk.engine->sync(std::chrono::seconds(5)));
        const auto models = desk.store->loadModels();
        QVERIFY(models);
        QCOMPARE(models->size(), std::size_t(1));
        QVERIFY(models->front() == (ModelPortfolio{"BALANCED", {{"AAA", Money::of("0.5")}}}));
    }

    void answersTheRulesInForceAsTheStoreHoldsThem() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto atStart = desk.engine->rules().get();
        QVERIFY(atStart);
        QCOMPARE(atStart->rules.size(), std::size_t(3));
        auto fewer = *atStart;
        fewer.rules.pop_back();
        QVERIFY(desk.engine->setRules(fewer, kAdmin, "test").get());
        const auto inForce = desk.engine->rules().get();
        QVERIFY(inForce);
        QCOMPARE(inForce->rules.size(), std::size_t(2));
        QVERIFY(desk.engine->sync(std::chrono::seconds(5)));
        const auto stored = desk.store->loadCompliance(nowUtc());
        QVERIFY(stored);
        QVERIFY(*inForce == stored->rules);
        desk.restart();
        const auto restored = desk.engine->rules().get();
        QVERIFY(restored && *restored == *inForce);
    }

    void keepsTheAuditTrailAppendOnly() {
        QTemporaryDir dir;
        {
            Desk desk(dir.path());
            QVERIFY(desk.submit("BBB", Side::Buy, "10"));
            QVERIFY(!desk.engine->setRules({}, kTrader, "test").get());  // traders do not edit rules
            QVERIFY(desk.engine->setRules({}, kAdmin, "test").get());
            const auto audit = desk.audit();
            QVERIFY(hasRecord(audit, "trader1", "order.submit", "order 1"));
            QVERIFY(hasRecord(audit, "admin", "rule.remove", "rule 3 (Max order quantity)"));
            for (const auto& record : audit)
                if (record.action == "rule.remove" && record.subject == "rule 3 (Max order quantity)")
                    QVERIFY2(record.details.find("limit 100") != std::string::npos, record.details.c_str());
        }
        // Neither the application nor anyone with the file can rewrite it through SQL.
        auto db = sqlite::Database::open(dir.filePath(QStringLiteral("openblotter.db")).toStdString(),
                                         sqlite::Database::Mode::ReadWrite);
        const auto before = db.queryInt64("SELECT count(*) FROM audit_log");
        QVERIFY(before >= 2);
        QVERIFY_THROWS_EXCEPTION(sqlite::SqliteError, db.execute("UPDATE audit_log SET user = 'someone else'"));
        QVERIFY_THROWS_EXCEPTION(sqlite::SqliteError, db.execute("DELETE FROM audit_log"));
        QCOMPARE(db.queryInt64("SELECT count(*) FROM audit_log"), before);
        QCOMPARE(db.queryInt64("SELECT count(*) FROM audit_log WHERE user = 'someone else'"), 0);
    }

    void logsInWithTheStoredHash() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        PasswordHasher cheap{1u << 10, 8, 1};
        auto hash = cheap.hash("correct horse");
        QVERIFY(hash);
        QVERIFY(desk.store->saveUser({"ann", "Ann Officer", Role::ComplianceOfficer, *hash, true},
                                     {0, nowUtc(), "admin", Role::Administrator, "user.add", "user ann", ""}));
        QVERIFY(!logIn(*desk.store, "ann", "wrong", "test"));
        QVERIFY(!logIn(*desk.store, "nobody", "correct horse", "test"));
        const auto actor = logIn(*desk.store, "ann", "correct horse", "test");
        QVERIFY(actor);
        QCOMPARE(actor->role, Role::ComplianceOfficer);
        const auto audit = desk.audit();
        QVERIFY(hasRecord(audit, "ann", "login", "user ann"));
        QVERIFY(hasRecord(audit, "ann", "login.failed", "user ann"));
        // A name no user has may be a password typed in the wrong field: the trail never keeps it.
        QVERIFY(hasRecord(audit, "(unknown user)", "login.failed", "user (unknown user)"));
        for (const auto& record : audit)
            QVERIFY(record.details.find("correct horse") == std::string::npos);  // never the password
        // The hash is all the database has.
        auto users = desk.store->loadUsers();
        QVERIFY(users && users->size() == 1);
        QVERIFY(users->front().passwordHash.rfind("scrypt$1024$8$1$", 0) == 0);
    }
};

QTEST_GUILESS_MAIN(TestComplianceDesk)
#include "tst_compliancedesk.moc"

// Block orders in the order engine with compliance, on a real SQLite store: each
// fund's part is checked by that fund's rules and its breaches name that fund and
// account; a block order lasts the day, at entry and when amended.
#include "compliancedesk.h"
#include "decimalprint.h"
#include "reports.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using test::report;

namespace {

const Actor kTrader{"trader1", Role::Trader};

/// Two funds of one account each, both with 1,000,000 USD of cash.
ReferenceData reference() {
    ReferenceData data;
    data.instruments = {
        {"AAA", "AAA Corp", "AAA Corp", "Technology", "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of("100"), {}},
    };
    data.funds = {{"FUNDA", "Fund A", "USD"}, {"FUNDB", "Fund B", "USD"}};
    data.accounts = {{"ACCA", "Fund A's account", "FUNDA"},
                     {"ACCB", "Fund B's account", "FUNDB"},
                     {"ACCA2", "Fund A's second account", "FUNDA"}};
    return data;
}

std::vector<OpeningPosition> openingPositions() {
    return {{"FUNDA", "CASH", Qty::of("1000000"), std::nullopt}, {"FUNDB", "CASH", Qty::of("1000000"), std::nullopt}};
}

Rule maxQuantity(std::int64_t id, std::string name, std::string fund, const char* limit) {
    Rule rule;
    rule.id = id;
    rule.name = std::move(name);
    rule.kind = RuleKind::MaxOrderQuantity;
    rule.severity = Severity::Block;
    rule.scope = ScopeKind::Fund;
    rule.scopeValue = std::move(fund);
    rule.limit = Money::of(limit);
    return rule;
}

/// Fund A takes orders up to 500, fund B up to 300: a block of 1,000 split 400/600 is
/// within A's limit for A's part, over B's for B's, and over A's were A charged the whole.
RuleBook rules() {
    RuleBook book;
    book.rules = {maxQuantity(1, "Fund A order size", "FUNDA", "500"), maxQuantity(2, "Fund B order size", "FUNDB", "300")};
    return book;
}

/// A block buy of AAA at 100 for ACCA and ACCB.
NewOrderRequest blockOrder(const char* quantity, const char* first, const char* second, TimeInForce tif = TimeInForce::Day) {
    NewOrderRequest request{
        test::kSession, "ACCA", "AAA", Side::Buy, {Qty::of(quantity), OrdType::Limit, Price::of("100"), {}, tif, {}}};
    request.allocations = {{"ACCA", Qty::of(first)}, {"ACCB", Qty::of(second)}};
    return request;
}

/// The two funds' desk, AAA at 100.
class Desk : public test::ComplianceDesk {
public:
    explicit Desk(const QString& dir) : test::ComplianceDesk(dir, {reference(), openingPositions(), rules()}) {
        prices.set("AAA", "100");
    }

    Result<OrderState> submit(const NewOrderRequest& request) { return engine->submit(request, kTrader).get(); }
    std::size_t routedCount() { return routed().size(); }
    /// The broker takes the order.
    void acknowledge(const OrderState& order) {
        engine->post(report(order.clOrdId, ExecType::New).session(test::kSession).execId("N" + order.clOrdId).orderId("B1"));
        QVERIFY(engine->sync(std::chrono::seconds(10)));
    }
};

}  // namespace

class TestBlockCompliance final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aBreachInTheSecondFundsPartIsThatFunds() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        // 400 for ACCA (fund A, limit 500: passes), 600 for ACCB (fund B, limit 300: blocks).
        auto held = desk.submit(blockOrder("1000", "400", "600"));
        QVERIFY2(held, held ? "" : held.error().c_str());
        QVERIFY(held->held);
        QCOMPARE(held->compliance, ComplianceMark::Block);
        QCOMPARE(held->account, std::string("ACCA"));  // the block's account is its first part's
        QCOMPARE(desk.routedCount(), std::size_t(0));

        auto breaches = desk.breachesOf(held->id);
        QCOMPARE(breaches.size(), std::size_t(1));  // fund A's part breaches nothing
        const auto breach = breaches.front();
        QCOMPARE(breach.fund, std::string("FUNDB"));
        QCOMPARE(breach.account, std::string("ACCB"));
        QCOMPARE(breach.finding.account, std::string("ACCB"));
        QCOMPARE(breach.finding.ruleName, std::string("Fund B order size"));
        QCOMPARE(breach.finding.verdict, Verdict::Block);
        QCOMPARE(breach.finding.after, Money::of("600"));  // B's part, not the block
        QCOMPARE(breach.finding.limit, std::optional(Money::of("300")));
        QCOMPARE(breach.state, BreachState::Open);
        QCOMPARE(breach.trader, std::string("trader1"));
        QCOMPARE(breach.symbol, std::string("AAA"));
        QVERIFY2(breach.finding.message.starts_with("ACCB: Fund B order size: "), breach.finding.message.c_str());

        // Stored as raised: the fund and account survive a restart.
        desk.restart();
        breaches = desk.breachesOf(held->id);
        QCOMPARE(breaches.size(), std::size_t(1));
        QCOMPARE(breaches.front().fund, std::string("FUNDB"));
        QCOMPARE(breaches.front().account, std::string("ACCB"));
        QVERIFY2(breaches.front().finding.message.starts_with("ACCB: Fund B order size: "),
                 breaches.front().finding.message.c_str());
        QVERIFY(desk.order(held->id).held);
    }

    void anAmendChecksEachPartAgainstItsOwnFund() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        // 200 for ACCA and 300 for ACCB: both at or within their funds' limits.
        auto sent = desk.submit(blockOrder("500", "200", "300"));
        QVERIFY2(sent, sent ? "" : sent.error().c_str());
        QVERIFY(!sent->held);
        QCOMPARE(sent->compliance, ComplianceMark::Pass);
        QVERIFY(desk.breachesOf(sent->id).empty());
        desk.acknowledge(*sent);

        // To 600, the parts keep their proportions: 240 for ACCA (passes), 360 for ACCB (over 300).
        const auto outcome =
            desk.engine->replace(sent->id, {Qty::of("600"), OrdType::Limit, Price::of("100"), {}, TimeInForce::Day, {}}, kTrader)
                .get();
        QVERIFY(outcome.isRefused());
        QVERIFY2(outcome.detail.find("ACCB: Fund B order size") != std::string::npos, outcome.detail.c_str());
        QCOMPARE(desk.order(sent->id).terms.quantity, Qty::of("500"));
        const auto breaches = desk.breachesOf(sent->id);
        QCOMPARE(breaches.size(), std::size_t(1));
        QCOMPARE(breaches.front().fund, std::string("FUNDB"));
        QCOMPARE(breaches.front().account, std::string("ACCB"));
        QCOMPARE(breaches.front().state, BreachState::Rejected);
        QCOMPARE(breaches.front().finding.after, Money::of("360"));
        QVERIFY2(breaches.front().finding.message.starts_with("ACCB: Fund B order size: "),
                 breaches.front().finding.message.c_str());
        QCOMPARE(desk.routedCount(), std::size_t(1));  // the order, not the amend
    }

    void aBlockOrderNamesEachFundOnce() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto twice = blockOrder("500", "200", "300");
        twice.allocations = {{"ACCA", Qty::of("200")}, {"ACCA2", Qty::of("300")}};
        const auto refused = desk.submit(twice);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(),
                 std::string("accounts ACCA and ACCA2 both book to fund FUNDA: a block order allocates to each fund once"));
        QCOMPARE(desk.routedCount(), std::size_t(0));
    }

    void aBlockOrderLastsTheDay() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const std::string refusal =
            "a block order lasts the day (DAY, IOC or FOK): its fills are allocated to the funds within the day";
        auto gtc = desk.submit(blockOrder("500", "200", "300", TimeInForce::GoodTillCancel));
        QVERIFY(!gtc);
        QCOMPARE(gtc.error(), refusal);
        auto gtdRequest = blockOrder("500", "200", "300", TimeInForce::GoodTillDate);
        gtdRequest.terms.expireTime = fromNanos(4'000'000'000'000'000'000);
        auto gtd = desk.submit(gtdRequest);
        QVERIFY(!gtd);
        QCOMPARE(gtd.error(), refusal);
        QVERIFY(desk.engine->snapshot().get().orders.empty());  // nothing entered
        QCOMPARE(desk.routedCount(), std::size_t(0));

        // An order for one account may be GTC.
        NewOrderRequest single{test::kSession,
                               "ACCA",
                               "AAA",
                               Side::Buy,
                               {Qty::of("100"), OrdType::Limit, Price::of("100"), {}, TimeInForce::GoodTillCancel, {}}};
        auto kept = desk.submit(single);
        QVERIFY2(kept, kept ? "" : kept.error().c_str());
        QCOMPARE(kept->terms.timeInForce, TimeInForce::GoodTillCancel);

        // IOC is within the day.
        auto ioc = desk.submit(blockOrder("500", "200", "300", TimeInForce::ImmediateOrCancel));
        QVERIFY2(ioc, ioc ? "" : ioc.error().c_str());
        QCOMPARE(ioc->terms.timeInForce, TimeInForce::ImmediateOrCancel);
    }

    void aDayBlockCannotBeAmendedToLastLonger() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto sent = desk.submit(blockOrder("500", "200", "300"));
        QVERIFY2(sent, sent ? "" : sent.error().c_str());
        QVERIFY(!sent->held);
        desk.acknowledge(*sent);
        QCOMPARE(desk.routedCount(), std::size_t(1));

        const auto toGtc =
            desk.engine
                ->replace(sent->id, {Qty::of("500"), OrdType::Limit, Price::of("100"), {}, TimeInForce::GoodTillCancel, {}},
                          kTrader)
                .get();
        QVERIFY(toGtc.isRefused());
        QCOMPARE(toGtc.detail, std::string("a block order lasts the day: it cannot become GTC or GTD"));
        const auto toGtd = desk.engine
                               ->replace(sent->id,
                                         {Qty::of("500"),
                                          OrdType::Limit,
                                          Price::of("100"),
                                          {},
                                          TimeInForce::GoodTillDate,
                                          fromNanos(4'000'000'000'000'000'000)},
                                         kTrader)
                               .get();
        QVERIFY(toGtd.isRefused());
        QCOMPARE(toGtd.detail, std::string("a block order lasts the day: it cannot become GTC or GTD"));
        const auto kept = desk.order(sent->id);
        QCOMPARE(kept.terms.timeInForce, TimeInForce::Day);
        QVERIFY(!kept.pending);
        QCOMPARE(desk.routedCount(), std::size_t(1));  // no replace went out

        // A replace that keeps it a day order goes.
        const auto smaller =
            desk.engine->replace(sent->id, {Qty::of("400"), OrdType::Limit, Price::of("100"), {}, TimeInForce::Day, {}}, kTrader)
                .get();
        QVERIFY2(smaller.isApplied(), smaller.detail.c_str());
        QCOMPARE(desk.routedCount(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestBlockCompliance)
#include "tst_blockcompliance.moc"

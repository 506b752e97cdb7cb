// Finding 2 of the book of record: one event is applied whole or not at all. An opening position beyond the
// desk's limits is refused; a fill that would take a position beyond them, and a report whose figures overflow
// the arithmetic (an internal error), leave the order and the book as they were, are kept in quarantine with
// their MsgSeqNum recorded, raise an alert naming why, and stay so after a restart.
#include "compliancedesk.h"
#include "decimalprint.h"
#include "reports.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using test::report;
using namespace std::chrono_literals;

namespace {

const Actor kTrader{"trader1", Role::Trader};
const Actor kPm{"pm", Role::PortfolioManager};

/// AAA opens 500 shares short of the position limit of 10 billion; BBB is not held.
test::ComplianceDesk::Setup setup() {
    return {test::oneFund({test::testInstrument("AAA", "AAA Corp", "Technology", "1"),
                           test::testInstrument("BBB", "BBB Corp", "Energy", "1")}),
            {{"FUND", "AAA", Qty::of("9999999500"), Price::of("1")}, {"FUND", "CASH", Qty::of("1000000000"), std::nullopt}},
            {}};
}

OrderState buy(test::ComplianceDesk& desk, const char* symbol, const char* qty) {
    NewOrderRequest request{
        test::kSession, "ACC", symbol, Side::Buy, {Qty::of(qty), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
    return desk.engine->submit(request, kTrader).get().value();
}

Inbound<ExecutionReport> fill(const OrderState& order, const char* qty, std::optional<const char*> cum, const char* execId,
                              std::int64_t msgSeqNum) {
    auto builder = report(order.clOrdId, ExecType::Trade).execId(execId).orderId("B" + order.clOrdId).fill(qty, "1");
    if (cum) builder.cumQty(*cum);
    Inbound<ExecutionReport> fill = builder;
    fill.envelope.msgSeqNum = msgSeqNum;
    fill.envelope.raw = std::string("8=FIX.4.4|35=8|17=") + execId + "|32=" + qty;
    return fill;
}

std::vector<EngineAlert> alertsOf(test::ComplianceDesk& desk) {
    std::vector<EngineAlert> alerts;
    for (const auto& changes : desk.published()) alerts.insert(alerts.end(), changes.alerts.begin(), changes.alerts.end());
    return alerts;
}

std::int64_t lastApplied(test::ComplianceDesk& desk) {
    return desk.store->loadActive("20000101").value().inboundProgress.at(test::kSession).lastApplied;
}

Qty fundHolding(const BookSnapshot& book, const char* symbol) {
    for (const auto& position : book.fundPositions)
        if (position.account == "FUND" && position.symbol == symbol) return position.quantity;
    return Qty{};
}

}  // namespace

class TestAllOrNothing final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesAnOpeningPositionBeyondTheLimits() {
        QTemporaryDir dir;
        test::ComplianceDesk desk(dir.path(), setup());
        const auto refused =
            desk.engine->setOpeningPositions({{"FUND", "BBB", Qty::of("92200000000"), Price::of("1")}}, kPm, "positions.csv")
                .get();
        QVERIFY(!refused);
        QCOMPARE(refused.error(), std::string("fund FUND's opening BBB 92200000000 is beyond the limit of 10000000000 units"));
        desk.restart();
        const auto book = desk.engine->snapshot().get();
        QCOMPARE(book.openingPositions.size(), std::size_t(2));
        QCOMPARE(fundHolding(book, "AAA"), Qty::of("9999999500"));
        QCOMPARE(fundHolding(book, "BBB"), Qty{});
        for (const auto& record : desk.audit()) QVERIFY(record.action != "positions.import");
    }

    void quarantinesAFillThatWouldTakeAPositionBeyondTheLimits() {
        QTemporaryDir dir;
        test::ComplianceDesk desk(dir.path(), setup());
        const auto order = buy(desk, "AAA", "1000");
        desk.engine->post(fill(order, "1000", "1000", "F1", 9));
        QVERIFY(desk.engine->sync(10s));
        const std::string reason =
            "ExecutionReport F1 (Trade) refused: the book of positions cannot take it: fund FUND's position in AAA "
            "10000000500 is beyond the limit of 10000000000 units";
        const auto alerts = alertsOf(desk);
        QCOMPARE(alerts.size(), std::size_t(1));
        QCOMPARE(alerts[0].orderId, order.id);
        QCOMPARE(alerts[0].message, reason);
        for (int run = 0; run < 2; ++run) {  // as it happened, and after a restart
            QCOMPARE(desk.order(order.id).statusName(), std::string_view("PendingNew"));
            QCOMPARE(desk.order(order.id).cumQty, Qty{});
            QCOMPARE(desk.store->executionsOf(order.id)->size(), std::size_t(0));
            const auto book = desk.engine->snapshot().get();
            QCOMPARE(fundHolding(book, "AAA"), Qty::of("9999999500"));
            QCOMPARE(book.positions.size(), std::size_t(0));
            const auto quarantined = desk.store->quarantine(true).value();
            QCOMPARE(quarantined.size(), std::size_t(1));
            QCOMPARE(quarantined[0].msgSeqNum, std::int64_t(9));
            QCOMPARE(quarantined[0].orderId, order.id);
            QCOMPARE(quarantined[0].reason, reason);
            QCOMPARE(quarantined[0].text, std::string("8=FIX.4.4|35=8|17=F1|32=1000"));
            QCOMPARE(lastApplied(desk), std::int64_t(9));
            desk.restart();
        }
    }

    void quarantinesAReportThatFailsOnAnInternalError() {
        QTemporaryDir dir;
        test::ComplianceDesk desk(dir.path(), setup());
        const auto order = buy(desk, "BBB", "1000000000");
        desk.engine->post(fill(order, "500000000", "500000000", "G1", 10));
        // 92 billion more, past the translator's range checks: the sum overflows what a quantity holds.
        desk.engine->post(fill(order, "92000000000", std::nullopt, "G2", 11));
        QVERIFY(desk.engine->sync(10s));
        const std::string reason = "internal error while applying it, nothing of it was applied: decimal overflow in add";
        const auto alerts = alertsOf(desk);
        QCOMPARE(alerts.size(), std::size_t(1));
        QCOMPARE(alerts[0].severity, EngineAlert::Severity::Error);
        QCOMPARE(alerts[0].message, reason);
        for (int run = 0; run < 2; ++run) {  // as it happened, and after a restart
            const auto after = desk.order(order.id);
            QCOMPARE(after.statusName(), std::string_view("PartiallyFilled"));
            QCOMPARE(after.cumQty, Qty::of("500000000"));
            QCOMPARE(desk.store->executionsOf(order.id)->size(), std::size_t(1));
            const auto book = desk.engine->snapshot().get();
            QCOMPARE(fundHolding(book, "BBB"), Qty::of("500000000"));
            QCOMPARE(book.positions.size(), std::size_t(1));
            QCOMPARE(book.positions[0].quantity, Qty::of("500000000"));
            const auto quarantined = desk.store->quarantine(true).value();
            QCOMPARE(quarantined.size(), std::size_t(1));
            QCOMPARE(quarantined[0].msgSeqNum, std::int64_t(11));
            QCOMPARE(quarantined[0].msgType, std::string("8"));
            QCOMPARE(quarantined[0].reason, reason);
            QCOMPARE(quarantined[0].text, std::string("8=FIX.4.4|35=8|17=G2|32=92000000000"));
            QCOMPARE(lastApplied(desk), std::int64_t(11));
            desk.restart();
        }
    }
};

QTEST_GUILESS_MAIN(TestAllOrNothing)
#include "tst_allornothing.moc"

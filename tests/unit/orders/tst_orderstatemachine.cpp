#include "orders/orderbook.h"
#include "orders/orderstatemachine.h"
#include "orderscript.h"
#include "reports.h"

#include <QTest>

#include <random>

using namespace ob;

namespace {

/// Runs script lines on a fresh book; the last line carries the expectation under test.
void runScript(const QByteArrayList& lines) {
    OrderBook book;
    test::OrderScript script(book);
    int number = 0;
    for (const auto& line : lines) {
        const auto status = script.runLine(line.toStdString(), ++number);
        QVERIFY2(status.ok(), status.error().c_str());
    }
}

const QByteArray kNew = "new X qty=1000 px=10";
const QByteArray kAck = "exec X New";

}  // namespace

class TestOrderStateMachine final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    /// Every FIX 4.4 OrdStatus the book shows, each reached by a named path.
    void reachesEachOrdStatus_data() {
        QTest::addColumn<QByteArrayList>("script");
        QTest::newRow("PendingNew") << QByteArrayList{kNew + " => PendingNew 1000 0 1000"};
        QTest::newRow("New") << QByteArrayList{kNew, kAck + " => New 1000 0 1000"};
        QTest::newRow("PartiallyFilled") << QByteArrayList{kNew, kAck,
                                                           "exec X Trade last=400@10 => PartiallyFilled 1000 400 600"};
        QTest::newRow("Filled") << QByteArrayList{kNew, kAck, "exec X Trade last=1000@10 => Filled 1000 1000 0"};
        QTest::newRow("DoneForDay") << QByteArrayList{kNew, kAck, "exec X DoneForDay => DoneForDay 1000 0 0"};
        QTest::newRow("Canceled") << QByteArrayList{kNew, kAck, "cancel Y X", "exec Y/X Canceled => Canceled 1000 0 0"};
        QTest::newRow("Replaced") << QByteArrayList{kNew, kAck, "replace Y X qty=500",
                                                    "exec Y/X Replaced qty=500 => New 500 0 500", "check X Replaced"};
        QTest::newRow("PendingCancel") << QByteArrayList{kNew, kAck, "cancel Y X => PendingCancel 1000 0 1000"};
        QTest::newRow("Stopped") << QByteArrayList{kNew, kAck, "exec X Stopped last=100@10 => Stopped 1000 0 1000"};
        QTest::newRow("Rejected") << QByteArrayList{kNew, "exec X Rejected => Rejected 1000 0 0"};
        QTest::newRow("Suspended") << QByteArrayList{kNew, kAck, "exec X Suspended => Suspended 1000 0 1000"};
        QTest::newRow("Expired") << QByteArrayList{kNew, kAck, "exec X Expired => Expired 1000 0 0"};
        QTest::newRow("PendingReplace") << QByteArrayList{kNew, kAck, "replace Y X px=11 => PendingReplace 1000 0 1000"};
        // Calculated and AcceptedForBidding belong to orders this book does not take (calculated
        // settlement, bids): a report that would lead there is refused, and no order shows them.
        QTest::newRow("Calculated (refused)") << QByteArrayList{kNew, kAck, "exec X Calculated => refused Calculated"};
        QTest::newRow("AcceptedForBidding (never derived)") << QByteArrayList{kNew, kAck, "check X New"};
    }
    void reachesEachOrdStatus() {
        QFETCH(QByteArrayList, script);
        runScript(script);
    }

    /// Every FIX 4.4 ExecType, applied where FIX allows it and refused where it does not.
    void appliesEachExecType_data() {
        QTest::addColumn<QByteArrayList>("script");
        const QByteArray canceled = "exec X Canceled";
        const QByteArray rejected = "exec X Rejected";
        QTest::newRow("New: acknowledges a PendingNew order") << QByteArrayList{kNew, kAck + " => New 1000 0 1000"};
        QTest::newRow("New: refused on a canceled order") << QByteArrayList{kNew, kAck, canceled, kAck + " => refused"};
        QTest::newRow("DoneForDay: ends a working day order")
            << QByteArrayList{kNew, kAck, "exec X Trade last=10@10", "exec X DoneForDay => DoneForDay 1000 10 0"};
        QTest::newRow("DoneForDay: refused on a rejected order")
            << QByteArrayList{kNew, rejected, "exec X DoneForDay => refused"};
        QTest::newRow("Canceled: unsolicited") << QByteArrayList{kNew, kAck, canceled + " => Canceled 1000 0 0"};
        QTest::newRow("Canceled: refused on a filled order")
            << QByteArrayList{kNew, "exec X Trade last=1000@10", canceled + " => refused filled"};
        QTest::newRow("Replaced: answers a replace")
            << QByteArrayList{kNew, kAck, "replace Y X qty=2000", "exec Y/X Replaced qty=2000 => New 2000 0 2000"};
        QTest::newRow("Replaced: refused without a request")
            << QByteArrayList{kNew, kAck, "exec Y/X Replaced qty=2000 => refused"};
        QTest::newRow("PendingCancel: acknowledges a cancel")
            << QByteArrayList{kNew, kAck, "cancel Y X", "exec Y/X PendingCancel => PendingCancel 1000 0 1000"};
        QTest::newRow("PendingCancel: refused without a request")
            << QByteArrayList{kNew, kAck, "exec Y/X PendingCancel => refused"};
        QTest::newRow("Stopped: on a working order") << QByteArrayList{kNew, kAck, "exec X Stopped => Stopped 1000 0 1000"};
        QTest::newRow("Stopped: refused on a canceled order")
            << QByteArrayList{kNew, kAck, canceled, "exec X Stopped => refused"};
        QTest::newRow("Rejected: refuses a PendingNew order") << QByteArrayList{kNew, rejected + " => Rejected 1000 0 0"};
        QTest::newRow("Rejected: refused once filled")
            << QByteArrayList{kNew, "exec X Trade last=5@10", rejected + " => refused fills"};
        QTest::newRow("Suspended: on a working order") << QByteArrayList{kNew, kAck, "exec X Suspended => Suspended 1000 0 1000"};
        QTest::newRow("Suspended: refused on a filled order")
            << QByteArrayList{kNew, "exec X Trade last=1000@10", "exec X Suspended => refused"};
        QTest::newRow("PendingNew: on an unacknowledged order")
            << QByteArrayList{kNew, "exec X PendingNew => PendingNew 1000 0 1000"};
        QTest::newRow("PendingNew: refused once acknowledged") << QByteArrayList{kNew, kAck, "exec X PendingNew => refused"};
        QTest::newRow("Calculated: always refused") << QByteArrayList{kNew, kAck, "exec X Calculated => refused"};
        QTest::newRow("Expired: ends a working order") << QByteArrayList{kNew, kAck, "exec X Expired => Expired 1000 0 0"};
        QTest::newRow("Expired: refused on an expired order")
            << QByteArrayList{kNew, kAck, "exec X Expired", "exec X Expired => refused"};
        QTest::newRow("Restated: changes the quantity") << QByteArrayList{kNew, kAck, "exec X Restated qty=800 => New 800 0 800"};
        QTest::newRow("Restated: refused below CumQty")
            << QByteArrayList{kNew, "exec X Trade last=900@10", "exec X Restated qty=800 => refused"};
        QTest::newRow("PendingReplace: acknowledges a replace")
            << QByteArrayList{kNew, kAck, "replace Y X px=9", "exec Y/X PendingReplace => PendingReplace 1000 0 1000"};
        QTest::newRow("PendingReplace: refused for a cancel")
            << QByteArrayList{kNew, kAck, "cancel Y X", "exec Y/X PendingReplace => refused"};
        QTest::newRow("Trade: fills without an acknowledgement")
            << QByteArrayList{kNew, "exec X Trade last=1000@10 => Filled 1000 1000 0"};
        QTest::newRow("Trade: refused beyond OrderQty")
            << QByteArrayList{kNew, "exec X Trade last=1000.00000001@10 => refused overfill"};
        QTest::newRow("TradeCorrect: corrects a fill") << QByteArrayList{
            kNew, "exec X Trade id=T last=10@10", "exec X TradeCorrect ref=T last=20@11 => PartiallyFilled 1000 20 980 avg=11"};
        QTest::newRow("TradeCorrect: refused for a busted fill")
            << QByteArrayList{kNew, "exec X Trade id=T last=10@10", "exec X TradeCancel ref=T",
                              "exec X TradeCorrect ref=T last=20@11 => refused canceled"};
        QTest::newRow("TradeCancel: busts a fill")
            << QByteArrayList{kNew, "exec X Trade id=T last=1000@10", "exec X TradeCancel ref=T => New 1000 0 1000"};
        QTest::newRow("TradeCancel: refused for an unknown ExecRefID")
            << QByteArrayList{kNew, "exec X TradeCancel ref=T => refused"};
        QTest::newRow("OrderStatus: changes nothing")
            << QByteArrayList{kNew, kAck, "exec X OrderStatus status=New => New 1000 0 1000"};
        QTest::newRow("OrderStatus: for an unknown order")
            << QByteArrayList{kNew, "exec Q OrderStatus status=Rejected => refused"};
    }
    void appliesEachExecType() {
        QFETCH(QByteArrayList, script);
        runScript(script);
    }

    void everyEnumValueIsCovered() {
        // appliesEachExecType has rows for all 17 ExecTypes of FIX 4.4 and
        // reachesEachOrdStatus for all 15 OrdStatus values; a new value needs its rows.
        QCOMPARE(allValues<ExecType>().size(), std::size_t(17));
        QCOMPARE(allValues<OrdStatus>().size(), std::size_t(15));
    }

    void refusedEventLeavesOrderUntouched() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(book.apply(test::report("X", ExecType::Trade).fill("60", "10").execId("T1")).outcome.isApplied());
        const Order before = *book.find(1);
        // Overfill: the check happens before anything changes.
        auto applied = book.apply(test::report("X", ExecType::Trade).fill("41", "10").execId("T2"));
        QVERIFY(applied.outcome.isRefused());
        QVERIFY(*book.find(1) == before);
        QVERIFY(!book.find(1)->findExecution("T2"));
    }

    void refusesACumQtyThatDoesNotFollow() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        const Order before = *book.find(1);
        auto applied = book.apply(test::report("X", ExecType::Trade).fill("60", "10").cumQty("70"));
        QVERIFY(applied.outcome.isRefused());
        QCOMPARE(applied.outcome.detail, std::string("CumQty (14) 70 does not follow from the book: the order had 0 filled and "
                                                     "this fill adds 60, so CumQty must be 60"));
        QVERIFY(*book.find(1) == before);
    }

    void anUndoneReportLeavesTheOrderAsItWas() {
        // What follows a report can still fail (the book of positions refuses the fill): the order goes back.
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(book.apply(test::report("X", ExecType::Trade).fill("40", "10").execId("T1").orderId("B1")).outcome.isApplied());
        const Order before = *book.find(1);
        OrderBook::Undo undo;
        auto corrected = book.apply(test::report("X", ExecType::TradeCorrect).fill("50", "9").ref("T1").orderId("B2"), &undo);
        QVERIFY(corrected.outcome.isApplied());
        QCOMPARE(book.find(1)->state.cumQty, Qty::of("50"));
        book.undo(std::move(undo));
        QVERIFY(*book.find(1) == before);
        QCOMPARE(book.findByBrokerOrderId(test::kSession, "B1"), book.find(1));
        QVERIFY(!book.findByBrokerOrderId(test::kSession, "B2"));
    }

    void rejectReasonsStayOnTheOrder() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(book.apply(test::report("X", ExecType::New)).outcome.isApplied());
        QVERIFY(book.requestCancel(1, "Y", nowUtc()).outcome.isApplied());
        CancelReject reject{"Y", "X", "", RequestKind::Cancel, OrdStatus::New, "too late to cancel"};
        QVERIFY(book.apply(test::inbound(reject)).outcome.isApplied());
        QCOMPARE(book.find(1)->state.text, std::string("cancel Y rejected: too late to cancel"));
        auto broker = book.apply(test::report("X", ExecType::Rejected).text("price outside the band"));
        QVERIFY(broker.outcome.isApplied());
        QCOMPARE(broker.order->state.text, std::string("price outside the band"));
    }

    void restoreReplaysExecutionsExactly() {
        OrderBook book;
        test::OrderScript script(book);
        for (const char* line :
             {"new X qty=10000 px=120", "exec X New id=B", "exec X Trade id=C last=1000@100", "exec X Trade id=D last=9000@110",
              "exec X TradeCancel id=E ref=C", "exec X TradeCorrect id=F ref=D last=9000@100.33333333",
              "exec X Trade id=G last=1000@120", "exec X TradeCorrect id=H ref=F last=8999@120.5"})
            QVERIFY(script.runLine(line, 1).ok());
        const Order live = *book.findByClOrdId("X");

        // The store keeps each execution as the sell side reported it.
        std::vector<ExecutionEntry> reported = {
            {"B", "", ExecType::New, false, Qty{}, Price{}, {}, {}},
            {"C", "", ExecType::Trade, false, Qty::of("1000"), Price::of("100"), {}, {}},
            {"D", "", ExecType::Trade, false, Qty::of("9000"), Price::of("110"), {}, {}},
            {"E", "C", ExecType::TradeCancel, false, Qty{}, Price{}, {}, {}},
            {"F", "D", ExecType::TradeCorrect, false, Qty::of("9000"), Price::of("100.33333333"), {}, {}},
            {"G", "", ExecType::Trade, false, Qty::of("1000"), Price::of("120"), {}, {}},
            {"H", "F", ExecType::TradeCorrect, false, Qty::of("8999"), Price::of("120.5"), {}, {}},
        };
        auto restored = order_state_machine::restore(live.state, live.chain, reported);
        QVERIFY2(restored.ok(), restored.ok() ? "" : restored.error().c_str());
        QVERIFY(*restored == live);
        QCOMPARE(restored->state.avgPx(), live.state.avgPx());

        // A row whose totals disagree with its executions is refused, naming the order.
        auto tampered = live.state;
        tampered.cumQty = Qty::of("9998");
        auto refused = order_state_machine::restore(tampered, live.chain, reported);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().find("CumQty 9999") != std::string::npos);
    }

    /// Thousands of random events, valid and not: the book's invariants hold after each.
    void randomEventsKeepInvariants() {
        std::mt19937 random(20261129);
        OrderBook book;
        const int orders = 50;
        for (int i = 1; i <= orders; ++i)
            QVERIFY(book.create(i, test::limitOrder(Side::Buy, std::to_string(100 * (1 + i % 7)), "10"), "O" + std::to_string(i),
                                nowUtc())
                        .ok());
        std::vector<std::string> execIds;
        int applied = 0, refused = 0;
        for (int step = 0; step < 20000; ++step) {
            const OrderId id = 1 + int(random() % orders);
            const Order before = *book.find(id);
            const auto& clOrdId = before.state.clOrdId;
            const int kind = int(random() % 17);
            OrderBook::Applied result;
            const auto type = allValues<ExecType>()[std::size_t(kind)].value;
            auto builder = test::report(clOrdId, type);
            builder.fill(std::to_string(1 + random() % 150), std::to_string(9 + random() % 3));
            if (!execIds.empty() && (type == ExecType::TradeCancel || type == ExecType::TradeCorrect))
                builder.ref(execIds[random() % execIds.size()]);
            if (random() % 10 == 0 && !execIds.empty()) builder.execId(execIds[random() % execIds.size()]);
            if (type == ExecType::Replaced || type == ExecType::PendingReplace || type == ExecType::PendingCancel) {
                if (before.state.pending)
                    builder = test::report(before.state.pending->clOrdId, type);
                else if (random() % 2)
                    (void)book.requestReplace(
                        id, "R" + std::to_string(step),
                        {Qty::of(std::to_string(50 + random() % 500)), OrdType::Limit, Price::of("10"), {}, TimeInForce::Day, {}},
                        nowUtc());
                else
                    (void)book.requestCancel(id, "C" + std::to_string(step), nowUtc());
            }
            const Order beforeApply = *book.find(id);
            result = book.apply(builder.get());
            const auto& order = *book.find(id);
            if (result.outcome.isApplied()) {
                ++applied;
                if (type == ExecType::Trade) execIds.push_back(builder.get().event.execId);
            } else {
                ++refused;
                QVERIFY2(order == beforeApply, "a refused event changed the order");
            }
            // Invariants: CumQty is the sum of live fills; never above OrderQty; leaves are consistent.
            Qty cum;
            Money notional;
            for (const auto& entry : order.executions)
                if (entry.type == ExecType::Trade && !entry.busted) {
                    cum += entry.quantity;
                    notional += entry.quantity * entry.price;
                }
            QCOMPARE(order.state.cumQty, cum);
            QVERIFY(order.state.notional == notional);
            QVERIFY(order.state.cumQty <= order.state.terms.quantity);
            QVERIFY(!order.state.leavesQty().isNegative());
            if (order.state.isLive()) QCOMPARE(order.state.leavesQty() + order.state.cumQty, order.state.terms.quantity);
        }
        QVERIFY(applied > 1000);
        QVERIFY(refused > 1000);
    }
};

QTEST_GUILESS_MAIN(TestOrderStateMachine)
#include "tst_orderstatemachine.moc"

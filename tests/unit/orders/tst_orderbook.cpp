#include "orders/orderbook.h"
#include "reports.h"

#include <QTest>

using namespace ob;
using test::report;

class TestOrderBook final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsOrdersByEveryIdOfTheChain() {
        OrderBook book;
        QVERIFY(book.create(7, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(book.apply(report("X", ExecType::New).orderId("BRK-1")).outcome.isApplied());
        QVERIFY(book.requestReplace(7, "Y", {Qty::of("200"), OrdType::Limit, Price::of("10"), {}, TimeInForce::Day, {}}, nowUtc())
                    .outcome.isApplied());
        QCOMPARE(book.findByClOrdId("X")->state.id, 7);
        QCOMPARE(book.findByClOrdId("Y")->state.id, 7);
        QCOMPARE(book.findByBrokerOrderId(test::kSession, "BRK-1")->state.id, 7);
        QVERIFY(!book.findByBrokerOrderId("another session", "BRK-1"));
        QCOMPARE(book.find(7)->state.clOrdId, std::string("X"));
        QCOMPARE(book.size(), std::size_t(1));
    }

    void unsolicitedReportFoundByBrokerOrderId() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Sell, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(book.apply(report("X", ExecType::New).orderId("BRK-9")).outcome.isApplied());
        // The sell side names only its own OrderID.
        auto applied = book.apply(report("", ExecType::Canceled).orderId("BRK-9"));
        QVERIFY2(applied.outcome.isApplied(), applied.outcome.detail.c_str());
        QCOMPARE(applied.order->state.status(), OrdStatus::Canceled);
    }

    void reusedBrokerOrderIdBelongsToTheNewestOrder() {
        // Sell sides that restart their ids each day hand an old id to a new order.
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "A", nowUtc()).ok());
        QVERIFY(book.create(2, test::limitOrder(Side::Buy, "100", "10"), "B", nowUtc()).ok());
        QVERIFY(book.apply(report("A", ExecType::New).orderId("1")).outcome.isApplied());
        QVERIFY(book.apply(report("B", ExecType::New).orderId("1")).outcome.isApplied());
        QCOMPARE(book.findByBrokerOrderId(test::kSession, "1")->state.id, 2);
    }

    void unknownOrderIsRefusedWithItsIds() {
        OrderBook book;
        auto applied = book.apply(report("NOPE", ExecType::New).orig("OLD").orderId("B1"));
        QVERIFY(applied.outcome.isRefused());
        QVERIFY(!applied.order);
        QVERIFY(applied.outcome.detail.find("'NOPE'") != std::string::npos);
        QVERIFY(applied.outcome.detail.find("'B1'") != std::string::npos);
        CancelReject reject{"Q", "X", "", RequestKind::Cancel, {}, "unknown order"};
        QVERIFY(book.apply(test::inbound(reject)).outcome.isRefused());
    }

    void takesReportsAndRejectsOnlyFromTheSessionTheOrderWasRoutedTo() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(book.apply(report("X", ExecType::New).orderId("B1")).outcome.isApplied());
        QVERIFY(book.requestCancel(1, "Y", nowUtc()).outcome.isApplied());
        const std::string other = "FIX.4.4:BUYSIDE->ELSEWHERE";
        const std::string routedTo = "an order routed to '" + test::kSession + "'";

        auto fill = book.apply(report("X", ExecType::Trade).session(other).fill("10", "10").cumQty("10"));
        QVERIFY(fill.outcome.isRefused());
        QCOMPARE(fill.outcome.detail, "session '" + other + "' reports on " + routedTo);
        QCOMPARE(fill.order->state.cumQty, Qty{});

        auto cancelReject = test::inbound(CancelReject{"Y", "X", "B1", RequestKind::Cancel, {}, "too late"});
        cancelReject.envelope.session = other;
        QCOMPARE(book.apply(cancelReject).outcome.detail, "session '" + other + "' answers for " + routedTo);
        auto requestReject = test::inbound(RequestReject{"Y", "not known", {}});
        requestReject.envelope.session = other;
        QCOMPARE(book.apply(requestReject).outcome.detail, "session '" + other + "' rejects a request of " + routedTo);
        QCOMPARE(book.find(1)->state.status(), OrdStatus::PendingCancel);  // the cancel is still outstanding
    }

    void clOrdIdsAreUniqueAcrossOrders() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(!book.create(2, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        QVERIFY(!book.create(1, test::limitOrder(Side::Buy, "100", "10"), "Z", nowUtc()).ok());
        QVERIFY(book.create(3, test::limitOrder(Side::Buy, "100", "10"), "Y", nowUtc()).ok());
        QVERIFY(book.requestCancel(3, "X", nowUtc()).outcome.isRefused());
        QVERIFY(book.requestCancel(99, "Q", nowUtc()).outcome.isRefused());
    }

    void invalidOrdersAreNotCreated() {
        OrderBook book;
        auto request = test::limitOrder(Side::Buy, "100", "10");
        request.terms.limitPrice.reset();
        auto created = book.create(1, request, "X", nowUtc());
        QVERIFY(!created.ok());
        QCOMPARE(created.error(), std::string("a Limit order needs a limit price"));
        QCOMPARE(book.size(), std::size_t(0));
        QVERIFY(!book.findByClOrdId("X"));
    }

    void restoreRefusesClashingIds() {
        OrderBook book;
        QVERIFY(book.create(1, test::limitOrder(Side::Buy, "100", "10"), "X", nowUtc()).ok());
        Order clash = *book.find(1);
        clash.state.id = 2;
        QVERIFY(!book.restore(clash).ok());
        clash.chain = {{"Z", RequestKind::New, RequestState::Accepted}};
        QVERIFY(book.restore(clash).ok());
        QCOMPARE(book.findByClOrdId("Z")->state.id, 2);
    }
};

QTEST_GUILESS_MAIN(TestOrderBook)
#include "tst_orderbook.moc"

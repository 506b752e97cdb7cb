#include "compliancedesk.h"
#include "engine/orderengine.h"
#include "reports.h"
#include "store/orderrepository.h"
#include "store/sqlitestore.h"
#include "waits.h"

#include <QTemporaryDir>
#include "decimalprint.h"

#include <QTest>

#include <algorithm>
#include <mutex>

using namespace ob;
using namespace std::chrono_literals;

namespace QTest {
template <>
inline char* toString(const std::string_view& value) {
    return qstrdup(("\"" + std::string(value) + "\"").c_str());
}
}  // namespace QTest

namespace {

/// The session a trader releases staged orders through.
const std::string kBroker = "FIX.4.4:BUYSIDE->BROKER2";

Actor pm() { return {"pm1", Role::PortfolioManager}; }

OrderList rebalance() {
    OrderList list;
    list.name = "Rebalance GROWTH to CORE-60";
    list.fund = "GROWTH";
    return list;
}

/// Three orders of a rebalance.
std::vector<NewOrderRequest> threeOrders() {
    return {test::limitOrder(Side::Buy, "100", "10", "VOD.L"), test::limitOrder(Side::Sell, "200", "2.5", "BARC.L"),
            test::limitOrder(Side::Buy, "300", "6", "HSBA.L")};
}

/// A block buy of 1,000 VOD.L for ACC1 and ACC2 with the allocations given.
NewOrderRequest blockOrder(std::string_view first, std::string_view second) {
    auto request = test::limitOrder(Side::Buy, "1000", "10", "VOD.L");
    request.account = "ACC1";
    request.allocations = {{"ACC1", Qty::of(first)}, {"ACC2", Qty::of(second)}};
    return request;
}

/// A store and an engine on a temporary directory; the engine can be replaced on the same store.
class Desk {
public:
    explicit Desk(const QString& dir) {
        auto opened = store::SqliteStore::open(dir.toStdString() + "/openblotter.db");
        if (!opened) qFatal("%s", opened.error().c_str());
        store = std::move(*opened);
        startEngine();
    }
    ~Desk() { engine.reset(); }

    void startEngine() {
        engine = std::make_unique<OrderEngine>(*store);
        engine->setRouter([this](const OutboundRequest& request) {
            std::lock_guard lock(mutex);
            routed.push_back(request);
            return true;
        });
        auto started = engine->start();
        if (!started) qFatal("%s", started.error().c_str());
    }
    /// Stops the engine and starts a new one on the same store.
    void restartEngine() {
        engine->stop();
        engine.reset();
        startEngine();
    }

    OrderList stage(std::vector<NewOrderRequest> orders = threeOrders()) {
        auto list = engine->stageList(rebalance(), std::move(orders), pm()).get();
        if (!list) qFatal("%s", list.error().c_str());
        return *list;
    }
    /// Submits an ordinary order, which the router sends after every request made before it,
    /// and waits until the router has handed it over.
    OrderState submitAndWaitForIt() {
        auto order = engine->submit(test::limitOrder(Side::Buy, "1", "1", "SENTINEL"), test::trader()).get();
        if (!order) qFatal("%s", order.error().c_str());
        test::awaitRouted(*engine);
        return *order;
    }
    std::vector<OutboundRequest> routedRequests() {
        std::lock_guard lock(mutex);
        return routed;
    }
    BookSnapshot snapshot() { return engine->snapshot().get(); }
    /// The book's orders by id.
    std::vector<OrderState> orders() {
        auto orders = snapshot().orders;
        std::sort(orders.begin(), orders.end(), [](const OrderState& a, const OrderState& b) { return a.id < b.id; });
        return orders;
    }
    /// The order's events once the store has them.
    std::vector<OrderEventRecord> eventsOf(OrderId id) {
        if (!engine->sync(10s)) qFatal("the engine did not sync");
        auto events = store->eventsOf(id);
        if (!events) qFatal("%s", events.error().c_str());
        return *events;
    }
    OrderState find(OrderId id) {
        for (const auto& order : snapshot().orders)
            if (order.id == id) return order;
        qFatal("no order %lld", static_cast<long long>(id));
    }

    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<OrderEngine> engine;
    std::mutex mutex;
    std::vector<OutboundRequest> routed;
};

}  // namespace

/// A portfolio manager's staged lists and block orders through the engine and a real store.
class TestStagedLists final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aPmStagesAListWithoutSendingIt() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto list = desk.stage();
        QCOMPARE(list.id, std::int64_t(1));
        QCOMPARE(list.name, std::string("Rebalance GROWTH to CORE-60"));
        QCOMPARE(list.fund, std::string("GROWTH"));
        QCOMPARE(list.createdBy, std::string("pm1"));

        const auto snapshot = desk.snapshot();
        QCOMPARE(snapshot.lists.size(), std::size_t(1));
        QVERIFY(snapshot.lists[0] == list);
        const auto orders = desk.orders();
        QCOMPARE(orders.size(), std::size_t(3));
        const char* symbols[]{"VOD.L", "BARC.L", "HSBA.L"};
        for (std::size_t i = 0; i < 3; ++i) {
            const auto& order = orders[i];
            QCOMPARE(order.id, OrderId(i + 1));
            QCOMPARE(order.symbol, std::string(symbols[i]));
            QVERIFY(order.staged);
            QCOMPARE(order.owner, std::string("pm1"));
            QCOMPARE(order.listId, list.id);
            QCOMPARE(order.statusName(), std::string_view("Staged"));
            QCOMPARE(order.session, std::string());  // the trader chooses the broker when releasing
        }
        QCOMPARE(orders[1].terms.quantity, Qty::of("200"));
        QCOMPARE(orders[1].side, Side::Sell);

        const auto events = desk.eventsOf(1);
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].kind, OrderEventKind::Staged);
        QCOMPARE(events[0].text, std::string("in list 1 by pm1"));

        // Nothing but the ordinary order after it reaches the broker.
        const auto sentinel = desk.submitAndWaitForIt();
        const auto routed = desk.routedRequests();
        QCOMPARE(routed.size(), std::size_t(1));
        QCOMPARE(routed[0].clOrdId, sentinel.clOrdId);
    }

    void aTraderMayNotStageAList() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto refused = desk.engine->stageList(rebalance(), threeOrders(), test::trader()).get();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string("trader1 (Trader) may not hand orders to the traders as a staged list"));
        const auto snapshot = desk.snapshot();
        QVERIFY(snapshot.orders.empty());
        QVERIFY(snapshot.lists.empty());
    }

    void aPmMayNotReleaseTheList() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.stage();
        const auto results = desk.engine->release({1}, kBroker, pm()).get();
        QCOMPARE(results.size(), std::size_t(1));
        QVERIFY(!results[0].ok());
        QCOMPARE(results[0].error(), std::string("pm1 (PortfolioManager) may not release staged orders"));
        QVERIFY(desk.find(1).staged);
    }

    void aTraderReleasesPartOfTheListThroughABroker() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.stage();
        const auto staged = desk.orders();
        const auto results = desk.engine->release({1, 3}, kBroker, test::trader()).get();
        QCOMPARE(results.size(), std::size_t(2));
        for (const auto& result : results) {
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
            QVERIFY(!result->staged);
            QCOMPARE(result->session, kBroker);
            QCOMPARE(result->listId, std::int64_t(1));
            QCOMPARE(result->owner, test::trader().user);  // the trader who released it works it now
        }
        QCOMPARE(results[0]->id, OrderId(1));
        QCOMPARE(results[1]->id, OrderId(3));

        const auto sentinel = desk.submitAndWaitForIt();
        const auto routed = desk.routedRequests();
        QCOMPARE(routed.size(), std::size_t(3));
        QCOMPARE(routed[0].kind, RequestKind::New);
        QCOMPARE(routed[0].clOrdId, staged[0].clOrdId);
        QCOMPARE(routed[0].order.session, kBroker);
        QCOMPARE(routed[0].order.symbol, std::string("VOD.L"));
        QCOMPARE(routed[1].kind, RequestKind::New);
        QCOMPARE(routed[1].clOrdId, staged[2].clOrdId);
        QCOMPARE(routed[1].order.session, kBroker);
        QCOMPARE(routed[1].order.symbol, std::string("HSBA.L"));
        QCOMPARE(routed[2].clOrdId, sentinel.clOrdId);

        const auto second = desk.find(2);
        QVERIFY(second.staged);
        QCOMPARE(second.statusName(), std::string_view("Staged"));
        QCOMPARE(desk.find(1).statusName(), std::string_view("PendingNew"));
        const auto events = desk.eventsOf(1);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(events[0].kind, OrderEventKind::Staged);
        QCOMPARE(events[1].kind, OrderEventKind::ReleasedFromList);
    }

    void aReleasedOrderCarriesTheIdentifiersItsInstrumentHasThen() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.stage();
        // Staged before the desk knew VOD.L's identifiers: its request, made at the release, carries them.
        auto vodafone = test::testInstrument("VOD.L", "Vodafone Group", "Telecommunications", "0.7");
        vodafone.isin = "GB00BH4HKS39";
        vodafone.mic = "XLON";
        ReferenceData reference;
        reference.instruments = {vodafone};
        const auto set = desk.engine->setReference(reference, {"admin1", Role::Administrator}).get();
        QVERIFY2(set.ok(), set.ok() ? "" : set.error().c_str());
        QVERIFY(desk.engine->release({1, 3}, kBroker, test::trader()).get()[0].ok());

        desk.submitAndWaitForIt();
        const auto routed = desk.routedRequests();
        QCOMPARE(routed.size(), std::size_t(3));
        QCOMPARE(routed[0].order.symbol, std::string("VOD.L"));
        QCOMPARE(routed[0].securityIds, (SecurityIds{"GB00BH4HKS39", "", "", "XLON"}));
        QCOMPARE(routed[1].order.symbol, std::string("HSBA.L"));
        QCOMPARE(routed[1].securityIds, SecurityIds{});  // the desk knows none of its identifiers
    }

    void releasingAnOrderThatIsNotStagedIsRefused() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.stage();
        QVERIFY(desk.engine->release({1}, kBroker, test::trader()).get()[0].ok());
        const auto again = desk.engine->release({1, 99, 2}, kBroker, test::trader()).get();
        QCOMPARE(again.size(), std::size_t(3));
        QVERIFY(!again[0].ok());
        QCOMPARE(again[0].error(), std::string("order 1 is not staged: it was released or cancelled"));
        QVERIFY(!again[1].ok());
        QCOMPARE(again[1].error(), std::string("order 99 does not exist"));
        QVERIFY(again[2].ok());  // the others in the same request are released
        const auto withoutBroker = desk.engine->release({3}, "", test::trader()).get();
        QVERIFY(!withoutBroker[0].ok());
        QCOMPARE(withoutBroker[0].error(), std::string("order 3: choose the broker session to send order 3 to"));
        QVERIFY(desk.find(3).staged);
    }

    void cancellingAStagedOrderClosesItUnsent() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.stage();
        const auto cancelled = desk.engine->cancel(2, test::trader()).get();
        QVERIFY2(cancelled.isApplied(), cancelled.detail.c_str());
        const auto order = desk.find(2);
        QVERIFY(!order.staged);
        QCOMPARE(order.status(), OrdStatus::Canceled);
        QCOMPARE(order.statusName(), std::string_view("Canceled"));
        QCOMPARE(order.text, std::string("cancelled by trader1 while staged"));
        const auto events = desk.eventsOf(2);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(events[1].kind, OrderEventKind::CanceledUnsent);

        // No cancel request goes to a broker, and the order can no longer be released.
        const auto sentinel = desk.submitAndWaitForIt();
        const auto routed = desk.routedRequests();
        QCOMPARE(routed.size(), std::size_t(1));
        QCOMPARE(routed[0].clOrdId, sentinel.clOrdId);
        const auto release = desk.engine->release({2}, kBroker, test::trader()).get();
        QVERIFY(!release[0].ok());
        QCOMPARE(release[0].error(), std::string("order 2 is not staged: it was released or cancelled"));
    }

    void aNewEngineRestoresTheListAndItsStagedOrders() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto list = desk.stage();
        QVERIFY(desk.engine->release({1}, kBroker, test::trader()).get()[0].ok());
        const auto before = desk.orders();

        desk.restartEngine();
        QCOMPARE(desk.snapshot().lists.size(), std::size_t(1));
        QVERIFY(desk.snapshot().lists[0] == list);
        const auto after = desk.orders();
        QCOMPARE(after.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) QVERIFY2(after[i] == before[i], before[i].clOrdId.c_str());
        const auto staged = desk.find(2);
        QVERIFY(staged.staged);
        QCOMPARE(staged.listId, list.id);
        QCOMPARE(staged.owner, std::string("pm1"));
        QCOMPARE(desk.find(1).session, kBroker);

        // The released order takes its broker's fills.
        desk.engine->post(test::report(before[0].clOrdId, ExecType::Trade).session(kBroker).fill("40", "10"));
        QVERIFY(desk.engine->sync(10s));
        QCOMPARE(desk.find(1).cumQty, Qty::of("40"));
        // The restored staged order can still be released.
        QVERIFY(desk.engine->release({2}, kBroker, test::trader()).get()[0].ok());
        QCOMPARE(desk.find(2).session, kBroker);
        // The ids go on: list 2, order 4, with a ClOrdID none of the others had.
        QCOMPARE(desk.stage({test::limitOrder(Side::Buy, "5", "10")}).id, std::int64_t(2));
        const auto next = desk.find(4);
        QCOMPARE(next.listId, std::int64_t(2));
        for (const OrderId id : {1, 2, 3}) QVERIFY(desk.find(id).clOrdId != next.clOrdId);
    }

    void aStagedOrderCannotBeAmended() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        desk.stage();
        auto terms = desk.find(1).terms;
        terms.quantity = Qty::of("150");
        const auto amended = desk.engine->replace(1, terms, test::trader()).get();
        QVERIFY(amended.isRefused());
        QCOMPARE(amended.detail, std::string("order 1 is staged; release it first, or cancel it"));
        QCOMPARE(desk.find(1).terms.quantity, Qty::of("100"));
    }

    void aListWithAnInvalidOrderStagesNothing() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        auto invalid = threeOrders();
        invalid[1].terms.quantity = Qty{};
        const auto refused = desk.engine->stageList(rebalance(), invalid, pm()).get();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string("order 2 of the list (BARC.L): quantity must be positive, got 0"));
        const auto snapshot = desk.snapshot();
        QVERIFY(snapshot.orders.empty());
        QVERIFY(snapshot.lists.empty());

        // Nothing was used up: the valid list after it is list 1 with orders 1 to 3.
        const auto list = desk.stage();
        QCOMPARE(list.id, std::int64_t(1));
        const auto orders = desk.orders();
        QCOMPARE(orders.size(), std::size_t(3));
        QCOMPARE(orders.front().id, OrderId(1));
        QCOMPARE(orders.back().id, OrderId(3));
    }

    void aBlockOrderWhoseAllocationsAddUpIsAccepted() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto order = desk.engine->submit(blockOrder("600", "400"), test::trader()).get();
        QVERIFY2(order.ok(), order.ok() ? "" : order.error().c_str());
        QVERIFY(order->isBlock());
        QCOMPARE(order->account, std::string("ACC1"));
        QCOMPARE(order->allocations.size(), std::size_t(2));
        QCOMPARE(order->allocations[1].account, std::string("ACC2"));
        QCOMPARE(order->allocations[1].quantity, Qty::of("400"));

        desk.submitAndWaitForIt();
        const auto routed = desk.routedRequests();
        QCOMPARE(routed.size(), std::size_t(2));
        QCOMPARE(routed[0].clOrdId, order->clOrdId);
        QVERIFY(routed[0].order.allocations == order->allocations);
    }

    void aBlockOrderWhoseAllocationsDoNotAddUpIsRefused() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        const auto short_ = desk.engine->submit(blockOrder("600", "300"), test::trader()).get();
        QVERIFY(!short_.ok());
        QCOMPARE(short_.error(), std::string("the allocations add up to 900, the order is for 1000"));

        auto otherAccount = blockOrder("600", "400");
        otherAccount.account = "ACC2";
        const auto refused = desk.engine->submit(otherAccount, test::trader()).get();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string("a block order's account is its first allocation's"));
        QVERIFY(desk.snapshot().orders.empty());

        // A staged list with such an order is refused whole, with the same reason.
        const auto list = desk.engine->stageList(rebalance(), {blockOrder("600", "300")}, pm()).get();
        QVERIFY(!list.ok());
        QCOMPARE(list.error(), std::string("order 1 of the list (VOD.L): the allocations add up to 900, the order is for 1000"));
    }

    void allocationsRoundTripThroughTheirColumn() {
        const std::vector<Allocation> allocations{{"ACC1", Qty::of("600.5")}, {"ACC2", Qty::of("399.5")}};
        const auto text = store::encodeAllocations(allocations);
        QCOMPARE(text, std::string("ACC1\x1f"
                                   "60050000000\x1e"
                                   "ACC2\x1f"
                                   "39950000000"));
        QVERIFY(store::decodeAllocations(text) == allocations);
        QCOMPARE(store::encodeAllocations({}), std::string());
        QVERIFY(store::decodeAllocations("").empty());
        QVERIFY_THROWS_EXCEPTION(sqlite::SqliteError, store::decodeAllocations("ACC1\x1f"
                                                                               "6x"));
        QVERIFY_THROWS_EXCEPTION(sqlite::SqliteError, store::decodeAllocations("ACC1"));
    }

    void aBlockOrderKeepsItsAllocationsAcrossARestart() {
        QTemporaryDir dir;
        std::vector<Allocation> allocations;
        {
            Desk desk(dir.path());
            const auto order = desk.engine->submit(blockOrder("600", "400"), test::trader()).get();
            QVERIFY(order.ok());
            allocations = order->allocations;
            // And one staged in a list.
            auto block = blockOrder("250", "750");
            desk.stage({block});
            QVERIFY(desk.engine->sync(10s));
        }
        Desk desk(dir.path());
        const auto sent = desk.find(1);
        QVERIFY(sent.allocations == allocations);
        const auto staged = desk.find(2);
        QVERIFY(staged.staged);
        QCOMPARE(staged.listId, std::int64_t(1));
        QCOMPARE(staged.allocations.size(), std::size_t(2));
        QCOMPARE(staged.allocations[0].quantity, Qty::of("250"));
        QCOMPARE(staged.allocations[1].account, std::string("ACC2"));
        QCOMPARE(staged.allocations[1].quantity, Qty::of("750"));
    }
};

QTEST_GUILESS_MAIN(TestStagedLists)
#include "tst_stagedlists.moc"

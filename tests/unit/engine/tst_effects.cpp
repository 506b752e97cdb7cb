// Effects is the one seam through which the engine's parts record a change: what it writes and what it publishes
// must come from the same calls.
#include "engine/effects.h"

#include <QTest>

#include <optional>
#include <vector>

using namespace ob;

namespace {

struct Committed {
    std::optional<StoreUnit> unit;
    std::vector<OutboundRequest> requests;
};

Timestamp at(int seconds) { return Timestamp{} + std::chrono::seconds(seconds); }

Order orderOf(OrderId id, std::string clOrdId) {
    Order order;
    order.state.id = id;
    order.state.clOrdId = std::move(clOrdId);
    order.state.updatedAt = at(5);
    return order;
}

}  // namespace

class TestEffects final : public QObject {
    Q_OBJECT

    std::vector<Committed> committed_;

    Effects effects() {
        return Effects(
            [this](std::optional<StoreUnit> unit, std::vector<OutboundRequest> requests) {
                committed_.push_back({std::move(unit), std::move(requests)});
            },
            [] { return at(7); });
    }

private Q_SLOTS:
    void init() { committed_.clear(); }

    void anOrderIsWrittenAndPublishedAlike() {
        auto recorded = effects();
        recorded.persist(orderOf(3, "A-1"), OrderEventKind::Created, "entered");
        QCOMPARE(committed_.size(), std::size_t{1});
        const auto& unit = *committed_[0].unit;
        QVERIFY(unit.order);
        QCOMPARE(unit.order->state.id, OrderId{3});
        QVERIFY(unit.event);
        QCOMPARE(unit.event->kind, OrderEventKind::Created);
        QCOMPARE(unit.event->text, std::string("entered"));
        QCOMPARE(recorded.changeSet().orders.size(), std::size_t{1});
        QCOMPARE(recorded.changeSet().orders[0].clOrdId, std::string("A-1"));
    }

    void aChangeSetHoldsEachOrderAndBreachOnceWithItsLatestState() {
        auto recorded = effects();
        recorded.persist(orderOf(3, "A-1"), OrderEventKind::Created, {});
        recorded.persist(orderOf(3, "A-2"), OrderEventKind::CancelRequested, {});
        Breach breach;
        breach.id = 9;
        recorded.breach(breach);
        breach.state = BreachState::Acknowledged;
        recorded.breach(breach);
        recorded.commit();
        QCOMPARE(committed_.size(), std::size_t{3});
        QCOMPARE(committed_[2].unit->breaches.size(), std::size_t{2});  // each change is written
        QCOMPARE(recorded.changeSet().orders.size(), std::size_t{1});
        QCOMPARE(recorded.changeSet().orders[0].clOrdId, std::string("A-2"));
        QCOMPARE(recorded.changeSet().breaches.size(), std::size_t{1});
        QCOMPARE(recorded.changeSet().breaches[0].state, BreachState::Acknowledged);
    }

    void aRequestLeavesWithTheUnitThatRecordsIt() {
        auto recorded = effects();
        OutboundRequest request;
        request.clOrdId = "A-1";
        recorded.persistAndRoute(orderOf(3, "A-1"), OrderEventKind::Created, request, 42);
        QCOMPARE(committed_.size(), std::size_t{1});
        QVERIFY(committed_[0].unit);
        QCOMPARE(committed_[0].unit->clOrdIdRun, std::optional<std::int64_t>(42));
        QCOMPARE(committed_[0].unit->event->clOrdId, std::string("A-1"));
        QCOMPARE(committed_[0].requests.size(), std::size_t{1});
    }

    void requestsAloneLeaveWithoutAUnit() {
        auto recorded = effects();
        OutboundRequest request;
        request.clOrdId = "A-1";
        recorded.route(request);
        recorded.commit();
        QCOMPARE(committed_.size(), std::size_t{1});
        QVERIFY(!committed_[0].unit);
        QCOMPARE(committed_[0].requests.size(), std::size_t{1});
    }

    void nothingRecordedWritesNothing() {
        auto recorded = effects();
        recorded.alert(EngineAlert::Severity::Warning, 0, "published only");
        recorded.inbound("S", 0);  // not from a FIX session
        recorded.commit();
        QVERIFY(committed_.empty());
        QCOMPARE(recorded.changeSet().alerts.size(), std::size_t{1});
        QCOMPARE(recorded.changeSet().alerts[0].at, at(7));
    }

    void aDroppedUnitIsNotWritten() {
        auto recorded = effects();
        recorded.audit(Actor::system(), "order.cancel", "order 3", "asked");
        OutboundRequest request;
        recorded.route(request);
        recorded.drop();
        recorded.commit();
        QVERIFY(committed_.empty());
        recorded.inbound("S", 12);
        recorded.commit();
        QCOMPARE(committed_.size(), std::size_t{1});
        QVERIFY(committed_[0].unit->audit.empty());
        QCOMPARE(committed_[0].unit->inbound->msgSeqNum, std::int64_t{12});
    }

    void aPublishedChangeSetStartsAgain() {
        auto recorded = effects();
        recorded.persist(orderOf(3, "A-1"), OrderEventKind::Created, {});
        recorded.clearPublished();
        QVERIFY(recorded.changeSet().empty());
        recorded.persist(orderOf(3, "A-2"), OrderEventKind::Created, {});
        QCOMPARE(recorded.changeSet().orders.size(), std::size_t{1});
    }
};

QTEST_APPLESS_MAIN(TestEffects)
#include "tst_effects.moc"

#include "reports.h"
#include "store/sqlitestore.h"
#include "store/storewriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;

namespace {

Timestamp at(const char* iso) { return *parseIsoTimestamp(iso); }

OrderRow sampleOrder(OrderId id, const char* created) {
    OrderRow row;
    auto& s = row.state;
    s.id = id;
    s.session = test::kSession;
    s.account = "FUND1";
    s.symbol = "VOD.L";
    s.side = Side::SellShort;
    s.terms = {Qty::of("1000.5"),  OrdType::StopLimit,        Price::of("101.25"),
               Price::of("100.5"), TimeInForce::GoodTillDate, at("2026-12-31T21:00:00Z")};
    s.clOrdId = "X" + std::to_string(id);
    s.brokerOrderId = "B" + std::to_string(id);
    s.phase = OrderPhase::Working;
    s.suspended = true;
    s.pending = PendingRequest{RequestKind::Replace,
                               "Y" + std::to_string(id),
                               {Qty::of("2000"), OrdType::Limit, Price::of("99.99"), {}, TimeInForce::Day, {}},
                               true,
                               at("2026-11-29T10:00:01.5Z")};
    s.cumQty = Qty::of("300.25");
    s.notional = Qty::of("300.25") * Price::of("101.12345678");
    s.text = "a reason, with \"quotes\"";
    s.createdAt = at(created);
    s.updatedAt = s.createdAt + std::chrono::seconds(5);
    // The order was handed to FIX and answered; its replace is committed but not yet handed over.
    row.chain = {{s.clOrdId, RequestKind::New, RequestState::Accepted, true},
                 {"Y" + std::to_string(id), RequestKind::Replace, RequestState::Pending, false}};
    s.unconfirmed = true;
    return row;
}

ExecutionRecord sampleExecution(const OrderRow& order, const char* execId) {
    auto report = test::report(order.state.clOrdId, ExecType::Trade).execId(execId).fill("300.25", "101.12345678").get();
    report.event.transactTime = at("2026-11-29T10:00:00.123456789Z");
    report.envelope.msgSeqNum = 42;
    report.event.ordStatus = OrdStatus::PartiallyFilled;
    return ExecutionRecord::of(report, order.state);
}

std::unique_ptr<store::SqliteStore> openStore(const QTemporaryDir& dir) {
    auto opened = store::SqliteStore::open(dir.filePath(QStringLiteral("store.db")).toStdString());
    if (!opened) qFatal("%s", opened.error().c_str());
    return std::move(*opened);
}

}  // namespace

class TestSqliteStore final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripsEveryField() {
        QTemporaryDir dir;
        const auto order = sampleOrder(1, "2026-11-29T09:30:00Z");
        const auto execution = sampleExecution(order, "E1");
        {
            auto store = openStore(dir);
            StoreUnit unit;
            unit.order = order;
            unit.execution = execution;
            unit.event = OrderEventRecord{1, at("2026-11-29T09:30:00Z"), OrderEventKind::ReplaceRequested, "Y1", "wider"};
            unit.inbound = InboundProgress{test::kSession, 42};
            unit.clOrdIdRun = 17;
            const auto sequence = store->submit(unit);
            QVERIFY(store->waitForCommit(sequence, std::chrono::seconds(10)));
        }
        auto store = openStore(dir);
        auto active = store->loadActive("20261129");
        QVERIFY2(active.ok(), active.ok() ? "" : active.error().c_str());
        QCOMPARE(active->orders.size(), std::size_t(1));
        QVERIFY(active->orders[0].state == order.state);
        QVERIFY(active->orders[0].chain == order.chain);
        QCOMPARE(active->executions.size(), std::size_t(1));
        QVERIFY(active->executions[0] == execution);
        QCOMPARE(active->maxOrderId, std::int64_t(1));
        QCOMPARE(active->clOrdIdRun, std::int64_t(17));
        QCOMPARE(active->inboundProgress.at(test::kSession).lastApplied, std::int64_t(42));
        auto events = store->eventsOf(1);
        QVERIFY(events.ok());
        QCOMPARE(events->size(), std::size_t(1));
        QCOMPARE(events->front().text, std::string("wider"));
        QCOMPARE(events->front().kind, OrderEventKind::ReplaceRequested);

        // Once the replace is handed to FIX, a start knows it need not send it again.
        StoreUnit handed;
        handed.handedOver.push_back({test::kSession, "Y1"});
        QVERIFY(store->waitForCommit(store->submit(handed), std::chrono::seconds(10)));
        active = store->loadActive("20261129");
        QVERIFY(active.ok());
        QVERIFY(active->orders[0].chain[1].sent);
    }

    void groupsCommitsUnderLoad() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        const auto order = sampleOrder(1, "2026-11-29T09:30:00Z");
        StoreUnit first;
        first.order = order;
        store->submit(first);
        const int units = 20000;
        std::uint64_t last = 0;
        for (int i = 0; i < units; ++i) {
            StoreUnit unit;
            unit.execution = sampleExecution(order, ("E" + std::to_string(i)).c_str());
            last = store->submit(std::move(unit));
        }
        QVERIFY(store->waitForCommit(last, std::chrono::seconds(60)));
        const auto statistics = store->writer().statistics();
        QCOMPARE(statistics.units, std::uint64_t(units + 1));
        // Grouped: far fewer transactions than units (each transaction holds up to 8192).
        QVERIFY2(statistics.transactions * 10 < statistics.units, qPrintable(QString::number(statistics.transactions)));
        QCOMPARE(store->executionsOf(1)->size(), std::size_t(units));
    }

    void loadsTodaysAndOpenOrdersOnly() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        auto oldDone = sampleOrder(1, "2026-11-27T09:30:00Z");
        oldDone.state.pending.reset();
        oldDone.state.phase = OrderPhase::Canceled;
        oldDone.state.suspended = false;
        auto oldOpen = sampleOrder(2, "2026-11-27T09:30:00Z");        // a GTD order still working
        auto oldDoneForDay = sampleOrder(3, "2026-11-28T09:30:00Z");  // GTD, done for the day: resumes
        oldDoneForDay.state.pending.reset();
        oldDoneForDay.state.phase = OrderPhase::DoneForDay;
        auto today = sampleOrder(4, "2026-11-29T00:00:00Z");
        today.state.pending.reset();
        today.state.phase = OrderPhase::Rejected;
        std::uint64_t last = 0;
        for (const auto& row : {oldDone, oldOpen, oldDoneForDay, today}) {
            StoreUnit unit;
            unit.order = row;
            unit.execution = sampleExecution(row, "E");
            last = store->submit(std::move(unit));
        }
        QVERIFY(store->waitForCommit(last, std::chrono::seconds(10)));
        auto active = store->loadActive("20261129");
        QVERIFY(active.ok());
        std::vector<OrderId> ids;
        for (const auto& row : active->orders) ids.push_back(row.state.id);
        QCOMPARE(ids, (std::vector<OrderId>{2, 3, 4}));
        QCOMPARE(active->executions.size(), std::size_t(3));
        QCOMPARE(active->maxOrderId, std::int64_t(4));
        // History stays reachable by order.
        QCOMPARE(store->executionsOf(1)->size(), std::size_t(1));
    }

    void newEpochRestartsSessionProgress() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        auto submit = [&](std::optional<SessionEpoch> epoch, std::int64_t seq) {
            StoreUnit unit;
            unit.epoch = std::move(epoch);
            if (seq) unit.inbound = InboundProgress{"S", seq};
            return store->submit(std::move(unit));
        };
        submit(SessionEpoch{"S", "day1"}, 0);
        submit({}, 5000);
        // In one batch: the old day's last message, the new day, its first messages.
        submit({}, 5001);
        submit(SessionEpoch{"S", "day2"}, 0);
        submit({}, 1);
        QVERIFY(store->waitForCommit(submit({}, 2), std::chrono::seconds(10)));
        const auto progress = store->loadActive("20000101")->inboundProgress.at("S");
        QCOMPARE(progress.epoch, std::string("day2"));
        QCOMPARE(progress.lastApplied, std::int64_t(2));
    }

    void referenceDataRoundTrips() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        ReferenceData data;
        data.instruments.push_back({"VOD.L", "Vodafone Group", "Vodafone", "Telecommunications", "GB", "GBP", Qty::of("1"),
                                    Price::of("0.0001"), Price::of("72.5")});
        data.instruments.push_back(
            {"AAPL", "Apple Inc.", "Apple", "Technology", "US", "USD", Qty::of("1"), Price::of("0.01"), {}});
        data.funds.push_back({"GROWTH", "Growth Fund", "USD"});
        data.accounts.push_back({"GROWTH-1", "Growth prime account", "GROWTH"});
        QVERIFY(store->saveReferenceData(data).ok());
        data.instruments[1].referencePrice = Price::of("190.12");
        QVERIFY(store->saveReferenceData(data).ok());  // updates by key
        auto loaded = store->loadReferenceData();
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->instruments.size(), std::size_t(2));
        QVERIFY(loaded->instruments[0] == data.instruments[1]);  // ordered by symbol: AAPL first
        QVERIFY(loaded->instruments[1] == data.instruments[0]);
        QVERIFY(loaded->funds == data.funds);
        QVERIFY(loaded->accounts == data.accounts);
        ReferenceData orphan;  // the reference data connection checks foreign keys
        orphan.accounts.push_back({"X", "no such fund", "MISSING"});
        auto refused = store->saveReferenceData(orphan);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().find("FOREIGN KEY") != std::string::npos, refused.error().c_str());
    }

    void writerStopsForGoodOnAFailedCommit() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        const auto order = sampleOrder(1, "2026-11-29T09:30:00Z");
        StoreUnit first;
        first.order = order;
        QVERIFY(store->waitForCommit(store->submit(first), std::chrono::seconds(10)));
        // Another program breaks the schema under the writer: its next transaction fails.
        {
            auto other =
                sqlite::Database::open(dir.filePath(QStringLiteral("store.db")).toStdString(), sqlite::Database::Mode::ReadWrite);
            other.execute("DROP TABLE executions");
        }
        StoreUnit unit;
        unit.execution = sampleExecution(order, "E1");
        const auto sequence = store->submit(std::move(unit));
        QVERIFY(!store->waitForCommit(sequence, std::chrono::seconds(10)));
        QVERIFY(store->failure().has_value());
        QVERIFY2(store->failure()->find("no such table: executions") != std::string::npos, store->failure()->c_str());
        // Nothing further is written once the store has failed.
        StoreUnit good;
        good.order = sampleOrder(2, "2026-11-29T09:30:00Z");
        QVERIFY(!store->waitForCommit(store->submit(std::move(good)), std::chrono::milliseconds(200)));
        QCOMPARE(store->committed(), std::uint64_t(1));
    }

    void batchKeepsTheLastStateOfEachOrder() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        auto order = sampleOrder(1, "2026-11-29T09:30:00Z");
        std::uint64_t last = 0;
        for (int fill = 1; fill <= 50; ++fill) {
            order.state.cumQty = Qty::fromInteger(fill);
            order.state.notional = Qty::fromInteger(fill) * Price::of("10");
            StoreUnit unit;
            unit.order = order;
            unit.execution = sampleExecution(order, ("E" + std::to_string(fill)).c_str());
            unit.inbound = InboundProgress{test::kSession, 100 + fill};
            last = store->submit(std::move(unit));
        }
        QVERIFY(store->waitForCommit(last, std::chrono::seconds(10)));
        auto active = store->loadActive("20261129");
        QCOMPARE(active->orders.size(), std::size_t(1));
        QCOMPARE(active->orders[0].state.cumQty, Qty::of("50"));
        QCOMPARE(active->executions.size(), std::size_t(50));
        QCOMPARE(active->inboundProgress.at(test::kSession).lastApplied, std::int64_t(150));
    }
};

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "tst_sqlitestore.moc"

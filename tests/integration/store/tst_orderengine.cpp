#include "engine/orderengine.h"
#include "reports.h"
#include "store/sqlitestore.h"
#include "waits.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <mutex>

using namespace ob;
using test::report;
using namespace std::chrono_literals;

namespace {

/// A store and an engine on a temporary directory, reopened on demand.
class Desk {
public:
    explicit Desk(const QString& dir) : file_(dir.toStdString() + "/openblotter.db") { open(); }
    ~Desk() { close(); }

    void open() {
        auto opened = store::SqliteStore::open(file_);
        if (!opened) qFatal("%s", opened.error().c_str());
        store = std::move(*opened);
        engine = std::make_unique<OrderEngine>(*store);
        engine->subscribe([this](const ChangeSet& changes) {
            std::lock_guard lock(mutex_);
            changeSets_.push_back(changes);
        });
        engine->setRouter([this](const OutboundRequest& request) {
            std::lock_guard lock(mutex_);
            // A request may only leave once its order is durable.
            routed_.push_back({request, store->committed()});
            return true;
        });
    }
    Status start() { return engine->start(); }
    void close() {
        engine.reset();
        store.reset();
    }
    void restart() {
        close();
        open();
        auto started = start();
        if (!started) qFatal("%s", started.error().c_str());
    }

    OrderState submit(const char* qty = "1000", const char* px = "10") {
        auto state = engine->submit(test::limitOrder(Side::Buy, qty, px), test::trader()).get();
        if (!state) qFatal("%s", state.error().c_str());
        return *state;
    }
    BookSnapshot snapshot() { return engine->snapshot().get(); }

    struct Routed {
        OutboundRequest request;
        std::uint64_t committedWhenRouted = 0;
    };
    /// The requests routed so far: all that were made before the call.
    std::vector<Routed> routed() {
        test::awaitRouted(*engine);
        std::lock_guard lock(mutex_);
        return routed_;
    }
    /// The change sets published so far: those of every command posted before the call.
    std::vector<ChangeSet> published() {
        test::awaitCommitted(*engine);
        snapshot();  // a later batch than the commands before it: their change sets are published by then
        std::lock_guard lock(mutex_);
        return changeSets_;
    }
    /// Forgets the change sets published so far, those of every command posted before the call included.
    void forgetPublished() {
        snapshot();
        std::lock_guard lock(mutex_);
        changeSets_.clear();
    }
    const OrderState* find(const BookSnapshot& snapshot, OrderId id) {
        for (const auto& order : snapshot.orders)
            if (order.id == id) return &order;
        return nullptr;
    }

    std::string file_;
    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<OrderEngine> engine;

private:
    std::mutex mutex_;
    std::vector<ChangeSet> changeSets_;
    std::vector<Routed> routed_;
};

}  // namespace

class TestOrderEngine final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void routesOnlyDurableRequests() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        QVERIFY(desk.start().ok());
        const auto order = desk.submit();
        QCOMPARE(order.status(), OrdStatus::PendingNew);
        auto routed = desk.routed();
        QCOMPARE(routed.size(), std::size_t(1));
        QCOMPARE(routed[0].request.kind, RequestKind::New);
        QCOMPARE(routed[0].request.clOrdId, order.clOrdId);
        QVERIFY(routed[0].committedWhenRouted >= 1);
        // ClOrdIDs carry the desk's id, the run and a counter.
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-Z]{8}-000001$"))
                     .match(QString::fromStdString(order.clOrdId))
                     .hasMatch(),
                 order.clOrdId.c_str());

        QVERIFY(desk.engine->cancel(order.id, test::trader()).get().isApplied());
        routed = desk.routed();
        QCOMPARE(routed.size(), std::size_t(2));
        QCOMPARE(routed[1].request.kind, RequestKind::Cancel);
        QCOMPARE(routed[1].request.origClOrdId, order.clOrdId);
        QCOMPARE(routed[1].request.order.status(), OrdStatus::PendingCancel);

        // A refused request is not routed.
        QVERIFY(desk.engine->cancel(order.id, test::trader()).get().isRefused());
        QVERIFY(desk.engine->replace(12345, {}, test::trader()).get().isRefused());
        QCOMPARE(desk.routed().size(), std::size_t(2));
    }

    void answersNoRulesWithoutCompliance() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        QVERIFY(desk.start().ok());
        const auto rules = desk.engine->rules().get();
        QVERIFY(!rules);
        QCOMPARE(rules.error(), std::string("compliance is not running on this desk"));
    }

    void clOrdIdsNeverRepeatAfterARestoreOrAWipe() {
        QTemporaryDir dir;
        const auto database = dir.filePath(QStringLiteral("openblotter.db"));
        const auto backup = dir.filePath(QStringLiteral("backup.db"));
        std::vector<std::string> sent;
        {
            Desk desk(dir.path());
            QVERIFY(desk.start().ok());
            sent.push_back(desk.submit().clOrdId);
        }
        QVERIFY(QFile::copy(database, backup));  // closed cleanly: the whole book is in the file
        {
            Desk desk(dir.path());
            QVERIFY(desk.start().ok());
            sent.push_back(desk.submit().clOrdId);  // sent, and unknown to the backup
        }
        // Restored from the backup, the store last recorded the first run: the next is still a new one.
        QVERIFY(QFile::remove(database));
        QVERIFY(QFile::copy(backup, database));
        std::string restored;
        {
            Desk desk(dir.path());
            QVERIFY(desk.start().ok());
            restored = desk.submit().clOrdId;
        }
        QVERIFY2(std::find(sent.begin(), sent.end(), restored) == sent.end(), restored.c_str());
        // "DESK-RUNRUNRU-COUNTR": the same desk, a later run (fixed-width base 36 sorts as it counts).
        QCOMPARE(restored.substr(0, 4), sent[1].substr(0, 4));
        QVERIFY2(restored.substr(5, 8) > sent[1].substr(5, 8), (restored + " after " + sent[1]).c_str());

        // Wiped: a new database draws another desk id, so not even the first ClOrdID of a run repeats.
        QTemporaryDir wiped;
        Desk desk(wiped.path());
        QVERIFY(desk.start().ok());
        const auto fresh = desk.submit().clOrdId;
        QVERIFY2(fresh.substr(0, 4) != restored.substr(0, 4), (fresh + " beside " + restored).c_str());
    }

    void publishesOneChangePerOrderPerBatch() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        QVERIFY(desk.start().ok());
        const auto order = desk.submit("1000", "10");
        desk.forgetPublished();
        for (int i = 0; i < 10; ++i)
            desk.engine->post(report(order.clOrdId, ExecType::Trade).fill("10", "10").execId("E" + std::to_string(i)));
        std::size_t executions = 0;
        Qty lastCum;
        for (const auto& changes : desk.published()) {
            QVERIFY(changes.orders.size() <= 1);  // coalesced: one entry for the order per batch
            executions += changes.executions.size();
            if (!changes.orders.empty()) lastCum = changes.orders.back().cumQty;
        }
        QCOMPARE(executions, std::size_t(10));
        QCOMPARE(lastCum, Qty::of("100"));
    }

    void restartRebuildsTheBookExactly() {
        QTemporaryDir dir;
        BookSnapshot before;
        {
            Desk desk(dir.path());
            QVERIFY(desk.start().ok());
            const auto a = desk.submit("10000", "120");
            const auto b = desk.submit("500", "10");
            const auto c = desk.submit("300", "10");
            auto& engine = *desk.engine;
            engine.post(report(a.clOrdId, ExecType::New).orderId("BA"));
            engine.post(report(a.clOrdId, ExecType::Trade).execId("C").fill("1000", "100"));
            engine.post(report(a.clOrdId, ExecType::Trade).execId("D").fill("9000", "110"));
            engine.post(report(a.clOrdId, ExecType::TradeCancel).execId("E").ref("C"));
            engine.post(report(a.clOrdId, ExecType::TradeCorrect).execId("F").ref("D").fill("9000", "100.12345678"));
            engine.post(report(b.clOrdId, ExecType::New).orderId("BB"));
            QVERIFY(engine.sync(10s));
            QVERIFY(engine
                        .replace(b.id, {Qty::of("800"), OrdType::Limit, Price::of("10.5"), {}, TimeInForce::GoodTillCancel, {}},
                                 test::trader())
                        .get()
                        .isApplied());
            QVERIFY(engine.cancel(c.id, test::trader()).get().isApplied());
            const auto replaceId = desk.snapshot().orders[1].pending->clOrdId;
            engine.post(report(replaceId, ExecType::Replaced).orig(b.clOrdId).orderQty("800").price("10.5"));
            engine.post(report(b.clOrdId, ExecType::Trade).fill("100", "10.5"));
            QVERIFY(engine.sync(10s));
            before = desk.snapshot();
        }
        Desk desk(dir.path());
        QVERIFY(desk.start().ok());
        const auto after = desk.snapshot();
        QCOMPARE(after.orders.size(), before.orders.size());
        for (const auto& order : before.orders) {
            const auto* restored = desk.find(after, order.id);
            QVERIFY(restored);
            QVERIFY2(*restored == order, order.clOrdId.c_str());
        }
        QVERIFY(after.executions == before.executions);
        const auto* a = desk.find(after, 1);
        QCOMPARE(a->cumQty, Qty::of("9000"));
        QCOMPARE(a->avgPx(), Price::of("100.12345678"));
        QCOMPARE(desk.find(after, 2)->terms.quantity, Qty::of("800"));
        QCOMPARE(desk.find(after, 2)->status(), OrdStatus::PartiallyFilled);
        QCOMPARE(desk.find(after, 3)->status(), OrdStatus::PendingCancel);

        // Order ids continue where they stopped; ClOrdIDs start a new run, and repeat none of the last.
        const auto d = desk.submit();
        QCOMPARE(d.id, OrderId(4));
        QVERIFY2(QString::fromStdString(d.clOrdId).endsWith(QStringLiteral("-000001")), d.clOrdId.c_str());
        for (const auto& order : before.orders) {
            QVERIFY(order.clOrdId != d.clOrdId);
            QVERIFY2(order.clOrdId.substr(0, 13) < d.clOrdId.substr(0, 13), "a new run sorts after the last");
        }
        // A replayed execution is recognised after the restart.
        desk.engine->post(report("", ExecType::Trade).orderId("BA").execId("D").fill("9000", "110"));
        QVERIFY(desk.engine->sync(10s));
        QCOMPARE(desk.find(desk.snapshot(), 1)->cumQty, Qty::of("9000"));
        QCOMPARE(desk.store->executionsOf(1)->size(), std::size_t(5));
    }

    void refusalsAlertAndAdvanceTheSequence() {
        QTemporaryDir dir;
        Desk desk(dir.path());
        QVERIFY(desk.start().ok());
        const auto order = desk.submit("100", "10");
        desk.forgetPublished();
        auto overfill = report(order.clOrdId, ExecType::Trade).fill("101", "10").get();
        overfill.envelope.msgSeqNum = 7;
        desk.engine->post(overfill);
        auto unknown = report("NOPE", ExecType::New).get();
        unknown.envelope.msgSeqNum = 8;
        desk.engine->post(unknown);
        std::vector<EngineAlert> alerts;
        for (const auto& changes : desk.published()) alerts.insert(alerts.end(), changes.alerts.begin(), changes.alerts.end());
        QCOMPARE(alerts.size(), std::size_t(2));
        QCOMPARE(alerts[0].orderId, order.id);
        QVERIFY(alerts[0].message.find("overfill") != std::string::npos);
        QCOMPARE(alerts[1].orderId, OrderId(0));
        QVERIFY(alerts[1].message.find("'NOPE'") != std::string::npos);
        QCOMPARE(desk.store->executionsOf(order.id)->size(), std::size_t(0));
        desk.close();
        auto store = store::SqliteStore::open(dir.path().toStdString() + "/openblotter.db");
        QVERIFY(store.ok());
        QCOMPARE((*store)->loadActive("20000101")->inboundProgress.at(test::kSession).lastApplied, std::int64_t(8));
    }

    void refusesToStartOnInconsistentData() {
        QTemporaryDir dir;
        {
            Desk desk(dir.path());
            QVERIFY(desk.start().ok());
            const auto order = desk.submit("100", "10");
            desk.engine->post(report(order.clOrdId, ExecType::Trade).fill("40", "10"));
            QVERIFY(desk.engine->sync(10s));
        }
        {
            auto db = sqlite::Database::open(dir.path().toStdString() + "/openblotter.db", sqlite::Database::Mode::ReadWrite);
            db.execute("UPDATE orders SET cum_qty = 5000000000");
        }
        Desk desk(dir.path());
        auto started = desk.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().find("inconsistent") != std::string::npos, started.error().c_str());
        QVERIFY(started.error().find("CumQty 40") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestOrderEngine)
#include "tst_orderengine.moc"

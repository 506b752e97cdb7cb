#include "fixdesk.h"
#include "testseed.h"
#include "waits.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <set>

using namespace ob;
using namespace std::chrono_literals;

namespace {

std::int64_t fillsSentBy(Simulator& sim) {
    const auto executions = sim.call([](SimulatedBroker& broker) { return broker.executions(); });
    return std::count_if(executions.begin(), executions.end(),
                         [](const SimExecutionRecord& execution) { return execution.execType == ExecType::Trade; });
}

std::int64_t fillsStoredIn(const QTemporaryDir& dir) {
    auto db =
        sqlite::Database::open(dir.filePath(QStringLiteral("openblotter.db")).toStdString(), sqlite::Database::Mode::ReadOnly);
    return db.queryInt64("SELECT count(*) FROM executions WHERE exec_type = 'Trade'");
}

}  // namespace

/// Kills a desk with SIGKILL while fills stream in over FIX, twice, then
/// restarts it: the session resends what the store did not hold, and every
/// fill the simulator sent is in the book exactly once.
class TestFixCrash final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noFillIsLostOrDoubled() {
        QRandomGenerator killDelays(test::testSeed(20261207));
        auto config = test::testSimulatorConfig();
        // Each order of 1,000 fills one share at a time: a stream of 40,000 fills that the desk is still
        // taking in, or having resent, when it dies.
        config.partialFills = 1000;
        config.fillInterval = 0ms;
        auto sim = Simulator::start(config);
        QVERIFY(sim.ok());
        QTemporaryDir dir;
        const int orders = 40;

        for (int round = 0; round < 2; ++round) {
            QProcess desk;
            desk.start(QStringLiteral(FIX_DESK_WRITER),
                       {dir.path(), QString::number((*sim)->port()), QString::number(round == 0 ? orders : 0)});
            QVERIFY(desk.waitForStarted());
            QByteArray output;
            while (!output.contains("ACKNOWLEDGED")) {
                QVERIFY2(desk.waitForReadyRead(60000), desk.readAllStandardError().constData());
                output += desk.readAllStandardOutput();
            }
            // The orders rest until the prices move onto their limits; a restarted desk has fills resent at once.
            if (round == 0)
                (*sim)->call([](SimulatedBroker& b) {
                    b.setPrice("AAPL", Price::of("99"));
                    b.setPrice("VOD.L", Price::of("0.71"));
                });
            const auto delay = killDelays.bounded(20);
            QThread::msleep(delay);
            const auto sent = fillsSentBy(**sim);
            desk.kill();
            QVERIFY(desk.waitForFinished());
            QCOMPARE(desk.exitStatus(), QProcess::CrashExit);

            // Mid-stream: fills the simulator had sent before the kill were not in the store, so the
            // restart below depends on the session resending them.
            const auto stored = fillsStoredIn(dir);
            const auto landed = QStringLiteral("round %1, killed %2 ms into the stream: %3 fills sent, %4 stored")
                                    .arg(round)
                                    .arg(delay)
                                    .arg(sent)
                                    .arg(stored);
            qInfo("%s", qPrintable(landed));
            QVERIFY2(stored < sent, qPrintable(landed + QStringLiteral(": the kill did not land mid-stream")));
        }

        // The sell side finishes on its own; the desk restarts and catches up.
        QTRY_VERIFY_WITH_TIMEOUT((*sim)->call([](SimulatedBroker& b) {
            for (const auto& o : b.orders())
                if (o.status != OrdStatus::Filled) return false;
            return true;
        }),
                                 60000);
        test::FixDesk desk(dir.path().toStdString(), (*sim)->clientSettings());
        const auto records = (*sim)->call([](SimulatedBroker& b) { return b.orders(); });
        QCOMPARE(records.size(), std::size_t(orders));
        const auto simExecutions = (*sim)->call([](SimulatedBroker& b) { return b.executions(); });

        for (const auto& record : records) {
            const auto snapshot = desk.engine->snapshot().get();
            OrderId id = 0;
            for (const auto& o : snapshot.orders)
                if (o.clOrdId == record.clOrdId) id = o.id;
            QVERIFY2(id, record.clOrdId.c_str());
            const auto state = desk.waitForStatus(id, OrdStatus::Filled, 30s);
            QCOMPARE(state.cumQty, Qty::of("1000"));
            QCOMPARE(state.avgPx(), Price::of(state.symbol == "AAPL" ? "99" : "0.71"));  // every share at the limit
            QVERIFY(desk.engine->sync(10s));  // what the book holds is also in the store

            // Exactly once: the same ExecIDs, none twice.
            std::multiset<std::string> stored;
            for (const auto& e : desk.store->executionsOf(id).value()) stored.insert(e.execId);
            std::multiset<std::string> sent;
            for (const auto& e : simExecutions)
                if (e.orderId == record.orderId) sent.insert(e.execId);
            QCOMPARE(stored, sent);
        }
        test::awaitBooksAgree(*desk.engine);
    }
};

QTEST_GUILESS_MAIN(TestFixCrash)
#include "tst_fixcrash.moc"

#include "fixdesk.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace ob;
using namespace std::chrono_literals;

/// Kills a desk with SIGKILL while fills stream in over FIX, twice, then
/// restarts it: the session resends what the store did not hold, and every
/// fill the simulator sent is in the book exactly once.
class TestFixCrash final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noFillIsLostOrDoubled() {
        auto config = test::testSimulatorConfig();
        config.partialFills = 100;  // a burst of fills that the desk is still taking in when it dies
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
            QThread::msleep(QRandomGenerator::global()->bounded(20));  // mid-stream
            desk.kill();
            QVERIFY(desk.waitForFinished());
            QCOMPARE(desk.exitStatus(), QProcess::CrashExit);
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
            QCOMPARE(state.cumQty, record.cumQty);
            QCOMPARE(state.avgPx(), record.avgPx);
            QVERIFY(desk.engine->sync(10s));  // what the book holds is also in the store

            // Exactly once: the same ExecIDs, none twice.
            std::multiset<std::string> stored;
            for (const auto& e : desk.store->executionsOf(id).value()) stored.insert(e.execId);
            std::multiset<std::string> sent;
            for (const auto& e : simExecutions)
                if (e.orderId == record.orderId) sent.insert(e.execId);
            QCOMPARE(stored, sent);
        }
    }
};

QTEST_GUILESS_MAIN(TestFixCrash)
#include "tst_fixcrash.moc"

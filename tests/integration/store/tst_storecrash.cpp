#include "engine/orderengine.h"
#include "store/sqlitestore.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;

/// Kills a process that is writing executions with SIGKILL, several times,
/// and checks after each kill that the database is consistent and holds every
/// execution the store had reported as committed.
class TestStoreCrash final : public QObject {
    Q_OBJECT

private:
    static std::int64_t scalar(sqlite::Database& db, const std::string& sql) { return db.queryInt64(sql); }

    /// Runs the writer until it has reported `reports` commits, then kills it.
    std::int64_t runAndKill(const QString& file, int reports) {
        QProcess writer;
        writer.setProgram(QStringLiteral(CRASH_WRITER));
        writer.setArguments({file});
        writer.start();
        if (!writer.waitForStarted(10000)) qFatal("the writer did not start");
        std::int64_t lastCommitted = 0;
        int seen = 0;
        while (seen < reports) {
            if (!writer.waitForReadyRead(30000))
                qFatal("the writer stopped reporting: %s", writer.readAllStandardError().constData());
            while (writer.canReadLine()) {
                const auto line = writer.readLine().trimmed();
                if (line.startsWith("COMMITTED ")) {
                    lastCommitted = line.mid(10).toLongLong();
                    ++seen;
                }
            }
        }
        QThread::msleep(QRandomGenerator::global()->bounded(30));  // land the kill anywhere in the stream
        writer.kill();                                             // SIGKILL
        writer.waitForFinished(10000);
        // Lines written before the kill may still be unread: they were promises too.
        for (const auto& line : writer.readAllStandardOutput().split('\n'))
            if (line.startsWith("COMMITTED ")) lastCommitted = line.mid(10).toLongLong();
        if (writer.exitStatus() != QProcess::CrashExit)
            qFatal("the writer ended by itself: %s", writer.readAllStandardError().constData());
        return lastCommitted;
    }

private Q_SLOTS:
    void survivesSigkillMidStream() {
        QTemporaryDir dir;
        const auto file = dir.filePath(QStringLiteral("openblotter.db"));
        for (int round = 1; round <= 4; ++round) {
            const auto promised = runAndKill(file, 2 + round * 2);
            QVERIFY(promised > 0);

            auto db = sqlite::Database::open(file.toStdString(), sqlite::Database::Mode::ReadOnly);
            auto integrity = db.prepare("PRAGMA integrity_check");
            QVERIFY(integrity.step());
            QCOMPARE(integrity.text(0), std::string("ok"));

            // Every execution reported as committed is there, and they form an unbroken prefix.
            const auto stored = scalar(db, "SELECT count(*) FROM executions WHERE exec_type = 'Trade'");
            const auto maxSequence = scalar(db, "SELECT max(msg_seq_num) FROM executions");
            QVERIFY2(
                maxSequence >= promised,
                qPrintable(QStringLiteral("round %1: promised %2, stored up to %3").arg(round).arg(promised).arg(maxSequence)));
            QCOMPARE(stored, maxSequence);
            qInfo("round %d: %lld executions promised, %lld stored", round, static_cast<long long>(promised),
                  static_cast<long long>(maxSequence));
            QCOMPARE(scalar(db, "SELECT count(DISTINCT msg_seq_num) FROM executions"), maxSequence);
            // The session's recovery point is exactly the last execution stored: resend starts right after it.
            QCOMPARE(scalar(db, "SELECT last_applied_inbound_seq FROM fix_sessions WHERE session = 'CRASH'"), maxSequence);
            // Each order's totals are the sum of its executions: no execution without its order's new state.
            QCOMPARE(scalar(db,
                            "SELECT count(*) FROM orders o WHERE o.cum_qty != "
                            "(SELECT coalesce(sum(e.last_qty), 0) FROM executions e WHERE e.order_id = o.id)"),
                     std::int64_t(0));
            QCOMPARE(scalar(db,
                            "SELECT count(*) FROM orders o WHERE o.cum_qty != "
                            "(SELECT e.cum_qty FROM executions e WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1)"),
                     std::int64_t(0));
        }

        // The engine rebuilds the book from what survived, checking every order against its executions.
        auto store = store::SqliteStore::open(file.toStdString());
        QVERIFY(store.ok());
        OrderEngine engine(**store);
        auto started = engine.start();
        QVERIFY2(started.ok(), started.ok() ? "" : started.error().c_str());
        const auto snapshot = engine.snapshot().get();
        QCOMPARE(snapshot.orders.size(), std::size_t(100));
        Qty total;
        for (const auto& order : snapshot.orders) total += order.cumQty;
        Qty fromExecutions;
        for (const auto& execution : snapshot.executions) fromExecutions += execution.lastQty;
        QCOMPARE(total.raw(), fromExecutions.raw());
    }
};

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_storecrash.moc"

#include "orderscript.h"

#include <QDir>
#include <QTest>

using namespace ob;

/// Replays every scenario script in scenarios/: the order state change
/// matrices of FIX 4.4 (Volume 4, Appendix D) and the transitions FIX forbids.
class TestAppendixD final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scenario_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(APPENDIX_D_SCENARIOS));
        const auto files = dir.entryInfoList({QStringLiteral("*.scenario")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 40, "the scenario folder is missing or incomplete");
        for (const auto& file : files) QTest::newRow(qPrintable(file.completeBaseName())) << file.absoluteFilePath();
    }
    void scenario() {
        QFETCH(QString, path);
        OrderBook book;
        test::OrderScript script(book);
        const auto status = script.runFile(path.toStdString());
        QVERIFY2(status.ok(), status.error().c_str());
    }

    /// The runner itself must be able to fail: a wrong expectation is reported.
    void wrongExpectationFails() {
        OrderBook book;
        test::OrderScript script(book);
        QVERIFY(script.runLine("new X qty=100 px=10 => PendingNew 100 0 100", 1).ok());
        const auto wrong = script.runLine("exec X New => PartiallyFilled 100 0 100", 2);
        QVERIFY(!wrong.ok());
        QVERIFY2(QString::fromStdString(wrong.error()).contains(QStringLiteral("the order is New 100 0 100")),
                 wrong.error().c_str());
        const auto notRefused = script.runLine("exec X Trade last=1@10 => refused", 4);
        QVERIFY(!notRefused.ok());
    }
};

QTEST_GUILESS_MAIN(TestAppendixD)
#include "tst_appendixd.moc"

#include "fixdesk.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using namespace std::chrono_literals;

/// The desk and the simulator over real loopback FIX sessions, FIX 4.4 and 4.2.
class TestFixSession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fillsAMarketOrder_data() {
        QTest::addColumn<QString>("beginString");
        QTest::newRow("FIX.4.4") << "FIX.4.4";
        QTest::newRow("FIX.4.2") << "FIX.4.2";
    }
    void fillsAMarketOrder() {
        QFETCH(QString, beginString);
        auto sim = Simulator::start(test::testSimulatorConfig(beginString.toStdString()));
        QVERIFY2(sim.ok(), sim.ok() ? "" : sim.error().c_str());
        QTemporaryDir dir;
        test::FixDesk desk(dir.path().toStdString(), (*sim)->clientSettings());
        const auto order = desk.submit("AAPL", Side::Buy, "100");
        const auto filled = desk.waitForStatus(order.id, OrdStatus::Filled);
        QCOMPARE(filled.status(), OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("100"));
        QCOMPARE(filled.avgPx(), Price::of("100"));
        QVERIFY(!filled.brokerOrderId.empty());
    }
};

QTEST_GUILESS_MAIN(TestFixSession)
#include "tst_fixsession.moc"

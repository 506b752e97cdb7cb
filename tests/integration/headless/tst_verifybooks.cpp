#include "fixdesk.h"
#include "programs.h"
#include "store/sqlite.h"
#include "waits.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace ob;

namespace {

test::Run runAs(const char* user, const QStringList& arguments) {
    return test::runHeadlessAs(QStringLiteral(OPENBLOTTER), user, arguments);
}

/// A simulated broker in the test's own process, so that the test can bust, correct and cancel as a sell side does.
/// Its FIX store is on disk: one started again on the same directory goes on with the session's numbers, and with
/// the same `idPrefix` numbers its OrderIDs and ExecIDs from 1 again, as a sell side that restarted.
std::unique_ptr<Simulator> startSimulator(const QTemporaryDir& dir, const std::string& idPrefix) {
    auto config = test::testSimulatorConfig();
    config.idPrefix = idPrefix;
    config.partialFills = 2;
    config.storeDirectory = dir.filePath(QStringLiteral("sim-fix")).toStdString();
    auto simulator = Simulator::start(config);
    if (!simulator) qFatal("%s", simulator.error().c_str());
    return std::move(*simulator);
}

QString settingsFor(const QTemporaryDir& dir, const Simulator& simulator) {
    return test::writeFile(dir, "broker.cfg", test::simulatorSettings(simulator.port()));
}

/// Waits until the simulator's record satisfies `done`; after 30 s the test fails, saying what it waited for.
void awaitSimulator(Simulator& simulator, const std::function<bool(SimulatedBroker&)>& done, const std::string& what) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!simulator.call([&](SimulatedBroker& broker) { return done(broker); })) {
        if (std::chrono::steady_clock::now() > deadline) return test::failTest("the simulator never had " + what);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

/// The ExecIDs of an order's fills, in the order the simulator sent them.
std::vector<std::string> fillsOf(SimulatedBroker& broker, const std::string& clOrdId) {
    std::vector<std::string> fills;
    for (const auto& execution : broker.executions())
        if (execution.clOrdId == clOrdId && execution.execType == ExecType::Trade) fills.push_back(execution.execId);
    return fills;
}

const SimOrderRecord& orderOf(const std::vector<SimOrderRecord>& orders, const char* symbol, Side side) {
    for (const auto& order : orders)
        if (order.symbol == symbol && order.side == side) return order;
    qFatal("the simulator has no %s order in %s", std::string(nameOf(side)).c_str(), symbol);
}

std::string clOrdIdOf(const QString& desk, OrderId id) {
    auto db = sqlite::Database::open(desk.toStdString() + "/openblotter.db", sqlite::Database::Mode::ReadOnly);
    auto select = db.prepare("SELECT cl_ord_id FROM orders WHERE id = ?");
    select.bind(1, id);
    if (!select.step()) qFatal("no order %lld", static_cast<long long>(id));
    return select.text(0);
}

void tamper(const QString& desk, const std::string& sql) {
    sqlite::Database::open(desk.toStdString() + "/openblotter.db", sqlite::Database::Mode::ReadWrite).execute(sql);
}

QStringList linesOf(const QString& text) { return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }

}  // namespace

/// openblotter --headless --verify-books on the book a real desk made with the simulated broker.
class TestVerifyBooks final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreesAfterBustsCorrectionsAndABrokerThatReusesItsIds() {
        QTemporaryDir dir;
        const auto desk = test::deskWithoutRules(QStringLiteral(OPENBLOTTER), dir);
        auto simulator = startSimulator(dir, "R");
        // Each market order fills in two parts; the Toyota limit rests below the market.
        const auto basket =
            test::writeFile(dir, "basket.csv",
                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif,stop_price,broker,allocations\n"
                                           "GROWTH-PB,AAPL,BUY,100,MKT,,DAY,,,\n"
                                           "INCOME-PB,VOD.L,SELL,4000,MKT,,DAY,,,\n"
                                           "GROWTH-PB,7203.T,BUY,300,LMT,2700,DAY,,,\n"
                                           ",AAPL,SELL,200,MKT,,DAY,,,GROWTH-PB=120;INCOME-PB=80\n"));
        QProcess first;
        test::startHeadlessAs(first, QStringLiteral(OPENBLOTTER), "trader",
                              {QStringLiteral("--fix-settings"), settingsFor(dir, *simulator), QStringLiteral("--data-dir"), desk,
                               QStringLiteral("--import-basket"), basket, QStringLiteral("--send"), QStringLiteral("--wait"),
                               QStringLiteral("60")});
        awaitSimulator(
            *simulator,
            [](SimulatedBroker& broker) {
                const auto orders = broker.orders();
                return orders.size() == 4 && fillsOf(broker, orderOf(orders, "AAPL", Side::Buy).clOrdId).size() == 2 &&
                       fillsOf(broker, orderOf(orders, "VOD.L", Side::Sell).clOrdId).size() == 2 &&
                       fillsOf(broker, orderOf(orders, "AAPL", Side::Sell).clOrdId).size() == 2;
            },
            "the basket's four orders and two fills of each market order");
        // The sell side busts the AAPL buy's first fill and cancels the rest of it, corrects a fill of the VOD.L sale
        // and one of the block, and cancels the Toyota order. The desk's run ends once the last of these is in.
        const auto answers = simulator->call([](SimulatedBroker& broker) {
            const auto orders = broker.orders();
            const auto& buy = orderOf(orders, "AAPL", Side::Buy);
            const auto& toyota = orderOf(orders, "7203.T", Side::Buy);
            return std::vector<Status>{broker.bust(fillsOf(broker, buy.clOrdId)[0]),
                                       broker.correct(fillsOf(broker, orderOf(orders, "VOD.L", Side::Sell).clOrdId)[1],
                                                      Qty::of("2000"), Price::of("0.7002")),
                                       broker.correct(fillsOf(broker, orderOf(orders, "AAPL", Side::Sell).clOrdId)[0],
                                                      Qty::of("100"), Price::of("100.5")),
                                       broker.cancelUnsolicited(buy.clOrdId, "canceled by the exchange"),
                                       broker.cancelUnsolicited(toyota.clOrdId, "canceled by the exchange")};
        });
        for (const auto& answer : answers) QVERIFY2(answer.ok(), answer.error().c_str());
        const auto basketRun = test::finished(first, std::chrono::seconds(90));
        QVERIFY2(basketRun.exitCode == 0, qPrintable(basketRun.stdErr));

        // The sell side restarts and numbers its OrderIDs and ExecIDs from 1 again: the day's new fills carry the
        // ExecIDs of the first run's.
        simulator.reset();
        simulator = startSimulator(dir, "R");
        const auto again = runAs("trader", {QStringLiteral("--fix-settings"), settingsFor(dir, *simulator),
                                            QStringLiteral("--data-dir"), desk, QStringLiteral("--import-basket"),
                                            test::writeFile(dir, "again.csv",
                                                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                                           "GROWTH-PB,AAPL,BUY,30,MKT,,DAY\n"
                                                                           "INCOME-PB,VOD.L,BUY,1000,MKT,,DAY\n")),
                                            QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("60")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.stdErr));
        QVERIFY(simulator->call([](SimulatedBroker& broker) { return broker.executions().front().execId == "ER-00000001"; }));

        const auto verified = runAs("trader", {QStringLiteral("--fix-settings"), settingsFor(dir, *simulator),
                                               QStringLiteral("--data-dir"), desk, QStringLiteral("--verify-books")});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.stdOut + verified.stdErr));
        // 15 executions of the first run (each order's New; two fills of each market order; the bust, the two
        // corrections and the two cancels) and 9 of the second; the positions are the demo desk's 52 opening
        // positions, INCOME's new one in VOD.L and the three accounts' of the day; the cash is each fund's in its
        // base currency and INCOME's in GBP from the VOD.L trades.
        QCOMPARE(linesOf(verified.stdOut),
                 QStringList{QStringLiteral("books agree: 6 orders, 21 executions, 56 positions and 4 cash balances compared")});
    }

    void namesTheOrderAChangedDatabaseDisagreesOn() {
        QTemporaryDir dir;
        const auto desk = test::deskWithoutRules(QStringLiteral(OPENBLOTTER), dir);
        auto simulator = startSimulator(dir, "T");
        const auto settings = settingsFor(dir, *simulator);
        const auto bought = runAs("trader", {QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk,
                                             QStringLiteral("--import-basket"),
                                             test::writeFile(dir, "basket.csv",
                                                             QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                                            "GROWTH-PB,AAPL,BUY,100,MKT,,DAY\n")),
                                             QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("60")});
        QVERIFY2(bought.exitCode == 0, qPrintable(bought.stdErr));
        const auto order = QString::fromStdString("order 1 (" + clOrdIdOf(desk, 1) + ")");
        const QStringList verify{QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk,
                                 QStringLiteral("--verify-books")};

        // A figure the engine does not read back: it starts, and its check names the order.
        tamper(desk, "UPDATE orders SET avg_px = 100000000 WHERE id = 1");
        auto verified = runAs("trader", verify);
        QCOMPARE(verified.exitCode, 2);
        auto lines = linesOf(verified.stdOut);
        QCOMPARE(lines.size(), qsizetype(2));
        QCOMPARE(lines[0], order + QStringLiteral(": AvgPx as stored is 1, recomputed 100"));
        QVERIFY2(lines[1].startsWith(QStringLiteral("books differ: 1 difference among 1 order, 3 executions, ")),
                 qPrintable(lines[1]));

        // The first fill cut from 50 to 40: the engine refuses the store, and the check still names what differs.
        tamper(desk, "UPDATE orders SET avg_px = 10000000000 WHERE id = 1");
        tamper(desk, "UPDATE executions SET last_qty = 4000000000 WHERE order_id = 1 AND exec_id = 'ET-00000002'");
        verified = runAs("trader", verify);
        QCOMPARE(verified.exitCode, 2);
        QCOMPARE(linesOf(verified.stdOut),
                 (QStringList{order + QStringLiteral(": CumQty as stored is 100, recomputed 90"),
                              order + QStringLiteral(": LeavesQty as stored is 0, recomputed 10"),
                              order + QStringLiteral(": CumQty recorded with execution ET-00000002 is 50, recomputed 40"),
                              QStringLiteral("books differ: 3 differences among 1 order, 3 executions, 0 positions and 0 cash "
                                             "balances compared")}));
        QVERIFY2(verified.stdErr.contains(QStringLiteral("the order store is inconsistent: order 1")),
                 qPrintable(verified.stdErr));
    }
};

QTEST_GUILESS_MAIN(TestVerifyBooks)
#include "tst_verifybooks.moc"

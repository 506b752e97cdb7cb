#include "batchdesk.h"

#include <QTest>

#include <cstdio>

using namespace ob;
using namespace std::chrono_literals;

namespace {

using test::BatchDesk;
using test::says;

/// A broker whose AAPL trades in ticks of 0.05 where the desk's are 0.01, so that it refuses a replace the desk
/// lets through; a marketable order fills half at once and the rest ten minutes later.
SimulatorConfig brokerOfItsOwnTick() {
    auto config = test::testSimulatorConfig();
    for (auto& instrument : config.instruments)
        if (instrument.symbol == "AAPL") instrument.tickSize = Price::of("0.05");
    config.partialFills = 2;
    config.fillInterval = std::chrono::minutes(10);
    return config;
}

/// The exported orders by their limit price, which tells each order of the test from the others.
std::map<std::string, std::map<std::string, std::string>> byLimit(BatchDesk& f) {
    std::map<std::string, std::map<std::string, std::string>> orders;
    for (auto& [clOrdId, order] : f.orders()) orders[order.at("limit_price")] = order;
    return orders;
}

void expectSaid(const test::Run& run, const QString& text) {
    // The whole of what the run said, which a failure message would cut short.
    if (!says(run, text)) std::fprintf(stderr, "%s%s", qPrintable(run.stdOut), qPrintable(run.stdErr));
    QVERIFY2(says(run, text), qPrintable(text));
}

}  // namespace

/// Amends and cancels in batch of orders an earlier run left at the broker, each answer reported per order.
class TestBatchOrders final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void amendsAndCancelsOrdersOfEarlierRuns() {
        BatchDesk f{QStringLiteral(OPENBLOTTER), brokerOfItsOwnTick()};
        // Orders 1 and 2 fill half at once; 3, 4 and 5 rest, 5 for another account.
        const auto basket = test::writeFile(f.dir, "basket.csv",
                                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                           "GROWTH-PB,AAPL,BUY,100,LMT,101,DAY\n"
                                                           "GROWTH-PB,AAPL,BUY,100,LMT,102,DAY\n"
                                                           "GROWTH-PB,AAPL,BUY,100,LMT,90,DAY\n"
                                                           "GROWTH-PB,AAPL,BUY,100,LMT,91,DAY\n"
                                                           "INCOME-PB,AAPL,BUY,100,LMT,88,DAY\n"));
        const auto sent = f.run(
            {QStringLiteral("--import-basket"), basket, QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("1")});
        QVERIFY2(sent.exitCode == 3, qPrintable(sent.stdErr));
        auto first = f.orders();
        QCOMPARE(first.size(), std::size_t(5));
        std::vector<std::string> clOrdIds;  // of orders 1 to 5, in the basket's order
        for (const auto& [clOrdId, order] : first) clOrdIds.push_back(clOrdId);
        QCOMPARE(first.at(clOrdIds[0]).at("status"), std::string("PartiallyFilled"));
        QCOMPARE(first.at(clOrdIds[1]).at("cum_qty"), std::string("50"));
        QCOMPARE(first.at(clOrdIds[2]).at("status"), std::string("New"));

        // Order 6 never reaches the broker.
        f.simAnswers([](SimulatorConfig& c) { c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Ignore; });
        const auto lost = test::writeFile(f.dir, "lost.csv",
                                          QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                         "GROWTH-PB,AAPL,BUY,100,LMT,89,DAY\n"));
        QCOMPARE(f.run({QStringLiteral("--import-basket"), lost, QStringLiteral("--send")}).exitCode, 0);
        f.simAnswers([](SimulatorConfig& c) { c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Execute; });
        const auto lostClOrdId = byLimit(f).at("89").at("cl_ord_id");

        // The next run: an amend the broker takes, one it refuses, one of a partly filled order; then cancels by any
        // ClOrdID of the chain or by the desk's order number, and one of an order the broker does not know.
        const auto amends = test::writeFile(f.dir, "amends.csv",
                                            QStringLiteral("cl_ord_id,order_id,qty,limit_price,stop_price,tif\n"
                                                           "%1,,150,,,\n"
                                                           ",4,,91.01,,\n"
                                                           "%2,,80,,,\n")
                                                .arg(QString::fromStdString(clOrdIds[2]), QString::fromStdString(clOrdIds[0])));
        const auto cancels = test::writeFile(f.dir, "cancels.csv",
                                             QStringLiteral("order_id,cl_ord_id\n,%1\n2,\n,%2\n")
                                                 .arg(QString::fromStdString(clOrdIds[0]), QString::fromStdString(lostClOrdId)));
        const auto started = std::chrono::steady_clock::now();
        const auto changed = f.run({QStringLiteral("--amend-orders"), amends, QStringLiteral("--cancel-orders"), cancels},
                                   f.settingsWithStatusTimeout(5));
        QVERIFY2(changed.exitCode == 0, qPrintable(changed.stdErr + changed.stdOut));
        QVERIFY(std::chrono::steady_clock::now() - started < 20s);
        expectSaid(changed, QStringLiteral(" to 150 LMT limit 90 DAY: "));
        expectSaid(changed, QStringLiteral("): replaced by 150 LMT limit 90 DAY, now New (0 filled)"));
        expectSaid(changed, QStringLiteral("price 91.01 is not on the tick; the order is New"));
        expectSaid(changed, QStringLiteral("order 1 (%1: BUY 100 AAPL for GROWTH-PB): replaced by 80 LMT limit 101 DAY, now "
                                           "PartiallyFilled (50 filled)")
                                .arg(QString::fromStdString(clOrdIds[0])));
        expectSaid(changed, QStringLiteral("amend-orders: 3 of 3 requests sent: 2 done, 1 refused by the broker, 0 not "
                                           "answered yet; 0 orders already finished"));
        expectSaid(changed, QStringLiteral(": BUY 80 AAPL for GROWTH-PB): cancelled (50 of 80 filled)"));
        expectSaid(changed, QStringLiteral("order 2 (%1: BUY 100 AAPL for GROWTH-PB): cancelled (50 of 100 filled)")
                                .arg(QString::fromStdString(clOrdIds[1])));
        expectSaid(changed, QStringLiteral("refused by the broker: cancel "));
        expectSaid(changed, QStringLiteral("unknown order; the order is Unconfirmed"));
        expectSaid(changed, QStringLiteral("cancel-orders: 3 of 3 requests sent: 2 done, 1 refused by the broker, 0 not "
                                           "answered yet; 0 orders already finished"));

        auto now = byLimit(f);
        QCOMPARE(now.at("101").at("status"), std::string("Canceled"));
        QCOMPARE(now.at("101").at("qty"), std::string("80"));
        QCOMPARE(now.at("101").at("cum_qty"), std::string("50"));
        QCOMPARE(now.at("102").at("status"), std::string("Canceled"));
        QCOMPARE(now.at("102").at("cum_qty"), std::string("50"));
        QCOMPARE(now.at("90").at("status"), std::string("New"));
        QCOMPARE(now.at("90").at("qty"), std::string("150"));
        QCOMPARE(now.at("91").at("status"), std::string("New"));
        QCOMPARE(now.at("91").at("qty"), std::string("100"));
        QCOMPARE(now.at("89").at("status"), std::string("PendingNew"));
        QCOMPARE(f.auditOf(1),
                 (std::vector<std::string>{"order.submit by trader", "order.amend by trader", "order.cancel by trader"}));
        QCOMPARE(f.auditOf(6), (std::vector<std::string>{"order.submit by trader", "order.unconfirmed by system",
                                                         "order.unconfirmed.cancel by trader"}));

        // A file with a bad row sends nothing, and names every bad row.
        const auto bad = test::writeFile(f.dir, "bad.csv",
                                         QStringLiteral("cl_ord_id,order_id,qty,limit_price\n"
                                                        "NOPE-1,,100,\n"
                                                        ",4,80.5,\n"
                                                        ",3,,90.001\n"
                                                        "%1,,120,\n")
                                             .arg(QString::fromStdString(clOrdIds[2])));
        const auto refused = f.run({QStringLiteral("--amend-orders"), bad});
        QCOMPARE(refused.exitCode, 1);
        for (const auto& line :
             {QStringLiteral("the file has errors; nothing was sent"),
              QStringLiteral("line 2: the desk has no order with cl_ord_id NOPE-1"), QStringLiteral("line 3: order 4 ("),
              QStringLiteral("qty 80.5 is not a multiple of AAPL's lot of 1"), QStringLiteral("line 4: order 3 ("),
              QStringLiteral("limit_price 90.001 is not on AAPL's tick of 0.01"), QStringLiteral("line 5: order 3 ("),
              QStringLiteral("is named on line 4 too")})
            expectSaid(refused, line);
        QCOMPARE(f.auditOf(3), (std::vector<std::string>{"order.submit by trader", "order.amend by trader"}));
        QCOMPARE(f.auditOf(4), (std::vector<std::string>{"order.submit by trader", "order.amend by trader"}));

        // The desk refuses to amend what no one can place; the run says so and exits 1, the rest of it done.
        const auto unconfirmed = test::writeFile(
            f.dir, "unconfirmed.csv", QStringLiteral("cl_ord_id,qty\n%1,120\n").arg(QString::fromStdString(lostClOrdId)));
        const auto notSent = f.run({QStringLiteral("--amend-orders"), unconfirmed}, f.settingsWithStatusTimeout(5));
        QCOMPARE(notSent.exitCode, 1);
        expectSaid(notSent, QStringLiteral("amend not sent: order 6 is unconfirmed: resolve it first"));
        expectSaid(notSent, QStringLiteral("1 amends or cancels were refused by the desk"));

        // What the broker never had is closed here; --cancel-all cancels the rest of the account's AAPL orders.
        const auto all =
            f.run({QStringLiteral("--resolve-unconfirmed"), QStringLiteral("mark-rejected"), QStringLiteral("--cancel-all"),
                   QStringLiteral("--account"), QStringLiteral("GROWTH-PB"), QStringLiteral("--symbol"), QStringLiteral("AAPL")},
                  f.settingsWithStatusTimeout(5));
        QVERIFY2(all.exitCode == 0, qPrintable(all.stdErr + all.stdOut));
        expectSaid(all, QStringLiteral("cancel-all: 2 of 2 requests sent: 2 done, 0 refused by the broker, 0 not answered yet"));
        now = byLimit(f);
        QCOMPARE(now.at("90").at("status"), std::string("Canceled"));
        QCOMPARE(now.at("91").at("status"), std::string("Canceled"));
        QCOMPARE(now.at("89").at("status"), std::string("Rejected"));
        QCOMPARE(now.at("88").at("status"), std::string("New"));  // another account's
        QCOMPARE(f.simOrderCount(), std::size_t(5));
    }

    void checksAmendsAgainstCompliance() {
        BatchDesk f{QStringLiteral(OPENBLOTTER)};
        const auto rules = test::writeFile(f.dir, "rules.json", QStringLiteral(R"({"format": "openblotter-rules", "version": 1,
            "rules": [{"id": 1, "name": "Max order quantity", "kind": "max_order_quantity", "severity": "block",
                       "limit": "1000", "warn_at": "500"}]})"));
        const auto imported = test::runHeadlessAs(QStringLiteral(OPENBLOTTER), "compliance",
                                                  {QStringLiteral("--fix-settings"), f.settings, QStringLiteral("--data-dir"),
                                                   f.desk, QStringLiteral("--import-rules"), rules});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.stdErr));
        const auto basket = test::writeFile(f.dir, "basket.csv",
                                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                           "GROWTH-PB,AAPL,BUY,100,LMT,90,DAY\n"));
        QCOMPARE(f.run({QStringLiteral("--import-basket"), basket, QStringLiteral("--send")}).exitCode, 0);
        const auto amend = [&](const char* qty) {
            return test::writeFile(f.dir, "amend.csv", QStringLiteral("order_id,qty\n1,%1\n").arg(QLatin1String(qty)));
        };

        // A warning without a reason: nothing is sent.
        const auto unexplained = f.run({QStringLiteral("--amend-orders"), amend("600")});
        QCOMPARE(unexplained.exitCode, 1);
        expectSaid(unexplained, QStringLiteral("to 600 LMT limit 90 DAY: warn: "));
        expectSaid(unexplained, QStringLiteral("some amends have compliance warnings; give --warning-reason to send them"));
        QCOMPARE(f.auditOf(1), std::vector<std::string>{"order.submit by trader"});

        // With the reason it goes, recorded with it.
        const auto explained = f.run({QStringLiteral("--amend-orders"), amend("600"), QStringLiteral("--warning-reason"),
                                      QStringLiteral("client asked for more")});
        QVERIFY2(explained.exitCode == 0, qPrintable(explained.stdErr));
        expectSaid(explained, QStringLiteral("replaced by 600 LMT limit 90 DAY, now New"));
        QCOMPARE(byLimit(f).at("90").at("compliance"), std::string("warn"));

        // A blocked amend is refused and kept on the record; the order keeps its terms, and the run exits 2.
        const auto blocked = f.run({QStringLiteral("--amend-orders"), amend("2000")});
        QCOMPARE(blocked.exitCode, 2);
        expectSaid(blocked, QStringLiteral("to 2000 LMT limit 90 DAY: block: "));
        expectSaid(blocked, QStringLiteral("amend not sent: blocked by compliance"));
        QCOMPARE(byLimit(f).at("90").at("qty"), std::string("600"));
        QCOMPARE(f.auditOf(1),
                 (std::vector<std::string>{"order.submit by trader", "order.amend by trader", "order.amend.blocked by trader"}));
    }

    void explainsItsOptions() {
        const auto help = test::runHeadlessAs(QStringLiteral(OPENBLOTTER), "trader", {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* words : {"--amend-orders", "--cancel-orders", "--cancel-all", "qty,limit_price,stop_price,tif",
                                  "any ClOrdID of its chain", "refused by the broker (not a rejected order"})
            QVERIFY2(help.stdOut.contains(QString::fromLatin1(words)), words);
        const auto wrong =
            test::runHeadlessAs(QStringLiteral(OPENBLOTTER), "trader", {QStringLiteral("--symbol"), QStringLiteral("AAPL")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.stdErr.contains(QStringLiteral("--account and --symbol go with --cancel-all")), qPrintable(wrong.stdErr));
    }
};

QTEST_GUILESS_MAIN(TestBatchOrders)
#include "tst_batchorders.moc"

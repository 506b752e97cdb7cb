#include "batchdesk.h"
#include "waits.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using namespace std::chrono_literals;

namespace {

using test::BatchDesk;
using test::says;

QString basketOfTwo(const QTemporaryDir& dir) {
    return test::writeFile(dir, "basket.csv",
                           QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                          "GROWTH-PB,AAPL,BUY,100,LMT,95,DAY\n"
                                          "GROWTH-PB,AAPL,BUY,50,LMT,94,DAY\n"));
}

}  // namespace

/// The batch resolves what no one could confirm and cancels every order it can, saying what it did with each.
class TestBatchInDoubt final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resolvesEveryUnconfirmedOrder_data() {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("did");
        QTest::addColumn<QString>("ends");
        QTest::addColumn<QString>("audited");
        // The broker has the orders and says nothing about them: cancelled there.
        QTest::newRow("cancel") << "cancel"
                                << "cancel sent to the broker"
                                << "Canceled"
                                << "order.unconfirmed.cancel by trader";
        // The broker never had the orders: closed here.
        QTest::newRow("mark-rejected") << "mark-rejected"
                                       << "marked rejected, now Rejected"
                                       << "Rejected"
                                       << "order.unconfirmed.mark-rejected by trader";
    }
    void resolvesEveryUnconfirmedOrder() {
        QFETCH(QString, how);
        QFETCH(QString, did);
        QFETCH(QString, ends);
        QFETCH(QString, audited);
        const bool brokerHasThem = how == QStringLiteral("cancel");
        BatchDesk f{QStringLiteral(OPENBLOTTER)};
        f.simAnswers([&](SimulatorConfig& c) {
            c.silent = true;
            if (!brokerHasThem) c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Ignore;
        });
        const auto sent = f.run({QStringLiteral("--import-basket"), basketOfTwo(f.dir), QStringLiteral("--send")});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.stdErr));
        QVERIFY(sent.stdOut.contains(QStringLiteral("sent 2 orders")));
        QCOMPARE(f.simOrderCount(), std::size_t(brokerHasThem ? 2 : 0));
        auto orders = f.orders();
        QCOMPARE(orders.size(), std::size_t(2));
        for (const auto& [clOrdId, order] : orders) QCOMPARE(order.at("status"), std::string("PendingNew"));

        // The next run's logon asks about both; no answer in a second, or "unknown order", leaves them unconfirmed.
        f.simAnswers([&](SimulatorConfig& c) {
            c.silent = false;
            c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Execute;
            if (brokerHasThem) c.statusAnswer = SimulatorConfig::StatusAnswer::Ignore;
        });
        const auto resolved =
            f.run({QStringLiteral("--resolve-unconfirmed"), how, QStringLiteral("--wait"), QStringLiteral("10")},
                  f.settingsWithStatusTimeout(1));
        QVERIFY2(resolved.exitCode == 0, qPrintable(resolved.stdErr));
        const QString why = brokerHasThem ? QStringLiteral("the broker did not answer a status request about it in time")
                                          : QStringLiteral("the sell side does not confirm the order: unknown order");
        orders = f.orders();
        int id = 1;
        for (const auto& [clOrdId, order] : orders) {
            const auto line = QStringLiteral("order %1 (%2: BUY %3 AAPL for GROWTH-PB): unconfirmed (%4); %5")
                                  .arg(id)
                                  .arg(QString::fromStdString(clOrdId), QString::fromStdString(order.at("qty")), why, did);
            QVERIFY2(resolved.stdOut.contains(line), qPrintable(line + QStringLiteral(" not in: ") + resolved.stdOut));
            QCOMPARE(QString::fromStdString(order.at("status")), ends);
            QCOMPARE(f.auditOf(id),
                     (std::vector<std::string>{"order.submit by trader", "order.unconfirmed by system", audited.toStdString()}));
            ++id;
        }
        QVERIFY(resolved.stdOut.contains(QStringLiteral("resolved 2 unconfirmed orders")));

        // Resolved for good: the next run finds nothing to resolve, and the orders where they ended.
        const auto again = f.run({QStringLiteral("--resolve-unconfirmed"), how}, f.settingsWithStatusTimeout(1));
        QVERIFY2(again.exitCode == 0, qPrintable(again.stdErr));
        QVERIFY2(again.stdOut.contains(QStringLiteral("resolved 0 unconfirmed orders")), qPrintable(again.stdOut));
        for (const auto& [clOrdId, order] : f.orders()) QCOMPARE(QString::fromStdString(order.at("status")), ends);
        QCOMPARE(f.simOrderCount(), std::size_t(brokerHasThem ? 2 : 0));
    }

    void cancelsEveryRemainingOrder() {
        BatchDesk f{QStringLiteral(OPENBLOTTER)};
        std::string working, unacknowledged, replacing, unknown;
        {
            auto desk = f.openInProcess();
            // An order the broker never had, unconfirmed since a logon asked about it.
            f.simAnswers([](SimulatorConfig& c) { c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Ignore; });
            const auto lost = desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "91");
            unknown = lost.clOrdId;
            test::awaitReceived(*f.sim, desk->sent("D", unknown).at(0));
            f.simAnswers([](SimulatorConfig& c) { c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Execute; });
            desk->close();
            desk->open();
            desk->waitFor(
                lost.id, [](const OrderState& order) { return order.unconfirmed; }, "unconfirmed");
            // A working order, and one whose replace the broker took without a word, as it took a new order.
            working =
                desk->waitForStatus(desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "92").id, OrdStatus::New).clOrdId;
            const auto toAmend =
                desk->waitForStatus(desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "93").id, OrdStatus::New);
            replacing = toAmend.clOrdId;
            f.simAnswers([](SimulatorConfig& c) { c.silent = true; });
            unacknowledged = desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "94").clOrdId;
            auto amended = toAmend.terms;
            amended.quantity = Qty::of("150");
            QVERIFY(desk->engine->replace(toAmend.id, amended, test::trader()).get().isApplied());
            QTRY_COMPARE_WITH_TIMEOUT(f.simOrderCount(), std::size_t(3), 10000);
            desk->close();
        }
        // From now on the broker answers requests but not status requests.
        f.simAnswers([](SimulatorConfig& c) {
            c.silent = false;
            c.statusAnswer = SimulatorConfig::StatusAnswer::Ignore;
        });

        const auto first = f.run({QStringLiteral("--wait"), QStringLiteral("1"), QStringLiteral("--cancel-remaining")});
        QCOMPARE(first.exitCode, 3);
        QVERIFY2(says(first, QStringLiteral("4 orders still working after 1 seconds")), qPrintable(first.stdErr));
        // Cancelled: a working order and one not yet acknowledged; the unconfirmed one by a cancel the broker refuses.
        QCOMPARE(f.statusOf(working), std::string("Canceled"));
        QCOMPARE(f.statusOf(unacknowledged), std::string("Canceled"));
        QVERIFY2(says(first, QStringLiteral(": unconfirmed, resolved by a cancel sent to the broker")), qPrintable(first.stdOut));
        QCOMPARE(f.statusOf(unknown), std::string("PendingNew"));
        QVERIFY2(says(first, QStringLiteral("still Unconfirmed: cancel ")), qPrintable(first.stdErr));
        // One request at a time: the replace the broker never answered keeps its order from being cancelled.
        QCOMPARE(f.statusOf(replacing), std::string("PendingReplace"));
        QVERIFY2(says(first, QStringLiteral("not cancelled: its replace ")), qPrintable(first.stdErr));
        QVERIFY2(says(first, QStringLiteral("sent cancels for 3 orders; 2 still working")), qPrintable(first.stdErr));

        // A broker given a second to answer leaves the replace unconfirmed, and then it is resolved by a cancel.
        const auto second = f.run({QStringLiteral("--wait"), QStringLiteral("3"), QStringLiteral("--cancel-remaining")},
                                  f.settingsWithStatusTimeout(1));
        QCOMPARE(second.exitCode, 3);
        QCOMPARE(f.statusOf(replacing), std::string("Canceled"));
        QCOMPARE(f.statusOf(unknown), std::string("PendingNew"));
        QVERIFY2(says(second, QStringLiteral("sent cancels for 2 orders; 1 still working")), qPrintable(second.stdErr));

        // What the broker never had is closed here, and then nothing is left working.
        const auto third = f.run({QStringLiteral("--resolve-unconfirmed"), QStringLiteral("mark-rejected"),
                                  QStringLiteral("--wait"), QStringLiteral("5"), QStringLiteral("--cancel-remaining")},
                                 f.settingsWithStatusTimeout(1));
        QVERIFY2(third.exitCode == 0, qPrintable(third.stdErr));
        QCOMPARE(f.statusOf(unknown), std::string("Rejected"));
        QCOMPARE(f.simOrderCount(), std::size_t(3));
    }

    void explainsItsOptions() {
        const auto help = test::runHeadlessAs(QStringLiteral(OPENBLOTTER), "trader", {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* words : {"--resolve-unconfirmed", "cancel|mark-rejected", "StatusRequestTimeout", "Unconfirmed",
                                  "--cancel-remaining cancels every order still working"})
            QVERIFY2(help.stdOut.contains(QString::fromLatin1(words)), words);
        const auto wrong = test::runHeadlessAs(QStringLiteral(OPENBLOTTER), "trader",
                                               {QStringLiteral("--resolve-unconfirmed"), QStringLiteral("forget")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.stdErr.contains(QStringLiteral("--resolve-unconfirmed needs cancel or mark-rejected, got 'forget'")),
                 qPrintable(wrong.stdErr));
    }
};

QTEST_GUILESS_MAIN(TestBatchInDoubt)
#include "tst_batchindoubt.moc"

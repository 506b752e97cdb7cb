#include "fix/fixdictionary.h"
#include "fixdesk.h"
#include "waits.h"

#include <QDirIterator>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

using namespace ob;
using namespace std::chrono_literals;

namespace {

/// A simulator and a desk connected to it, in a temporary directory.
struct Fixture {
    explicit Fixture(SimulatorConfig config, const std::string& extraSettings = {}) {
        auto started = Simulator::start(config);
        if (!started) qFatal("%s", started.error().c_str());
        sim = std::move(*started);
        desk = std::make_unique<test::FixDesk>(dir.path().toStdString(), sim->clientSettings() + extraSettings);
    }
    QTemporaryDir dir;
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<test::FixDesk> desk;

    std::vector<SimExecutionRecord> simExecutions() {
        return sim->call([](SimulatedBroker& broker) { return broker.executions(); });
    }
    std::string lastSimExecId(ExecType type) {
        const auto executions = simExecutions();
        for (auto it = executions.rbegin(); it != executions.rend(); ++it)
            if (it->execType == type) return it->execId;
        return {};
    }
    std::vector<QuarantinedMessage> quarantine() {
        test::awaitCommitted(*desk->engine);
        return desk->store->quarantine(true).value();
    }
};

void versions() {
    QTest::addColumn<QString>("beginString");
    QTest::newRow("FIX.4.4") << "FIX.4.4";
    QTest::newRow("FIX.4.2") << "FIX.4.2";
}

SimulatorConfig config() {
    QFETCH(QString, beginString);
    return test::testSimulatorConfig(beginString.toStdString());
}

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

/// The desk and the simulator over real loopback FIX sessions, FIX 4.4 and 4.2.
class TestFixSession final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fillsAMarketOrder_data() { versions(); }
    void fillsAMarketOrder() {
        Fixture f(config());
        const auto order = f.desk->submit("AAPL", Side::Buy, "100");
        const auto filled = f.desk->waitForStatus(order.id, OrdStatus::Filled);
        QCOMPARE(filled.status(), OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("100"));
        QCOMPARE(filled.avgPx(), Price::of("100"));
        QVERIFY(!filled.brokerOrderId.empty());
    }

    void streamsMarketData_data() { versions(); }
    void streamsMarketData() {
        Fixture f(config());
        auto& prices = f.desk->prices;
        QTRY_COMPARE_WITH_TIMEOUT(prices.last("AAPL"), std::optional(Price::of("100")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(prices.last("7203.T"), std::optional(Price::of("2800")), 10000);
        QVERIFY(prices.quote("AAPL")->fromMarketData);
        QCOMPARE(prices.quote("AAPL")->bid, std::optional(Price::of("99.99")));

        f.sim->call([](SimulatedBroker& broker) { broker.setPrice("AAPL", Price::of("101.25")); });
        QTRY_COMPARE_WITH_TIMEOUT(prices.last("AAPL"), std::optional(Price::of("101.25")), 10000);
        QCOMPARE(prices.quote("AAPL")->offer, std::optional(Price::of("101.26")));
        // Prices are not orders: nothing about them reaches the quarantine.
        QVERIFY(f.quarantine().empty());
    }

    void fillsInParts_data() { versions(); }
    void fillsInParts() {
        auto c = config();
        c.partialFills = 3;
        Fixture f(c);
        const auto order = f.desk->submit("VOD.L", Side::Sell, "1000", OrdType::Limit, "0.7");
        const auto filled = f.desk->waitForStatus(order.id, OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("1000"));
        const auto executions = f.desk->store->executionsOf(order.id).value();
        int trades = 0;
        for (const auto& e : executions) trades += e.execType == ExecType::Trade ? 1 : 0;
        QCOMPARE(trades, 3);
        QCOMPARE(executions.back().cumQty, Qty::of("1000"));
        QCOMPARE(executions.back().leavesQty, Qty{});
    }

    void fillsWithoutAcknowledgement() {
        auto c = test::testSimulatorConfig();
        c.acknowledge = false;
        Fixture f(c);
        const auto order = f.desk->submit("AAPL", Side::Buy, "10");
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::Filled).cumQty, Qty::of("10"));
        for (const auto& e : f.desk->store->executionsOf(order.id).value()) QVERIFY(e.execType != ExecType::New);
    }

    void cancelsARestingOrder_data() { versions(); }
    void cancelsARestingOrder() {
        auto c = config();
        c.pendingAcks = true;
        Fixture f(c);
        const auto order = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "90");
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::New).status(), OrdStatus::New);
        QVERIFY(f.desk->engine->cancel(order.id, test::trader()).get().isApplied());
        const auto canceled = f.desk->waitForStatus(order.id, OrdStatus::Canceled);
        QCOMPARE(canceled.status(), OrdStatus::Canceled);
        QCOMPARE(canceled.leavesQty(), Qty{});
        const auto records = f.sim->call([](SimulatedBroker& b) { return b.orders(); });
        QCOMPARE(records.back().status, OrdStatus::Canceled);
    }

    void replacesUpAndDown_data() { versions(); }
    void replacesUpAndDown() {
        Fixture f(config());
        const auto order = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "90");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        QVERIFY(
            f.desk->engine
                ->replace(order.id, {Qty::of("200"), OrdType::Limit, Price::of("95"), {}, TimeInForce::Day, {}}, test::trader())
                .get()
                .isApplied());
        auto up = f.desk->waitFor(
            order.id, [](const OrderState& o) { return !o.pending && o.terms.quantity == Qty::of("200"); }, "replaced up to 200");
        QCOMPARE(up.terms.quantity, Qty::of("200"));
        QCOMPARE(up.terms.limitPrice, std::optional<Price>(Price::of("95")));
        QCOMPARE(up.status(), OrdStatus::New);
        QVERIFY(
            f.desk->engine
                ->replace(order.id, {Qty::of("50"), OrdType::Limit, Price::of("95"), {}, TimeInForce::Day, {}}, test::trader())
                .get()
                .isApplied());
        auto down = f.desk->waitFor(
            order.id, [](const OrderState& o) { return !o.pending && o.terms.quantity == Qty::of("50"); }, "replaced down to 50");
        QCOMPARE(down.terms.quantity, Qty::of("50"));
        // The price falls through the limit: the order fills at the better price.
        f.sim->call([](SimulatedBroker& b) { b.setPrice("AAPL", Price::of("94")); });
        const auto filled = f.desk->waitForStatus(order.id, OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("50"));
        QCOMPARE(filled.avgPx(), Price::of("94"));
    }

    void cancelAndReplaceRejectedWhenTooLate() {
        auto c = test::testSimulatorConfig();
        c.latency = 300ms;
        Fixture f(c);
        const auto first = f.desk->submit("AAPL", Side::Buy, "100");
        QVERIFY(f.desk->engine->cancel(first.id, test::trader()).get().isApplied());
        const auto filled = f.desk->waitFor(
            first.id, [](const OrderState& o) { return !o.pending && o.isFilled(); }, "filled, its cancel answered");
        QCOMPARE(filled.status(), OrdStatus::Filled);
        QVERIFY2(contains(filled.text, "too late"), filled.text.c_str());

        const auto second = f.desk->submit("AAPL", Side::Sell, "100");
        QVERIFY(
            f.desk->engine
                ->replace(second.id, {Qty::of("100"), OrdType::Limit, Price::of("99"), {}, TimeInForce::Day, {}}, test::trader())
                .get()
                .isApplied());
        const auto done = f.desk->waitFor(
            second.id, [](const OrderState& o) { return !o.pending && o.isFilled(); }, "filled, its replace answered");
        QCOMPARE(done.status(), OrdStatus::Filled);
        QVERIFY2(contains(done.text, "replace") && contains(done.text, "too late"), done.text.c_str());
    }

    void brokerRejects() {
        auto c = test::testSimulatorConfig();
        c.rejectShare = 1;
        Fixture f(c);
        const auto order = f.desk->submit("AAPL", Side::Buy, "100");
        const auto rejected = f.desk->waitForStatus(order.id, OrdStatus::Rejected);
        QCOMPARE(rejected.status(), OrdStatus::Rejected);
        QVERIFY2(contains(rejected.text, "rejected by the simulated exchange"), rejected.text.c_str());
    }

    void rejectsAQuantityOffTheLot() {
        Fixture f(test::testSimulatorConfig());
        const auto order = f.desk->submit("7203.T", Side::Buy, "150");
        const auto rejected = f.desk->waitForStatus(order.id, OrdStatus::Rejected);
        QVERIFY2(contains(rejected.text, "not a multiple of the lot 100"), rejected.text.c_str());
    }

    void onlyAnswerIsAReject_data() {
        QTest::addColumn<int>("answer");
        QTest::addColumn<QString>("reason");
        QTest::newRow("BusinessMessageReject") << int(SimulatorConfig::NewOrderAnswer::BusinessReject) << "business reject";
        QTest::newRow("session Reject") << int(SimulatorConfig::NewOrderAnswer::SessionReject) << "session-level reject";
    }
    void onlyAnswerIsAReject() {
        QFETCH(int, answer);
        QFETCH(QString, reason);
        auto c = test::testSimulatorConfig();
        c.newOrderAnswer = SimulatorConfig::NewOrderAnswer(answer);
        Fixture f(c);
        const auto order = f.desk->submit("AAPL", Side::Buy, "100");
        const auto rejected = f.desk->waitForStatus(order.id, OrdStatus::Rejected);
        QCOMPARE(rejected.status(), OrdStatus::Rejected);
        QVERIFY2(QString::fromStdString(rejected.text).contains(reason), rejected.text.c_str());
        QVERIFY2(contains(rejected.text, "orders are not accepted on this session"), rejected.text.c_str());
    }

    void unsolicitedCancel() {
        Fixture f(test::testSimulatorConfig());
        const auto order = f.desk->submit("AAPL", Side::Sell, "100", OrdType::Limit, "120");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        QVERIFY(
            f.sim->call([&](SimulatedBroker& b) { return b.cancelUnsolicited(order.clOrdId, "canceled due to trading halt"); })
                .ok());
        const auto canceled = f.desk->waitForStatus(order.id, OrdStatus::Canceled);
        QCOMPARE(canceled.text, std::string("canceled due to trading halt"));
    }

    void doneForDay() {
        Fixture f(test::testSimulatorConfig());
        const auto day = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "90");
        const auto gtc = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "91", TimeInForce::GoodTillCancel);
        f.desk->waitForStatus(gtc.id, OrdStatus::New);
        f.sim->call([](SimulatedBroker& b) { b.doneForDay(); });
        QCOMPARE(f.desk->waitForStatus(day.id, OrdStatus::DoneForDay).leavesQty(), Qty{});
        QCOMPARE(f.desk->waitForStatus(gtc.id, OrdStatus::DoneForDay).leavesQty(), Qty::of("100"));
    }

    void bustAndCorrection_data() { versions(); }
    void bustAndCorrection() {
        auto c = config();
        c.partialFills = 2;
        Fixture f(c);
        const auto order = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "100");
        f.desk->waitForStatus(order.id, OrdStatus::Filled);
        std::vector<std::string> fills;
        for (const auto& e : f.simExecutions())
            if (e.execType == ExecType::Trade) fills.push_back(e.execId);
        QCOMPARE(fills.size(), std::size_t(2));

        // The first fill is busted: the order reopens with those shares.
        QVERIFY(f.sim->call([&](SimulatedBroker& b) { return b.bust(fills[0]); }).ok());
        auto busted = f.desk->waitFor(
            order.id, [](const OrderState& o) { return o.cumQty == Qty::of("50"); }, "back to 50 filled after the bust");
        QCOMPARE(busted.status(), OrdStatus::PartiallyFilled);
        QCOMPARE(busted.leavesQty(), Qty::of("50"));
        // The second is corrected in quantity and price; the average follows exactly.
        QVERIFY(f.sim->call([&](SimulatedBroker& b) { return b.correct(fills[1], Qty::of("30"), Price::of("99.97")); }).ok());
        auto corrected = f.desk->waitFor(
            order.id, [](const OrderState& o) { return o.cumQty == Qty::of("30"); }, "at 30 filled after the correction");
        QCOMPARE(corrected.avgPx(), Price::of("99.97"));
        const auto record = f.sim->call([](SimulatedBroker& b) { return b.orders(); }).back();
        QCOMPARE(corrected.cumQty, record.cumQty);
        QCOMPARE(corrected.avgPx(), record.avgPx);
        test::awaitBooksAgree(*f.desk->engine);
    }

    void appliesReportsWithCustomTags() {
        auto c = test::testSimulatorConfig();
        // A broker's own tags and a parties group it adds to every report.
        c.extraExecutionTags = {{453, "2"},  {448, "BRKR"},          {447, "D"}, {452, "1"}, {448, "DESK7"}, {447, "D"},
                                {452, "12"}, {5001, "internal-ref"}, {9999, "x"}};
        Fixture f(c);
        const auto order = f.desk->submit("AAPL", Side::Buy, "100");
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::Filled).cumQty, Qty::of("100"));
        QVERIFY(f.quarantine().empty());
    }

    void quarantinesWhatItCannotApply() {
        Fixture f(test::testSimulatorConfig());
        const auto order = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "90");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        const auto session = f.sim->sessions().front().session;
        // A price that is not a number: the session layer refuses it, the desk keeps it.
        QVERIFY(f.sim->sendRaw(session,
                               test::fixMessage("FIX.4.4", "SIM", "OPENBLOTTER", 1,
                                                "35=8|37=X|11=" + order.clOrdId +
                                                    "|17=BAD1|150=F|39=1|55=AAPL|54=1|38=100|32=10|31=abc|151=90|14=10|6=100|")));
        // A report for an order nobody sent.
        QVERIFY(f.sim->sendRaw(
            session, test::fixMessage("FIX.4.4", "SIM", "OPENBLOTTER", 1,
                                      "35=8|37=Y|11=NOT-OURS|17=BAD2|150=0|39=0|55=AAPL|54=1|38=100|151=100|14=0|6=0|")));
        // Bytes that are not FIX at all, and a message whose checksum is wrong.
        QVERIFY(f.sim->sendRaw(session, "this is not a FIX message", true));
        auto corrupt = test::fixMessage(
            "FIX.4.4", "SIM", "OPENBLOTTER", f.sim->sessions().front().nextSenderMsgSeqNum,
            "35=8|37=Z|11=" + order.clOrdId + "|17=BAD3|150=F|39=2|55=AAPL|54=1|38=100|32=100|31=90|151=0|14=100|6=90|");
        corrupt.replace(corrupt.size() - 4, 3, "000");
        QVERIFY(f.sim->sendRaw(session, corrupt, true));
        QTRY_VERIFY_WITH_TIMEOUT(f.quarantine().size() >= 2, 10000);
        const auto kept = f.quarantine();
        QCOMPARE(kept.size(), std::size_t(2));
        QVERIFY2(contains(kept[1].reason, "tag 31") || contains(kept[1].reason, "LastPx"), kept[1].reason.c_str());
        QVERIFY2(contains(kept[0].reason, "'NOT-OURS'"), kept[0].reason.c_str());
        QVERIFY(contains(kept[0].text, "17=BAD2"));
        // Nothing of it touched the order, and the session carries on.
        const auto unchanged = f.desk->waitForStatus(order.id, OrdStatus::New);
        QCOMPARE(unchanged.cumQty, Qty{});
        f.sim->call([](SimulatedBroker& b) { b.setPrice("AAPL", Price::of("89")); });
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::Filled).avgPx(), Price::of("89"));
    }

    void resendsWhatWasMissedWhileDown() {
        Fixture f(test::testSimulatorConfig());
        const auto resting = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "95");
        const auto filled = f.desk->submit("AAPL", Side::Sell, "40");
        f.desk->waitForStatus(filled.id, OrdStatus::Filled);
        f.desk->waitForStatus(resting.id, OrdStatus::New);
        f.desk->close();
        // While the desk is away the resting order fills.
        f.sim->call([](SimulatedBroker& b) { b.setPrice("AAPL", Price::of("94.5")); });
        f.desk->open();
        const auto caught = f.desk->waitForStatus(resting.id, OrdStatus::Filled, 15s);
        QCOMPARE(caught.cumQty, Qty::of("100"));
        QCOMPARE(caught.avgPx(), Price::of("94.5"));
        // Every execution the simulator sent is in the store exactly once.
        QVERIFY(f.desk->engine->sync(10s));
        std::size_t stored = 0;
        for (OrderId id : {resting.id, filled.id}) stored += f.desk->store->executionsOf(id).value().size();
        QCOMPARE(stored, f.simExecutions().size());
    }

    void resendsWhatTheStoreNeverHeld() {
        Fixture f(test::testSimulatorConfig());
        const auto order = f.desk->submit("AAPL", Side::Buy, "100", OrdType::Limit, "95");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        f.desk->close();
        {
            // A desk that dies between QuickFIX taking a message in and the store holding its
            // effects: here its engine never runs, so the fill is consumed but never applied.
            auto store = store::SqliteStore::open(f.dir.path().toStdString() + "/openblotter.db");
            QVERIFY(store.ok());
            OrderEngine engine(**store);
            auto gateway = FixGateway::create(
                {f.desk->settings, f.desk->dataDirectory, test::fixDictionaryDirectory(), nullptr, {}}, engine);
            QVERIFY(gateway.ok());
            QVERIFY((*gateway)->start().ok());
            QVERIFY((*gateway)->waitForLogon(10s));
            const int before = (*gateway)->sessions()[0].nextTargetMsgSeqNum;
            f.sim->call([](SimulatedBroker& b) { b.setPrice("AAPL", Price::of("94")); });
            QTRY_VERIFY((*gateway)->sessions()[0].nextTargetMsgSeqNum > before);
            (*gateway)->stop(false);
        }
        f.desk->open();
        const auto filled = f.desk->waitForStatus(order.id, OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("100"));
        QVERIFY(f.desk->engine->sync(10s));
        QCOMPARE(f.desk->store->executionsOf(order.id).value().size(), f.simExecutions().size());
    }

    void startsANewFixDayAfterAReset() {
        QTemporaryDir dir;
        std::string settings;
        {
            auto sim = Simulator::start(test::testSimulatorConfig());
            QVERIFY(sim.ok());
            settings = (*sim)->clientSettings();
            test::FixDesk desk(dir.path().toStdString(), settings);
            for (int i = 0; i < 5; ++i) desk.waitForStatus(desk.submit("AAPL", Side::Buy, "10").id, OrdStatus::Filled);
        }
        // Next day both sides start their numbers from 1 again: the desk must not ask for yesterday's.
        std::filesystem::remove_all(dir.path().toStdString() + "/fix/store");
        auto config = test::testSimulatorConfig();
        auto sim = Simulator::start(config);
        QVERIFY(sim.ok());
        auto nextDay = (*sim)->clientSettings();
        test::FixDesk desk(dir.path().toStdString(), nextDay);
        QCOMPARE(desk.waitForStatus(desk.submit("AAPL", Side::Sell, "10").id, OrdStatus::Filled).cumQty, Qty::of("10"));
        QVERIFY(desk.gateway->sessions()[0].nextTargetMsgSeqNum < 10);
    }

    void keepsCredentialsOutOfEveryFile() {
        auto c = test::testSimulatorConfig();
        c.password = "s3cr3t-Pa55";
        Fixture f(c, "Username=trader1\n");
        const auto order = f.desk->submit("AAPL", Side::Buy, "10");
        f.desk->waitForStatus(order.id, OrdStatus::Filled);
        f.desk->close();
        int files = 0;
        for (QDirIterator it(f.dir.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            ++files;
            QVERIFY2(!file.readAll().contains("s3cr3t-Pa55"), qPrintable(file.fileName()));
        }
        QVERIFY(files >= 4);  // database, log of messages, FIX store files
    }

    void refusesAWrongPassword() {
        auto c = test::testSimulatorConfig();
        c.password = "right";
        auto sim = Simulator::start(c);
        QVERIFY(sim.ok());
        QTemporaryDir dir;
        std::string settings = (*sim)->clientSettings();
        settings.replace(settings.find("Password=right"), 14, "Password=wrong");
        test::FixDesk desk(dir.path().toStdString(), settings, false);
        QTRY_VERIFY_WITH_TIMEOUT(desk.gateway->sessions()[0].state == FixSessionInfo::State::Error, 10000);
        const auto error = desk.gateway->sessions()[0].lastError;
        QVERIFY2(contains(error, "invalid username or password"), error.c_str());
        QVERIFY(!desk.gateway->waitForLogon(300ms));
    }

    void tradesOverTls() {
        auto c = test::testSimulatorConfig();
        c.tlsCertificate = OPENBLOTTER_TEST_DATA "/tls/server.pem";
        // The client checks the simulator's certificate against the test authority.
        Fixture f(c, "CertificationAuthoritiesFile=" OPENBLOTTER_TEST_DATA "/tls/ca.pem\nCertificateVerifyLevel=1\n");
        const auto order = f.desk->submit("AAPL", Side::Buy, "100");
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::Filled).cumQty, Qty::of("100"));
        MessageLog::Filter filter;
        QVERIFY(!f.desk->gateway->messageLog().query(filter).empty());

        // A client that speaks plain FIX gets nowhere with it (one desk per session at a time: QuickFIX's registry is global).
        f.desk->close();
        QTemporaryDir plainDir;
        std::string plain = f.sim->clientSettings();
        plain.replace(plain.find("SSLEnable=Y"), 11, "SSLEnable=N");
        test::FixDesk refused(plainDir.path().toStdString(), plain, false);
        QVERIFY(!refused.gateway->waitForLogon(2s));
    }

    void reportsSessionStateAndLogsMessages() {
        Fixture f(test::testSimulatorConfig());
        const auto order = f.desk->submit("AAPL", Side::Buy, "10");
        f.desk->waitForStatus(order.id, OrdStatus::Filled);
        const auto sessions = f.desk->gateway->sessions();
        QCOMPARE(sessions.size(), std::size_t(1));
        QCOMPARE(sessions[0].state, FixSessionInfo::State::LoggedOn);
        QCOMPARE(sessions[0].alias, std::string("SIM"));
        QVERIFY(sessions[0].nextSenderMsgSeqNum >= 3);
        QVERIFY(sessions[0].nextTargetMsgSeqNum >= 4);
        QCOMPARE(f.desk->gateway->resolve("SIM"), std::optional<std::string>(sessions[0].id));

        MessageLog::Filter filter;
        filter.msgType = "8";
        filter.direction = 1;
        const auto reports = f.desk->gateway->messageLog().query(filter);
        QCOMPARE(reports.size(), std::size_t(2));  // New and Trade
        bool sawStatus = false;
        for (const auto& field : FixDictionary::decode(reports.back().text))
            if (field.name == "OrdStatus") sawStatus = field.valueName == "Filled";
        QVERIFY(sawStatus);
        filter = {};
        filter.contains = "|11=" + order.clOrdId + "|";
        QCOMPARE(f.desk->gateway->messageLog().query(filter).size(), std::size_t(3));  // the order out, two reports in

        f.desk->gateway->disconnect(sessions[0].id);
        QTRY_COMPARE(f.desk->gateway->sessions()[0].state, FixSessionInfo::State::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestFixSession)
#include "tst_fixsession.moc"

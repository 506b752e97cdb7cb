#include "compliancedesk.h"
#include "fixdesk.h"
#include "waits.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <thread>

using namespace ob;
using namespace std::chrono_literals;

namespace {

const Actor kAdministrator{"admin1", Role::Administrator};
const std::string kIbmIsin = "US4592001014";

Instrument instrument(const std::string& symbol, std::string isin, std::string mic) {
    auto made = test::testInstrument(symbol, symbol + " common stock", "Technology", "100");
    made.isin = std::move(isin);
    made.mic = std::move(mic);
    return made;
}

/// IBM with its ISIN and MIC; AAPL with neither, as the demo's instruments are.
ReferenceData deskInstruments(std::string ibmIsin = kIbmIsin) {
    ReferenceData reference;
    reference.instruments = {instrument("IBM", std::move(ibmIsin), "XNYS"), instrument("AAPL", "", "")};
    return reference;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A field as it stands between SOHs in a message's text.
std::string field(int tag, const std::string& value) { return '\x01' + std::to_string(tag) + "=" + value + '\x01'; }

/// A simulator that keeps what it receives, trading IBM too, and a desk whose session BROKER sends the ISIN as
/// SecurityID and the MIC as ExDestination, with the desk's instruments set before any order.
struct Fixture {
    explicit Fixture(const std::string& beginString = "FIX.4.4") {
        auto config = test::testSimulatorConfig(beginString);
        config.instruments.push_back({"IBM", Price::of("140"), Price::of("0.01"), Qty::of("1")});
        config.keepReceived = true;
        auto started = Simulator::start(config);
        if (!started) qFatal("%s", started.error().c_str());
        sim = std::move(*started);
        desk = std::make_unique<test::FixDesk>(
            dir.path().toStdString(), sim->clientSettings() + "SessionAlias=BROKER\nSecurityIDSource=ISIN\nExDestination=MIC\n");
        setInstruments(deskInstruments());
    }
    void setInstruments(ReferenceData reference) {
        const auto set = desk->engine->setReference(std::move(reference), kAdministrator).get();
        if (!set) qFatal("%s", set.error().c_str());
    }
    /// The messages of `msgType` carrying `marker` (a field) that reached the simulator, as it read them off the wire.
    std::vector<std::string> received(const std::string& msgType, const std::string& marker) {
        std::vector<std::string> found;
        for (auto& text : sim->call([](SimulatedBroker& broker) { return broker.received(); }))
            if (contains(text, field(35, msgType)) && contains(text, marker)) found.push_back(std::move(text));
        return found;
    }
    /// The one message of `msgType` carrying `marker` that reached the simulator, once it has.
    std::string receivedOnce(const std::string& msgType, const std::string& marker) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        auto found = received(msgType, marker);
        while (found.empty() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
            found = received(msgType, marker);
        }
        if (found.size() != 1) return "the simulator received " + std::to_string(found.size()) + " such messages";
        return found.front();
    }

    QTemporaryDir dir;
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<test::FixDesk> desk;
};

const auto hasNoRequestPending = [](const OrderState& order) { return !order.pending; };

}  // namespace

/// SecurityIDSource and ExDestination of a session, over real loopback FIX sessions against the simulator: what
/// the broker reads off the wire, and what the desk refuses to send.
class TestIdentifiersOnWire final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void newOrderCarriesTheIsinAndMic_data() {
        QTest::addColumn<QString>("beginString");
        QTest::newRow("FIX.4.4") << "FIX.4.4";
        QTest::newRow("FIX.4.2") << "FIX.4.2";  // IDSource (22) there, with the same codes
    }
    void newOrderCarriesTheIsinAndMic() {
        QFETCH(QString, beginString);
        Fixture f(beginString.toStdString());
        const auto order = f.desk->submit("IBM", Side::Buy, "100");
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::Filled).cumQty, Qty::of("100"));
        const auto text = f.receivedOnce("D", field(11, order.clOrdId));
        QVERIFY2(contains(text, field(55, "IBM")), text.c_str());
        QVERIFY2(contains(text, field(48, kIbmIsin)), text.c_str());
        QVERIFY2(contains(text, field(22, "4")), text.c_str());
        QVERIFY2(contains(text, field(100, "XNYS")), text.c_str());
    }

    void refusesAnOrderWhoseInstrumentLacksTheIsin() {
        Fixture f;
        const auto order = f.desk->submit("AAPL", Side::Buy, "100");
        const auto rejected = f.desk->waitForStatus(order.id, OrdStatus::Rejected);
        QVERIFY2(contains(rejected.text, "AAPL has no ISIN, which session BROKER sends as SecurityID (SecurityIDSource=ISIN)"),
                 rejected.text.c_str());
        // It never left: neither the desk's log nor the broker has it.
        QVERIFY(f.desk->sent("D", order.clOrdId).empty());
        // An order after it reaches the broker; by then the refused one would have, had it left.
        const auto next = f.desk->submit("IBM", Side::Buy, "10");
        f.desk->waitForStatus(next.id, OrdStatus::Filled);
        QVERIFY2(contains(f.receivedOnce("D", field(11, next.clOrdId)), field(48, kIbmIsin)), "the next order left");
        QVERIFY(f.received("D", field(11, order.clOrdId)).empty());
        QCOMPARE(f.sim->call([](SimulatedBroker& broker) { return broker.orders(); }).size(), std::size_t(1));
    }

    void amendsAndCancelsCarryThemToo() {
        Fixture f;
        const auto order = f.desk->submit("IBM", Side::Buy, "100", OrdType::Limit, "95");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        auto terms = order.terms;
        terms.quantity = Qty::of("200");
        QVERIFY(f.desk->engine->replace(order.id, terms, test::trader()).get().isApplied());
        const auto replaced = f.desk->waitFor(
            order.id, [](const OrderState& state) { return !state.pending && state.terms.quantity == Qty::of("200"); },
            "replaced");
        const auto amend = f.receivedOnce("G", field(41, order.clOrdId));
        QVERIFY2(contains(amend, field(48, kIbmIsin)) && contains(amend, field(22, "4")), amend.c_str());
        QVERIFY2(contains(amend, field(100, "XNYS")), amend.c_str());

        QVERIFY(f.desk->engine->cancel(order.id, test::trader()).get().isApplied());
        f.desk->waitForStatus(order.id, OrdStatus::Canceled);
        const auto cancel = f.receivedOnce("F", field(41, replaced.clOrdId));
        QVERIFY2(contains(cancel, field(48, kIbmIsin)) && contains(cancel, field(22, "4")), cancel.c_str());
        // FIX has no ExDestination on an OrderCancelRequest.
        QVERIFY2(!contains(cancel,
                           "\x01"
                           "100="),
                 cancel.c_str());
    }

    void refusedAmendAndCancelLeaveTheOrderAsItWas() {
        Fixture f;
        const auto order = f.desk->submit("IBM", Side::Buy, "100", OrdType::Limit, "95");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        // The desk no longer has IBM's ISIN: what is asked of the order from now on cannot name it.
        f.setInstruments(deskInstruments(""));

        auto terms = order.terms;
        terms.quantity = Qty::of("200");
        QVERIFY(f.desk->engine->replace(order.id, terms, test::trader()).get().isApplied());
        auto after = f.desk->waitFor(order.id, hasNoRequestPending, "without a request pending");
        QCOMPARE(after.status(), OrdStatus::New);
        QCOMPARE(after.terms.quantity, Qty::of("100"));
        QVERIFY2(contains(after.text, "IBM has no ISIN, which session BROKER sends as SecurityID"), after.text.c_str());

        QVERIFY(f.desk->engine->cancel(order.id, test::trader()).get().isApplied());
        after = f.desk->waitFor(order.id, hasNoRequestPending, "without a request pending");
        QCOMPARE(after.status(), OrdStatus::New);
        QCOMPARE(after.leavesQty(), Qty::of("100"));

        const auto received = f.sim->call([](SimulatedBroker& broker) { return broker.received(); });
        for (const auto& text : received)
            QVERIFY2(!contains(text, field(35, "G")) && !contains(text, field(35, "F")), text.c_str());
        QCOMPARE(f.sim->call([](SimulatedBroker& broker) { return broker.orders(); }).front().status, OrdStatus::New);
    }

    void requestSentAfterARestartCarriesThem() {
        Fixture f;
        const auto session = f.desk->session();
        f.desk->close();
        OrderState neverSent;
        {
            // A desk that stops after its store committed the order and before its router handed it over.
            auto store = store::SqliteStore::open(f.dir.filePath(QStringLiteral("openblotter.db")).toStdString());
            QVERIFY(store.ok());
            OrderEngine engine(**store);
            QVERIFY(engine.start().ok());
            NewOrderRequest request{
                session, "GROWTH-PB", "IBM", Side::Buy, {Qty::of("50"), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
            const auto submitted = engine.submit(request, test::trader()).get();
            QVERIFY(submitted.ok());
            neverSent = *submitted;
            QVERIFY(engine.sync(10s));
            engine.stop();
        }
        // Sent at the logon after the restart, with the identifiers of the reference data the engine loaded.
        f.desk->open();
        QCOMPARE(f.desk->waitForStatus(neverSent.id, OrdStatus::Filled).cumQty, Qty::of("50"));
        const auto text = f.receivedOnce("D", field(11, neverSent.clOrdId));
        QVERIFY2(contains(text, field(97, "Y")), text.c_str());
        QVERIFY2(contains(text, field(48, kIbmIsin)) && contains(text, field(22, "4")), text.c_str());
        QVERIFY2(contains(text, field(100, "XNYS")), text.c_str());
    }

    void refusesSettingsItDoesNotKnowWhenTheDeskOpens_data() {
        QTest::addColumn<QString>("settings");
        QTest::addColumn<QString>("error");
        QTest::newRow("SecurityIDSource") << "SecurityIDSource=RIC\n"
                                          << "FIX session BROKER (FIX.4.4:OPENBLOTTER->SIM): SecurityIDSource 'RIC' is not "
                                             "ISIN, CUSIP or SEDOL";
        QTest::newRow("ExDestination") << "ExDestination=XNYS\n"
                                       << "FIX session BROKER (FIX.4.4:OPENBLOTTER->SIM): ExDestination 'XNYS' is not MIC";
    }
    void refusesSettingsItDoesNotKnowWhenTheDeskOpens() {
        QFETCH(QString, settings);
        QFETCH(QString, error);
        QTemporaryDir dir;
        auto store = store::SqliteStore::open(dir.filePath(QStringLiteral("openblotter.db")).toStdString());
        QVERIFY(store.ok());
        OrderEngine engine(**store);
        const std::string text =
            "[DEFAULT]\nConnectionType=initiator\nSocketConnectHost=127.0.0.1\nSocketConnectPort=1\n"
            "TargetCompID=SIM\nHeartBtInt=30\nStartTime=00:00:00\nEndTime=00:00:00\n\n[SESSION]\n"
            "BeginString=FIX.4.4\nSenderCompID=OPENBLOTTER\nSessionAlias=BROKER\n" +
            settings.toStdString();
        const auto gateway =
            FixGateway::create({text, dir.path().toStdString(), test::fixDictionaryDirectory(), nullptr, {}}, engine);
        QVERIFY(!gateway.ok());
        QVERIFY2(contains(gateway.error(), error.toStdString()), gateway.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestIdentifiersOnWire)
#include "tst_identifiersonwire.moc"

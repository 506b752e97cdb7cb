#include "fixdesk.h"
#include "waits.h"

#include "store/sqlite.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace ob;
using namespace std::chrono_literals;
using test::trader;

namespace {

/// A simulator and a desk connected to it in a temporary directory; the desk gives the sell side
/// `statusTimeout` seconds to answer a status request (StatusRequestTimeout).
struct Fixture {
    explicit Fixture(SimulatorConfig config = test::testSimulatorConfig(), int statusTimeout = 30) {
        auto started = Simulator::start(config);
        if (!started) qFatal("%s", started.error().c_str());
        sim = std::move(*started);
        desk = std::make_unique<test::FixDesk>(
            dir.path().toStdString(), sim->clientSettings() + "StatusRequestTimeout=" + std::to_string(statusTimeout) + "\n");
    }
    QTemporaryDir dir;
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<test::FixDesk> desk;

    /// Changes how the simulator answers from now on.
    void simAnswers(const std::function<void(SimulatorConfig&)>& change) {
        sim->call([&](SimulatedBroker& broker) { change(broker.config()); });
    }
    std::vector<SimOrderRecord> simOrders() {
        return sim->call([](SimulatedBroker& broker) { return broker.orders(); });
    }
    std::optional<SimOrderRecord> simOrder(const std::string& clOrdId) {
        for (auto& record : simOrders())
            if (record.clOrdId == clOrdId) return record;
        return std::nullopt;
    }
    void setPrice(const char* price) {
        sim->call([price](SimulatedBroker& broker) { broker.setPrice("AAPL", Price::of(price)); });
    }
    OrderState restingBuy(const char* qty, const char* limit) {
        return desk->submit("AAPL", Side::Buy, qty, OrdType::Limit, limit, TimeInForce::Day);
    }
    /// The order as the book holds it now, with its chain.
    Order order(OrderId id) { return desk->engine->order(id).get().value(); }
    std::vector<LoggedMessage> sent(const char* msgType, const std::string& clOrdId) { return desk->sent(msgType, clOrdId); }
    std::int64_t requestsNeverHandedOver() {
        auto db = sqlite::Database::open(dir.filePath(QStringLiteral("openblotter.db")).toStdString(),
                                         sqlite::Database::Mode::ReadOnly);
        return db.queryInt64("SELECT count(*) FROM order_cl_ord_ids WHERE sent_at IS NULL");
    }
    bool loggedOn() { return desk->gateway->sessions().front().state == FixSessionInfo::State::LoggedOn; }
    /// Logs the session out and on again: the next logon, without a restart.
    void reconnect() {
        desk->gateway->disconnect(desk->session());
        QTRY_VERIFY_WITH_TIMEOUT(!loggedOn(), 10000);
        desk->gateway->connect(desk->session());
        QVERIFY(desk->gateway->waitForLogon(15s));
    }
    std::vector<AuditRecord> auditOf(OrderId id) {
        test::awaitCommitted(*desk->engine);
        std::vector<AuditRecord> records;
        for (auto& record : desk->store->auditTrail(1000).value())
            if (record.subject == "order " + std::to_string(id)) records.push_back(std::move(record));
        std::reverse(records.begin(), records.end());  // oldest first
        return records;
    }
};

std::vector<std::string> actionsOf(const std::vector<AuditRecord>& records) {
    std::vector<std::string> actions;
    for (const auto& record : records) actions.push_back(record.action);
    return actions;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Each report the simulator sent about the order is in the store exactly once, and nothing else is.
void checkEachReportOnce(Fixture& f, OrderId id) {
    QVERIFY(f.desk->engine->sync(10s));
    std::multiset<std::string> stored;
    for (const auto& execution : f.desk->store->executionsOf(id).value()) stored.insert(execution.execId);
    const auto order = f.order(id);
    std::multiset<std::string> sent;
    for (const auto& execution : f.sim->call([](SimulatedBroker& broker) { return broker.executions(); }))
        if (execution.orderId == order.state.brokerOrderId) sent.insert(execution.execId);
    QVERIFY(!sent.empty());
    QCOMPARE(stored, sent);
}

const auto isUnconfirmed = [](const OrderState& order) { return order.unconfirmed; };
const auto hasNoRequestPending = [](const OrderState& order) { return !order.pending; };

}  // namespace

/// No order is left in doubt, over real FIX sessions against the simulator. What the store committed
/// and never handed to FIX is sent at the next logon; what was sent and never answered is asked about; what no
/// one confirms is unconfirmed until a person resolves it; a session that is down loses and doubles nothing.
class TestInDoubt final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sendsWhatNeverLeftAtTheNextLogon() {
        Fixture f;
        const auto resting = f.restingBuy("100", "95");
        f.desk->waitForStatus(resting.id, OrdStatus::New);
        const auto session = f.desk->session();
        f.desk->close();
        OrderId neverSent = 0;
        std::string cancelClOrdId;
        {
            // A desk that stops after its store committed the requests and before its router handed them over.
            auto store = store::SqliteStore::open(f.dir.filePath(QStringLiteral("openblotter.db")).toStdString());
            QVERIFY(store.ok());
            OrderEngine engine(**store);
            QVERIFY(engine.start().ok());
            QVERIFY(engine.cancel(resting.id, trader()).get().isApplied());
            NewOrderRequest request{
                session, "GROWTH-PB", "AAPL", Side::Buy, {Qty::of("50"), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
            const auto submitted = engine.submit(request, trader()).get();
            QVERIFY(submitted.ok());
            neverSent = submitted->id;
            cancelClOrdId = engine.order(resting.id).get()->state.pending->clOrdId;
            QVERIFY(engine.sync(10s));
            engine.stop();
        }
        QCOMPARE(f.requestsNeverHandedOver(), std::int64_t(2));  // the cancel and the new order

        f.desk->open();
        QCOMPARE(f.desk->waitForStatus(resting.id, OrdStatus::Canceled).cumQty, Qty{});
        const auto filled = f.desk->waitForStatus(neverSent, OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("50"));
        QCOMPARE(filled.avgPx(), Price::of("100"));
        // Sent once each, marked as possibly sent before (PossResend), and recorded as handed over.
        const auto newOrders = f.sent("D", filled.clOrdId);
        QCOMPARE(newOrders.size(), std::size_t(1));
        QVERIFY2(contains(newOrders.front().text,
                          "\x01"
                          "97=Y\x01"),
                 newOrders.front().text.c_str());
        const auto cancels = f.sent("F", cancelClOrdId);
        QCOMPARE(cancels.size(), std::size_t(1));
        QVERIFY2(contains(cancels.front().text,
                          "\x01"
                          "97=Y\x01"),
                 cancels.front().text.c_str());
        QCOMPARE(f.requestsNeverHandedOver(), std::int64_t(0));

        // The sell side took each once, and each of its reports is in the book once.
        QCOMPARE(f.simOrders().size(), std::size_t(2));
        QCOMPARE(f.simOrder(filled.clOrdId)->cumQty, Qty::of("50"));
        QCOMPARE(f.simOrder(resting.clOrdId)->status, OrdStatus::Canceled);
        checkEachReportOnce(f, resting.id);
        checkEachReportOnce(f, neverSent);

        // Handed over is handed over: the next start sends nothing again.
        f.desk->close();
        f.desk->open();
        QCOMPARE(f.sent("D", filled.clOrdId).size(), std::size_t(0));
        QCOMPARE(f.sent("F", cancelClOrdId).size(), std::size_t(0));
        QCOMPARE(f.desk->waitForStatus(neverSent, OrdStatus::Filled).cumQty, Qty::of("50"));
        QCOMPARE(f.simOrders().size(), std::size_t(2));
    }

    void recordsAtAStopWhatItHandedOver() {
        Fixture f;
        std::vector<OrderState> orders;
        for (int i = 0; i < 20; ++i) orders.push_back(f.restingBuy("100", "95"));
        // Stopped at once: the router hands over what the store committed, and the store records that it did.
        f.desk->close();
        QCOMPARE(f.requestsNeverHandedOver(), std::int64_t(0));
        f.desk->open();
        for (const auto& order : orders) {
            f.desk->waitForStatus(order.id, OrdStatus::New);
            QVERIFY(f.sent("D", order.clOrdId).empty());
        }
        QCOMPARE(f.simOrders().size(), std::size_t(20));
    }

    void sendsAgainWhatLeftUnrecordedAndTheBrokerTakesItOnce() {
        Fixture f;
        f.simAnswers([](SimulatorConfig& c) { c.silent = true; });
        // A desk that dies after handing the order to FIX and before recording that it did.
        f.desk->close();
        f.desk->router = [](FixGateway& gateway, const OutboundRequest& request) {
            gateway.route(request);
            return false;
        };
        f.desk->open();
        const auto order = f.restingBuy("100", "95");
        QTRY_COMPARE_WITH_TIMEOUT(f.simOrders().size(), std::size_t(1), 10000);
        f.desk->close();
        QCOMPARE(f.requestsNeverHandedOver(), std::int64_t(1));

        f.simAnswers([](SimulatorConfig& c) { c.silent = false; });
        f.desk->router = [](FixGateway& gateway, const OutboundRequest& request) { return gateway.route(request); };
        f.desk->open();
        // Sent again with PossResend; the sell side, which has it, answers with its status (F.1.b).
        QCOMPARE(f.desk->waitForStatus(order.id, OrdStatus::New).cumQty, Qty{});
        const auto resent = f.sent("D", order.clOrdId);
        QCOMPARE(resent.size(), std::size_t(1));
        QVERIFY(contains(resent.front().text,
                         "\x01"
                         "97=Y\x01"));
        f.setPrice("94");
        const auto filled = f.desk->waitForStatus(order.id, OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("100"));
        QCOMPARE(filled.avgPx(), Price::of("94"));
        QCOMPARE(f.simOrders().size(), std::size_t(1));
        QCOMPARE(f.simOrders().front().cumQty, Qty::of("100"));
        checkEachReportOnce(f, order.id);
        QVERIFY(f.desk->alerts().empty());
    }

    void asksAboutWhatWasNotAnswered_data() {
        QTest::addColumn<bool>("restart");
        QTest::newRow("at the next start") << true;
        QTest::newRow("at the next logon") << false;
    }
    void asksAboutWhatWasNotAnswered() {
        QFETCH(bool, restart);
        Fixture f;
        const auto toCancel = f.restingBuy("100", "93");
        const auto toAmend = f.restingBuy("100", "94");
        f.desk->waitForStatus(toCancel.id, OrdStatus::New);
        f.desk->waitForStatus(toAmend.id, OrdStatus::New);
        // The sell side acts on what follows, and its answers are lost.
        f.simAnswers([](SimulatorConfig& c) { c.silent = true; });
        const auto unacknowledged = f.restingBuy("100", "95");
        QVERIFY(f.desk->engine->cancel(toCancel.id, trader()).get().isApplied());
        auto amended = toAmend.terms;
        amended.quantity = Qty::of("150");
        QVERIFY(f.desk->engine->replace(toAmend.id, amended, trader()).get().isApplied());
        QTRY_VERIFY_WITH_TIMEOUT(f.simOrder(toCancel.clOrdId)->status == OrdStatus::Canceled &&
                                     f.simOrder(toAmend.clOrdId)->quantity == Qty::of("150") &&
                                     f.simOrder(unacknowledged.clOrdId).has_value(),
                                 10000);
        const auto cancelClOrdId = f.order(toCancel.id).state.pending->clOrdId;
        const auto replaceClOrdId = f.order(toAmend.id).state.pending->clOrdId;
        QCOMPARE(f.order(unacknowledged.id).state.status(), OrdStatus::PendingNew);
        f.simAnswers([](SimulatorConfig& c) { c.silent = false; });

        if (restart) {
            f.desk->close();
            f.desk->open();
        } else {
            f.reconnect();
        }
        // Asked about by the ClOrdID of the request not answered; the answers settle each order.
        QCOMPARE(f.desk->waitForStatus(unacknowledged.id, OrdStatus::New).cumQty, Qty{});
        QCOMPARE(f.desk->waitForStatus(toCancel.id, OrdStatus::Canceled).leavesQty(), Qty{});
        const auto replaced = f.desk->waitFor(toAmend.id, hasNoRequestPending, "answered");
        QCOMPARE(replaced.status(), OrdStatus::New);
        QCOMPARE(replaced.terms.quantity, Qty::of("150"));
        QCOMPARE(replaced.clOrdId, replaceClOrdId);
        for (const auto& asked : {unacknowledged.clOrdId, cancelClOrdId, replaceClOrdId})
            QVERIFY2(f.sent("H", asked).size() == 1, asked.c_str());
        QVERIFY(f.sent("H", toAmend.clOrdId).empty());

        // Every order ends, with each fill once.
        f.setPrice("93.5");
        QCOMPARE(f.desk->waitForStatus(unacknowledged.id, OrdStatus::Filled).cumQty, Qty::of("100"));
        QCOMPARE(f.desk->waitForStatus(toAmend.id, OrdStatus::Filled).cumQty, Qty::of("150"));
        for (const auto id : {unacknowledged.id, toCancel.id, toAmend.id}) checkEachReportOnce(f, id);
        QCOMPARE(f.simOrders().size(), std::size_t(3));
        QVERIFY(f.desk->alerts().empty());
    }

    void leavesWhatNoOneConfirmsUnconfirmed_data() {
        QTest::addColumn<bool>("brokerHasTheOrder");
        QTest::addColumn<int>("statusAnswer");
        QTest::addColumn<QString>("why");
        QTest::addColumn<int>("resolution");
        QTest::addColumn<int>("ends");
        using Answer = SimulatorConfig::StatusAnswer;
        QTest::newRow("unknown to the broker, marked rejected")
            << false << int(Answer::Report) << "the sell side does not confirm the order: unknown order"
            << int(Resolution::MarkRejected) << int(OrdStatus::Rejected);
        QTest::newRow("unknown to the broker, which refuses the cancel")
            << false << int(Answer::Report) << "the sell side does not confirm the order: unknown order"
            << int(Resolution::Cancel) << int(OrdStatus::Rejected);
        QTest::newRow("no answer in time, cancelled")
            << true << int(Answer::Ignore) << "the broker did not answer a status request about it in time"
            << int(Resolution::Cancel) << int(OrdStatus::Canceled);
        QTest::newRow("no answer in time, marked rejected")
            << false << int(Answer::Ignore) << "the broker did not answer a status request about it in time"
            << int(Resolution::MarkRejected) << int(OrdStatus::Rejected);
        QTest::newRow("status request refused by a business reject, cancelled")
            << true << int(Answer::BusinessReject)
            << "the broker refused a status request about it: business reject: ApplicationNotAvailable: status requests are "
               "not answered on this session"
            << int(Resolution::Cancel) << int(OrdStatus::Canceled);
        QTest::newRow("status request refused by a session reject, marked rejected")
            << false << int(Answer::SessionReject)
            << "the broker refused a status request about it: session-level reject: Other: status requests are not answered "
               "on this session"
            << int(Resolution::MarkRejected) << int(OrdStatus::Rejected);
    }
    void leavesWhatNoOneConfirmsUnconfirmed() {
        QFETCH(bool, brokerHasTheOrder);
        QFETCH(int, statusAnswer);
        QFETCH(QString, why);
        QFETCH(int, resolution);
        QFETCH(int, ends);
        auto config = test::testSimulatorConfig();
        // The order reaches a sell side that never answers it, or never reaches it at all.
        config.silent = true;
        if (!brokerHasTheOrder) config.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Ignore;
        config.statusAnswer = SimulatorConfig::StatusAnswer(statusAnswer);
        Fixture f(config, 1);
        const auto order = f.restingBuy("100", "95");
        const auto sent = f.sent("D", order.clOrdId);
        QCOMPARE(sent.size(), std::size_t(1));
        test::awaitReceived(*f.sim, sent.front());
        QCOMPARE(f.simOrder(order.clOrdId).has_value(), brokerHasTheOrder);
        f.desk->close();
        f.simAnswers([](SimulatorConfig& c) {
            c.silent = false;
            c.newOrderAnswer = SimulatorConfig::NewOrderAnswer::Execute;
        });

        f.desk->open();
        const auto unconfirmed = f.desk->waitFor(order.id, isUnconfirmed, "unconfirmed");
        QCOMPARE(f.sent("H", order.clOrdId).size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(unconfirmed.text), why);
        QCOMPARE(unconfirmed.statusName(), std::string_view("Unconfirmed"));
        QCOMPARE(unconfirmed.status(), OrdStatus::PendingNew);  // the book keeps what it knew
        const auto alerts = f.desk->alerts();
        QCOMPARE(alerts.size(), std::size_t(1));
        QCOMPARE(alerts.front().orderId, order.id);
        QCOMPARE(alerts.front().severity, EngineAlert::Severity::Error);
        QVERIFY2(contains(alerts.front().message, "order " + std::to_string(order.id) + " is unconfirmed: " + why.toStdString()),
                 alerts.front().message.c_str());
        QCOMPARE(actionsOf(f.auditOf(order.id)), (std::vector<std::string>{"order.submit", "order.unconfirmed"}));

        const auto how = Resolution(resolution);
        const auto resolved = f.desk->engine->resolveUnconfirmed(order.id, how, trader()).get();
        QVERIFY2(resolved.isApplied(), resolved.detail.c_str());
        std::vector<std::string> audited{"order.submit", "order.unconfirmed"};
        if (how == Resolution::Cancel && !brokerHasTheOrder) {
            // The broker refuses to cancel what it does not know: the order stays unconfirmed, and the trader
            // then marks it rejected.
            const auto refused = f.desk->waitFor(order.id, hasNoRequestPending, "answered");
            QVERIFY(refused.unconfirmed);
            QVERIFY2(contains(refused.text, "unknown order"), refused.text.c_str());
            QVERIFY(f.desk->engine->resolveUnconfirmed(order.id, Resolution::MarkRejected, trader()).get().isApplied());
            audited.push_back("order.unconfirmed.cancel");
        }
        audited.push_back(how == Resolution::Cancel && brokerHasTheOrder ? "order.unconfirmed.cancel"
                                                                         : "order.unconfirmed.mark-rejected");
        const auto ended = f.desk->waitForStatus(order.id, OrdStatus(ends));
        QVERIFY(!ended.unconfirmed);
        QCOMPARE(ended.statusName(), nameOf(OrdStatus(ends)));
        const auto audit = f.auditOf(order.id);
        QCOMPARE(actionsOf(audit), audited);
        QCOMPARE(audit.back().user, std::string("trader1"));
        QCOMPARE(audit[1].user, std::string("system"));
        QCOMPARE(audit[1].details, why.toStdString());
        if (brokerHasTheOrder) {
            QCOMPARE(f.simOrder(order.clOrdId)->status, OrdStatus::Canceled);
            checkEachReportOnce(f, order.id);
        } else {
            QVERIFY(!f.simOrder(order.clOrdId).has_value());
        }

        // The resolution stands after a restart, and nobody is asked again.
        f.desk->close();
        f.desk->open();
        const auto restarted = f.order(order.id).state;
        QCOMPARE(restarted.status(), OrdStatus(ends));
        QVERIFY(!restarted.unconfirmed);
        QVERIFY(f.sent("H", order.clOrdId).empty());
        QVERIFY(f.desk->engine->snapshot().get().awaitingStatus.empty());
        QCOMPARE(actionsOf(f.auditOf(order.id)), audited);
    }

    void cancelsAnOrderWhoseReplaceNoOneConfirmed() {
        auto config = test::testSimulatorConfig();
        config.statusAnswer = SimulatorConfig::StatusAnswer::Ignore;
        Fixture f(config, 1);
        const auto order = f.restingBuy("100", "95");
        f.desk->waitForStatus(order.id, OrdStatus::New);
        // The broker does the replace and its answer is lost; it answers no status request about it.
        f.simAnswers([](SimulatorConfig& c) { c.silent = true; });
        auto amended = order.terms;
        amended.quantity = Qty::of("150");
        QVERIFY(f.desk->engine->replace(order.id, amended, trader()).get().isApplied());
        QTRY_COMPARE_WITH_TIMEOUT(f.simOrder(order.clOrdId)->quantity, Qty::of("150"), 10000);
        f.simAnswers([](SimulatorConfig& c) { c.silent = false; });
        f.reconnect();
        const auto unconfirmed = f.desk->waitFor(order.id, isUnconfirmed, "unconfirmed");
        QCOMPARE(unconfirmed.status(), OrdStatus::PendingReplace);

        // Cancelled at the broker, which holds the replace's terms: its answer is taken as it is.
        QVERIFY(f.desk->engine->resolveUnconfirmed(order.id, Resolution::Cancel, trader()).get().isApplied());
        const auto canceled = f.desk->waitForStatus(order.id, OrdStatus::Canceled);
        QVERIFY(!canceled.unconfirmed);
        QCOMPARE(canceled.leavesQty(), Qty{});
        QCOMPARE(f.simOrder(order.clOrdId)->status, OrdStatus::Canceled);
        checkEachReportOnce(f, order.id);
        QVERIFY(f.desk->store->quarantine(false).value().empty());
        QCOMPARE(f.desk->alerts().size(), std::size_t(1));  // the order was unconfirmed, and nothing else
        QCOMPARE(actionsOf(f.auditOf(order.id)),
                 (std::vector<std::string>{"order.submit", "order.amend", "order.unconfirmed", "order.unconfirmed.cancel"}));
    }

    void neitherLosesNorDoublesWhileTheSessionIsDown() {
        Fixture f;
        const auto toCancel = f.restingBuy("100", "95");
        const auto toAmend = f.restingBuy("100", "96");
        const auto fillsWhileDown = f.restingBuy("100", "97");
        for (const auto& order : {toCancel, toAmend, fillsWhileDown}) f.desk->waitForStatus(order.id, OrdStatus::New);

        f.sim->goOffline();
        QTRY_VERIFY_WITH_TIMEOUT(!f.loggedOn(), 10000);
        // A new order is refused with the reason: it never reached the broker and never will.
        const auto refused = f.restingBuy("100", "98");
        const auto rejected = f.desk->waitForStatus(refused.id, OrdStatus::Rejected);
        const std::string notSent = "not sent: session FIX.4.4:OPENBLOTTER->SIM is not logged on";
        QCOMPARE(rejected.text, notSent);
        // A cancel and an amend are refused the same way; the orders stand as they were.
        QVERIFY(f.desk->engine->cancel(toCancel.id, trader()).get().isApplied());
        auto amended = toAmend.terms;
        amended.quantity = Qty::of("150");
        QVERIFY(f.desk->engine->replace(toAmend.id, amended, trader()).get().isApplied());
        const auto notCanceled = f.desk->waitFor(toCancel.id, hasNoRequestPending, "answered");
        QCOMPARE(notCanceled.status(), OrdStatus::New);
        QCOMPARE(notCanceled.text, "cancel " + f.order(toCancel.id).chain.back().clOrdId + " rejected: " + notSent);
        const auto notAmended = f.desk->waitFor(toAmend.id, hasNoRequestPending, "answered");
        QCOMPARE(notAmended.status(), OrdStatus::New);
        QCOMPARE(notAmended.terms.quantity, Qty::of("100"));
        // Meanwhile the broker fills a resting order.
        f.setPrice("96.5");
        QTRY_COMPARE_WITH_TIMEOUT(f.simOrder(fillsWhileDown.clOrdId)->status, OrdStatus::Filled, 10000);

        QVERIFY(f.sim->goOnline().ok());
        QVERIFY(f.desk->gateway->waitForLogon(15s));
        const auto filled = f.desk->waitForStatus(fillsWhileDown.id, OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("100"));
        QCOMPARE(filled.avgPx(), Price::of("96.5"));
        // Nothing entered while down was sent later; what was refused can be asked again now.
        QVERIFY(f.desk->engine->cancel(toCancel.id, trader()).get().isApplied());
        QVERIFY(f.desk->engine->replace(toAmend.id, amended, trader()).get().isApplied());
        QCOMPARE(f.desk->waitForStatus(toCancel.id, OrdStatus::Canceled).cumQty, Qty{});
        QCOMPARE(f.desk->waitFor(toAmend.id, hasNoRequestPending, "answered").terms.quantity, Qty::of("150"));
        f.setPrice("95.5");
        QCOMPARE(f.desk->waitForStatus(toAmend.id, OrdStatus::Filled).cumQty, Qty::of("150"));
        QCOMPARE(f.order(refused.id).state.status(), OrdStatus::Rejected);
        QCOMPARE(f.simOrders().size(), std::size_t(3));
        QVERIFY(!f.simOrder(refused.clOrdId).has_value());
        for (const auto& order : {toCancel, toAmend, fillsWhileDown}) checkEachReportOnce(f, order.id);
        QVERIFY(f.desk->alerts().empty());
    }
};

QTEST_GUILESS_MAIN(TestInDoubt)
#include "tst_indoubt.moc"

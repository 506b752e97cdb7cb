#include "decimalprint.h"
#include "fix/fixmessage.h"
#include "fixdesk.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

using namespace ob;
using namespace std::chrono_literals;

namespace {

/// A sell side whose every answer is a message written by hand: a FIX acceptor on loopback that keeps what the
/// desk sends it. It shares no code with the desk's translation, so the desk's mistakes are not mirrored here.
class ScriptedBroker final : private fixengine::Listener {
public:
    explicit ScriptedBroker(std::string beginString) : beginString_(std::move(beginString)) {
        fixengine::EngineOptions options;
        options.settingsText =
            "[DEFAULT]\nConnectionType=acceptor\nSocketAcceptAddress=127.0.0.1\nSocketAcceptPort=0\nSenderCompID=BROKER\n"
            "HeartBtInt=30\n\n[SESSION]\nBeginString=" +
            beginString_ + "\nTargetCompID=DESK\n";
        options.dictionaryDirectory = test::fixDictionaryDirectory();
        std::string error;
        acceptor_ = fixengine::createAcceptor(options, *this, error);
        if (!acceptor_ || !acceptor_->start(error)) qFatal("the scripted broker cannot listen: %s", error.c_str());
    }
    ~ScriptedBroker() override { acceptor_->stop(true); }

    std::string deskSettings() const {
        return "[DEFAULT]\nConnectionType=initiator\nSocketConnectHost=127.0.0.1\nSocketConnectPort=" +
               std::to_string(acceptor_->port()) +
               "\nHeartBtInt=30\nReconnectInterval=1\n\n[SESSION]\nBeginString=" + beginString_ +
               "\nSenderCompID=DESK\nTargetCompID=BROKER\n";
    }

    /// Sends a body ("35=8|...|", '|' for SOH) under the session's header; returns the MsgSeqNum it went out
    /// with, or 0 when it could not be sent.
    int send(const std::string& body) {
        std::string error;
        if (!acceptor_->sendRaw(acceptor_->sessions().front(), test::fixMessage(beginString_, "BROKER", "DESK", 1, body), false,
                                error)) {
            qWarning("the scripted broker could not send: %s", error.c_str());
            return 0;
        }
        std::lock_guard lock(mutex_);  // the session logs what it sends before send returns
        return lastSent_;
    }

    /// The desk's next application message; nothing when none comes in time.
    std::optional<FixMessage> nextFromDesk(std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        if (!arrived_.wait_for(lock, timeout, [&] { return !fromDesk_.empty(); })) return std::nullopt;
        auto text = std::move(fromDesk_.front());
        fromDesk_.pop_front();
        return FixMessage::parse(std::move(text)).value();
    }

    /// The BeginSeqNo of each ResendRequest the desk sent.
    std::vector<int> resendsFrom() const {
        std::lock_guard lock(mutex_);
        return resendsFrom_;
    }

private:
    void onApplicationMessage(const std::string&, const std::string& text, int, bool) override {
        {
            std::lock_guard lock(mutex_);
            fromDesk_.push_back(text);
        }
        arrived_.notify_all();
    }
    void onRawMessage(const std::string&, fixengine::Direction direction, const std::string& text) override {
        const auto message = FixMessage::parse(text);
        if (!message) return;
        std::lock_guard lock(mutex_);
        if (direction == fixengine::Direction::Incoming && message->msgType() == "2")
            resendsFrom_.push_back(std::atoi(message->getOr(7).c_str()));
        if (direction == fixengine::Direction::Outgoing && message->msgType() == "8") lastSent_ = message->msgSeqNum();
    }
    void onApplicationSent(const std::string&, const std::string&, int) override {}
    void onRejectedMessage(const std::string&, const std::string&, const std::string&) override {}
    void onLogon(const std::string&) override {}
    void onLogout(const std::string&) override {}
    void onEvent(const std::string&, const std::string&) override {}

    std::string beginString_;
    std::unique_ptr<fixengine::Acceptor> acceptor_;
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<std::string> fromDesk_;
    int lastSent_ = 0;
    std::vector<int> resendsFrom_;
};

/// One message as a FIX 4.4 and as a FIX 4.2 sell side writes it; {ClOrdID} stands for the desk's ClOrdID.
struct HandWritten {
    const char* fix44;
    const char* fix42;
};

// The desk buys 1000 AAPL at a limit of 101.5; the broker acknowledges it and fills 300 at 101.25, then 200 at 101.5.
const HandWritten kNew{
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-1|150=0|39=0|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|151=1000|14=0|6=0|"
    "60=20261129-14:30:00.120|",
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-1|20=0|150=0|39=0|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|151=1000|14=0|6=0|"
    "60=20261129-14:30:00|"};
const HandWritten kFirstFill{
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-2|150=F|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=300|31=101.25|151=700|14=300|"
    "6=101.25|60=20261129-14:30:01.250|",
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-2|20=0|150=1|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=300|31=101.25|151=700|"
    "14=300|6=101.25|60=20261129-14:30:01|"};
const HandWritten kSecondFill{
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-3|150=F|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=200|31=101.5|151=500|14=500|"
    "6=101.35|60=20261129-14:30:02.500|",
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-3|20=0|150=1|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=200|31=101.5|151=500|"
    "14=500|6=101.35|60=20261129-14:30:02|"};
// The broker's real last fill: 500 at 101.5 fills the order.
const HandWritten kLastFill{
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-10|150=F|39=2|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=500|31=101.5|151=0|14=1000|"
    "6=101.425|60=20261129-14:35:00.000|",
    "35=8|37=BRK-1|11={ClOrdID}|17=EX-10|20=0|150=2|39=2|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=500|31=101.5|151=0|"
    "14=1000|6=101.425|60=20261129-14:35:00|"};

/// A report that contradicts the order after the two fills (finding 5 of "The book of record"), and what the
/// refusal says. Each would otherwise be a fill of 100 at 101.05 taking the order to 600 filled.
struct Contradiction {
    const char* name;
    HandWritten report;
    const char* reason;
};

const Contradiction kContradictions[] = {
    {"another Symbol",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-4|150=F|39=1|55=MSFT|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-4|20=0|150=1|39=1|55=MSFT|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|"
      "14=600|6=101.3|60=20261129-14:31:00|"},
     "Symbol (55) 'MSFT' is not the order's 'AAPL'"},
    {"another Side",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-5|150=F|39=1|55=AAPL|54=2|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-5|20=0|150=1|39=1|55=AAPL|54=2|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|"
      "14=600|6=101.3|60=20261129-14:31:00|"},
     "Side (54) Sell is not the order's Buy"},
    {"a changed OrderQty",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-6|150=F|39=1|55=AAPL|54=1|38=2000|40=2|44=101.5|59=0|32=100|31=101.05|151=1400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-6|20=0|150=1|39=1|55=AAPL|54=1|38=2000|40=2|44=101.5|59=0|32=100|31=101.05|151=1400|"
      "14=600|6=101.3|60=20261129-14:31:00|"},
     "OrderQty (38) 2000 is not the order's 1000"},
    {"a negative LastPx",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-7|150=F|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=-101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-7|20=0|150=1|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=-101.05|151=400|"
      "14=600|6=101.3|60=20261129-14:31:00|"},
     "LastPx (31) -101.05 is not a positive price"},
    {"no OrdStatus",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-8|150=F|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-8|20=0|150=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00|"},
     "OrdStatus (39) is missing"},
    {"Filled with shares still open",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-9|150=F|39=2|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-9|20=0|150=2|39=2|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|"
      "14=600|6=101.3|60=20261129-14:31:00|"},
     "OrdStatus (39) Filled contradicts the order, which would be PartiallyFilled"},
    {"an ExecID reused with other content",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-2|150=F|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|14=600|"
      "6=101.3|60=20261129-14:31:00.000|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-2|20=0|150=1|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=100|31=101.05|151=400|"
      "14=600|6=101.3|60=20261129-14:31:00|"},
     "ExecID EX-2 was already applied to this order as Trade of 300 at 101.25; this report reuses it for Trade of 100 at "
     "101.05"},
    {"the second fill resent under a new ExecID",
     {"35=8|37=BRK-1|11={ClOrdID}|17=EX-3R|150=F|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=200|31=101.5|151=500|14=500|"
      "6=101.35|60=20261129-14:30:02.500|",
      "35=8|37=BRK-1|11={ClOrdID}|17=EX-3R|20=0|150=1|39=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|32=200|31=101.5|151=500|"
      "14=500|6=101.35|60=20261129-14:30:02|"},
     "CumQty (14) 500 does not follow from the book: the order had 500 filled and this fill adds 200, so CumQty must be 700"},
};

const char* textOf(const HandWritten& message, std::string_view beginString) {
    return beginString == "FIX.4.2" ? message.fix42 : message.fix44;
}

FixMessage parsedBody(std::string body) {
    std::replace(body.begin(), body.end(), '|', '\x01');
    return FixMessage::parse(std::move(body)).value();
}

/// The fields of `body` that `message` does not carry with the same value, as "tag=value" text.
std::string missingFields(const FixMessage& message, const std::string& body) {
    std::string missing;
    const auto expected = parsedBody(body);
    for (const auto& field : expected.fields())
        if (message.get(field.tag) != field.value) missing += std::to_string(field.tag) + "=" + std::string(field.value) + "|";
    return missing;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void versions() {
    QTest::addColumn<QString>("beginString");
    QTest::newRow("FIX.4.4") << "FIX.4.4";
    QTest::newRow("FIX.4.2") << "FIX.4.2";
}

/// A scripted broker and a desk connected to it, in a temporary directory, with one order.
struct Fixture {
    explicit Fixture(const QString& version) : beginString(version.toStdString()), broker(beginString) {}

    QTemporaryDir dir;
    std::string beginString;
    ScriptedBroker broker;
    test::FixDesk desk{dir.path().toStdString(), broker.deskSettings()};
    OrderState order;

    /// The message's text for this session and order.
    std::string body(std::string text) const {
        text.replace(text.find("{ClOrdID}"), 9, order.clOrdId);
        return text;
    }
    int send(const HandWritten& message) { return broker.send(body(textOf(message, beginString))); }

    OrderState current() {
        desk.engine->sync(10s);
        const auto snapshot = desk.engine->snapshot().get();
        const auto* found = desk.find(snapshot, order.id);
        return found ? *found : OrderState{};
    }

    /// The order's executions in the store: ExecID, ExecType, and a fill's quantity and price.
    std::string storedExecutions() {
        desk.engine->sync(10s);
        std::string text;
        for (const auto& e : desk.store->executionsOf(order.id).value()) {
            text += e.execId + " " + std::string(nameOf(e.execType));
            if (e.execType == ExecType::Trade) text += " " + e.lastQty.toString() + " at " + e.lastPx.toString();
            text += "; ";
        }
        return text;
    }

    std::vector<QuarantinedMessage> quarantine() {
        desk.engine->sync(10s);
        return desk.store->quarantine(true).value();
    }

    /// The last inbound MsgSeqNum the store holds for the session (fix_sessions).
    std::int64_t lastAppliedInbound() {
        desk.engine->sync(10s);
        const auto progress = desk.store->loadActive("99991231").value().inboundProgress;
        const auto it = progress.find(desk.session());
        return it == progress.end() ? 0 : it->second.lastApplied;
    }

    /// The desk sends a limit order to buy 1000 AAPL at 101.5; the broker acknowledges it and fills 500 in two parts.
    void openOrderWithTwoFills() {
        order = desk.submit("AAPL", Side::Buy, "1000", OrdType::Limit, "101.5");
        const auto sent = broker.nextFromDesk();
        QVERIFY2(sent, "the desk sent no order");
        QCOMPARE(std::string(sent->msgType()), std::string("D"));
        QCOMPARE(missingFields(*sent, "11=" + order.clOrdId + "|1=GROWTH-PB|21=1|55=AAPL|54=1|38=1000|40=2|44=101.5|59=0|"),
                 std::string());
        QVERIFY(sent->get(60));

        QVERIFY(send(kNew) > 0);
        const auto acknowledged = desk.waitForStatus(order.id, OrdStatus::New);
        QCOMPARE(acknowledged.status(), OrdStatus::New);
        QCOMPARE(acknowledged.brokerOrderId, std::string("BRK-1"));

        QVERIFY(send(kFirstFill) > 0);
        QVERIFY(send(kSecondFill) > 0);
        order = desk.waitFor(order.id, [](const OrderState& o) { return o.cumQty == Qty::of("500"); }, "500 filled");
        QCOMPARE(order.status(), OrdStatus::PartiallyFilled);
        QCOMPARE(order.cumQty, Qty::of("500"));
        QCOMPARE(order.leavesQty(), Qty::of("500"));
        QCOMPARE(order.avgPx(), Price::of("101.35"));  // (300 × 101.25 + 200 × 101.5) / 500
        QCOMPARE(storedExecutions(), std::string("EX-1 New; EX-2 Trade 300 at 101.25; EX-3 Trade 200 at 101.5; "));
        QVERIFY(quarantine().empty());
    }
};

}  // namespace

/// The desk against a sell side written by hand, over real loopback FIX 4.4 and 4.2 sessions: reports that
/// contradict the order are refused, kept and alerted, and stay refused across a restart.
class TestHandwrittenFix final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesAReportThatContradictsTheOrder_data() {
        QTest::addColumn<QString>("beginString");
        QTest::addColumn<QString>("report");
        QTest::addColumn<QString>("reason");
        for (const char* version : {"FIX.4.4", "FIX.4.2"})
            for (const auto& contradiction : kContradictions)
                QTest::addRow("%s, %s", version, contradiction.name)
                    << version << textOf(contradiction.report, version) << contradiction.reason;
    }
    void refusesAReportThatContradictsTheOrder() {
        QFETCH(QString, beginString);
        QFETCH(QString, report);
        QFETCH(QString, reason);
        Fixture f(beginString);
        f.openOrderWithTwoFills();
        if (QTest::currentTestFailed()) return;
        const auto before = f.current();
        const auto alertsBefore = f.desk.alerts().size();

        const auto body = f.body(report.toStdString());
        const int refused = f.broker.send(body);
        QVERIFY(refused > 0);
        QTRY_COMPARE_WITH_TIMEOUT(f.quarantine().size(), std::size_t(1), 10000);

        // Kept whole, with its MsgSeqNum and a reason that names the field.
        const auto kept = f.quarantine().front();
        QCOMPARE(kept.msgSeqNum, std::int64_t(refused));
        QVERIFY2(contains(kept.reason, reason.toStdString()), kept.reason.c_str());
        const auto keptMessage = FixMessage::parse(kept.text);
        QVERIFY2(keptMessage.ok(), kept.text.c_str());
        QCOMPARE(missingFields(*keptMessage, body), std::string());
        // The trader is told.
        const auto alerts = f.desk.alerts();
        QCOMPARE(alerts.size(), alertsBefore + 1);
        QVERIFY2(contains(alerts.back().message, reason.toStdString()), alerts.back().message.c_str());
        // The order is as it was, in the book and in the store, and the message counts as dealt with.
        const auto after = f.current();
        QVERIFY2(after == before, ("the order changed: " + std::string(nameOf(after.status())) + ", CumQty " +
                                   after.cumQty.toString() + ", OrderQty " + after.terms.quantity.toString())
                                      .c_str());
        QCOMPARE(f.storedExecutions(), std::string("EX-1 New; EX-2 Trade 300 at 101.25; EX-3 Trade 200 at 101.5; "));
        QCOMPARE(f.lastAppliedInbound(), std::int64_t(refused));

        // After a restart the desk resumes after the refused message: no resend brings it back.
        f.desk.close();
        f.desk.open();
        const auto reopened = f.current();
        QCOMPARE(reopened.status(), OrdStatus::PartiallyFilled);
        QCOMPARE(reopened.cumQty, Qty::of("500"));
        QCOMPARE(reopened.avgPx(), Price::of("101.35"));

        // The broker's real last fill fills the order, once.
        const int last = f.send(kLastFill);
        QVERIFY(last > 0);
        const auto filled = f.desk.waitForStatus(f.order.id, OrdStatus::Filled);
        QCOMPARE(filled.status(), OrdStatus::Filled);
        QCOMPARE(filled.cumQty, Qty::of("1000"));
        QCOMPARE(filled.leavesQty(), Qty{});
        QCOMPARE(filled.avgPx(), Price::of("101.425"));  // (300 × 101.25 + 200 × 101.5 + 500 × 101.5) / 1000
        QCOMPARE(f.storedExecutions(),
                 std::string("EX-1 New; EX-2 Trade 300 at 101.25; EX-3 Trade 200 at 101.5; EX-10 Trade 500 at 101.5; "));
        QCOMPARE(f.lastAppliedInbound(), std::int64_t(last));
        QCOMPARE(f.quarantine().size(), std::size_t(1));
        // The desk records only application messages: it may ask again for the session's own messages after
        // the refused one (the Logout at the restart), never for the refused message itself.
        for (const int from : f.broker.resendsFrom()) QVERIFY2(from > refused, std::to_string(from).c_str());
    }

    void appliesARepeatedFillOnce_data() { versions(); }
    void appliesARepeatedFillOnce() {
        // The same fill sent again, every field the same: a duplicate, dropped without a quarantine or an alert.
        QFETCH(QString, beginString);
        Fixture f(beginString);
        f.openOrderWithTwoFills();
        if (QTest::currentTestFailed()) return;
        const auto before = f.current();
        const auto alertsBefore = f.desk.alerts().size();
        const int repeated = f.send(kSecondFill);
        QVERIFY(repeated > 0);
        QTRY_COMPARE_WITH_TIMEOUT(f.lastAppliedInbound(), std::int64_t(repeated), 10000);
        QVERIFY(f.current() == before);
        QCOMPARE(f.storedExecutions(), std::string("EX-1 New; EX-2 Trade 300 at 101.25; EX-3 Trade 200 at 101.5; "));
        QVERIFY(f.quarantine().empty());
        QCOMPARE(f.desk.alerts().size(), alertsBefore);
    }
};

QTEST_GUILESS_MAIN(TestHandwrittenFix)
#include "tst_handwrittenfix.moc"

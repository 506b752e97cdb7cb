// The desk over FIX after its store stops writing, for real: its database held at its size (the file size
// limit), so that the next commit fails as on a full disk. The desk halts and says why; reports that arrive after
// change nothing; commands are refused. Restarted once the store can write, it resumes from what the store
// holds: the broker resends what came after the last message the store applied, the orders it never answered
// are asked about, and every order ends filled, each of its fills once; an order the store never held never left.
#include "filesizelimit.h"
#include "fixdesk.h"
#include "waits.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <future>
#include <optional>
#include <set>
#include <thread>

using namespace ob;
using namespace std::chrono_literals;

namespace {

constexpr const char* kHalted = "the desk stopped taking orders and fills: ";

std::optional<EngineAlert> haltAlert(const test::FixDesk& desk) {
    for (const auto& alert : desk.alerts())
        if (alert.message.rfind(kHalted, 0) == 0) return alert;
    return std::nullopt;
}

/// Whether the store records each of the orders' new-order requests as handed to FIX.
bool storedAsSent(store::SqliteStore& store, const std::vector<OrderState>& orders) {
    const auto active = store.loadActive("20000101").value();
    std::size_t sent = 0;
    for (const auto& row : active.orders)
        for (const auto& order : orders)
            if (row.state.id == order.id && row.chain.at(0).sent) ++sent;
    return sent == orders.size();
}

/// Keeps the simulator's thread busy: it answers what it is sent only once released (at the latest when this ends).
class BusyBroker {
public:
    explicit BusyBroker(Simulator& sim) {
        std::promise<void> entered;
        busy_ = std::async(std::launch::async, [&sim, &entered, released = released_.get_future()] {
            sim.call([&](SimulatedBroker&) {
                entered.set_value();
                released.wait();
            });
        });
        entered.get_future().wait();
    }
    ~BusyBroker() { release(); }
    void release() {
        if (!busy_.valid()) return;
        released_.set_value();
        busy_.get();
    }

private:
    std::promise<void> released_;
    std::future<void> busy_;
};

std::multiset<std::string> storedFillIds(store::SqliteStore& store, OrderId id) {
    std::multiset<std::string> ids;
    for (const auto& execution : store.executionsOf(id).value())
        if (execution.execType == ExecType::Trade) ids.insert(execution.execId);
    return ids;
}

}  // namespace

class TestFixStoreFailure final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resumesFromTheStoreOnceItWritesAgain() {
        QTemporaryDir dir;
        auto config = test::testSimulatorConfig();
        config.partialFills = 2;
        auto sim = std::move(Simulator::start(config).value());
        test::FixDesk desk(dir.path().toStdString(), sim->clientSettings());

        std::vector<OrderState> orders;
        for (int i = 0; i < 5; ++i)
            orders.push_back(desk.waitForStatus(desk.submit("AAPL", Side::Buy, "10").id, OrdStatus::Filled));
        const auto resting = desk.submit("AAPL", Side::Buy, "100", OrdType::Limit, "95");
        desk.waitForStatus(resting.id, OrdStatus::New);
        orders.push_back(resting);

        // The broker is busy: what it is sent now, it answers later.
        BusyBroker busy(*sim);
        std::vector<OrderState> unanswered;
        for (int i = 0; i < 3; ++i) unanswered.push_back(desk.submit("AAPL", Side::Buy, "20"));
        test::awaitRouted(*desk.engine);
        QTRY_VERIFY_WITH_TIMEOUT(storedAsSent(*desk.store, unanswered), 10000);

        // The database cannot grow any more: the next commit fails. Until a checkpoint the write-ahead log only
        // grows, and a fresh desk has far fewer pages in it than a checkpoint waits for.
        std::optional<test::FileSizeLimit> full;
        full.emplace(std::filesystem::file_size(dir.filePath(QStringLiteral("openblotter.db-wal")).toStdString()));
        const auto neverStored = desk.submit("AAPL", Side::Buy, "30");
        QTRY_VERIFY_WITH_TIMEOUT(haltAlert(desk).has_value(), 10000);
        const auto alert = *haltAlert(desk);
        QCOMPARE(alert.severity, EngineAlert::Severity::Error);
        QVERIFY2(alert.message.find("the order store could not write its database " +
                                    dir.filePath(QStringLiteral("openblotter.db")).toStdString() + ": disk I/O error") !=
                     std::string::npos,
                 alert.message.c_str());
        auto refused = desk.engine->submit(
            {desk.session(), "GROWTH-PB", "AAPL", Side::Sell, {Qty::of("10"), OrdType::Market, {}, {}, TimeInForce::Day, {}}},
            test::trader());
        const auto submitted = refused.get();
        QVERIFY(!submitted);
        QCOMPARE(submitted.error(), alert.message);
        QCOMPARE(desk.engine->cancel(resting.id, test::trader()).get().detail, alert.message);

        // The broker answers the three orders and fills the resting one: none of it changes the halted book.
        busy.release();
        sim->call([](SimulatedBroker& broker) { broker.setPrice("AAPL", Price::of("94")); });
        // The five filled (a New and two fills each), the resting order's New and two fills, the three (the same).
        QTRY_COMPARE_WITH_TIMEOUT(sim->call([](SimulatedBroker& broker) { return broker.executions().size(); }),
                                  std::size_t(5 * 3 + 3 + 3 * 3), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(desk.gateway->sessions().at(0).nextTargetMsgSeqNum, sim->sessions().at(0).nextSenderMsgSeqNum,
                                  10000);
        auto book = desk.engine->snapshot().get();
        QCOMPARE(book.halted, alert.message);
        for (const auto& order : unanswered) QCOMPARE(desk.find(book, order.id)->statusName(), std::string_view("PendingNew"));
        QCOMPARE(desk.find(book, resting.id)->statusName(), std::string_view("New"));
        QCOMPARE(desk.find(book, resting.id)->cumQty, Qty{});
        QCOMPARE(book.executions.size(), std::size_t(5 * 3 + 1));

        // Space freed, the desk starts again.
        full.reset();
        desk.close();
        desk.open();
        orders.insert(orders.end(), unanswered.begin(), unanswered.end());
        for (const auto& order : orders) {
            const auto filled = desk.waitForStatus(order.id, OrdStatus::Filled, 15s);
            QCOMPARE(filled.cumQty, order.terms.quantity);
            QVERIFY(!filled.unconfirmed);
        }
        // The broker was asked about each order it had not answered before the store stopped.
        ob::MessageLog::Filter statusRequests;
        statusRequests.msgType = "H";
        statusRequests.direction = 2;
        std::set<std::string> asked;
        for (const auto& message : desk.gateway->messageLog().query(statusRequests))
            for (const auto& order : unanswered)
                if (message.text.find("\x01"
                                      "11=" +
                                      order.clOrdId + "\x01") != std::string::npos)
                    asked.insert(order.clOrdId);
        QCOMPARE(asked.size(), unanswered.size());
        // Each fill the broker made is in the store once; the order the store never held never reached the broker.
        const auto executions = sim->call([](SimulatedBroker& broker) { return broker.executions(); });
        for (const auto& order : orders) {
            std::multiset<std::string> made;
            for (const auto& execution : executions)
                if (execution.clOrdId == order.clOrdId && execution.execType == ExecType::Trade) made.insert(execution.execId);
            QCOMPARE(made.size(), std::size_t(2));
            QCOMPARE(storedFillIds(*desk.store, order.id), made);
        }
        QVERIFY(!desk.engine->order(neverStored.id).get());
        for (const auto& order : sim->call([](SimulatedBroker& broker) { return broker.orders(); }))
            QVERIFY(order.clOrdId != neverStored.clOrdId);
        QCOMPARE(desk.engine->snapshot().get().halted, std::string());
    }
};

QTEST_GUILESS_MAIN(TestFixStoreFailure)
#include "tst_fixstorefailure.moc"

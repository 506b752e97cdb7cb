#include "engine/bookcheck.h"
#include "engine/orderengine.h"
#include "reports.h"
#include "store/sqlite.h"
#include "store/sqlitestore.h"
#include "waits.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace ob;
using test::report;

namespace {

Instrument instrument(const char* symbol, const char* currency) {
    Instrument result;
    result.symbol = symbol;
    result.name = symbol;
    result.currency = currency;
    result.tickSize = Price::of("0.0001");
    return result;
}

ReferenceData reference() {
    ReferenceData data;
    data.instruments = {instrument("AAPL", "USD"), instrument("VOD.L", "GBP")};
    data.funds = {{"GROWTH", "Growth", "USD"}, {"INCOME", "Income", "GBP"}};
    data.accounts = {{"G1", "Growth prime broker", "GROWTH"}, {"I1", "Income prime broker", "INCOME"}};
    return data;
}

std::vector<OpeningPosition> openingPositions() {
    return {{"GROWTH", "AAPL", Qty::of("1000"), Price::of("100")},
            {"GROWTH", "CASH", Qty::of("1000000"), std::nullopt},
            {"INCOME", "VOD.L", Qty::of("10000"), Price::of("0.7")},
            {"INCOME", "CASH", Qty::of("50000"), std::nullopt}};
}

NewOrderRequest order(const char* account, const char* symbol, Side side, const char* qty, const char* limit) {
    auto request = test::limitOrder(side, qty, limit, symbol);
    request.account = account;
    return request;
}

/// A desk's store and engine on a directory, with a day's book of four orders:
///   1  G1 buys 300 AAPL: 100 at 100 (E1) and 200 at 101 (E2), E2 corrected to 200 at 102 (E3);
///   2  I1 sells 5000 VOD.L: 2000 at 0.70 (E1) and 3000 at 0.71 (E2), E2 busted (E4): the ExecIDs of order 1 again;
///   3  a block buying 100 AAPL for G1 (60) and I1 (40): 100 at 100 (E5);
///   4  G1 buys 100 AAPL, acknowledged and cancelled, unfilled.
class Desk {
public:
    explicit Desk(const QTemporaryDir& dir) : file_(dir.filePath(QStringLiteral("openblotter.db")).toStdString()) {
        auto opened = store::SqliteStore::open(file_);
        if (!opened || !(*opened)->saveReferenceData(reference()) || !(*opened)->saveOpeningPositions(openingPositions()))
            qFatal("cannot prepare the store");
    }

    Status start() {
        auto opened = store::SqliteStore::open(file_);
        if (!opened) return Error{opened.error()};
        store = std::move(*opened);
        engine = std::make_unique<OrderEngine>(*store);
        engine->setRouter([](const OutboundRequest&) { return true; });
        engine->subscribe([this](const ChangeSet& changes) {
            std::lock_guard lock(mutex_);
            alerts_.insert(alerts_.end(), changes.alerts.begin(), changes.alerts.end());
        });
        return engine->start();
    }
    void stop() {
        engine.reset();
        store.reset();
    }

    void trade() {
        const auto a = submit(order("G1", "AAPL", Side::Buy, "300", "110"));
        engine->post(report(a, ExecType::New));
        engine->post(report(a, ExecType::Trade).execId("E1").fill("100", "100"));
        engine->post(report(a, ExecType::Trade).execId("E2").fill("200", "101"));
        engine->post(report(a, ExecType::TradeCorrect).execId("E3").ref("E2").fill("200", "102"));
        const auto b = submit(order("I1", "VOD.L", Side::Sell, "5000", "0.6"));
        engine->post(report(b, ExecType::New));
        engine->post(report(b, ExecType::Trade).execId("E1").fill("2000", "0.70"));
        engine->post(report(b, ExecType::Trade).execId("E2").fill("3000", "0.71"));
        engine->post(report(b, ExecType::TradeCancel).execId("E4").ref("E2"));
        auto block = order("G1", "AAPL", Side::Buy, "100", "110");
        block.allocations = {{"G1", Qty::of("60")}, {"I1", Qty::of("40")}};
        const auto c = submit(block);
        engine->post(report(c, ExecType::New));
        engine->post(report(c, ExecType::Trade).execId("E5").fill("100", "100"));
        const auto d = submit(order("G1", "AAPL", Side::Buy, "100", "90"));
        engine->post(report(d, ExecType::New));
        engine->post(report(d, ExecType::Canceled));
        test::awaitCommitted(*engine);
    }

    /// Changes the database behind the engine's back, as a person with sqlite3 would.
    void tamper(const std::string& sql) {
        auto db = sqlite::Database::open(file_, sqlite::Database::Mode::ReadWrite);
        db.execute(sql);
    }

    /// The differences the engine's check names, each order's ClOrdID written as {id}.
    QStringList differences(const BookCheckReport& report) {
        QStringList texts;
        for (const auto& difference : report.differences) texts.push_back(withIds(difference.text()));
        return texts;
    }
    QStringList alerts() {
        std::lock_guard lock(mutex_);
        QStringList texts;
        for (const auto& alert : alerts_)
            if (alert.severity == EngineAlert::Severity::Error) texts.push_back(withIds(alert.message));
        return texts;
    }
    BookCheckReport verify() {
        auto report = engine->verifyBooks().get();
        if (!report) qFatal("%s", report.error().c_str());
        return *report;
    }

    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<OrderEngine> engine;

private:
    std::string submit(const NewOrderRequest& request) {
        auto state = engine->submit(request, test::trader()).get();
        if (!state) qFatal("%s", state.error().c_str());
        clOrdIds_.emplace_back(std::to_string(state->id), state->clOrdId);
        return state->clOrdId;
    }
    QString withIds(std::string text) const {
        for (const auto& [id, clOrdId] : clOrdIds_)
            for (auto at = text.find(clOrdId); at != std::string::npos; at = text.find(clOrdId))
                text.replace(at, clOrdId.size(), "{" + id + "}");
        return QString::fromStdString(text);
    }

    std::string file_;
    std::vector<std::pair<std::string, std::string>> clOrdIds_;
    std::mutex mutex_;
    std::vector<EngineAlert> alerts_;
};

/// A raw quantity or price in the database: the value × 10^8.
std::string raw(const char* value) { return std::to_string(Qty::of(value).raw()); }

}  // namespace

/// The consistency check on a real store: a book of fills, corrections, busts, a block order and ExecIDs reused
/// across orders agrees with itself; each change made to the database behind the engine's back is named.
class TestBookCheck final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreesWithItself() {
        QTemporaryDir dir;
        Desk desk(dir);
        QVERIFY(desk.start().ok());
        desk.trade();
        const auto report = desk.verify();
        QCOMPARE(desk.differences(report), QStringList());
        QCOMPARE(report.summary(), std::string("books agree: 4 orders, 12 executions, 6 positions and 3 cash balances compared"));

        // And so after a restart, which checks at once and says nothing.
        desk.stop();
        QVERIFY(desk.start().ok());
        QCOMPARE(desk.verify().summary(),
                 std::string("books agree: 4 orders, 12 executions, 6 positions and 3 cash balances compared"));
        QCOMPARE(desk.alerts(), QStringList());
    }

    void namesEachChangeToTheDatabase_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("executions");
        QTest::addColumn<QStringList>("differences");
        QTest::newRow("an order's CumQty")
            << QString::fromStdString("UPDATE orders SET cum_qty = " + raw("250") + " WHERE id = 1") << 12
            << QStringList{QStringLiteral("order 1 ({1}): CumQty as stored is 250, recomputed 300")};
        // Order 1 without its fill of 100 at 100: 200 at 102 is left.
        QTest::newRow("an execution deleted")
            << QStringLiteral("DELETE FROM executions WHERE order_id = 1 AND exec_id = 'E1'") << 11
            << QStringList{QStringLiteral("order 1 ({1}): CumQty as stored is 300, recomputed 200"),
                           QStringLiteral("order 1 ({1}): AvgPx as stored is 101.33333333, recomputed 102"),
                           QStringLiteral("order 1 ({1}): LeavesQty as stored is 0, recomputed 100"),
                           QStringLiteral("order 1 ({1}): CumQty recorded with execution E2 is 300, recomputed 200"),
                           QStringLiteral("order 1 ({1}): AvgPx recorded with execution E2 is 100.66666667, recomputed 101"),
                           QStringLiteral("order 1 ({1}): CumQty in memory is 300, recomputed 200"),
                           QStringLiteral("order 1 ({1}): AvgPx in memory is 101.33333333, recomputed 102"),
                           QStringLiteral("order 1 ({1}): LeavesQty in memory is 0, recomputed 100"),
                           QStringLiteral("account G1: AAPL quantity in the ledger is 360, recomputed 260"),
                           QStringLiteral("account G1: AAPL net cost in the ledger is 36400, recomputed 26400"),
                           QStringLiteral("fund GROWTH: AAPL quantity in the ledger is 1360, recomputed 1260"),
                           QStringLiteral("fund GROWTH: AAPL net cost in the ledger is 136400, recomputed 126400"),
                           QStringLiteral("fund GROWTH: USD cash in the ledger is 963600, recomputed 973600")};
        // The block's fill cut to 90: G1's part is 54 and I1's 36, at 100.
        QTest::newRow("an execution's quantity")
            << QString::fromStdString("UPDATE executions SET last_qty = " + raw("90") + " WHERE order_id = 3 AND exec_id = 'E5'")
            << 12
            << QStringList{QStringLiteral("order 3 ({3}): CumQty as stored is 100, recomputed 90"),
                           QStringLiteral("order 3 ({3}): LeavesQty as stored is 0, recomputed 10"),
                           QStringLiteral("order 3 ({3}): CumQty recorded with execution E5 is 100, recomputed 90"),
                           QStringLiteral("order 3 ({3}): CumQty in memory is 100, recomputed 90"),
                           QStringLiteral("order 3 ({3}): LeavesQty in memory is 0, recomputed 10"),
                           QStringLiteral("account G1: AAPL quantity in the ledger is 360, recomputed 354"),
                           QStringLiteral("account G1: AAPL net cost in the ledger is 36400, recomputed 35800"),
                           QStringLiteral("account I1: AAPL quantity in the ledger is 40, recomputed 36"),
                           QStringLiteral("account I1: AAPL net cost in the ledger is 4000, recomputed 3600"),
                           QStringLiteral("fund GROWTH: AAPL quantity in the ledger is 1360, recomputed 1354"),
                           QStringLiteral("fund GROWTH: AAPL net cost in the ledger is 136400, recomputed 135800"),
                           QStringLiteral("fund INCOME: AAPL quantity in the ledger is 40, recomputed 36"),
                           QStringLiteral("fund INCOME: AAPL net cost in the ledger is 4000, recomputed 3600"),
                           QStringLiteral("fund GROWTH: USD cash in the ledger is 963600, recomputed 964200"),
                           QStringLiteral("fund INCOME: USD cash in the ledger is -4000, recomputed -3600")};
        // Order 2's first fill, 2000 sold at 0.70, stored again under another ExecID, as a resend would be.
        QTest::newRow("an execution duplicated")
            << QStringLiteral(
                   "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, reported_status, status, "
                   "cl_ord_id, orig_cl_ord_id, broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, "
                   "transact_time, received_at, msg_seq_num, text) SELECT order_id, session, 'E1-again', exec_ref_id, "
                   "exec_type, reported_status, status, cl_ord_id, orig_cl_ord_id, broker_order_id, last_qty, last_px, "
                   "order_qty, cum_qty, leaves_qty, avg_px, transact_time, received_at, msg_seq_num, text FROM executions "
                   "WHERE order_id = 2 AND exec_id = 'E1'")
            << 13
            << QStringList{QStringLiteral("order 2 ({2}): CumQty as stored is 2000, recomputed 4000"),
                           QStringLiteral("order 2 ({2}): LeavesQty as stored is 3000, recomputed 1000"),
                           QStringLiteral("order 2 ({2}): CumQty recorded with execution E1-again is 2000, recomputed 4000"),
                           QStringLiteral("order 2 ({2}): CumQty in memory is 2000, recomputed 4000"),
                           QStringLiteral("order 2 ({2}): LeavesQty in memory is 3000, recomputed 1000"),
                           QStringLiteral("account I1: VOD.L quantity in the ledger is -2000, recomputed -4000"),
                           QStringLiteral("account I1: VOD.L net cost in the ledger is -1400, recomputed -2800"),
                           QStringLiteral("fund INCOME: VOD.L quantity in the ledger is 8000, recomputed 6000"),
                           QStringLiteral("fund INCOME: VOD.L net cost in the ledger is 5600, recomputed 4200"),
                           QStringLiteral("fund INCOME: GBP cash in the ledger is 51400, recomputed 52800")};
        QTest::newRow("an opening position")
            << QString::fromStdString("UPDATE opening_positions SET quantity = " + raw("900") +
                                      " WHERE fund = 'GROWTH' AND symbol = 'AAPL'")
            << 12
            << QStringList{QStringLiteral("fund GROWTH: AAPL quantity in the ledger is 1360, recomputed 1260"),
                           QStringLiteral("fund GROWTH: AAPL net cost in the ledger is 136400, recomputed 126400")};
    }
    void namesEachChangeToTheDatabase() {
        QFETCH(QString, sql);
        QFETCH(int, executions);
        QFETCH(QStringList, differences);
        QTemporaryDir dir;
        Desk desk(dir);
        QVERIFY(desk.start().ok());
        desk.trade();
        desk.tamper(sql.toStdString());
        const auto report = desk.verify();
        QCOMPARE(desk.differences(report), differences);
        QCOMPARE(report.summary(), "books differ: " + std::to_string(differences.size()) +
                                       (differences.size() == 1 ? " difference" : " differences") + " among 4 orders, " +
                                       std::to_string(executions) + " executions, 6 positions and 3 cash balances compared");
        // Each is raised at the desk.
        QStringList alerts;
        for (const auto& difference : differences) alerts.push_back(QStringLiteral("books differ: ") + difference);
        QCOMPARE(desk.alerts(), alerts);
    }

    void checksAtStart() {
        QTemporaryDir dir;
        Desk desk(dir);
        QVERIFY(desk.start().ok());
        desk.trade();
        desk.stop();
        // What the engine does not read back at start, the check does.
        desk.tamper("UPDATE orders SET avg_px = " + raw("99") + ", leaves_qty = " + raw("5") + " WHERE id = 1");
        QVERIFY(desk.start().ok());
        desk.engine->snapshot().get();  // after the first change set
        QCOMPARE(desk.alerts(),
                 (QStringList{QStringLiteral("books differ: order 1 ({1}): AvgPx as stored is 99, recomputed 101.33333333"),
                              QStringLiteral("books differ: order 1 ({1}): LeavesQty as stored is 5, recomputed 0")}));
    }

    void checksTheStoreAloneWhenTheEngineRefusesIt() {
        QTemporaryDir dir;
        Desk desk(dir);
        QVERIFY(desk.start().ok());
        desk.trade();
        desk.stop();
        desk.tamper("UPDATE executions SET last_px = " + raw("100.5") + " WHERE order_id = 3 AND exec_id = 'E5'");
        const auto started = desk.start();
        QVERIFY(!started);
        QVERIFY2(started.error().find("order 3") != std::string::npos, started.error().c_str());
        desk.stop();

        auto store = store::SqliteStore::open(dir.filePath(QStringLiteral("openblotter.db")).toStdString());
        QVERIFY(store.ok());
        auto stored = loadStoredBook(**store, tradeDateOf(nowUtc()));
        QVERIFY(stored.ok());
        const auto report = checkBook(stored->record());
        QVERIFY(report.ok());
        QCOMPARE(desk.differences(*report),
                 (QStringList{QStringLiteral("order 3 ({3}): AvgPx as stored is 100, recomputed 100.5"),
                              QStringLiteral("order 3 ({3}): AvgPx recorded with execution E5 is 100, recomputed 100.5")}));
        QCOMPARE(
            report->summary(),
            std::string("books differ: 2 differences among 4 orders, 12 executions, 0 positions and 0 cash balances compared"));
    }

    void saysWhatItCannotRecompute() {
        QTemporaryDir dir;
        Desk desk(dir);
        QVERIFY(desk.start().ok());
        desk.trade();
        // Order 1's two fills of 90 billion shares each: their sum is beyond what a quantity holds.
        desk.tamper("UPDATE executions SET last_qty = 9000000000000000000 WHERE order_id = 1 AND exec_type = 'Trade'");
        const auto report = desk.engine->verifyBooks().get();
        QVERIFY(!report);
        const std::string why = "the book cannot be recomputed from what the store holds: decimal overflow in add";
        QCOMPARE(report.error(), why);
        QCOMPARE(desk.alerts(), QStringList{QString::fromStdString(why)});
    }

    void namesACorrectionOfNoLiveTrade() {
        QTemporaryDir dir;
        Desk desk(dir);
        QVERIFY(desk.start().ok());
        desk.trade();
        // Order 2's bust now names E1, as if its fill E2 had never been busted and E1 had.
        desk.tamper("UPDATE executions SET exec_ref_id = 'E9' WHERE order_id = 2 AND exec_id = 'E4'");
        QCOMPARE(desk.differences(desk.verify()),
                 (QStringList{QStringLiteral("order 2 ({2}): CumQty as stored is 2000, recomputed 5000"),
                              QStringLiteral("order 2 ({2}): AvgPx as stored is 0.7, recomputed 0.706"),
                              QStringLiteral("order 2 ({2}): LeavesQty as stored is 3000, recomputed 0"),
                              QStringLiteral("order 2 ({2}): CumQty recorded with execution E4 is 2000, recomputed 5000"),
                              QStringLiteral("order 2 ({2}): AvgPx recorded with execution E4 is 0.7, recomputed 0.706"),
                              QStringLiteral("order 2 ({2}): CumQty in memory is 2000, recomputed 5000"),
                              QStringLiteral("order 2 ({2}): AvgPx in memory is 0.7, recomputed 0.706"),
                              QStringLiteral("order 2 ({2}): LeavesQty in memory is 3000, recomputed 0"),
                              QStringLiteral(
                                  "order 2 ({2}): execution E4 (TradeCancel) refers to E9, which is no live trade of the order"),
                              QStringLiteral("account I1: VOD.L quantity in the ledger is -2000, recomputed -5000"),
                              QStringLiteral("account I1: VOD.L net cost in the ledger is -1400, recomputed -3530"),
                              QStringLiteral("fund INCOME: VOD.L quantity in the ledger is 8000, recomputed 5000"),
                              QStringLiteral("fund INCOME: VOD.L net cost in the ledger is 5600, recomputed 3470"),
                              QStringLiteral("fund INCOME: GBP cash in the ledger is 51400, recomputed 53530")}));
    }
};

QTEST_GUILESS_MAIN(TestBookCheck)
#include "tst_bookcheck.moc"

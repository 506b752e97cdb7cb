#include "benchmarks.h"
#include "store/schema.h"
#include "store/sqlitestore.h"
#include "store/storewriter.h"

#include <sqlite3.h>

#include <vector>

namespace ob::bench {

namespace {

/// The rows both sides write: one order per 100 executions, each execution
/// carrying the order's new state, as the engine writes a fill.
struct Workload {
    std::vector<OrderRow> orders;
    std::vector<StoreUnit> fills;
};

Workload buildWorkload(int executions) {
    Workload workload;
    const int orders = std::max(1, executions / 100);
    const auto now = nowUtc();
    for (int i = 0; i < orders; ++i) {
        OrderRow row;
        row.state.id = i + 1;
        row.state.session = "BENCH";
        row.state.account = "GROWTH-PB";
        row.state.symbol = "SYM" + std::to_string(i % 500);
        row.state.terms = {Qty::fromInteger(1'000'000), OrdType::Limit, Price::of("100"), {}, TimeInForce::Day, {}};
        row.state.clOrdId = "20261129-" + std::to_string(1'000'000 + i);
        row.state.phase = OrderPhase::Working;
        row.state.createdAt = row.state.updatedAt = now;
        row.chain = {{row.state.clOrdId, RequestKind::New, RequestState::Accepted}};
        workload.orders.push_back(row);
    }
    for (int i = 0; i < executions; ++i) {
        auto& row = workload.orders[std::size_t(i % orders)];
        ExecutionReport report;
        report.clOrdId = row.state.clOrdId;
        report.execId = "E" + std::to_string(i);
        report.execType = ExecType::Trade;
        report.lastQty = Qty::fromInteger(1 + i % 7);
        report.lastPx = Price::fromRaw(10'000'000'000 + (i % 101) * 1'000'000);
        row.state.cumQty += *report.lastQty;
        row.state.notional += *report.lastQty * *report.lastPx;
        StoreUnit unit;
        unit.order = row;
        unit.execution = ExecutionRecord::of({{"BENCH", i + 1, {}, {}, now}, report}, row.state);
        unit.inbound = InboundProgress{"BENCH", i + 1};
        workload.fills.push_back(std::move(unit));
    }
    return workload;
}

/// The same execution rows inserted with the bare C API into the same table
/// (the product's schema, so the same index): WAL, the same synchronous
/// setting, one prepared statement, transactions of 1,000.
double bareInsertsPerSecond(const std::filesystem::path& file, const Workload& workload) {
    if (auto created = store::openDatabase(file, store::Durability::Full); !created) throw std::runtime_error(created.error());
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open the bare database");
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
    };
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = FULL");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, reported_status, status, "
                       "cl_ord_id, orig_cl_ord_id, broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, "
                       "transact_time, received_at, msg_seq_num, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       -1, &insert, nullptr);
    const auto start = Clock::now();
    std::size_t i = 0;
    for (const auto& unit : workload.fills) {
        if (i % 1000 == 0) exec("BEGIN");
        const auto& e = *unit.execution;
        auto text = [&](int index, const std::string& value) {
            sqlite3_bind_text(insert, index, value.data(), int(value.size()), SQLITE_STATIC);
        };
        sqlite3_bind_int64(insert, 1, e.orderId);
        text(2, e.session);
        text(3, e.execId);
        text(4, e.execRefId);
        sqlite3_bind_text(insert, 5, "Trade", -1, SQLITE_STATIC);
        sqlite3_bind_null(insert, 6);
        sqlite3_bind_text(insert, 7, "PartiallyFilled", -1, SQLITE_STATIC);
        text(8, e.clOrdId);
        text(9, e.origClOrdId);
        text(10, e.brokerOrderId);
        sqlite3_bind_int64(insert, 11, e.lastQty.raw());
        sqlite3_bind_int64(insert, 12, e.lastPx.raw());
        sqlite3_bind_int64(insert, 13, e.orderQty.raw());
        sqlite3_bind_int64(insert, 14, e.cumQty.raw());
        sqlite3_bind_int64(insert, 15, e.leavesQty.raw());
        sqlite3_bind_int64(insert, 16, e.avgPx.raw());
        sqlite3_bind_null(insert, 17);
        sqlite3_bind_int64(insert, 18, toNanos(e.receivedAt));
        sqlite3_bind_int64(insert, 19, e.msgSeqNum);
        text(20, e.text);
        if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
        sqlite3_reset(insert);
        if (++i % 1000 == 0) exec("COMMIT");
    }
    if (i % 1000 != 0) exec("COMMIT");
    const double seconds = secondsSince(start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return double(workload.fills.size()) / seconds;
}

}  // namespace

/// Executions durably stored per second through the store as the engine uses
/// it (each with its order's new state and the inbound MsgSeqNum, grouped
/// commits, synchronous = FULL), beside bare inserts of the same rows.
void runStore(const BenchContext& context) {
    const int executions = context.quick ? 50'000 : 200'000;
    auto workload = buildWorkload(executions);

    const double bare = bareInsertsPerSecond(context.scratch / "bare.db", workload);

    auto store = store::SqliteStore::open(context.scratch / "store.db", store::Durability::Full);
    if (!store) throw std::runtime_error(store.error());
    for (const auto& order : workload.orders) {
        StoreUnit unit;
        unit.order = order;
        (*store)->submit(std::move(unit));
    }
    if (!(*store)->waitForCommit((*store)->submit({}), std::chrono::minutes(5))) throw std::runtime_error("orders not committed");
    const auto transactionsBefore = (*store)->writer().statistics().transactions;

    const auto start = Clock::now();
    std::uint64_t last = 0;
    for (auto& unit : workload.fills) last = (*store)->submit(std::move(unit));
    if (!(*store)->waitForCommit(last, std::chrono::minutes(10))) throw std::runtime_error("executions not committed");
    const double seconds = secondsSince(start);
    const double product = double(executions) / seconds;
    const auto transactions = (*store)->writer().statistics().transactions - transactionsBefore;

    JsonLine("store")
        .add("executions", executions)
        .add("seconds", seconds)
        .add("executions_per_second", product)
        .add("transactions", transactions)
        .add("bare_inserts_per_second", bare)
        .add("ratio", product / bare)
        .add("synchronous", "FULL")
        .add("target", 0.5)
        .add("met", product / bare >= 0.5)
        .print();
}

}  // namespace ob::bench

#include "benchmarks.h"
#include "engine/bookcheck.h"
#include "engine/orderengine.h"
#include "store/schema.h"
#include "store/sqlitestore.h"

namespace ob::bench {

namespace {

constexpr int kAccounts = 20;  ///< two per fund
constexpr int kSymbols = 1000;

ReferenceData benchReference() {
    ReferenceData reference;
    for (int i = 0; i < kSymbols; ++i) {
        Instrument instrument;
        instrument.symbol = "SYM" + std::to_string(i);
        instrument.currency = "USD";
        reference.instruments.push_back(std::move(instrument));
    }
    for (int i = 0; i < kAccounts / 2; ++i) reference.funds.push_back({"F" + std::to_string(i), "Fund", "USD"});
    for (int i = 0; i < kAccounts; ++i)
        reference.accounts.push_back({"A" + std::to_string(i), "Account", "F" + std::to_string(i / 2)});
    return reference;
}

std::vector<OpeningPosition> benchOpening() {
    std::vector<OpeningPosition> positions;
    for (int fund = 0; fund < kAccounts / 2; ++fund) {
        positions.push_back({"F" + std::to_string(fund), OpeningPosition::kCash, Qty::of("100000000"), std::nullopt});
        for (int symbol = fund; symbol < kSymbols; symbol += 10)
            positions.push_back({"F" + std::to_string(fund), "SYM" + std::to_string(symbol), Qty::of("5000"), Price::of("100")});
    }
    return positions;
}

/// A day's book as the desk writes it: `orders` orders of today, each acknowledged and filled in four parts of 100
/// at prices around 100, every tenth with its second fill corrected and its first busted instead of its last fill.
void writeDay(const std::filesystem::path& file, int orders) {
    {
        auto db = store::openDatabase(file, store::Durability::Normal);
        if (!db) throw std::runtime_error(db.error());
        sqlite::Transaction transaction(*db);
        auto order = db->prepare(
            "INSERT INTO orders (id, trade_date, session, account, symbol, side, ord_type, quantity, limit_price, time_in_force, "
            "cl_ord_id, broker_order_id, phase, stopped, suspended, cum_qty, notional, status, leaves_qty, avg_px, is_open, "
            "text, chain, created_at, updated_at) VALUES (?1, ?2, 'BENCH', ?3, ?4, ?5, 'Limit', ?6, 20000000000, 'Day', ?7, "
            "?8, 'Working', 0, 0, ?9, ?10, ?11, ?12, ?13, ?14, '', ?7 || char(31) || 'NA', ?15, ?15)");
        auto execution = db->prepare(
            "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, status, cl_ord_id, orig_cl_ord_id, "
            "broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, received_at, msg_seq_num, text) "
            "VALUES (?1, 'BENCH', ?2, ?3, ?4, 'PartiallyFilled', ?5, '', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, '')");
        const auto now = nowUtc();
        const Qty quantity = Qty::of("400");
        std::int64_t sequence = 0;
        for (int i = 1; i <= orders; ++i) {
            const std::string clOrdId = "BENCH-" + std::to_string(i);
            const std::string brokerOrderId = "B" + std::to_string(i);
            Qty cum;
            Money notional;
            std::vector<std::pair<Qty, Price>> fills;
            const auto add = [&](const std::string& execId, const std::string& ref, const char* type, Qty lastQty, Price lastPx) {
                const Price avg = cum.isZero() ? Price{} : notional.dividedBy(cum);
                execution.bind(1, i).bind(2, execId).bind(3, ref).bind(4, type).bind(5, clOrdId).bind(6, brokerOrderId);
                execution.bind(7, lastQty.raw()).bind(8, lastPx.raw()).bind(9, quantity.raw()).bind(10, cum.raw());
                execution.bind(11, (quantity - cum).raw()).bind(12, avg.raw()).bind(13, toNanos(now)).bind(14, ++sequence);
                execution.execute();
            };
            add("N" + std::to_string(i), "", "New", Qty{}, Price{});
            const bool restated = i % 10 == 0;
            for (int f = 0; f < (restated ? 3 : 4); ++f) {
                const Price price = Price::of("100") + Price::of("0.01") * ((i + f) % 50);
                fills.push_back({Qty::of("100"), price});
                cum += Qty::of("100");
                notional += Qty::of("100") * price;
                add("E" + std::to_string(i) + "-" + std::to_string(f), "", "Trade", Qty::of("100"), price);
            }
            if (restated) {
                const Price corrected = Price::of("101.5");
                notional += Qty::of("100") * corrected - fills[1].first * fills[1].second;
                add("C" + std::to_string(i), "E" + std::to_string(i) + "-1", "TradeCorrect", Qty::of("100"), corrected);
                cum -= fills[0].first;
                notional -= fills[0].first * fills[0].second;
                add("X" + std::to_string(i), "E" + std::to_string(i) + "-0", "TradeCancel", Qty{}, Price{});
            }
            order.bind(1, i).bind(2, tradeDateOf(now)).bind(3, "A" + std::to_string(i % kAccounts));
            order.bind(4, "SYM" + std::to_string(i % kSymbols)).bind(5, i % 2 ? "Buy" : "Sell").bind(6, quantity.raw());
            order.bind(7, clOrdId).bind(8, brokerOrderId).bind(9, cum.raw()).bind(10, notional.toString());
            order.bind(11, cum == quantity ? "Filled" : "PartiallyFilled").bind(12, (quantity - cum).raw());
            order.bind(13, notional.dividedBy(cum).raw()).bind(14, cum == quantity ? 0 : 1).bind(15, toNanos(now));
            order.execute();
        }
        transaction.commit();
    }
    auto store = store::SqliteStore::open(file);
    if (!store) throw std::runtime_error(store.error());
    if (auto saved = (*store)->saveReferenceData(benchReference()); !saved) throw std::runtime_error(saved.error());
    if (auto saved = (*store)->saveOpeningPositions(benchOpening()); !saved) throw std::runtime_error(saved.error());
}

}  // namespace

/// The consistency check on a day's big book: what it adds to a start, and what checking on demand takes.
void runBookCheck(const BenchContext& context) {
    const int orders = context.quick ? 20'000 : 200'000;
    const auto file = context.scratch / "bookcheck.db";
    const auto buildStart = Clock::now();
    writeDay(file, orders);
    const double buildSeconds = secondsSince(buildStart);

    auto store = store::SqliteStore::open(file);
    if (!store) throw std::runtime_error(store.error());
    // The check alone, on the record as the engine loads it at start.
    double loadSeconds = 0, checkSeconds = 0;
    std::size_t executions = 0;
    BookCheckReport alone;
    {
        const auto loadStart = Clock::now();
        auto stored = loadStoredBook(**store, tradeDateOf(nowUtc()));
        if (!stored) throw std::runtime_error(stored.error());
        loadSeconds = secondsSince(loadStart);
        const auto checkStart = Clock::now();
        auto checked = checkBook(stored->record());
        checkSeconds = secondsSince(checkStart);
        if (!checked) throw std::runtime_error(checked.error());
        alone = std::move(*checked);
        executions = stored->active.executions.size();
    }

    // A start, which restores the book and checks it, then a check on demand against the book in memory.
    const auto start = Clock::now();
    OrderEngine engine(**store);
    if (auto started = engine.start(); !started) throw std::runtime_error(started.error());
    const double startSeconds = secondsSince(start);
    const auto verifyStart = Clock::now();
    const auto verified = engine.verifyBooks().get();
    const double verifySeconds = secondsSince(verifyStart);
    engine.stop();
    if (!verified) throw std::runtime_error(verified.error());

    JsonLine("book_check")
        .add("orders", orders)
        .add("executions", std::int64_t(executions))
        .add("positions", std::int64_t(verified->positions))
        .add("check_seconds", checkSeconds)
        .add("load_seconds", loadSeconds)
        .add("start_seconds", startSeconds)
        .add("verify_seconds", verifySeconds)
        .add("build_seconds", buildSeconds)
        .add("agrees", alone.agrees() && verified->agrees())
        .add("target", 1.0)
        .add("met", checkSeconds < 1.0 && alone.agrees() && verified->agrees())
        .print();
}

}  // namespace ob::bench

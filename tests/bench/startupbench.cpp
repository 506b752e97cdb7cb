#include "benchmarks.h"
#include "engine/orderengine.h"
#include "store/checkseal.h"
#include "store/schema.h"
#include "store/sqlitestore.h"

#include <fcntl.h>
#include <unistd.h>

namespace ob::bench {

namespace {

/// A database with `orders` finished orders and `executions` executions of
/// earlier days and `working` orders still open today. Built once and cached:
/// it takes far longer to build than to open.
std::filesystem::path historyDatabase(const BenchContext& context, int orders, int executions, int working) {
    const auto file = context.cache / ("startup-" + std::to_string(orders) + "-" + std::to_string(executions) + "-v" +
                                       std::to_string(store::currentSchemaVersion()) + ".db");
    if (std::filesystem::exists(file)) return file;
    const auto partial = std::filesystem::path(file.string() + ".partial");
    std::filesystem::remove(partial);
    {
        auto db = store::openDatabase(partial, store::Durability::Normal);
        if (!db) throw std::runtime_error(db.error());
        db->execute("PRAGMA journal_mode = OFF");
        sqlite::Transaction transaction(*db);
        auto order = db->prepare(
            "INSERT INTO orders (id, trade_date, session, account, symbol, side, ord_type, quantity, limit_price, time_in_force, "
            "cl_ord_id, broker_order_id, phase, stopped, suspended, cum_qty, notional, status, leaves_qty, avg_px, is_open, "
            "text, "
            "chain, created_at, updated_at) VALUES (?1, ?2, 'BENCH', 'GROWTH-PB', ?3, 'Buy', 'Limit', ?4, 10000000000, 'Day', "
            "?5, "
            "?6, ?7, 0, 0, ?8, ?9, ?10, ?11, ?12, ?13, '', ?5 || char(31) || 'NA', ?14, ?14)");
        auto execution = db->prepare(
            "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, status, cl_ord_id, orig_cl_ord_id, "
            "broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, received_at, msg_seq_num, text) "
            "VALUES (?1, 'BENCH', ?2, '', 'Trade', ?3, ?4, '', ?5, ?6, 10000000000, ?7, ?8, ?9, 10000000000, ?10, ?11, '')");
        const int total = orders + working;
        const int perOrder = std::max(1, executions / orders);
        const std::int64_t lot = 100'000'000;  // 1 share in raw units
        const auto today = nowUtc();
        std::int64_t sequence = 0;
        for (int i = 1; i <= total; ++i) {
            const bool open = i > orders;
            const int fills = open ? 1 : perOrder;
            const std::int64_t quantity = lot * 100 * (open ? 2 : fills);
            const auto created = open ? today : today - std::chrono::hours(24 * (1 + i % 60));
            const std::string clOrdId = tradeDateOf(created) + "-" + std::to_string(i);
            const std::int64_t cum = lot * 100 * fills;
            order.bind(1, i).bind(2, tradeDateOf(created)).bind(3, "SYM" + std::to_string(i % 2000)).bind(4, quantity);
            order.bind(5, clOrdId).bind(6, "B" + std::to_string(i)).bind(7, open ? "Working" : "Working");
            order.bind(8, cum).bind(9, Money::product(Qty::fromRaw(cum), Price::of("100")).toString());
            order.bind(10, open ? "PartiallyFilled" : "Filled").bind(11, quantity - cum).bind(12, std::int64_t(10'000'000'000));
            order.bind(13, open ? 1 : 0).bind(14, toNanos(created));
            order.execute();
            for (int f = 1; f <= fills; ++f) {
                execution.bind(1, i)
                    .bind(2, "E" + std::to_string(++sequence))
                    .bind(3, f == fills && !open ? "Filled" : "PartiallyFilled");
                execution.bind(4, clOrdId).bind(5, "B" + std::to_string(i)).bind(6, lot * 100).bind(7, quantity);
                execution.bind(8, lot * 100 * f).bind(9, quantity - lot * 100 * f).bind(10, toNanos(created)).bind(11, sequence);
                execution.execute();
            }
        }
        transaction.commit();
        db->execute("PRAGMA journal_mode = WAL");
    }
    std::filesystem::rename(partial, file);
    return file;
}

/// Asks the kernel to drop the file's pages from its cache, so that the next open reads from the
/// disk as after a reboot (clean pages only: the database is closed and synced by then).
void evictFromPageCache(const std::filesystem::path& file) {
    for (const auto& path :
         {file, std::filesystem::path(file.string() + "-wal"), std::filesystem::path(file.string() + "-shm")}) {
        const int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0) continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

/// Opens the store and starts the engine on it; returns the seconds it took and the orders restored.
std::pair<double, std::size_t> restore(const std::filesystem::path& file) {
    const auto start = Clock::now();
    auto store = store::SqliteStore::open(file);
    if (!store) throw std::runtime_error(store.error());
    auto reference = (*store)->loadReferenceData();
    if (!reference) throw std::runtime_error(reference.error());
    OrderEngine engine(**store);
    if (auto started = engine.start(); !started) throw std::runtime_error(started.error());
    const auto restored = engine.snapshot().get().orders.size();
    const double seconds = secondsSince(start);
    engine.stop();
    return {seconds, restored};
}

}  // namespace

/// Time from opening the data directory's database until the engine has
/// restored today's working orders, with a long history behind them.
void runStartup(const BenchContext& context) {
    const int orders = context.quick ? 100'000 : 1'000'000;
    const int executions = orders * 3;
    const int working = 1'000;
    const auto buildStart = Clock::now();
    const auto file = historyDatabase(context, orders, executions, working);
    const double buildSeconds = secondsSince(buildStart);

    // Cold, as after a reboot: the file's pages are not in memory. The first start checks the
    // whole file; its clean close seals the file, so that the next start, after a clean shutdown,
    // need not (store::CheckSeal). Then warm, at once again.
    store::CheckSeal::remove(file);
    evictFromPageCache(file);
    const auto [checkedSeconds, checkedRestored] = restore(file);
    evictFromPageCache(file);
    const auto [seconds, restored] = restore(file);
    const auto [warmSeconds, warmRestored] = restore(file);

    JsonLine("startup")
        .add("history_orders", orders)
        .add("history_executions", executions)
        .add("restored_orders", std::int64_t(restored))
        .add("seconds", seconds)
        .add("warm_seconds", warmSeconds)
        .add("checked_seconds", checkedSeconds)
        .add("database_bytes", std::int64_t(std::filesystem::file_size(file)))
        .add("build_seconds", buildSeconds)
        .add("target", 2.0)
        .add("met", seconds < 2.0 && restored == std::size_t(working) && warmRestored == restored && checkedRestored == restored)
        .print();
}

}  // namespace ob::bench

// Streams fills into an order store until it is killed. It posts executions
// to the engine, printing "SUBMITTED <MsgSeqNum>" after each, and meanwhile
// waits for commits, printing "COMMITTED <last MsgSeqNum>" after each: the
// promise that tst_storecrash checks after killing it with SIGKILL. Started
// again on the same file, it resumes after the last execution the store
// holds, as a FIX session resumes after a crash.
#include "engine/orderengine.h"
#include "store/sqlitestore.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

using namespace ob;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DATABASE\n", argv[0]);
        return 1;
    }
    auto store = store::SqliteStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().c_str());
        return 1;
    }
    OrderEngine engine(**store);
    if (auto started = engine.start(); !started) {
        std::fprintf(stderr, "%s\n", started.error().c_str());
        return 1;
    }
    const std::string session = "CRASH";
    constexpr int kOrders = 100;
    auto snapshot = engine.snapshot().get();
    if (snapshot.orders.empty()) {
        for (int i = 0; i < kOrders; ++i) {
            NewOrderRequest request{
                session,
                "FUND1",
                "SYM" + std::to_string(i % 10),
                Side::Buy,
                {Qty::fromInteger(1'000'000'000), OrdType::Limit, Price::of("100"), {}, TimeInForce::Day, {}}};
            if (!engine.submit(request, Actor{"trader1", Role::Trader}).get()) return 1;
        }
        snapshot = engine.snapshot().get();
    }
    std::int64_t sequence = 0;
    for (const auto& execution : snapshot.executions) sequence = std::max(sequence, execution.msgSeqNum);

    // One thread hands executions to the engine without waiting for them, up to 1,000 beyond the last
    // promise, so that some are in flight whenever the kill lands; this one waits for commits and promises.
    std::atomic<std::int64_t> submitted = sequence;
    std::atomic<std::int64_t> promised = sequence;
    std::thread poster([&] {
        for (std::int64_t next = sequence + 1;; ++next) {
            while (next - promised > 1000) std::this_thread::sleep_for(1ms);
            const auto& order = snapshot.orders[static_cast<std::size_t>(next % kOrders)];
            ExecutionReport report;
            report.clOrdId = order.clOrdId;
            report.execId = "X" + std::to_string(next);
            report.execType = ExecType::Trade;
            report.lastQty = Qty::fromInteger(1 + next % 5);
            report.lastPx = Price::fromRaw(10'000'000'000 - (next % 997) * 1'000'001);  // within the limit of 100
            engine.post(Inbound<ExecutionReport>{{session, next, {}, {}, nowUtc()}, std::move(report)});
            submitted = next;
            std::printf("SUBMITTED %lld\n", static_cast<long long>(next));
            std::fflush(stdout);
        }
    });
    for (;;) {
        const std::int64_t posted = submitted;
        if (posted == promised) {  // nothing new to promise yet
            std::this_thread::sleep_for(1ms);
            continue;
        }
        if (!engine.sync(30s)) {
            std::fprintf(stderr, "commit failed: %s\n", (*store)->failure().value_or("timeout").c_str());
            std::_Exit(1);  // the poster runs for ever
        }
        promised = posted;
        std::printf("COMMITTED %lld\n", static_cast<long long>(posted));
        std::fflush(stdout);
    }
}

// openblotter-bench: measures what a trading desk feels against targets,
// each beside a bare counterpart where one exists. Prints one JSON object per
// line; never fails on a missed target.
#include "benchmarks.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace ob::bench;

namespace {

struct Benchmark {
    const char* name;
    const char* measures;
    std::function<void(const BenchContext&)> run;
};

const std::vector<Benchmark>& benchmarks() {
    static const std::vector<Benchmark> all = {
        {"fix_ingest", "execution reports per second over a real loopback FIX session, against a bare QuickFIX initiator",
         runFixIngest},
        {"store", "executions durably stored per second, against bare SQLite inserts in transactions of 1,000", runStore},
        {"order_book", "execution reports applied per second to the in-memory order book", runOrderBook},
        {"blotter", "orders table model with 1,000,000 orders: load, sort, filter, bytes per order", runBlotter},
        {"ui_stall", "longest event-loop stall of the main window under 5,000 execution reports per second", runUiStall},
        {"compliance", "pre-trade check latency with 40 rules, a 10,000-symbol restricted list and 5,000 holdings",
         runCompliance},
        {"rebalance", "a 5,000-holding fund rebalanced against a model, with what-if compliance on every order", runRebalance},
        {"startup", "time until the book is restored from 1,000,000 orders and 3,000,000 executions of earlier days", runStartup},
        {"book_check", "the consistency check on a day of 200,000 orders and 1,000,000 executions: alone, at start, on demand",
         runBookCheck},
    };
    return all;
}

void usage() {
    std::printf(
        "Usage: openblotter-bench [--quick] [--only NAME] [--list] [--version]\n\n"
        "Measures OpenBlotter's speed and memory against targets and prints one JSON object per line:\n"
        "  {\"bench\": NAME, ...figures..., \"target\": ..., \"met\": true|false}\n"
        "or {\"bench\": NAME, \"skipped\": REASON} when its subject does not exist yet.\n\n"
        "  --quick      a run of a minute or less (smaller data, same targets)\n"
        "  --only NAME  run one benchmark (see --list)\n"
        "  --list       list the benchmarks\n"
        "  --version    print the version\n"
        "The benchmarks and their targets are described in the README (Benchmarks).\n");
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);  // stdout carries only the JSON lines
    BenchContext context;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) {
            context.quick = true;
        } else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) {
            only = argv[++i];
        } else if (!std::strcmp(argv[i], "--list")) {
            for (const auto& bench : benchmarks()) std::printf("%-12s %s\n", bench.name, bench.measures);
            return 0;
        } else if (!std::strcmp(argv[i], "--version")) {
            std::printf("openblotter-bench %s\n", OPENBLOTTER_VERSION);
            return 0;
        } else if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            usage();
            return 0;
        } else {
            std::fprintf(stderr, "openblotter-bench: unknown option '%s'\n", argv[i]);
            usage();
            return 1;
        }
    }
    bool found = only.empty();
    for (const auto& bench : benchmarks()) found = found || only == bench.name;
    if (!found) {
        std::fprintf(stderr, "openblotter-bench: no benchmark named '%s' (see --list)\n", only.c_str());
        return 1;
    }

    char scratch[] = "/tmp/openblotter-bench-XXXXXX";
    if (!mkdtemp(scratch)) {
        std::perror("openblotter-bench: mkdtemp");
        return 1;
    }
    context.scratch = scratch;
    const char* cacheHome = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    context.cache = cacheHome ? std::filesystem::path(cacheHome) : std::filesystem::path(home ? home : "/tmp") / ".cache";
    context.cache /= "openblotter-bench";
    std::filesystem::create_directories(context.cache);

    for (const auto& bench : benchmarks()) {
        if (!only.empty() && only != bench.name) continue;
        try {
            bench.run(context);
        } catch (const std::exception& e) {
            JsonLine(bench.name).add("error", e.what()).print();
        }
    }
    std::filesystem::remove_all(context.scratch);
    return 0;
}

#include "barefix.h"
#include "benchmarks.h"
#include "fix/fixgateway.h"
#include "openblotter_demodata.h"
#include "sim/simulator.h"
#include "store/sqlitestore.h"

#include <filesystem>
#include <thread>

namespace ob::bench {

namespace {

SimulatorConfig simulatorConfig(const std::filesystem::path& dictionaries) {
    SimulatorConfig config;
    config.instruments = {{"AAPL", Price::of("100"), Price::of("0.01"), Qty::of("1")}};
    config.partialFills = 2;
    config.fillInterval = std::chrono::milliseconds(0);
    config.tickInterval = std::chrono::milliseconds(0);
    config.dictionaryDirectory = dictionaries.string();
    return config;
}

}  // namespace

/// Execution reports per second over a real loopback FIX session between
/// the gateway and the simulator, applied to the book and durably stored;
/// beside it, a bare QuickFIX initiator (MemoryStore, no log, no book, no
/// database) doing the same exchange with the same simulator.
void runFixIngest(const BenchContext& context) {
    const int orders = context.quick ? 4'000 : 20'000;
    const long reports = orders * 3L;  // New and two partial fills
    const auto dictionaries = context.scratch / "dictionaries";
    if (auto installed = installFixDictionaries(dictionaries, demo::fix42Dictionary(), demo::fix44Dictionary()); !installed)
        throw std::runtime_error(installed.error());

    double bareRate = 0;
    {
        auto sim = Simulator::start(simulatorConfig(dictionaries));
        if (!sim) throw std::runtime_error(sim.error());
        const auto bare = runBareInitiator((*sim)->clientSettings(), dictionaries.string(), orders, "AAPL", reports);
        if (!bare.error.empty()) throw std::runtime_error("bare initiator: " + bare.error);
        bareRate = double(bare.reports) / bare.seconds;
    }

    auto sim = Simulator::start(simulatorConfig(dictionaries));
    if (!sim) throw std::runtime_error(sim.error());
    const auto directory = context.scratch / "fix_ingest";
    std::filesystem::create_directories(directory);
    auto store = store::SqliteStore::open(directory / "openblotter.db");
    if (!store) throw std::runtime_error(store.error());
    OrderEngine engine(**store);
    auto gateway = FixGateway::create({(*sim)->clientSettings(), directory, dictionaries, nullptr, {}}, engine);
    if (!gateway) throw std::runtime_error(gateway.error());
    engine.setRouter([raw = gateway->get()](const OutboundRequest& request) { return raw->route(request); });
    if (auto started = engine.start(); !started) throw std::runtime_error(started.error());
    if (auto started = (*gateway)->start(); !started) throw std::runtime_error(started.error());
    if (!(*gateway)->waitForLogon(std::chrono::seconds(10))) throw std::runtime_error("the desk did not log on");

    std::atomic<long> applied{0};
    engine.subscribe([&](const ChangeSet& changes) { applied += long(changes.executions.size()); });
    const auto session = (*gateway)->defaultSession();
    const auto start = Clock::now();
    for (int i = 0; i < orders; ++i)
        engine.submit({session, "GROWTH-PB", "AAPL", Side::Buy, {Qty::of("100"), OrdType::Market, {}, {}, TimeInForce::Day, {}}},
                      Actor{"bench", Role::Trader});
    while (applied.load() < reports && secondsSince(start) < 120) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!engine.sync(std::chrono::seconds(60))) throw std::runtime_error("the store did not commit");
    const double seconds = secondsSince(start);
    const double rate = double(applied.load()) / seconds;
    engine.stop();
    (*gateway)->stop(false);

    JsonLine("fix_ingest")
        .add("orders", orders)
        .add("reports", std::int64_t(applied.load()))
        .add("seconds", seconds)
        .add("reports_per_second", rate)
        .add("bare_quickfix_reports_per_second", bareRate)
        .add("ratio", rate / bareRate)
        .add("store", "FileStore + message log + SQLite synchronous=FULL")
        .add("target", 0.7)
        .add("met", applied.load() >= reports && rate / bareRate >= 0.7)
        .print();
}

}  // namespace ob::bench

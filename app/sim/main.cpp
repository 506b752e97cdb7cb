// openblotter-sim: the simulated broker and exchange as a program of its own.
#include "fix/fixgateway.h"
#include "formats/referencecsv.h"
#include "openblotter_demodata.h"
#include "sim/simulator.h"
#include "util/csv.h"

#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

using namespace ob;

namespace {

const char* const kUsage =
    "Usage: openblotter-sim [options]\n"
    "\n"
    "A simulated broker and exchange speaking FIX 4.2 and 4.4 as an acceptor. It keeps a price per symbol\n"
    "(a seeded random walk), acknowledges orders, fills market and marketable limit orders (in parts if\n"
    "asked), rests other limits and stops until the price crosses them, honours IOC, FOK, DAY and GTC,\n"
    "supports cancel and cancel/replace, and serves market data. The same seed and the same requests give\n"
    "the same answers. It runs until interrupted (SIGINT or SIGTERM).\n"
    "\n"
    "  --port N               listen on port N (default 9878)\n"
    "  --listen ADDRESS       listen on ADDRESS (default 127.0.0.1; anything else is reachable from the network)\n"
    "  --comp-id ID           the simulator's CompID (default SIM)\n"
    "  --client BEGIN:COMPID  a client allowed to log on (repeatable; default FIX.4.4:OPENBLOTTER and\n"
    "                         FIX.4.2:OPENBLOTTER42)\n"
    "  --password TEXT        require this Password (554) in the clients' Logon\n"
    "  --instruments CSV      the desk's instruments format: symbol,name,issuer,sector,country,currency,lot_size,\n"
    "                         tick_size,price; the simulator trades those with a price (default: the demo desk's)\n"
    "  --seed N               seed of prices and decisions (default 1)\n"
    "  --reject-share F       reject a share F (0..1) of new orders (default 0)\n"
    "  --latency-ms N         answer every request N ms later (default 0)\n"
    "  --partial-fills N      fill marketable orders in N parts (default 1)\n"
    "  --fill-interval-ms N   between those parts (default 500)\n"
    "  --tick-ms N            move prices every N ms; 0 keeps them still (default 1000)\n"
    "  --done-for-day HH:MM   send DoneForDay for working orders at this UTC time\n"
    "  --no-ack               fill without sending New first\n"
    "  --pending-acks         send PendingCancel and PendingReplace before answering\n"
    "  --store DIR            keep FIX sequence numbers and messages in DIR (default: in memory)\n"
    "  --record PREFIX        on exit, write PREFIX.orders.csv and PREFIX.executions.csv: the simulator's own record\n"
    "  --help, --version\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "openblotter-sim: %s\nTry 'openblotter-sim --help'.\n", message.c_str());
    return 1;
}

Result<std::vector<SimInstrument>> readInstruments(const std::string& path) {
    auto table = path.empty() ? CsvTable::parse(demo::instrumentsCsv()) : CsvTable::readFile(path);
    if (!table) return Error{table.error()};
    auto instruments = parseInstruments(*table);
    if (!instruments) return Error{instruments.error()};
    std::vector<SimInstrument> priced;
    for (const auto& instrument : *instruments)
        if (instrument.referencePrice)
            priced.push_back({instrument.symbol, *instrument.referencePrice, instrument.tickSize, instrument.lotSize});
    if (priced.empty()) return Error{"no instrument has a price"};
    return priced;
}

Status writeRecord(Simulator& simulator, const std::string& prefix) {
    const auto orders = simulator.call([](SimulatedBroker& broker) { return broker.orders(); });
    const auto executions = simulator.call([](SimulatedBroker& broker) { return broker.executions(); });
    std::ofstream ordersFile(prefix + ".orders.csv");
    ordersFile << "session,cl_ord_id,order_id,symbol,side,qty,status,cum_qty,avg_px\r\n";
    for (const auto& o : orders)
        ordersFile << csvField(o.session) << ',' << csvField(o.clOrdId) << ',' << o.orderId << ',' << csvField(o.symbol) << ','
                   << aliasOf(o.side) << ',' << o.quantity.toString() << ',' << nameOf(o.status) << ',' << o.cumQty.toString()
                   << ',' << (o.cumQty.isZero() ? std::string() : o.avgPx.toString()) << "\r\n";
    std::ofstream executionsFile(prefix + ".executions.csv");
    executionsFile << "exec_id,cl_ord_id,order_id,exec_type,last_qty,last_px\r\n";
    for (const auto& e : executions)
        executionsFile << e.execId << ',' << csvField(e.clOrdId) << ',' << e.orderId << ',' << nameOf(e.execType) << ','
                       << e.lastQty.toString() << ',' << e.lastPx.toString() << "\r\n";
    if (!ordersFile || !executionsFile) return Error{"cannot write the record " + prefix + ".*.csv"};
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    ::umask(077);  // its FIX store and message logs are its owner's alone
    SimulatorConfig config;
    config.port = 9878;
    config.seed = 1;
    config.fillInterval = std::chrono::milliseconds(500);
    config.tickInterval = std::chrono::milliseconds(1000);
    config.clients.clear();
    std::string instrumentsFile, recordPrefix;

    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(option + " needs a value");
            return argv[++i];
        };
        try {
            if (option == "--help" || option == "-h") {
                std::fputs(kUsage, stdout);
                return 0;
            } else if (option == "--version" || option == "-v") {
                std::printf("openblotter-sim %s\n", OPENBLOTTER_VERSION);
                return 0;
            } else if (option == "--port")
                config.port = std::stoi(value());
            else if (option == "--listen")
                config.listenAddress = value();
            else if (option == "--comp-id")
                config.compId = value();
            else if (option == "--client") {
                const auto text = value();
                const auto colon = text.rfind(':');
                if (colon == std::string::npos || text.rfind("FIX.4.", 0) != 0)
                    return usageError("--client needs BEGINSTRING:COMPID, got " + text);
                config.clients.push_back({text.substr(0, colon), text.substr(colon + 1)});
            } else if (option == "--password")
                config.password = value();
            else if (option == "--instruments")
                instrumentsFile = value();
            else if (option == "--seed")
                config.seed = std::stoull(value());
            else if (option == "--reject-share")
                config.rejectShare = std::stod(value());
            else if (option == "--latency-ms")
                config.latency = std::chrono::milliseconds(std::stoi(value()));
            else if (option == "--partial-fills")
                config.partialFills = std::stoi(value());
            else if (option == "--fill-interval-ms")
                config.fillInterval = std::chrono::milliseconds(std::stoi(value()));
            else if (option == "--tick-ms")
                config.tickInterval = std::chrono::milliseconds(std::stoi(value()));
            else if (option == "--done-for-day") {
                const auto text = value();
                int hours = 0, minutes = 0;
                if (std::sscanf(text.c_str(), "%d:%d", &hours, &minutes) != 2 || hours > 23 || minutes > 59)
                    return usageError("--done-for-day needs HH:MM, got " + text);
                config.doneForDayAt = std::chrono::hours(hours) + std::chrono::minutes(minutes);
            } else if (option == "--no-ack")
                config.acknowledge = false;
            else if (option == "--pending-acks")
                config.pendingAcks = true;
            else if (option == "--store")
                config.storeDirectory = value();
            else if (option == "--record")
                recordPrefix = value();
            else
                return usageError("unknown option " + option);
        } catch (const std::exception& e) {
            return usageError(option + ": " + e.what());
        }
    }
    if (config.clients.empty()) config.clients = {{"FIX.4.4", "OPENBLOTTER"}, {"FIX.4.2", "OPENBLOTTER42"}};
    if (config.rejectShare < 0 || config.rejectShare > 1) return usageError("--reject-share must lie between 0 and 1");
    if (config.partialFills < 1) return usageError("--partial-fills must be at least 1");

    auto instruments = readInstruments(instrumentsFile);
    if (!instruments) return usageError("instruments: " + instruments.error());
    config.instruments = std::move(*instruments);

    // QuickFIX reads its data dictionaries from files: write ours where the store is, or to a scratch folder.
    char scratch[] = "/tmp/openblotter-sim-XXXXXX";
    const std::string dictionaries =
        config.storeDirectory.empty() ? std::string(mkdtemp(scratch)) : config.storeDirectory + "/dictionaries";
    if (auto installed = installFixDictionaries(dictionaries, demo::fix42Dictionary(), demo::fix44Dictionary()); !installed)
        return usageError(installed.error());
    config.dictionaryDirectory = dictionaries;

    // Wait for SIGINT/SIGTERM on this thread; block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto simulator = Simulator::start(config);
    if (!simulator) return usageError(simulator.error());
    if (config.listenAddress != "127.0.0.1")
        std::fprintf(stderr, "openblotter-sim: warning: listening on %s, reachable from the network\n",
                     config.listenAddress.c_str());
    std::printf("openblotter-sim listening on %s:%d\n", config.listenAddress.c_str(), (*simulator)->port());
    std::fflush(stdout);

    int received = 0;
    sigwait(&signals, &received);
    if (!recordPrefix.empty())
        if (auto written = writeRecord(**simulator, recordPrefix); !written)
            std::fprintf(stderr, "openblotter-sim: %s\n", written.error().c_str());
    simulator->reset();
    if (config.storeDirectory.empty()) std::filesystem::remove_all(dictionaries);
    return 0;
}

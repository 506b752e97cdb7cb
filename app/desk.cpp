#include "desk.h"

#include "openblotter_demodata.h"
#include "refdata/referencecsv.h"
#include "store/sqlitestore.h"
#include "util/logging.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace ob::app {

Result<ReferenceData> demoReferenceData() {
    auto read = [](std::string_view text, const char* name) -> Result<CsvTable> {
        auto table = CsvTable::parse(text);
        if (!table) return Error{std::string("demo ") + name + ": " + table.error()};
        return table;
    };
    auto instrumentsTable = read(demo::instrumentsCsv(), "instruments");
    auto fundsTable = read(demo::fundsCsv(), "funds");
    auto accountsTable = read(demo::accountsCsv(), "accounts");
    if (!instrumentsTable) return Error{instrumentsTable.error()};
    if (!fundsTable) return Error{fundsTable.error()};
    if (!accountsTable) return Error{accountsTable.error()};
    auto instruments = parseInstruments(*instrumentsTable);
    auto funds = parseFunds(*fundsTable);
    auto accounts = parseAccounts(*accountsTable);
    if (!instruments) return Error{"demo instruments: " + instruments.error()};
    if (!funds) return Error{"demo funds: " + funds.error()};
    if (!accounts) return Error{"demo accounts: " + accounts.error()};
    return ReferenceData{std::move(*instruments), std::move(*funds), std::move(*accounts)};
}

SimulatorConfig simulatorFor(const std::vector<Instrument>& instruments) {
    SimulatorConfig config;
    for (const auto& instrument : instruments)
        if (instrument.referencePrice)
            config.instruments.push_back(
                {instrument.symbol, *instrument.referencePrice, instrument.tickSize, instrument.lotSize});
    config.seed = 20261129;
    config.latency = std::chrono::milliseconds(20);
    config.partialFills = 3;
    config.fillInterval = std::chrono::milliseconds(700);
    config.tickInterval = std::chrono::milliseconds(1000);
    return config;
}

Result<std::unique_ptr<Desk>> Desk::open(const Options& options) {
    std::error_code error;
    std::filesystem::create_directories(options.dataDirectory, error);
    if (error) return Error{"cannot create the data directory " + options.dataDirectory.string() + ": " + error.message()};
    if (auto logging = setupLogging(options.dataDirectory / "logs", options.logLevel); !logging) return Error{logging.error()};
    spdlog::info("OpenBlotter {} starting on {}", OPENBLOTTER_VERSION, options.dataDirectory.string());

    std::unique_ptr<Desk> desk(new Desk);
    desk->dataDirectory_ = options.dataDirectory;
    auto store = store::SqliteStore::open(options.dataDirectory / "openblotter.db");
    if (!store) return Error{store.error()};
    desk->store_ = std::move(*store);

    auto reference = desk->store_->loadReferenceData();
    if (!reference) return Error{reference.error()};
    if (reference->instruments.empty() && reference->funds.empty()) {
        auto demo = demoReferenceData();
        if (!demo) return Error{demo.error()};
        if (auto saved = desk->store_->saveReferenceData(*demo); !saved) return Error{saved.error()};
        spdlog::info("new data directory: loaded the demo desk's {} instruments, {} funds and {} accounts",
                     demo->instruments.size(), demo->funds.size(), demo->accounts.size());
        reference = std::move(demo);
    }
    desk->referenceData_ = std::move(*reference);
    desk->engine_ = std::make_unique<OrderEngine>(*desk->store_);
    if (auto fix = desk->openFix(options); !fix) return Error{fix.error()};
    return desk;
}

Status Desk::openFix(const Options& options) {
    const auto dictionaries = dataDirectory_ / "fix" / "dictionaries";
    if (auto installed = installFixDictionaries(dictionaries, demo::fix42Dictionary(), demo::fix44Dictionary()); !installed)
        return Error{installed.error()};

    std::string settings;
    if (options.fixSettings) {
        std::ifstream file(*options.fixSettings);
        if (!file) return Error{"cannot read the FIX settings " + options.fixSettings->string()};
        std::stringstream text;
        text << file.rdbuf();
        settings = text.str();
        mode_ = "FIX: " + options.fixSettings->filename().string();
    } else {
        auto config = simulatorFor(referenceData_.instruments);
        config.storeDirectory = (dataDirectory_ / "fix" / "simulator").string();
        config.dictionaryDirectory = dictionaries.string();
        std::filesystem::create_directories(config.storeDirectory);
        auto simulator = Simulator::start(config);
        if (!simulator) return Error{simulator.error()};
        simulator_ = std::move(*simulator);
        settings = simulator_->clientSettings();
        mode_ = "Simulated broker on 127.0.0.1:" + std::to_string(simulator_->port());
    }
    std::vector<std::string> symbols;
    for (const auto& instrument : referenceData_.instruments) {
        symbols.push_back(instrument.symbol);
        if (instrument.referencePrice) prices_.setReference(instrument.symbol, *instrument.referencePrice);
    }
    auto gateway = FixGateway::create({settings, dataDirectory_, dictionaries, &prices_, std::move(symbols)}, *engine_);
    if (!gateway) return Error{gateway.error()};
    gateway_ = std::move(*gateway);
    engine_->setRouter([gateway = gateway_.get()](const OutboundRequest& request) { gateway->route(request); });
    return {};
}

Desk::~Desk() {
    if (engine_) engine_->stop();  // no request leaves after this
    if (gateway_) gateway_->stop();
    simulator_.reset();
    spdlog::info("OpenBlotter stopped");
    spdlog::default_logger()->flush();
}

Status Desk::start() {
    if (auto started = engine_->start(); !started) return started;
    return gateway_->start();
}

}  // namespace ob::app

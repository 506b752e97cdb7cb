#include "desk.h"

#include "openblotter_demodata.h"
#include "refdata/referencecsv.h"
#include "store/sqlitestore.h"
#include "util/logging.h"

#include <spdlog/spdlog.h>

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
    return desk;
}

Desk::~Desk() {
    if (engine_) engine_->stop();
    spdlog::info("OpenBlotter stopped");
    spdlog::default_logger()->flush();
}

Status Desk::start() { return engine_->start(); }

}  // namespace ob::app

#include "desk.h"

#include "auth/passwordpolicy.h"
#include "formats/referencecsv.h"
#include "formats/rulesfile.h"
#include "goinglive.h"
#include "openblotter_demodata.h"
#include "store/sqlitestore.h"
#include "util/logging.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
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
    auto fxTable = read(demo::fxCsv(), "fx rates");
    if (!instrumentsTable) return Error{instrumentsTable.error()};
    if (!fundsTable) return Error{fundsTable.error()};
    if (!accountsTable) return Error{accountsTable.error()};
    if (!fxTable) return Error{fxTable.error()};
    auto instruments = parseInstruments(*instrumentsTable);
    auto funds = parseFunds(*fundsTable);
    auto accounts = parseAccounts(*accountsTable);
    auto fxRates = parseFxRates(*fxTable);
    if (!instruments) return Error{"demo instruments: " + instruments.error()};
    if (!funds) return Error{"demo funds: " + funds.error()};
    if (!accounts) return Error{"demo accounts: " + accounts.error()};
    if (!fxRates) return Error{"demo fx rates: " + fxRates.error()};
    return ReferenceData{std::move(*instruments), std::move(*funds), std::move(*accounts), std::move(*fxRates)};
}

Result<std::vector<User>> demoUsers() {
    auto table = CsvTable::parse(demo::usersCsv());
    if (!table) return Error{"demo users: " + table.error()};
    auto users = parseUsers(*table);
    if (!users) return Error{"demo users: " + users.error()};
    return users;
}

Result<RuleBook> demoRules() {
    auto rules = parseRulesFile(demo::rulesJson());
    if (!rules) return Error{"demo rules: " + rules.error()};
    return rules;
}

namespace {

/// What the simulated broker trades of an instrument: one with a price only.
std::optional<SimInstrument> simulated(const Instrument& instrument) {
    if (!instrument.referencePrice) return std::nullopt;
    return SimInstrument{instrument.symbol, *instrument.referencePrice, instrument.tickSize, instrument.lotSize};
}

}  // namespace

SimulatorConfig simulatorFor(const std::vector<Instrument>& instruments) {
    SimulatorConfig config;
    for (const auto& instrument : instruments)
        if (auto listed = simulated(instrument)) config.instruments.push_back(*listed);
    config.seed = 20261129;
    config.latency = std::chrono::milliseconds(20);
    config.partialFills = 3;
    config.fillInterval = std::chrono::milliseconds(700);
    config.tickInterval = std::chrono::milliseconds(1000);
    return config;
}

namespace {

/// Whether the environment variable is set to 1.
bool environmentSays(const char* name) {
    const char* value = std::getenv(name);
    return value && std::string_view(value) == "1";
}

/// A desk of real brokers starts with nothing but its schema: what it trades, for whom, and under which rules is
/// its administrator's to import.
Status setUpCleanDesk(OrderStore&) { return {}; }

/// A new database's reference data, opening positions, model portfolios and compliance rules: the demo desk's.
Status setUpNewDesk(OrderStore& store) {
    auto reference = demoReferenceData();
    if (!reference) return Error{reference.error()};
    if (auto saved = store.saveReferenceData(*reference); !saved) return saved;
    spdlog::info("new data directory: loaded the demo desk's {} instruments, {} funds and {} accounts",
                 reference->instruments.size(), reference->funds.size(), reference->accounts.size());

    auto positionsTable = CsvTable::parse(demo::positionsCsv());
    if (!positionsTable) return Error{"demo positions: " + positionsTable.error()};
    auto positions = parseOpeningPositions(*positionsTable);
    if (!positions) return Error{"demo positions: " + positions.error()};
    if (auto saved = store.saveOpeningPositions(*positions); !saved) return saved;
    const std::pair<const char*, std::string_view> models[] = {{"US-CORE", demo::modelUsCoreCsv()},
                                                               {"GLOBAL-BALANCED", demo::modelGlobalBalancedCsv()}};
    for (const auto& [name, text] : models) {
        auto table = CsvTable::parse(text);
        auto model = table ? parseModel(*table) : Result<ModelPortfolio>(Error{table.error()});
        if (!model) return Error{std::string("demo model ") + name + ": " + model.error()};
        model->name = name;
        if (auto saved =
                store.saveModel(*model, {0, nowUtc(), "system", Role::Administrator, "model.save", "model " + model->name,
                                         "demo model portfolio, " + std::to_string(model->weights.size()) + " weights"});
            !saved)
            return saved;
    }
    auto rules = demoRules();
    if (!rules) return Error{rules.error()};
    if (auto saved = store.saveRules(*rules); !saved) return saved;
    return store.appendAudit({0, nowUtc(), "system", Role::Administrator, "rules.import", "rules",
                              "the demo rule set: " + std::to_string(rules->rules.size()) + " rules, " +
                                  std::to_string(rules->locates.size()) + " locates"});
}

/// The login policy, with the lock count OPENBLOTTER_LOCK_AFTER gives.
Result<LoginPolicy> loginPolicyFromEnvironment() {
    LoginPolicy policy;
    const char* given = std::getenv("OPENBLOTTER_LOCK_AFTER");
    if (!given || !*given) return policy;
    const std::string_view text(given);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), policy.lockAfter);
    if (error != std::errc() || end != text.data() + text.size() || policy.lockAfter < 0)
        return Error{"OPENBLOTTER_LOCK_AFTER must be a number of failed logins (0: never lock), not '" + std::string(text) + "'"};
    return policy;
}

}  // namespace

Result<std::unique_ptr<Desk>> Desk::open(const Options& options) {
    std::error_code error;
    // The book, its logs and the FIX messages are the owner's alone.
    if (std::filesystem::create_directories(options.dataDirectory, error))
        std::filesystem::permissions(options.dataDirectory, std::filesystem::perms::owner_all, error);
    if (error) return Error{"cannot create the data directory " + options.dataDirectory.string() + ": " + error.message()};
    // Before anything else writes there (the logs, the database): one process per data directory.
    auto lock = store::DirectoryLock::acquire(options.dataDirectory, options.program);
    if (!lock) return Error{lock.error()};
    if (auto logging = setupLogging(options.dataDirectory / "logs", options.logLevel); !logging) return Error{logging.error()};
    spdlog::info("OpenBlotter {} starting on {}", OPENBLOTTER_VERSION, options.dataDirectory.string());

    auto policy = loginPolicyFromEnvironment();
    if (!policy) return Error{policy.error()};

    std::unique_ptr<Desk> desk(new Desk);
    desk->lock_ = std::move(*lock);
    desk->loginPolicy_ = *policy;
    desk->dataDirectory_ = options.dataDirectory;
    // Only a database this start makes gets the demo data, before it gets its name: one that lost
    // its data is not a new desk, and a start that stops halfway leaves no half-made desk. A desk of real
    // brokers starts clean: its reference data, positions and rules are its own, imported.
    const bool demoData = !options.fixSettings || environmentSays("OPENBLOTTER_DEMO_DATA");
    auto store = store::SqliteStore::open(options.dataDirectory / "openblotter.db", store::Durability::Full,
                                          demoData ? store::SqliteStore::SetUp(setUpNewDesk) : setUpCleanDesk);
    if (!store) return Error{store.error()};
    desk->newDirectory_ = (*store)->isNew();
    desk->store_ = std::move(*store);

    auto reference = desk->store_->loadReferenceData();
    if (!reference) return Error{reference.error()};
    desk->referenceData_ = std::move(*reference);
    // Until a desk of real brokers has instruments, each start says how to give it some (its first start
    // may have stopped at a missing administrator's password).
    if (!demoData && desk->referenceData_.instruments.empty()) {
        if (auto samples = writeSampleFiles(options.dataDirectory / "samples"); !samples) return Error{samples.error()};
        desk->firstStartSteps_ = goingLiveSteps(options.dataDirectory, *options.fixSettings);
        spdlog::info("a desk for real brokers without instruments yet; sample files in {}",
                     (options.dataDirectory / "samples").string());
    }
    // Demo users, whose passwords are published, only on a desk of the simulated broker, or when asked for.
    const bool demo = !options.fixSettings || environmentSays("OPENBLOTTER_DEMO_USERS");
    desk->demoUsersOnRealBroker_ = demo && options.fixSettings;
    if (desk->demoUsersOnRealBroker_)
        spdlog::warn("OPENBLOTTER_DEMO_USERS=1 on a desk of real brokers: the demo users' published passwords work here");
    if (auto seeded = desk->seedUsers(demo); !seeded) return Error{seeded.error()};
    if (!demo)
        if (auto safe = desk->refuseDemoPasswords(); !safe) return Error{safe.error()};

    auto* prices = &desk->prices_;
    desk->compliance_ = std::make_unique<ComplianceEngine>(
        desk->referenceData_, [prices](const std::string& symbol) { return prices->last(symbol); },
        [prices] { return prices->version(); }, std::chrono::seconds(1));
    OrderEngine::Options engineOptions;
    engineOptions.compliance = desk->compliance_.get();
    engineOptions.loadUsers = [store = desk->store_.get()] { return store->loadUsers(); };
    desk->engine_ = std::make_unique<OrderEngine>(*desk->store_, engineOptions);
    if (auto fix = desk->openFix(options); !fix) return Error{fix.error()};
    return desk;
}

Status Desk::seedUsers(bool demo) {
    auto users = store_->loadUsers();
    if (!users) return Error{users.error()};
    if (!users->empty()) return {};
    if (demo) {
        // The demo desk's users, whose passwords the README prints: only on a desk of the simulated broker.
        auto published = demoUsers();
        if (!published) return Error{published.error()};
        for (const auto& user : *published)
            if (auto saved = store_->saveUser(user, {0, nowUtc(), "system", Role::Administrator, "user.add", "user " + user.name,
                                                     "demo user, role " + std::string(nameOf(user.role))});
                !saved)
                return saved;
        spdlog::info("added the demo users, one per role");
        return {};
    }
    // A desk of real brokers starts with one administrator, whose password the person installing it chooses.
    const char* password = std::getenv("OPENBLOTTER_ADMIN_PASSWORD");
    if (!password || !*password)
        return Error{
            "this data directory has no users yet. Start it once with the environment variable OPENBLOTTER_ADMIN_PASSWORD "
            "set: that creates the administrator 'admin', who then adds the other users (--set-user)"};
    auto hash = hashNewPassword("admin", password);
    if (!hash) return Error{"OPENBLOTTER_ADMIN_PASSWORD: " + hash.error()};
    spdlog::info("created the first administrator, 'admin'");
    return store_->saveUser({"admin", "Administrator", Role::Administrator, *hash, true},
                            {0, nowUtc(), "system", Role::Administrator, "user.add", "user admin",
                             "the first administrator, from OPENBLOTTER_ADMIN_PASSWORD"});
}

Status Desk::refuseDemoPasswords() {
    auto published = demoUsers();
    if (!published) return Error{published.error()};
    auto users = store_->loadUsers();
    if (!users) return Error{users.error()};
    // The demo users were stored with the published hashes, so an unchanged password is an unchanged hash.
    std::string names;
    for (const auto& user : *users)
        for (const auto& demoUser : *published)
            if (user.active && user.name == demoUser.name && user.passwordHash == demoUser.passwordHash)
                names += (names.empty() ? "" : ", ") + user.name;
    if (names.empty()) return {};
    return Error{"this data directory's demo users still have their published passwords (" + names +
                 "): a desk connected to a real broker must not. Use a new --data-dir for the real broker, or, "
                 "without --fix-settings, give these users new passwords or disable them (--set-user)"};
}

void Desk::watchPrices() {
    std::uint64_t seen = prices_.version();
    std::unique_lock lock(watcherMutex_);
    while (!watcherStop_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
        // Holdings are checked once a second at most, however fast prices tick.
        const auto now = prices_.version();
        if (now == seen) continue;
        seen = now;
        engine_->recheckHoldings();
    }
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
    engine_->setRouter([gateway = gateway_.get()](const OutboundRequest& request) { return gateway->route(request); });
    return {};
}

void Desk::takeReference(const ReferenceData& reference) {
    referenceData_ = reference;
    std::vector<std::string> symbols;
    std::vector<SimInstrument> listed;
    for (const auto& instrument : reference.instruments) {
        symbols.push_back(instrument.symbol);
        if (instrument.referencePrice) prices_.setReference(instrument.symbol, *instrument.referencePrice);
        if (auto simulatedInstrument = simulated(instrument)) listed.push_back(*simulatedInstrument);
    }
    if (gateway_) gateway_->followPrices(symbols);
    if (simulator_)
        simulator_->call([&listed](SimulatedBroker& broker) {
            for (const auto& instrument : listed) broker.list(instrument);
        });
}

Desk::~Desk() {
    {
        std::lock_guard lock(watcherMutex_);
        stopping_ = true;
    }
    watcherStop_.notify_all();
    if (priceWatcher_.joinable()) priceWatcher_.join();
    if (engine_) engine_->stop();  // no request leaves after this
    if (gateway_) gateway_->stop();
    simulator_.reset();
    spdlog::info("OpenBlotter stopped");
    spdlog::default_logger()->flush();
}

Status Desk::start() {
    if (auto started = engine_->start(); !started) return started;
    priceWatcher_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "ob-prices");
        watchPrices();
    });
    return gateway_->start();
}

}  // namespace ob::app

#pragma once

#include "auth/login.h"
#include "domain/result.h"
#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "sim/simulator.h"
#include "store/directorylock.h"
#include "store/orderstore.h"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace ob::app {

/// Everything a desk runs on, opened from one data directory:
///   openblotter.db      the order database (SQLite, WAL)
///   fix/                FIX sequence numbers and stored messages, the message log, data dictionaries
///   logs/               rotating log files
///   openblotter.lock    held by the one process using the directory, naming it
/// Without FIX settings the desk runs the simulated broker in-process on
/// 127.0.0.1 and connects to it, and a new directory starts as the demo desk: instruments, funds, accounts,
/// exchange rates, opening positions, model portfolios, compliance rules and a user per role. With FIX settings a
/// new directory starts clean, with its first administrator only (OPENBLOTTER_DEMO_DATA=1 gives it the demo
/// desk's data, for a trial against a broker's test system).
class Desk {
public:
    struct Options {
        std::filesystem::path dataDirectory;
        std::string logLevel = "info";
        std::optional<std::filesystem::path> fixSettings;
        /// How a program refused the data directory while this desk holds it names this one
        /// ("openblotter --headless"); empty: the process's name.
        std::string program = {};
    };

    /// Locks the data directory to this process (a second program is refused, naming this one),
    /// starts logging, opens the store, loads the reference data and prepares
    /// the FIX sessions (and the simulator). The engine does not run yet, so
    /// that listeners can subscribe first.
    static Result<std::unique_ptr<Desk>> open(const Options& options);
    ~Desk();

    /// Starts the engine on the stored book, then the FIX sessions, and
    /// checks the funds' holdings against the rules whenever prices move.
    Status start();

    OrderEngine& engine() { return *engine_; }
    OrderStore& store() { return *store_; }
    FixGateway& gateway() { return *gateway_; }
    /// Latest prices: market data where a session provides it, else the instruments' reference prices.
    MarketPrices& prices() { return prices_; }
    /// The built-in simulated broker, when no FIX settings were given.
    Simulator* simulator() { return simulator_.get(); }
    /// The desk's reference data as this thread (the GUI's, or the batch's) last took it.
    const ReferenceData& referenceData() const { return referenceData_; }
    /// Takes reference data the engine changed (OrderEngine::setReference): the windows' and the batch's copy, the
    /// reference prices, the symbols whose prices the FIX sessions follow, and the simulated broker's instruments.
    void takeReference(const ReferenceData& reference);
    const std::filesystem::path& dataDirectory() const { return dataDirectory_; }
    /// "Simulated broker on 127.0.0.1:PORT" or "FIX: FILE".
    std::string mode() const { return mode_; }
    /// The database is new: this run made it the demo desk (or a real desk's first start).
    bool isNewDirectory() const { return newDirectory_; }
    /// While a desk of real brokers has no instruments (its first start): what to import, in what order, and where
    /// the samples are (goingLiveSteps); empty otherwise.
    const std::string& firstStartSteps() const { return firstStartSteps_; }
    /// How failed logins are slowed down and locked: locked after OPENBLOTTER_LOCK_AFTER failures in a row
    /// (LoginPolicy::kDefaultLockAfter when unset, never when 0).
    const LoginPolicy& loginPolicy() const { return loginPolicy_; }
    /// OPENBLOTTER_DEMO_USERS=1 on a desk of real brokers: the demo users, whose passwords are published, may log in.
    bool demoUsersOnRealBroker() const { return demoUsersOnRealBroker_; }

private:
    Desk() = default;
    Status openFix(const Options& options);
    /// A directory without users gets the demo users (a desk of the simulated broker) or its first administrator.
    Status seedUsers(bool demo);
    /// A desk of real brokers refuses to open while any demo user can still log in with its published password.
    Status refuseDemoPasswords();
    void watchPrices();

    store::DirectoryLock lock_;  ///< first, so that it is released last
    std::filesystem::path dataDirectory_;
    std::unique_ptr<OrderStore> store_;
    std::unique_ptr<ComplianceEngine> compliance_;
    std::unique_ptr<OrderEngine> engine_;
    std::unique_ptr<Simulator> simulator_;
    std::unique_ptr<FixGateway> gateway_;
    ReferenceData referenceData_;
    MarketPrices prices_;
    std::string mode_;
    bool newDirectory_ = false;
    std::string firstStartSteps_;
    LoginPolicy loginPolicy_;
    bool demoUsersOnRealBroker_ = false;

    std::mutex watcherMutex_;
    std::condition_variable watcherStop_;
    bool stopping_ = false;
    std::thread priceWatcher_;
};

/// The demo desk's reference data, built into the program.
Result<ReferenceData> demoReferenceData();
/// The demo desk's compliance rules (resources/demo/rules.json).
Result<RuleBook> demoRules();
/// The demo desk's users, with the hashes of their published passwords.
Result<std::vector<User>> demoUsers();

/// The simulated broker's configuration for these instruments (those with a price).
SimulatorConfig simulatorFor(const std::vector<Instrument>& instruments);

}  // namespace ob::app

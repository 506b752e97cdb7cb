#pragma once

#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "reports.h"
#include "sim/simulator.h"
#include "store/sqlitestore.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <source_location>
#include <string>

namespace ob::test {

/// Instruments the test simulator trades: AAPL at 100 (tick 0.01, lot 1),
/// VOD.L at 0.7 (tick 0.0002) and 7203.T at 2800 (tick 1, lot 100).
std::vector<SimInstrument> simInstruments();

/// A simulator with deterministic prices (no automatic steps) for tests.
SimulatorConfig testSimulatorConfig(const std::string& beginString = "FIX.4.4");

/// A desk (store, engine, FIX gateway) in a data directory, connected over
/// loopback FIX to a simulator; it can be closed and opened again on the
/// same directory, as after a restart.
class FixDesk {
public:
    struct Setup {
        bool compliance = false;  ///< the engine checks compliance on the store's reference data and rules
        /// Called at each open with the engine before it starts: a listener subscribes here.
        std::function<void(OrderEngine&)> beforeStart = {};
    };

    FixDesk(std::string dataDirectory, std::string settings, bool waitForLogon = true);
    FixDesk(std::string dataDirectory, std::string settings, Setup setup);
    ~FixDesk();

    /// Opens the store, starts the engine and the sessions; fails the test run on error.
    void open(bool waitForLogon = true);
    /// Closes the desk; not `graceful`, without logging out (faster, and as a crash would).
    void close(bool graceful = false);

    OrderState submit(const std::string& symbol, Side side, const std::string& qty, OrdType type = OrdType::Market,
                      std::optional<std::string> limit = {}, TimeInForce tif = TimeInForce::Day);
    /// Waits until the order satisfies the predicate (`awaited` says how, for the failure message) and the
    /// store holds that state, and returns it. On timeout the test fails, naming what was awaited and the
    /// order as last seen, and the last state seen is returned.
    OrderState waitFor(OrderId id, const std::function<bool(const OrderState&)>& predicate, const std::string& awaited,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10),
                       std::source_location where = std::source_location::current());
    OrderState waitForStatus(OrderId id, OrdStatus status, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                             std::source_location where = std::source_location::current());
    const OrderState* find(const BookSnapshot& snapshot, OrderId id);

    std::string session() const { return gateway->defaultSession(); }
    /// The messages of `msgType` that carry the ClOrdID which this desk's gateway sent since it started, once
    /// every request made so far has reached the router.
    std::vector<LoggedMessage> sent(const std::string& msgType, const std::string& clOrdId,
                                    std::source_location where = std::source_location::current());
    /// The alerts the engine has published since the desk was constructed, oldest first.
    std::vector<EngineAlert> alerts() const;

    std::string dataDirectory;
    std::string settings;
    Setup setup;
    /// How the engine hands a request to FIX, read by open(): the gateway's route() unless a test puts
    /// something else in between (a desk that dies after handing requests over, before it records that).
    std::function<bool(FixGateway&, const OutboundRequest&)> router = [](FixGateway& fix, const OutboundRequest& request) {
        return fix.route(request);
    };
    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<ComplianceEngine> compliance;  ///< with Setup::compliance
    std::unique_ptr<OrderEngine> engine;
    std::unique_ptr<FixGateway> gateway;
    MarketPrices prices;  ///< market data for simInstruments(), when the settings say MarketData=Y

private:
    mutable std::mutex alertsMutex_;
    std::vector<EngineAlert> alerts_;
};

/// Returns once the simulator has taken in a message the desk sent, whatever it then does with it: what the
/// test tells it afterwards does not change its answer. After 10 s the test fails.
void awaitReceived(Simulator& sim, const LoggedMessage& message, std::source_location where = std::source_location::current());

/// The directory of the FIX data dictionaries in the source tree.
std::string fixDictionaryDirectory();

/// A complete FIX message (BodyLength and CheckSum computed) from "35=8|..."
/// body text with '|' for SOH; the header fields come first.
std::string fixMessage(const std::string& beginString, const std::string& sender, const std::string& target, int msgSeqNum,
                       const std::string& body);

}  // namespace ob::test

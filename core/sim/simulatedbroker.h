#pragma once

#include "domain/result.h"
#include "fix/fixmessage.h"
#include "fix/quickfix/fixengine.h"
#include "orders/order.h"
#include "sim/simulatorconfig.h"

#include <functional>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// The simulated sell side's own record of an order, to compare with the blotter's.
struct SimOrderRecord {
    std::string session;
    std::string clOrdId;  ///< as first sent
    std::string orderId;
    std::string symbol;
    Side side = Side::Buy;
    Qty quantity;
    OrdStatus status = OrdStatus::New;
    Qty cumQty;
    Price avgPx;
};

/// One execution the simulator reported.
struct SimExecutionRecord {
    std::string execId;
    std::string clOrdId;
    std::string orderId;
    ExecType execType = ExecType::New;
    Qty lastQty;
    Price lastPx;
};

/// The simulated exchange's logic, free of threads and sockets: it takes
/// FIX requests and answers through the sender, possibly later through the
/// scheduler. Every call must come from one thread.
///
/// Orders: market and marketable limit orders fill at once (in
/// `partialFills` parts `fillInterval` apart), other limits and stops rest
/// until a price step crosses them; IOC fills what it can and cancels the
/// rest, FOK fills all or nothing; cancel and replace work on live orders and
/// are rejected on finished ones. Market data: snapshots and incremental
/// refreshes of bid, offer and last price.
class SimulatedBroker {
public:
    using Sender = std::function<void(const std::string& session, const fixengine::OutboundMessage& message)>;
    using Scheduler = std::function<void(std::chrono::milliseconds delay, std::function<void()> action)>;

    SimulatedBroker(const SimulatorConfig& config, Sender sender, Scheduler scheduler);

    void onMessage(const std::string& session, const FixMessage& message);

    /// Moves every price one random step and fills what it crosses.
    void step();
    void setPrice(const std::string& symbol, Price price);
    /// Trades an instrument from now on (at its opening price), or takes its new tick and lot size.
    void list(const SimInstrument& instrument);
    std::optional<Price> price(const std::string& symbol) const;

    // Things real sell sides do on their own.
    Status bust(const std::string& execId, const std::string& text = "trade canceled");
    Status correct(const std::string& execId, Qty quantity, Price price);
    Status cancelUnsolicited(const std::string& clOrdId, const std::string& text);
    Status restate(const std::string& clOrdId, Qty quantity);
    /// Ends the day: DoneForDay for every working order.
    void doneForDay();

    /// How it answers; a test changes the answers between requests (a sell side whose trouble starts or ends).
    SimulatorConfig& config() { return config_; }

    std::vector<SimOrderRecord> orders() const;
    /// What it reported, in order; not what a silent sell side lost.
    std::vector<SimExecutionRecord> executions() const { return executions_; }
    /// The application messages it took in, oldest first, as they came off the wire (with SimulatorConfig::keepReceived).
    std::vector<std::string> received() const { return received_; }

private:
    struct Fill {
        std::string execId;
        Qty quantity;
        Price price;
        bool busted = false;
    };
    struct SimOrder {
        std::string session;
        std::string firstClOrdId;
        std::string clOrdId;
        std::string orderId;
        std::string account;
        std::string symbol;
        Side side = Side::Buy;
        Qty quantity;
        OrdType type = OrdType::Limit;
        std::optional<Price> limit;
        std::optional<Price> stop;
        TimeInForce tif = TimeInForce::Day;
        Qty cum;
        Money notional;
        bool triggered = false;
        bool filling = false;  ///< partial fills are on their way
        bool done = false;
        OrdStatus status = OrdStatus::New;
        std::vector<Fill> fills;
    };
    struct Market {
        SimInstrument instrument;
        Price last;
        std::mt19937_64 random;
    };

    void newOrder(const std::string& session, const FixMessage& message);
    void cancel(const std::string& session, const FixMessage& message);
    void replace(const std::string& session, const FixMessage& message);
    void marketData(const std::string& session, const FixMessage& message);
    void statusRequest(const std::string& session, const FixMessage& message);

    /// Fills what the current price allows; IOC and FOK end here.
    void execute(SimOrder& order);
    void fillPart(const std::string& orderId, int partsLeft);
    void fill(SimOrder& order, Qty quantity, Price price);
    void finish(SimOrder& order, OrdStatus status, ExecType execType, const std::string& text, const std::string& clOrdId = {},
                const std::string& origClOrdId = {});
    /// Sends an ExecutionReport about the order; returns its ExecID.
    std::string report(const SimOrder& order, ExecType type, Qty lastQty, Price lastPx, const std::string& text,
                       const std::string& clOrdId = {}, const std::string& origClOrdId = {}, const std::string& execRefId = {});
    /// Refuses a request with a BusinessMessageReject (`business`) or a session-level Reject, its only answer.
    void refuse(const std::string& session, const FixMessage& request, bool business, const std::string& text);
    void rejectOrder(const std::string& session, const FixMessage& message, const std::string& text, const std::string& reason);
    void cancelReject(const std::string& session, const FixMessage& message, const SimOrder* order, const std::string& reason,
                      const std::string& text);
    void send(const std::string& session, fixengine::OutboundMessage message);
    void publishMarketData(const std::string& symbol);
    OrdStatus statusOf(const SimOrder& order) const;
    SimOrder* findByClOrdId(const std::string& session, const std::string& clOrdId);
    SimOrder* findByExecId(const std::string& execId, Fill** fill);
    bool isFix42(const std::string& session) const { return session.rfind("FIX.4.2:", 0) == 0; }
    std::string nextExecId();
    std::string nextOrderId();

    SimulatorConfig config_;
    Sender sender_;
    Scheduler scheduler_;
    std::map<std::string, Market> markets_;
    std::map<std::string, SimOrder> orders_;                         ///< by OrderID
    std::unordered_map<std::string, std::string> byClOrdId_;         ///< session + ClOrdID → OrderID
    std::vector<std::string> orderSequence_;                         ///< OrderIDs in arrival order
    std::map<std::string, std::vector<std::string>> subscriptions_;  ///< symbol → sessions
    std::vector<SimExecutionRecord> executions_;
    std::vector<std::string> received_;  ///< with config_.keepReceived
    std::string idPrefix_;               ///< SimulatorConfig::idPrefix, or this run's own
    std::uint64_t orderCounter_ = 0;
    std::uint64_t execCounter_ = 0;
    bool muted_ = false;  ///< its answers to the request at hand are lost (SimulatorConfig::silent)
};

}  // namespace ob

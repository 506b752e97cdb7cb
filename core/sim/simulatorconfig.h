#pragma once

#include "domain/decimal.h"
#include "fix/quickfix/fixengine.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// An instrument the simulated exchange trades, with its opening price.
struct SimInstrument {
    std::string symbol;
    Price price;
    Price tickSize = Price::of("0.01");
    Qty lotSize = Qty::fromInteger(1);
};

/// A counterparty allowed to log on: "FIX.4.4" and its SenderCompID.
struct SimClient {
    std::string beginString = "FIX.4.4";
    std::string compId = "OPENBLOTTER";
};

/// How the simulated broker behaves. Given the same seed, the same requests
/// and the same price steps, it answers the same way. SimulatedBroker::config()
/// changes how it answers (rejectShare, partialFills, acknowledge, pendingAcks and
/// the answers below) while it runs.
struct SimulatorConfig {
    std::vector<SimInstrument> instruments;
    std::uint64_t seed = 1;
    /// What the simulator's OrderIDs and ExecIDs carry after their letter: empty, a stamp of its own start (the
    /// time in milliseconds, base 36), so that ids never repeat across restarts; a test that wants a sell side
    /// which reuses its ids gives two runs the same one.
    std::string idPrefix;
    std::string compId = "SIM";  ///< the simulator's own CompID
    std::vector<SimClient> clients{SimClient{}};
    std::string listenAddress = "127.0.0.1";
    int port = 0;                     ///< 0 takes a free port
    std::string storeDirectory;       ///< FIX sequence numbers and messages; empty keeps them in memory
    std::string dictionaryDirectory;  ///< FIX42.xml and FIX44.xml
    std::string password;             ///< when set, a client's Logon must carry it
    std::string tlsCertificate;       ///< a PEM file with certificate and key: sessions in TLS

    double rejectShare = 0;                            ///< share of new orders rejected, 0..1
    std::chrono::milliseconds latency{0};              ///< before each answer
    int partialFills = 1;                              ///< fills per marketable order
    std::chrono::milliseconds fillInterval{0};         ///< between those fills
    std::chrono::milliseconds tickInterval{500};       ///< between price steps; zero: prices move only when told
    std::optional<std::chrono::seconds> doneForDayAt;  ///< UTC time of day to end DAY orders
    bool acknowledge = true;                           ///< send New before the first fill
    bool pendingAcks = false;                          ///< send PendingCancel/PendingReplace first

    /// How new orders are answered: executed, refused with a BusinessMessageReject or a session-level Reject
    /// as the only answer, or dropped unread, as if they never reached the sell side.
    enum class NewOrderAnswer { Execute, BusinessReject, SessionReject, Ignore };
    NewOrderAnswer newOrderAnswer = NewOrderAnswer::Execute;
    /// A sell side whose answers are lost: it acts on new orders, cancels and replaces but sends nothing back
    /// about them (fills that come later are reported). For orders that rest: a status answer cannot carry fills.
    bool silent = false;
    /// How OrderStatusRequests (35=H) are answered: with the order's status (Rejected for an order it does not
    /// know), not at all, or refused with a BusinessMessageReject or a session-level Reject.
    enum class StatusAnswer { Report, Ignore, BusinessReject, SessionReject };
    StatusAnswer statusAnswer = StatusAnswer::Report;
    /// Tags a sell side adds to every ExecutionReport (its own, or groups).
    std::vector<fixengine::Field> extraExecutionTags;
    /// Keeps the text of every application message it takes in (SimulatedBroker::received()): for tests that read
    /// what reached the sell side. Off, it keeps nothing, however long it runs.
    bool keepReceived = false;
};

}  // namespace ob

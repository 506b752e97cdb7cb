#pragma once

#include "engine/orderengine.h"
#include "fix/fixtranslator.h"
#include "fix/messagelog.h"
#include "fix/quickfix/fixengine.h"
#include "fix/wireidentifiers.h"
#include "market/marketprices.h"

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// A FIX session as the desk sees it.
struct FixSessionInfo {
    enum class State : std::uint8_t { Disconnected, Connecting, LoggedOn, Error };

    std::string id;     ///< "FIX.4.4:OPENBLOTTER->BROKER"
    std::string alias;  ///< SessionAlias from the settings, else the TargetCompID
    FixVersion version = FixVersion::Fix44;
    State state = State::Disconnected;
    int nextSenderMsgSeqNum = 0;
    int nextTargetMsgSeqNum = 0;
    std::string lastError;
    std::string lastEvent;
    Timestamp lastEventAt;
    /// How long the sell side has to answer a status request (the setting StatusRequestTimeout, in seconds).
    std::chrono::seconds statusRequestTimeout{30};
};

std::string_view nameOf(FixSessionInfo::State state);

/// Connects the order engine to sell sides over FIX (QuickFIX initiator).
///
/// Inbound: QuickFIX's thread hands each message to the gateway, which
/// translates it to a book event and posts it to the engine, never touching
/// the book itself. A message that cannot be translated, and one the session
/// layer rejected, is posted to the engine's quarantine. Outbound: the engine
/// routes each committed request here; a request that cannot be sent becomes
/// a reject of that request, with the reason.
///
/// Recovery: on start each session resumes inbound at the MsgSeqNum after the
/// last one whose effects the store holds, so that after a crash the
/// counterparty resends the rest (the book drops ExecIDs it has already
/// applied).
///
/// Files: a session's message store or the message log that cannot be written
/// (a full disk) raises an alert and an error in the log, once until it writes again.
class FixGateway final : private fixengine::Listener {
public:
    struct Options {
        std::string settingsText;                   ///< a QuickFIX session settings file's text
        std::filesystem::path dataDirectory;        ///< fix/store and fix/messages-*.log go here
        std::filesystem::path dictionaryDirectory;  ///< FIX42.xml and FIX44.xml
        /// Where market data goes; sessions whose settings say MarketData=Y
        /// subscribe to `marketDataSymbols` at each logon.
        MarketPrices* prices = nullptr;
        std::vector<std::string> marketDataSymbols;
    };

    static Result<std::unique_ptr<FixGateway>> create(const Options& options, OrderEngine& engine);
    ~FixGateway() override;

    /// Resumes each session where the store stands and starts connecting.
    Status start();
    /// Logs every session out and waits for the answers (a second or two);
    /// not `graceful`, it drops the connections at once, as a crash would.
    void stop(bool graceful = true);
    /// Follows the prices of more symbols (instruments the desk added): asked of every session logged on with
    /// MarketData=Y now, and at each logon from now on.
    void followPrices(const std::vector<std::string>& symbols);

    /// The engine's router: sends a committed request; false (and a reject of the request posted to the engine)
    /// when the session could not take it, or when its instrument lacks an identifier the session sends
    /// (SecurityIDSource, ExDestination).
    bool route(const OutboundRequest& request);

    std::vector<FixSessionInfo> sessions() const;
    /// The session that a broker name means: a session id, a SessionAlias or a TargetCompID.
    std::optional<std::string> resolve(std::string_view broker) const;
    std::string defaultSession() const;
    /// Waits until every session is logged on; false on timeout. The engine has been told of each logon by
    /// then: a command posted to it afterwards comes after what the logon asked for.
    bool waitForLogon(std::chrono::milliseconds timeout);

    void connect(const std::string& session);
    void disconnect(const std::string& session);
    /// Logs out and resets both sequence numbers to 1 (start of a new FIX day by agreement).
    void reset(const std::string& session);

    MessageLog& messageLog() { return *messageLog_; }

private:
    FixGateway(OrderEngine& engine, std::unique_ptr<MessageLog> log);

    // fixengine::Listener, on QuickFIX's thread
    void onApplicationMessage(const std::string& session, const std::string& text, int msgSeqNum, bool possDup) override;
    void onApplicationSent(const std::string& session, const std::string& text, int msgSeqNum) override;
    void onRejectedMessage(const std::string& session, const std::string& text, const std::string& reason) override;
    void onLogon(const std::string& session) override;
    void onLogout(const std::string& session) override;
    void onEvent(const std::string& session, const std::string& text) override;
    void onRawMessage(const std::string& session, fixengine::Direction direction, const std::string& text) override;

    /// What we sent that a reject may name: the message's type and ClOrdID.
    struct Sent {
        std::string msgType;
        std::string clOrdId;
    };

    /// How a session names instruments, and the name its errors give it.
    struct SessionIdentifiers {
        WireIdentifiers wire;
        std::string alias;
    };

    /// The fields that name the request's instrument on its session; an error when an identifier is missing.
    Result<InstrumentFields> instrumentFieldsOf(const OutboundRequest& request) const;
    /// A request that does not leave: said in the log and, unless a status request (asked again at the next
    /// logon), posted to the engine as a reject of the request.
    bool refuse(const OutboundRequest& request, const std::string& why);
    void quarantine(const std::string& session, const std::string& text, int msgSeqNum, std::string reason);
    void sessionReject(const std::string& session, const FixMessage& message);
    /// Asks the session for the prices of `symbols` (every symbol followed, when none are given).
    void subscribeMarketData(const std::string& session, std::vector<std::string> symbols = {});
    void applyMarketData(const std::string& session, const FixMessage& message, int msgSeqNum);
    void businessReject(const std::string& session, const FixMessage& message);
    std::optional<Sent> sentMessage(const std::string& session, int msgSeqNum) const;

    OrderEngine& engine_;
    std::unique_ptr<MessageLog> messageLog_;
    std::unique_ptr<fixengine::Engine> fix_;
    /// Session id → how it names instruments; written by create() only, so read without a lock.
    std::unordered_map<std::string, SessionIdentifiers> identifiers_;
    MarketPrices* prices_ = nullptr;
    std::mutex marketDataMutex_;
    std::vector<std::string> marketDataSymbols_;  ///< guarded by marketDataMutex_

    mutable std::mutex mutex_;
    std::condition_variable logonChanged_;
    std::map<std::string, FixSessionInfo> sessions_;
    std::map<std::string, std::map<int, Sent>> sent_;   ///< session → outbound MsgSeqNum → what it carried
    std::map<std::string, std::string> storeFailures_;  ///< session → why its message store last failed, until it writes
};

/// Writes the FIX data dictionaries into `directory` when they are missing or differ.
Status installFixDictionaries(const std::filesystem::path& directory, std::string_view fix42, std::string_view fix44);

}  // namespace ob

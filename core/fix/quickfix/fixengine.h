#pragma once
// The FIX engine's plain interface. It wraps QuickFIX, whose headers do not
// compile as C++17 or later: the implementation is built as C++14 and this
// header uses nothing newer, no QuickFIX type and no Qt type, so that C++20
// code includes it freely.

#include <memory>
#include <string>
#include <vector>

namespace ob {
namespace fixengine {

/// One field as text, exactly as it is on the wire.
struct Field {
    int tag;
    std::string value;
};

/// A repeating group to send: its count tag, the tag that starts each entry,
/// and the entries' fields.
struct Group {
    int countTag;
    int delimiter;
    std::vector<std::vector<Field>> entries;
};

/// An application message to send; the session adds the header and trailer.
struct OutboundMessage {
    std::string msgType;
    std::vector<Field> fields;
    std::vector<Group> groups;
    std::vector<Field> header = {};  ///< header fields beyond those the session sets (PossResend)
};

enum class Direction { Incoming, Outgoing };

/// A session's sequence numbers and whether it is logged on.
struct SessionStatus {
    std::string session;  ///< "FIX.4.4:SENDER->TARGET" (":QUALIFIER" when set)
    bool loggedOn;
    int nextSenderMsgSeqNum;
    int nextTargetMsgSeqNum;
    /// When the session's sequence numbers last started from 1: a new value means a new FIX session day.
    std::string storeCreated;
};

/// What the engine reports. Called on the engine's threads: implementations
/// hand the work off quickly and must not throw.
class Listener {
public:
    virtual ~Listener() {}
    /// An application message the session accepted, as SOH-separated text;
    /// session-level Rejects (35=3) come this way too, as they answer our messages.
    virtual void onApplicationMessage(const std::string& session, const std::string& text, int msgSeqNum, bool possDup) = 0;
    /// An application message we are sending, with the MsgSeqNum it got.
    virtual void onApplicationSent(const std::string& session, const std::string& text, int msgSeqNum) = 0;
    /// An inbound message the session layer refused with a Reject (35=3).
    virtual void onRejectedMessage(const std::string& session, const std::string& text, const std::string& reason) = 0;
    virtual void onLogon(const std::string& session) = 0;
    virtual void onLogout(const std::string& session) = 0;
    /// Connection attempts, disconnects and errors, in QuickFIX's words.
    virtual void onEvent(const std::string& session, const std::string& text) = 0;
    /// Every message in or out, with credentials masked.
    virtual void onRawMessage(const std::string& session, Direction direction, const std::string& text) = 0;
};

struct EngineOptions {
    /// A standard QuickFIX session settings file's text.
    std::string settingsText;
    /// Where the FileStore keeps sequence numbers and sent messages; empty keeps them in memory.
    std::string storeDirectory;
    /// Holds FIX42.xml and FIX44.xml, used for sessions whose settings name no DataDictionary.
    std::string dictionaryDirectory;
    /// The owner records the last inbound MsgSeqNum it applied and restores it
    /// with setNextTargetMsgSeqNum before start: the store then keeps the
    /// inbound number in memory instead of writing a file per message.
    bool inboundSequenceRecordedByOwner = false;
};

/// Sessions from a settings file, their state and their messages.
class Engine {
public:
    virtual ~Engine() {}
    virtual std::vector<std::string> sessions() const = 0;
    /// A setting of a session ("" when absent): Username, SessionAlias, BeginString...
    virtual std::string setting(const std::string& session, const std::string& key) const = 0;
    /// Sets the MsgSeqNum expected next from the counterparty (recovery, before start).
    virtual bool setNextTargetMsgSeqNum(const std::string& session, int next, std::string& error) = 0;
    virtual bool start(std::string& error) = 0;
    /// Logs out and stops; `force` drops the connections without waiting for the logouts.
    virtual void stop(bool force = false) = 0;
    /// Sends an application message; false with the reason when the session
    /// is unknown or not logged on (nothing is queued then).
    virtual bool send(const std::string& session, const OutboundMessage& message, std::string& error) = 0;
    /// For tests of malformed input: a message text is sent with the
    /// session's header and next MsgSeqNum but its body as it is; `asIs`
    /// writes the text to the connection unchanged instead.
    virtual bool sendRaw(const std::string& session, const std::string& text, bool asIs, std::string& error) = 0;
    virtual std::vector<SessionStatus> status() const = 0;
    virtual void logon(const std::string& session) = 0;
    virtual void logout(const std::string& session, const std::string& reason) = 0;
    /// Logs out and resets both sequence numbers to 1.
    virtual void reset(const std::string& session) = 0;
};

/// Connects out to every session of the settings (ConnectionType=initiator).
/// SSLEnable=Y on a session uses TLS for all sessions (QuickFIX's SSL settings apply).
std::unique_ptr<Engine> createInitiator(const EngineOptions& options, Listener& listener, std::string& error);

/// Accepts the sessions of the settings (ConnectionType=acceptor) on one
/// port, listening on 127.0.0.1 only unless the settings say otherwise with
/// SocketAcceptAddress. SocketAcceptPort=0 takes a free port; port() tells it.
/// After stop(), start() listens on the same port again: the sessions keep
/// their sequence numbers and the messages stored while no one was connected.
class Acceptor : public Engine {
public:
    virtual int port() const = 0;
};
std::unique_ptr<Acceptor> createAcceptor(const EngineOptions& options, Listener& listener, std::string& error);

/// Replaces the values of Password (554), Username (553), NewPassword (925)
/// and RawData (96) in a SOH-separated message with asterisks.
std::string maskCredentials(const std::string& text);

}  // namespace fixengine
}  // namespace ob

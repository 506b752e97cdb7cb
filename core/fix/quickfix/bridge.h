#pragma once

#include "fixengine.h"
#include "quickfix.h"

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace ob {
namespace fixengine {

/// QuickFIX's Application, Log and MessageStore for our sessions: forwards
/// what happens to the Listener, adds logon credentials from the settings,
/// masks them wherever a message is written, and reports inbound messages
/// the session layer rejected.
class Bridge : public FIX::Application, public FIX::LogFactory {
public:
    Bridge(Listener& listener, const FIX::SessionSettings& settings);

    // FIX::Application
    void onCreate(const FIX::SessionID&) override {}
    void onLogon(const FIX::SessionID& id) override;
    void onLogout(const FIX::SessionID& id) override;
    void toAdmin(FIX::Message& message, const FIX::SessionID& id) override;
    void toApp(FIX::Message& message, const FIX::SessionID& id) throw(FIX::DoNotSend) override;
    void fromAdmin(const FIX::Message& message, const FIX::SessionID& id) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                                                FIX::IncorrectTagValue,
                                                                                FIX::RejectLogon) override;
    void fromApp(const FIX::Message& message, const FIX::SessionID& id) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                                              FIX::IncorrectTagValue,
                                                                              FIX::UnsupportedMessageType) override;

    // FIX::LogFactory
    FIX::Log* create() override;
    FIX::Log* create(const FIX::SessionID& id) override;
    void destroy(FIX::Log* log) override;

    /// Keeps the last inbound messages by MsgSeqNum, to report one the session rejects.
    void rememberIncoming(const std::string& session, const std::string& text);

    Listener& listener() { return listener_; }

private:
    std::string recalled(const std::string& session, int msgSeqNum);

    Listener& listener_;
    const FIX::SessionSettings& settings_;
    /// The last inbound messages of each session, by MsgSeqNum modulo the size.
    static const std::size_t kRecalled = 1024;
    std::mutex mutex_;
    std::map<std::string, std::array<std::pair<int, std::string>, kRecalled>> recentIncoming_;
};

/// A FileStore (or MemoryStore) that masks credentials in what it writes;
/// `targetInMemory` counts inbound sequence numbers in memory only (for an
/// owner that records and restores them itself).
class MaskingStoreFactory : public FIX::MessageStoreFactory {
public:
    MaskingStoreFactory(const std::string& directory, bool targetInMemory)
        : directory_(directory), targetInMemory_(targetInMemory), files_(directory) {}
    FIX::MessageStore* create(const FIX::SessionID& id) override;
    void destroy(FIX::MessageStore* store) override;

private:
    std::string directory_;
    bool targetInMemory_;
    FIX::FileStoreFactory files_;
    FIX::MemoryStoreFactory memory_;
};

/// The session identity as text, and the MsgSeqNum in a message's text.
std::string sessionKey(const FIX::SessionID& id);
/// A session's setting ("" when absent), the session named by its sessionKey.
std::string settingOf(const FIX::SessionSettings& settings, const std::string& session, const std::string& key);
int msgSeqNumOf(const std::string& text);
/// When the session's store was created or last reset, as FIX UTC text.
std::string storeCreated(FIX::Session& session);
std::string msgTypeOf(const std::string& text);

/// Settings with our defaults filled in where the file is silent: the
/// shipped data dictionaries, lenient validation, a 24-hour session.
FIX::SessionSettings prepareSettings(const std::string& text, const std::string& dictionaryDirectory, const char* connectionType);

/// Builds a QuickFIX message from plain fields.
FIX::Message buildMessage(const OutboundMessage& message);

}  // namespace fixengine
}  // namespace ob

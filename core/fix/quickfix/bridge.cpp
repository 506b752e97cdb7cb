#include "bridge.h"

#include <quickfix/FieldNumbers.h>
#include <quickfix/FixValues.h>

#include <sstream>

namespace ob {
namespace fixengine {

namespace {

constexpr char kSoh = '\x01';

/// "<SOH>tag=", what precedes a field's value in a message's text.
std::string fieldStart(int tag) { return std::string(1, kSoh) + std::to_string(tag) + '='; }

std::string fieldOf(const std::string& text, int tag) {
    const std::string needle = fieldStart(tag);
    auto at = text.find(needle);
    if (at == std::string::npos) return {};
    at += needle.size();
    const auto end = text.find(kSoh, at);
    return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

/// A session's log: raw messages to the listener (masked), events too.
class BridgeLog : public FIX::Log {
public:
    BridgeLog(Bridge& bridge, std::string session) : bridge_(bridge), session_(std::move(session)) {}
    void clear() override {}
    void backup() override {}
    void onIncoming(const std::string& text) override {
        try {
            bridge_.rememberIncoming(session_, text);
            bridge_.listener().onRawMessage(session_, Direction::Incoming, maskCredentials(text));
        } catch (...) {
        }
    }
    void onOutgoing(const std::string& text) override {
        try {
            bridge_.listener().onRawMessage(session_, Direction::Outgoing, maskCredentials(text));
        } catch (...) {
        }
    }
    void onEvent(const std::string& text) override {
        try {
            bridge_.listener().onEvent(session_, text);
        } catch (...) {
        }
    }

private:
    Bridge& bridge_;
    std::string session_;
};

/// Delegates to a real store, masking credentials in stored messages: a
/// stored Logon is never resent, so the mask costs nothing. With
/// `targetInMemory`, the inbound sequence number is counted in memory only:
/// the order store records the last inbound message it applied, in the same
/// transaction as its effects, and the gateway resumes from there, so a
/// file write per inbound message would buy nothing.
class MaskingStore : public FIX::MessageStore {
public:
    MaskingStore(FIX::MessageStore* inner, FIX::MessageStoreFactory& factory, bool targetInMemory)
        : inner_(inner), factory_(factory), targetInMemory_(targetInMemory), nextTarget_(inner->getNextTargetMsgSeqNum()) {}
    ~MaskingStore() override { factory_.destroy(inner_); }
    bool set(int num, const std::string& text) throw(FIX::IOException) override {
        return inner_->set(num, maskCredentials(text));
    }
    void get(int begin, int end, std::vector<std::string>& out) const throw(FIX::IOException) override {
        inner_->get(begin, end, out);
    }
    int getNextSenderMsgSeqNum() const throw(FIX::IOException) override { return inner_->getNextSenderMsgSeqNum(); }
    int getNextTargetMsgSeqNum() const throw(FIX::IOException) override {
        return targetInMemory_ ? nextTarget_ : inner_->getNextTargetMsgSeqNum();
    }
    void setNextSenderMsgSeqNum(int num) throw(FIX::IOException) override { inner_->setNextSenderMsgSeqNum(num); }
    void setNextTargetMsgSeqNum(int num) throw(FIX::IOException) override {
        nextTarget_ = num;
        inner_->setNextTargetMsgSeqNum(num);
    }
    void incrNextSenderMsgSeqNum() throw(FIX::IOException) override { inner_->incrNextSenderMsgSeqNum(); }
    void incrNextTargetMsgSeqNum() throw(FIX::IOException) override {
        if (targetInMemory_)
            ++nextTarget_;
        else
            inner_->incrNextTargetMsgSeqNum();
    }
    FIX::UtcTimeStamp getCreationTime() const throw(FIX::IOException) override { return inner_->getCreationTime(); }
    void reset() throw(FIX::IOException) override {
        inner_->reset();
        nextTarget_ = inner_->getNextTargetMsgSeqNum();
    }
    void refresh() throw(FIX::IOException) override {
        if (targetInMemory_) inner_->setNextTargetMsgSeqNum(nextTarget_);  // keep what was counted
        inner_->refresh();
        nextTarget_ = inner_->getNextTargetMsgSeqNum();
    }

private:
    FIX::MessageStore* inner_;
    FIX::MessageStoreFactory& factory_;
    const bool targetInMemory_;
    int nextTarget_;
};

std::string settingOrEmpty(const FIX::Dictionary& dictionary, const std::string& key) {
    return dictionary.has(key) ? dictionary.getString(key) : std::string();
}

}  // namespace

std::string maskCredentials(const std::string& text) {
    // Only a Logon carries credentials; every other message passes untouched, without a copy's scan.
    if (text.find(fieldStart(FIX::FIELD::MsgType) + FIX::MsgType_Logon + kSoh) == std::string::npos) return text;
    static const int secrets[] = {FIX::FIELD::Password, FIX::FIELD::Username, FIX::FIELD::NewPassword, FIX::FIELD::RawData};
    std::string masked = text;
    for (const int secret : secrets) {
        const std::string needle = fieldStart(secret);
        std::size_t at = 0;
        while ((at = masked.find(needle, at)) != std::string::npos) {
            const auto start = at + needle.size();
            const auto end = masked.find(kSoh, start);
            const auto length = (end == std::string::npos ? masked.size() : end) - start;
            masked.replace(start, length, "********");
            at = start;
        }
    }
    return masked;
}

std::string sessionKey(const FIX::SessionID& id) { return id.toString(); }

std::string settingOf(const FIX::SessionSettings& settings, const std::string& session, const std::string& key) {
    for (const auto& id : settings.getSessions()) {
        if (sessionKey(id) != session) continue;
        const auto& dictionary = settings.get(id);
        return dictionary.has(key) ? dictionary.getString(key) : std::string();
    }
    return std::string();
}

int msgSeqNumOf(const std::string& text) {
    const auto value = fieldOf(text, FIX::FIELD::MsgSeqNum);
    return value.empty() ? 0 : std::atoi(value.c_str());
}

std::string msgTypeOf(const std::string& text) { return fieldOf(text, FIX::FIELD::MsgType); }

std::string storeCreated(FIX::Session& session) {
    try {
        // To the second: the FileStore keeps no more, and the value must read the same after a restart.
        return FIX::UtcTimeStampConvertor::convert(session.getStore()->getCreationTime(), 0);
    } catch (...) {
        return {};
    }
}

Bridge::Bridge(Listener& listener, const FIX::SessionSettings& settings) : listener_(listener), settings_(settings) {}

void Bridge::onLogon(const FIX::SessionID& id) {
    try {
        listener_.onLogon(sessionKey(id));
    } catch (...) {
    }
}

void Bridge::onLogout(const FIX::SessionID& id) {
    try {
        listener_.onLogout(sessionKey(id));
    } catch (...) {
    }
}

void Bridge::toAdmin(FIX::Message& message, const FIX::SessionID& id) {
    try {
        const std::string msgType = message.getHeader().getField(FIX::FIELD::MsgType);
        if (msgType == FIX::MsgType_Logon && settings_.has(id)) {
            // Credentials come from the session's settings and go only onto the wire.
            const auto& dictionary = settings_.get(id);
            const auto username = settingOrEmpty(dictionary, "Username");
            const auto password = settingOrEmpty(dictionary, "Password");
            if (!username.empty()) message.setField(FIX::FIELD::Username, username);
            if (!password.empty()) message.setField(FIX::FIELD::Password, password);
        } else if (msgType == FIX::MsgType_Reject) {
            // We are refusing one of their messages at the session level: if it
            // was an application message, it must not vanish.
            const int refSeqNum = std::atoi(message.getField(FIX::FIELD::RefSeqNum).c_str());
            const auto session = sessionKey(id);
            const auto text = recalled(session, refSeqNum);
            if (!text.empty() && !FIX::Message::isAdminMsgType(FIX::MsgType(msgTypeOf(text)))) {
                std::string reason = message.isSetField(FIX::FIELD::Text) ? message.getField(FIX::FIELD::Text) : std::string();
                if (message.isSetField(FIX::FIELD::RefTagID)) reason += " (tag " + message.getField(FIX::FIELD::RefTagID) + ")";
                listener_.onRejectedMessage(session, maskCredentials(text),
                                            reason.empty() ? "rejected by the session layer" : reason);
            }
        }
    } catch (...) {
    }
}

void Bridge::toApp(FIX::Message& message, const FIX::SessionID& id) throw(FIX::DoNotSend) {
    try {
        const int seq = std::atoi(message.getHeader().getField(FIX::FIELD::MsgSeqNum).c_str());
        listener_.onApplicationSent(sessionKey(id), message.toString(), seq);
    } catch (...) {
    }
}

void Bridge::fromAdmin(const FIX::Message& message, const FIX::SessionID& id) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                                                    FIX::IncorrectTagValue, FIX::RejectLogon) {
    const std::string msgType = message.getHeader().getField(FIX::FIELD::MsgType);
    if (msgType == FIX::MsgType_Reject) {
        // A session-level reject answers one of our messages, perhaps an order: the listener decides.
        try {
            const int seq = std::atoi(message.getHeader().getField(FIX::FIELD::MsgSeqNum).c_str());
            listener_.onApplicationMessage(sessionKey(id), message.toString(), seq, false);
        } catch (...) {
        }
        return;
    }
    if (msgType == FIX::MsgType_Logout && message.isSetField(FIX::FIELD::Text)) {
        try {
            listener_.onEvent(sessionKey(id), "the counterparty logs out: " + message.getField(FIX::FIELD::Text));
        } catch (...) {
        }
        return;
    }
    // An acceptor whose settings hold a Password checks the counterparty's.
    if (msgType != FIX::MsgType_Logon || !settings_.has(id)) return;
    const auto expected = settingOrEmpty(settings_.get(id), "Password");
    if (expected.empty() || settingOrEmpty(settings_.get(id), "ConnectionType") != "acceptor") return;
    const auto given = message.isSetField(FIX::FIELD::Password) ? message.getField(FIX::FIELD::Password) : std::string();
    if (given != expected) throw FIX::RejectLogon("invalid username or password");
}

void Bridge::fromApp(const FIX::Message& message, const FIX::SessionID& id) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                                                                  FIX::IncorrectTagValue,
                                                                                  FIX::UnsupportedMessageType) {
    try {
        const auto& header = message.getHeader();
        const int seq = std::atoi(header.getField(FIX::FIELD::MsgSeqNum).c_str());
        const bool possDup = header.isSetField(FIX::FIELD::PossDupFlag) && header.getField(FIX::FIELD::PossDupFlag) == "Y";
        const auto session = sessionKey(id);
        // The text as it arrived (kept by the log), else QuickFIX's rendering of it.
        auto text = recalled(session, seq);
        if (text.empty()) text = message.toString();
        listener_.onApplicationMessage(session, text, seq, possDup);
    } catch (...) {
    }
}

FIX::Log* Bridge::create() { return new BridgeLog(*this, std::string()); }
FIX::Log* Bridge::create(const FIX::SessionID& id) { return new BridgeLog(*this, sessionKey(id)); }
void Bridge::destroy(FIX::Log* log) { delete log; }

void Bridge::rememberIncoming(const std::string& session, const std::string& text) {
    const int seq = msgSeqNumOf(text);
    if (seq <= 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    auto& slot = recentIncoming_[session][static_cast<std::size_t>(seq) % kRecalled];
    slot.first = seq;
    slot.second = text;
}

std::string Bridge::recalled(const std::string& session, int msgSeqNum) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto& slot = recentIncoming_[session][static_cast<std::size_t>(msgSeqNum) % kRecalled];
    return slot.first == msgSeqNum ? slot.second : std::string();
}

FIX::MessageStore* MaskingStoreFactory::create(const FIX::SessionID& id) {
    FIX::MessageStoreFactory& inner = directory_.empty() ? static_cast<FIX::MessageStoreFactory&>(memory_) : files_;
    return new MaskingStore(inner.create(id), inner, targetInMemory_);
}

void MaskingStoreFactory::destroy(FIX::MessageStore* store) { delete store; }

FIX::SessionSettings prepareSettings(const std::string& text, const std::string& dictionaryDirectory,
                                     const char* connectionType) {
    std::istringstream stream(text);
    FIX::SessionSettings parsed(stream);
    FIX::SessionSettings prepared;
    FIX::Dictionary defaults = parsed.get();
    prepared.set(defaults);
    for (const auto& id : parsed.getSessions()) {
        FIX::Dictionary dictionary = parsed.get(id);
        auto fill = [&](const char* key, const std::string& value) {
            if (!dictionary.has(key)) dictionary.setString(key, value);
        };
        fill("ConnectionType", connectionType);
        fill("StartTime", "00:00:00");
        fill("EndTime", "00:00:00");
        fill("HeartBtInt", "30");
        fill("ReconnectInterval", "5");
        fill("UseDataDictionary", "Y");
        if (dictionary.getString("UseDataDictionary") == "Y" && !dictionary.has("DataDictionary")) {
            const auto version = id.getBeginString().getValue();
            dictionary.setString("DataDictionary",
                                 dictionaryDirectory + "/" + (version == "FIX.4.2" ? "FIX42.xml" : "FIX44.xml"));
        }
        // Sell sides add their own tags and leave optional ones empty: let them.
        fill("AllowUnknownMsgFields", "Y");
        fill("ValidateUserDefinedFields", "N");
        fill("ValidateFieldsOutOfOrder", "N");
        fill("ValidateFieldsHaveValues", "N");
        fill("CheckLatency", "N");
        prepared.set(id, dictionary);
    }
    return prepared;
}

FIX::Message buildMessage(const OutboundMessage& outbound) {
    FIX::Message message;
    message.getHeader().setField(FIX::FIELD::MsgType, outbound.msgType);
    for (const auto& field : outbound.header) message.getHeader().setField(field.tag, field.value);
    for (const auto& field : outbound.fields) message.setField(field.tag, field.value);
    for (const auto& group : outbound.groups) {
        for (const auto& entry : group.entries) {
            FIX::Group fixGroup(group.countTag, group.delimiter);
            for (const auto& field : entry) fixGroup.setField(field.tag, field.value);
            message.addGroup(fixGroup);
        }
    }
    return message;
}

}  // namespace fixengine
}  // namespace ob

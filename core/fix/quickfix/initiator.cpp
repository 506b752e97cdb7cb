#include "bridge.h"

namespace ob {
namespace fixengine {

namespace {

bool wantsTls(const FIX::SessionSettings& settings) {
    for (const auto& id : settings.getSessions()) {
        const auto& dictionary = settings.get(id);
        if (dictionary.has("SSLEnable") && dictionary.getString("SSLEnable") == "Y") return true;
    }
    return false;
}

FIX::Session* find(const std::string& session, std::string& error) {
    for (const auto& id : FIX::Session::getSessions()) {
        if (sessionKey(id) != session) continue;
        if (auto* found = FIX::Session::lookupSession(id)) return found;
    }
    error = "no FIX session " + session;
    return nullptr;
}

/// Sessions that connect out, on QuickFIX's (SSL)SocketInitiator: one thread
/// runs every session and calls the listener.
class InitiatorEngine : public Engine {
public:
    InitiatorEngine(const EngineOptions& options, Listener& listener)
        : settings_(prepareSettings(options.settingsText, options.dictionaryDirectory, "initiator"))
        , bridge_(listener, settings_)
        , store_(options.storeDirectory, options.inboundSequenceRecordedByOwner) {
        if (wantsTls(settings_))
            initiator_.reset(new FIX::SSLSocketInitiator(bridge_, store_, settings_, bridge_));
        else
            initiator_.reset(new FIX::SocketInitiator(bridge_, store_, settings_, bridge_));
    }
    ~InitiatorEngine() override { stop(true); }

    std::vector<std::string> sessions() const override {
        std::vector<std::string> names;
        for (const auto& id : settings_.getSessions()) names.push_back(sessionKey(id));
        return names;
    }

    std::string setting(const std::string& session, const std::string& key) const override {
        return settingOf(settings_, session, key);
    }

    bool setNextTargetMsgSeqNum(const std::string& session, int next, std::string& error) override {
        try {
            auto* found = find(session, error);
            if (!found) return false;
            found->setNextTargetMsgSeqNum(next);
            return true;
        } catch (const std::exception& e) {
            error = e.what();
            return false;
        }
    }

    bool start(std::string& error) override {
        try {
            initiator_->start();
            started_ = true;
            return true;
        } catch (const std::exception& e) {
            error = e.what();
            return false;
        }
    }

    void stop(bool force) override {
        if (!started_) return;
        started_ = false;
        try {
            initiator_->stop(force);
        } catch (...) {
        }
    }

    bool send(const std::string& session, const OutboundMessage& outbound, std::string& error) override {
        try {
            auto* found = find(session, error);
            if (!found) return false;
            if (!found->isLoggedOn()) {
                error = "session " + session + " is not logged on";
                return false;
            }
            FIX::Message message = buildMessage(outbound);
            if (!found->send(message)) {
                error = "session " + session + " did not send the message";
                return false;
            }
            return true;
        } catch (const std::exception& e) {
            error = e.what();
            return false;
        }
    }

    bool sendRaw(const std::string&, const std::string&, bool, std::string& error) override {
        error = "an initiator sends only well-formed messages";
        return false;
    }

    std::vector<SessionStatus> status() const override {
        std::vector<SessionStatus> result;
        for (const auto& id : settings_.getSessions()) {
            auto* session = FIX::Session::lookupSession(id);
            if (!session) continue;
            result.push_back({sessionKey(id), session->isLoggedOn(), session->getExpectedSenderNum(),
                              session->getExpectedTargetNum(), storeCreated(*session)});
        }
        return result;
    }

    void logon(const std::string& session) override {
        act(session, [](FIX::Session& s) { s.logon(); });
    }
    void logout(const std::string& session, const std::string& reason) override {
        act(session, [&](FIX::Session& s) { s.logout(reason); });
    }
    void reset(const std::string& session) override {
        act(session, [](FIX::Session& s) {
            s.reset();
            s.logon();
        });
    }

private:
    template <typename F>
    void act(const std::string& session, F action) {
        try {
            std::string error;
            if (auto* found = find(session, error)) action(*found);
        } catch (...) {
        }
    }

    FIX::SessionSettings settings_;
    Bridge bridge_;
    MaskingStoreFactory store_;
    std::unique_ptr<FIX::Initiator> initiator_;
    bool started_ = false;
};

}  // namespace

std::unique_ptr<Engine> createInitiator(const EngineOptions& options, Listener& listener, std::string& error) {
    try {
        return std::unique_ptr<Engine>(new InitiatorEngine(options, listener));
    } catch (const std::exception& e) {
        error = e.what();
        return nullptr;
    }
}

}  // namespace fixengine
}  // namespace ob

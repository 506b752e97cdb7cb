#include "bridge.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <list>
#include <mutex>
#include <thread>

namespace ob {
namespace fixengine {

namespace {

std::string tlsError() {
    char text[256];
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    return text;
}

/// One accepted TCP connection, in TLS when the settings ask for it:
/// QuickFIX's session writes through it.
class Connection : public FIX::Responder {
public:
    Connection(int fd, SSL* tls) : fd_(fd), tls_(tls) {}
    ~Connection() override {
        if (tls_) {
            SSL_shutdown(tls_);
            SSL_free(tls_);
        }
        ::close(fd_);
    }

    /// Reads what is there; 0 or less when the peer is gone.
    long read(char* buffer, std::size_t size) {
        if (!tls_) return ::recv(fd_, buffer, size, 0);
        std::lock_guard<std::mutex> lock(mutex_);
        return SSL_read(tls_, buffer, static_cast<int>(size));
    }
    /// TLS may hold decrypted bytes that poll() cannot see.
    bool hasBuffered() {
        if (!tls_) return false;
        std::lock_guard<std::mutex> lock(mutex_);
        return SSL_pending(tls_) > 0;
    }

    bool send(const std::string& text) override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (closed_) return false;
        std::size_t sent = 0;
        while (sent < text.size()) {
            const auto n = tls_ ? SSL_write(tls_, text.data() + sent, static_cast<int>(text.size() - sent))
                                : ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                closed_ = true;
                return false;
            }
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    void disconnect() override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!closed_) ::shutdown(fd_, SHUT_RDWR);
        closed_ = true;
    }

    bool closed() {
        std::lock_guard<std::mutex> lock(mutex_);
        return closed_;
    }

    int fd() const { return fd_; }
    FIX::Parser parser;
    FIX::Session* session = nullptr;

private:
    int fd_;
    SSL* tls_;
    std::mutex mutex_;
    bool closed_ = false;
};

/// Sessions accepted on our own listening socket, bound to loopback by
/// default (QuickFIX's acceptor binds every interface). QuickFIX's Session
/// runs the protocol; this class only moves bytes and drives its timers.
class LoopbackAcceptor : public Acceptor {
public:
    LoopbackAcceptor(const EngineOptions& options, Listener& listener)
        : settings_(prepareSettings(options.settingsText, options.dictionaryDirectory, "acceptor"))
        , bridge_(listener, settings_)
        , store_(options.storeDirectory, false)
        , factory_(bridge_, store_, &bridge_) {
        const auto& defaults = settings_.get();
        address_ = defaults.has("SocketAcceptAddress") ? defaults.getString("SocketAcceptAddress") : "127.0.0.1";
        port_ = defaults.has("SocketAcceptPort") ? defaults.getInt("SocketAcceptPort") : 0;
        for (const auto& id : settings_.getSessions()) {
            sessions_.push_back(factory_.create(id, settings_.get(id)));
            if (settings_.get(id).has("SocketAcceptPort")) port_ = settings_.get(id).getInt("SocketAcceptPort");
        }
    }

    ~LoopbackAcceptor() override {
        stop(false);
        for (auto* session : sessions_) factory_.destroy(session);
        if (tls_) SSL_CTX_free(tls_);
    }

    int port() const override { return port_; }

    std::vector<std::string> sessions() const override {
        std::vector<std::string> names;
        for (auto* session : sessions_) names.push_back(sessionKey(session->getSessionID()));
        return names;
    }

    std::string setting(const std::string& session, const std::string& key) const override {
        return settingOf(settings_, session, key);
    }

    bool setNextTargetMsgSeqNum(const std::string& session, int next, std::string& error) override {
        auto* found = find(session, error);
        if (!found) return false;
        found->setNextTargetMsgSeqNum(next);
        return true;
    }

    bool start(std::string& error) override {
        const auto& defaults = settings_.get();
        if (!tls_ && defaults.has("SSLEnable") && defaults.getString("SSLEnable") == "Y") {
            if (!defaults.has("ServerCertificateFile")) {
                error = "SSLEnable=Y needs ServerCertificateFile";
                return false;
            }
            const auto certificate = defaults.getString("ServerCertificateFile");
            const auto key =
                defaults.has("ServerCertificateKeyFile") ? defaults.getString("ServerCertificateKeyFile") : certificate;
            tls_ = SSL_CTX_new(TLS_server_method());
            if (!tls_ || SSL_CTX_use_certificate_chain_file(tls_, certificate.c_str()) != 1 ||
                SSL_CTX_use_PrivateKey_file(tls_, key.c_str(), SSL_FILETYPE_PEM) != 1) {
                error = "cannot use the TLS certificate " + certificate + ": " + tlsError();
                return false;
            }
        }
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (listener_ < 0) return fail(error, "socket");
        const int yes = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port_));
        if (::inet_pton(AF_INET, address_.c_str(), &address.sin_addr) != 1) {
            error = "SocketAcceptAddress " + address_ + " is not an IPv4 address";
            return false;
        }
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            return fail(error, "bind to " + address_ + ":" + std::to_string(port_));
        if (::listen(listener_, 16) != 0) return fail(error, "listen");
        for (auto* session : sessions_) session->logon();  // stop() logged them out, which disables them
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        running_ = true;
        thread_ = std::thread([this] {
            pthread_setname_np(pthread_self(), "ob-acceptor");
            run();
        });
        return true;
    }

    /// Logs the sessions out and closes the port; the sessions keep their numbers and messages, and start()
    /// listens on the same port again.
    void stop(bool) override {
        if (!running_.exchange(false)) return;
        thread_.join();
        std::lock_guard<std::mutex> lock(connectionsMutex_);
        for (auto& connection : connections_) {
            if (connection->session && connection->session->isLoggedOn()) connection->session->logout("shutting down");
            drop(*connection);
        }
        connections_.clear();
        ::close(listener_);
        listener_ = -1;
    }

    bool send(const std::string& session, const OutboundMessage& outbound, std::string& error) override {
        try {
            auto* found = find(session, error);
            if (!found) return false;
            // As a sell side does: a message for a counterparty that is away is
            // stored under its MsgSeqNum and resent when it asks.
            FIX::Message message = buildMessage(outbound);
            found->send(message);
            return true;
        } catch (const std::exception& e) {
            error = e.what();
            return false;
        }
    }

    bool sendRaw(const std::string& session, const std::string& text, bool asIs, std::string& error) override {
        if (!asIs) {
            // A message: the session gives it the next MsgSeqNum, the body goes out as it is.
            try {
                auto* found = find(session, error);
                if (!found) return false;
                FIX::Message message(text, false);
                return found->send(message);
            } catch (const std::exception& e) {
                error = e.what();
                return false;
            }
        }
        // Anything else goes straight onto the socket.
        std::lock_guard<std::mutex> lock(connectionsMutex_);
        for (auto& connection : connections_)
            if (connection->session && sessionKey(connection->session->getSessionID()) == session) return connection->send(text);
        error = "session " + session + " is not connected";
        return false;
    }

    std::vector<SessionStatus> status() const override {
        std::vector<SessionStatus> result;
        for (auto* session : sessions_)
            result.push_back({sessionKey(session->getSessionID()), session->isLoggedOn(), session->getExpectedSenderNum(),
                              session->getExpectedTargetNum(), storeCreated(*session)});
        return result;
    }

    void logon(const std::string&) override {}
    void logout(const std::string& session, const std::string& reason) override {
        std::string error;
        if (auto* found = find(session, error)) found->logout(reason);
    }
    void reset(const std::string& session) override {
        std::string error;
        if (auto* found = find(session, error)) found->reset();
    }

private:
    bool fail(std::string& error, const std::string& what) {
        error = what + ": " + std::strerror(errno);
        if (listener_ >= 0) ::close(listener_);
        listener_ = -1;
        return false;
    }

    FIX::Session* find(const std::string& session, std::string& error) const {
        for (auto* candidate : sessions_)
            if (sessionKey(candidate->getSessionID()) == session) return candidate;
        error = "no FIX session " + session;
        return nullptr;
    }

    bool isOurs(const FIX::Session* session) const {
        for (auto* candidate : sessions_)
            if (candidate == session) return true;
        return false;
    }

    void run() {
        std::vector<pollfd> fds;
        char buffer[65536];
        while (running_) {
            fds.clear();
            fds.push_back({listener_, POLLIN, 0});
            for (auto& connection : connections_) fds.push_back({connection->fd(), POLLIN, 0});
            ::poll(fds.data(), fds.size(), 100);

            if (fds[0].revents & POLLIN) accept();
            std::size_t index = 1;
            for (auto it = connections_.begin(); it != connections_.end(); ++index) {
                Connection& connection = **it;
                bool keep = !connection.closed();
                if (keep && index < fds.size() && (fds[index].revents & (POLLIN | POLLHUP | POLLERR))) {
                    do {
                        const auto n = connection.read(buffer, sizeof buffer);
                        keep = n > 0 && receive(connection, buffer, static_cast<std::size_t>(n));
                    } while (keep && connection.hasBuffered());
                }
                if (keep) {
                    ++it;
                } else {
                    drop(connection);
                    std::lock_guard<std::mutex> lock(connectionsMutex_);
                    it = connections_.erase(it);
                }
            }
            // Heartbeats, test requests and timeouts.
            for (auto* session : sessions_) {
                try {
                    session->next();
                } catch (...) {
                }
            }
        }
    }

    void accept() {
        const int fd = ::accept(listener_, nullptr, nullptr);
        if (fd < 0) return;
        const int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        SSL* tls = nullptr;
        if (tls_) {
            // A peer that does not speak TLS must not hold this thread: the handshake gets two seconds.
            timeval limit{2, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
            tls = SSL_new(tls_);
            SSL_set_fd(tls, fd);
            const int accepted = SSL_accept(tls);
            limit = timeval{0, 0};
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
            if (accepted != 1) {
                bridge_.listener().onEvent("", "TLS handshake failed: " + tlsError());
                SSL_free(tls);
                ::close(fd);
                return;
            }
        }
        std::lock_guard<std::mutex> lock(connectionsMutex_);
        connections_.emplace_back(new Connection(fd, tls));
    }

    /// Feeds received bytes to the connection's session; false to drop the connection.
    bool receive(Connection& connection, const char* data, std::size_t size) {
        connection.parser.addToStream(data, size);
        for (;;) {
            std::string text;
            try {
                if (!connection.parser.readFixMessage(text)) return true;
            } catch (const FIX::MessageParseError&) {
                continue;  // the parser has dropped the garbage
            }
            if (!connection.session) {
                auto* session = FIX::Session::lookupSession(text, true);
                if (!session || !isOurs(session) || FIX::Session::isSessionRegistered(session->getSessionID())) {
                    bridge_.listener().onEvent("",
                                               "refused a connection for an unknown or busy session: " + maskCredentials(text));
                    return false;
                }
                session->setResponder(&connection);
                FIX::Session::registerSession(session->getSessionID());
                connection.session = session;
            }
            try {
                connection.session->next(text, FIX::UtcTimeStamp());
            } catch (const FIX::InvalidMessage&) {
                if (!connection.session->isLoggedOn()) return false;
            } catch (const std::exception& e) {
                bridge_.listener().onEvent(sessionKey(connection.session->getSessionID()), e.what());
            }
            if (connection.closed()) return false;
        }
    }

    void drop(Connection& connection) {
        if (!connection.session) return;
        try {
            connection.session->disconnect();
        } catch (...) {
        }
        FIX::Session::unregisterSession(connection.session->getSessionID());
        connection.session = nullptr;
    }

    FIX::SessionSettings settings_;
    Bridge bridge_;
    MaskingStoreFactory store_;
    FIX::SessionFactory factory_;
    std::vector<FIX::Session*> sessions_;
    std::string address_;
    int port_ = 0;
    int listener_ = -1;
    SSL_CTX* tls_ = nullptr;
    std::atomic<bool> running_{false};
    std::thread thread_;
    std::mutex connectionsMutex_;
    std::list<std::unique_ptr<Connection>> connections_;
};

}  // namespace

std::unique_ptr<Acceptor> createAcceptor(const EngineOptions& options, Listener& listener, std::string& error) {
    try {
        return std::unique_ptr<Acceptor>(new LoopbackAcceptor(options, listener));
    } catch (const std::exception& e) {
        error = e.what();
        return nullptr;
    }
}

}  // namespace fixengine
}  // namespace ob

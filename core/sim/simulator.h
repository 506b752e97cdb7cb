#pragma once

#include "sim/simulatedbroker.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace ob {

/// The simulated broker as a FIX acceptor: openblotter-sim runs one, the
/// desk runs one in-process when no broker is configured, and the tests run
/// them over real loopback sessions. It listens on 127.0.0.1 unless its
/// configuration names another address.
///
/// All its logic runs on its own thread: the FIX engine's thread only queues
/// what arrives, so that no lock is ever held across both.
class Simulator final : private fixengine::Listener {
public:
    static Result<std::unique_ptr<Simulator>> start(const SimulatorConfig& config);
    ~Simulator() override;

    int port() const;
    /// The session settings a client needs to connect: host, port, CompIDs, one section per client.
    std::string clientSettings() const;

    /// Runs an action on the simulator's thread and waits for it, for control and inspection.
    template <typename F>
    auto call(F&& action) -> decltype(action(std::declval<SimulatedBroker&>()));

    /// Logs every client out and takes no connection until goOnline(), as a sell side whose FIX gateway is
    /// down. The broker goes on (orders rest and fill, prices move); what it sends meanwhile is kept in its
    /// sessions' stores and resent when a client logs on again and asks for it.
    void goOffline();
    /// Listens on the same port again.
    Status goOnline();

    /// Sends a message's body to a client under the session's header, or any
    /// text `asIs` onto the connection: for tests of malformed input.
    bool sendRaw(const std::string& session, const std::string& text, bool asIs = false);
    std::vector<fixengine::SessionStatus> sessions() const;

private:
    explicit Simulator(const SimulatorConfig& config);
    void post(std::function<void()> work, std::chrono::milliseconds delay = std::chrono::milliseconds(0));
    void run();
    /// Steps the prices and comes back after tickInterval.
    void tick();
    /// Ends the day when the clock passes doneForDayAt, and checks again in a second.
    void checkClock();

    // fixengine::Listener, on the FIX engine's thread
    void onApplicationMessage(const std::string& session, const std::string& text, int msgSeqNum, bool possDup) override;
    void onApplicationSent(const std::string&, const std::string&, int) override {}
    void onRejectedMessage(const std::string&, const std::string&, const std::string&) override {}
    void onLogon(const std::string&) override {}
    void onLogout(const std::string&) override {}
    void onEvent(const std::string& session, const std::string& text) override;
    void onRawMessage(const std::string&, fixengine::Direction, const std::string&) override {}

    SimulatorConfig config_;
    std::unique_ptr<fixengine::Acceptor> acceptor_;
    std::unique_ptr<SimulatedBroker> broker_;

    using Clock = std::chrono::steady_clock;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<Clock::time_point, std::function<void()>> work_;
    bool stopping_ = false;
    std::string dayEnded_;  ///< the trade date whose end was last reported
    std::thread thread_;
};

template <typename F>
auto Simulator::call(F&& action) -> decltype(action(std::declval<SimulatedBroker&>())) {
    using R = decltype(action(std::declval<SimulatedBroker&>()));
    std::promise<R> done;
    auto future = done.get_future();
    post([&] {
        if constexpr (std::is_void_v<R>) {
            action(*broker_);
            done.set_value();
        } else {
            done.set_value(action(*broker_));
        }
    });
    return future.get();
}

}  // namespace ob

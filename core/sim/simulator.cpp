#include "simulator.h"

#include <spdlog/spdlog.h>

#include <sstream>

namespace ob {

namespace {

std::string acceptorSettings(const SimulatorConfig& config) {
    std::ostringstream settings;
    settings << "[DEFAULT]\nConnectionType=acceptor\nSocketAcceptPort=" << config.port << "\nSocketAcceptAddress=" << config.listenAddress
             << "\nSenderCompID=" << config.compId << "\nHeartBtInt=30\nStartTime=00:00:00\nEndTime=00:00:00\n";
    if (!config.password.empty()) settings << "Password=" << config.password << "\n";
    if (!config.tlsCertificate.empty()) settings << "SSLEnable=Y\nServerCertificateFile=" << config.tlsCertificate << "\n";
    for (const auto& client : config.clients)
        settings << "\n[SESSION]\nBeginString=" << client.beginString << "\nTargetCompID=" << client.compId << "\n";
    return settings.str();
}

}  // namespace

Simulator::Simulator(const SimulatorConfig& config) : config_(config) {}

Result<std::unique_ptr<Simulator>> Simulator::start(const SimulatorConfig& config) {
    std::unique_ptr<Simulator> simulator(new Simulator(config));
    simulator->broker_ = std::make_unique<SimulatedBroker>(
        config,
        [raw = simulator.get()](const std::string& session, const fixengine::OutboundMessage& message) {
            std::string error;
            if (!raw->acceptor_->send(session, message, error)) spdlog::debug("simulator: {} not sent to {}: {}", message.msgType, session, error);
        },
        [raw = simulator.get()](std::chrono::milliseconds delay, std::function<void()> action) { raw->post(std::move(action), delay); });

    fixengine::EngineOptions options;
    options.settingsText = acceptorSettings(config);
    options.storeDirectory = config.storeDirectory;
    options.dictionaryDirectory = config.dictionaryDirectory;
    std::string error;
    simulator->acceptor_ = fixengine::createAcceptor(options, *simulator, error);
    if (!simulator->acceptor_) return Error{"the simulator's FIX settings are not usable: " + error};
    if (!simulator->acceptor_->start(error)) return Error{"the simulator cannot listen: " + error};
    simulator->thread_ = std::thread([raw = simulator.get()] {
        pthread_setname_np(pthread_self(), "ob-sim");
        raw->run();
    });
    if (config.tickInterval.count() > 0) simulator->post([raw = simulator.get()] { raw->tick(); }, config.tickInterval);
    if (config.doneForDayAt) simulator->post([raw = simulator.get()] { raw->checkClock(); });
    spdlog::info("simulator listening on {}:{}", config.listenAddress, simulator->port());
    return simulator;
}

Simulator::~Simulator() {
    if (acceptor_) acceptor_->stop();  // nothing more arrives
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Simulator::tick() {
    broker_->step();
    post([this] { tick(); }, config_.tickInterval);
}

void Simulator::checkClock() {
    const auto now = nowUtc();
    const auto day = tradeDateOf(now);
    if (day != dayEnded_ && now - std::chrono::floor<std::chrono::days>(now) >= *config_.doneForDayAt) {
        dayEnded_ = day;
        broker_->doneForDay();
    }
    post([this] { checkClock(); }, std::chrono::seconds(1));
}

int Simulator::port() const { return acceptor_->port(); }

void Simulator::goOffline() { acceptor_->stop(); }

Status Simulator::goOnline() {
    std::string error;
    if (!acceptor_->start(error)) return Error{"the simulator cannot listen again: " + error};
    return {};
}

std::string Simulator::clientSettings() const {
    std::ostringstream settings;
    settings << "[DEFAULT]\nConnectionType=initiator\nSocketConnectHost=127.0.0.1\nSocketConnectPort=" << port()
             << "\nTargetCompID=" << config_.compId << "\nMarketData=Y\nHeartBtInt=30\nReconnectInterval=1\nStartTime=00:00:00\nEndTime=00:00:00\n";
    if (!config_.password.empty()) settings << "Password=" << config_.password << "\n";
    if (!config_.tlsCertificate.empty()) settings << "SSLEnable=Y\nSSLProtocol=+TLSv1.2 +TLSv1.3\n";
    for (const auto& client : config_.clients)
        settings << "\n[SESSION]\nBeginString=" << client.beginString << "\nSenderCompID=" << client.compId << "\n";
    return settings.str();
}

bool Simulator::sendRaw(const std::string& session, const std::string& text, bool asIs) {
    std::string error;
    return acceptor_->sendRaw(session, text, asIs, error);
}

std::vector<fixengine::SessionStatus> Simulator::sessions() const { return acceptor_->status(); }

void Simulator::post(std::function<void()> work, std::chrono::milliseconds delay) {
    {
        std::lock_guard lock(mutex_);
        // Equal deadlines run in the order posted: a multimap keeps insertion order among equal keys.
        work_.emplace(Clock::now() + delay, std::move(work));
    }
    wake_.notify_one();
}

void Simulator::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (work_.empty()) {
            wake_.wait(lock);
            continue;
        }
        const auto next = work_.begin()->first;
        if (next > Clock::now()) {
            wake_.wait_until(lock, next);
            continue;
        }
        auto work = std::move(work_.begin()->second);
        work_.erase(work_.begin());
        lock.unlock();
        try {
            work();
        } catch (const std::exception& e) {
            spdlog::error("simulator: {}", e.what());
        }
        lock.lock();
    }
}

void Simulator::onApplicationMessage(const std::string& session, const std::string& text, int, bool) {
    auto message = FixMessage::parse(text);
    if (!message) return;
    post([this, session, message = std::move(*message)] { broker_->onMessage(session, message); }, config_.latency);
}

void Simulator::onEvent(const std::string& session, const std::string& text) { spdlog::debug("simulator {}: {}", session, text); }

}  // namespace ob

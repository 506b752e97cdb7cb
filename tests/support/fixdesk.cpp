#include "fixdesk.h"
#include "reports.h"
#include "waits.h"

#include <QTest>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace ob::test {

std::vector<SimInstrument> simInstruments() {
    return {{"AAPL", Price::of("100"), Price::of("0.01"), Qty::of("1")},
            {"VOD.L", Price::of("0.7"), Price::of("0.0002"), Qty::of("1")},
            {"7203.T", Price::of("2800"), Price::of("1"), Qty::of("100")}};
}

SimulatorConfig testSimulatorConfig(const std::string& beginString) {
    SimulatorConfig config;
    config.instruments = simInstruments();
    config.seed = 7;
    config.clients = {{beginString, "OPENBLOTTER"}};
    config.tickInterval = std::chrono::milliseconds(0);
    config.dictionaryDirectory = fixDictionaryDirectory();
    return config;
}

std::string fixDictionaryDirectory() { return OPENBLOTTER_FIX_DICTIONARIES; }

FixDesk::FixDesk(std::string directory, std::string sessionSettings, bool waitForLogon)
    : dataDirectory(std::move(directory)), settings(std::move(sessionSettings)) {
    open(waitForLogon);
}

FixDesk::FixDesk(std::string directory, std::string sessionSettings, Setup deskSetup)
    : dataDirectory(std::move(directory)), settings(std::move(sessionSettings)), setup(std::move(deskSetup)) {
    open();
}

FixDesk::~FixDesk() { close(); }

void FixDesk::open(bool waitForLogon) {
    auto opened = store::SqliteStore::open(dataDirectory + "/openblotter.db");
    if (!opened) qFatal("%s", opened.error().c_str());
    store = std::move(*opened);
    OrderEngine::Options options;
    if (setup.compliance) {
        auto reference = store->loadReferenceData();
        if (!reference) qFatal("%s", reference.error().c_str());
        compliance = std::make_unique<ComplianceEngine>(
            *reference, [this](const std::string& symbol) { return prices.last(symbol); }, [this] { return prices.version(); });
        options.compliance = compliance.get();
    }
    engine = std::make_unique<OrderEngine>(*store, options);
    engine->subscribe([this](const ChangeSet& changes) {
        std::lock_guard lock(alertsMutex_);
        alerts_.insert(alerts_.end(), changes.alerts.begin(), changes.alerts.end());
    });
    std::vector<std::string> symbols;
    for (const auto& instrument : simInstruments()) symbols.push_back(instrument.symbol);
    auto created = FixGateway::create({settings, dataDirectory, fixDictionaryDirectory(), &prices, symbols}, *engine);
    if (!created) qFatal("%s", created.error().c_str());
    gateway = std::move(*created);
    engine->setRouter([this, raw = gateway.get()](const OutboundRequest& request) { return router(*raw, request); });
    if (setup.beforeStart) setup.beforeStart(*engine);
    if (auto started = engine->start(); !started) qFatal("%s", started.error().c_str());
    if (auto started = gateway->start(); !started) qFatal("%s", started.error().c_str());
    if (waitForLogon && !gateway->waitForLogon(std::chrono::seconds(15))) qFatal("the desk did not log on");
}

void FixDesk::close(bool graceful) {
    if (!engine) return;
    engine->stop();  // no request leaves after this
    gateway->stop(graceful);
    gateway.reset();
    engine.reset();
    compliance.reset();
    store.reset();
}

OrderState FixDesk::submit(const std::string& symbol, Side side, const std::string& qty, OrdType type,
                           std::optional<std::string> limit, TimeInForce tif) {
    NewOrderRequest request{session(), "GROWTH-PB", symbol, side, {Qty::of(qty), type, {}, {}, tif, {}}};
    if (limit) request.terms.limitPrice = Price::of(*limit);
    auto order = engine->submit(request, trader()).get();
    if (!order) qFatal("%s", order.error().c_str());
    return *order;
}

std::vector<LoggedMessage> FixDesk::sent(const std::string& msgType, const std::string& clOrdId, std::source_location where) {
    awaitRouted(*engine, where);
    return gateway->messageLog().query({{}, msgType, 2, "|11=" + clOrdId + "|", false, 0, 1000});
}

void awaitReceived(Simulator& sim, const LoggedMessage& message, std::source_location where) {
    // The simulator's session counts a message in once its FIX thread has queued it for the simulator's own.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (sim.sessions().front().nextTargetMsgSeqNum <= message.msgSeqNum) {
        if (std::chrono::steady_clock::now() > deadline) {
            failTest("the simulator had not taken in message " + std::to_string(message.msgSeqNum) + " after 10 s", where);
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::vector<EngineAlert> FixDesk::alerts() const {
    std::lock_guard lock(alertsMutex_);
    return alerts_;
}

const OrderState* FixDesk::find(const BookSnapshot& snapshot, OrderId id) {
    for (const auto& order : snapshot.orders)
        if (order.id == id) return &order;
    return nullptr;
}

namespace {

std::string described(const std::optional<OrderState>& order) {
    if (!order) return "not in the book";
    std::string text(order->statusName());
    text += ", " + order->cumQty.toString() + " of " + order->terms.quantity.toString() + " filled";
    if (order->pending) text += ", " + std::string(nameOf(order->pending->kind)) + " pending";
    return text;
}

}  // namespace

OrderState FixDesk::waitFor(OrderId id, const std::function<bool(const OrderState&)>& predicate, const std::string& awaited,
                            std::chrono::milliseconds timeout, std::source_location where) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::optional<OrderState> last;
    for (;;) {
        const auto snapshot = engine->snapshot().get();
        if (const auto* order = find(snapshot, id)) {
            last = *order;
            if (predicate(*last)) {
                // The store commits after the book has applied, and tests read the store next.
                awaitCommitted(*engine, where);
                return *last;
            }
        }
        if (std::chrono::steady_clock::now() > deadline) {
            failTest("order " + std::to_string(id) + " was not " + awaited + " after " + std::to_string(timeout.count()) +
                         " ms; last seen: " + described(last),
                     where);
            return last.value_or(OrderState{});
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

OrderState FixDesk::waitForStatus(OrderId id, OrdStatus status, std::chrono::milliseconds timeout, std::source_location where) {
    return waitFor(
        id, [status](const OrderState& order) { return order.status() == status; }, std::string(nameOf(status)), timeout, where);
}

std::string fixMessage(const std::string& beginString, const std::string& sender, const std::string& target, int msgSeqNum,
                       const std::string& body) {
    auto soh = [](std::string text) {
        std::replace(text.begin(), text.end(), '|', '\x01');
        return text;
    };
    const std::string rest =
        soh(body.substr(0, body.find('|') + 1) + "49=" + sender + "|56=" + target + "|34=" + std::to_string(msgSeqNum) +
            "|52=20261129-12:00:00.000|" + body.substr(body.find('|') + 1));
    std::string text = "8=" + beginString + '\x01' + "9=" + std::to_string(rest.size()) + '\x01' + rest;
    unsigned sum = 0;
    for (unsigned char c : text) sum += c;
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "%03u", sum % 256);
    return text + "10=" + checksum + '\x01';
}

}  // namespace ob::test

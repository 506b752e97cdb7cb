#include "orderengine.h"

#include "orders/orderstatemachine.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <unordered_map>

namespace ob {

class OrderEngine::BatchChanges {
public:
    void order(const OrderState& state) {
        auto [it, inserted] = index_.try_emplace(state.id, changes_.orders.size());
        if (inserted)
            changes_.orders.push_back(state);
        else
            changes_.orders[it->second] = state;
    }
    void execution(ExecutionRecord record) { changes_.executions.push_back(std::move(record)); }
    void alert(EngineAlert alert) { changes_.alerts.push_back(std::move(alert)); }
    ChangeSet& changeSet() { return changes_; }
    void clear() {
        changes_ = {};
        index_.clear();
    }

private:
    ChangeSet changes_;
    std::unordered_map<OrderId, std::size_t> index_;
};

namespace {

OrderRow rowOf(const Order& order) { return {order.state, order.chain}; }

}  // namespace

OrderEngine::OrderEngine(OrderStore& store) : OrderEngine(store, Options{}) {}

OrderEngine::OrderEngine(OrderStore& store, Options options) : store_(store), options_(std::move(options)) {}

OrderEngine::~OrderEngine() { stop(); }

void OrderEngine::subscribe(Listener listener) { listeners_.push_back(std::move(listener)); }

void OrderEngine::setRouter(Router router) { router_ = std::move(router); }

Status OrderEngine::start() {
    tradeDate_ = tradeDateOf(options_.clock());
    auto active = store_.loadActive(tradeDate_);
    if (!active) return Error{active.error()};

    std::unordered_map<OrderId, std::vector<ExecutionEntry>> entries;
    for (const auto& record : active->executions) {
        entries[record.orderId].push_back(
            {record.execId, record.execRefId, record.execType, false, record.lastQty, record.lastPx});
    }
    for (auto& row : active->orders) {
        const OrderId id = row.state.id;
        auto order = order_state_machine::restore(std::move(row.state), std::move(row.chain), std::move(entries[id]));
        if (!order) return Error{"the order store is inconsistent: " + order.error()};
        if (auto restored = book_.restore(std::move(*order)); !restored)
            return Error{"the order store is inconsistent: " + restored.error()};
    }
    executions_ = std::move(active->executions);
    lastOrderId_ = active->maxOrderId;
    clOrdIdCounter_ = active->clOrdIdCounter;
    inboundProgress_ = active->inboundProgress;
    for (const auto& [session, progress] : inboundProgress_) epochs_[session] = progress.epoch;
    spdlog::info("order book restored: {} orders and {} executions (trade date {})", book_.size(), executions_.size(),
                 tradeDate_);

    store_.setCommitListener([this](std::uint64_t) {
        std::lock_guard lock(routeMutex_);  // so that the router cannot miss the wake-up
        routeChanged_.notify_one();
    });
    stopping_ = false;
    routerStopping_ = false;
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "ob-engine");
        run();
    });
    routerThread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "ob-router");
        runRouter();
    });
    return {};
}

void OrderEngine::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(queueMutex_);
        stopping_ = true;
    }
    queueChanged_.notify_all();
    thread_.join();
    if (!store_.waitForCommit(lastSubmitted_, std::chrono::seconds(30)))
        spdlog::error("the order store did not confirm the last writes: {}", store_.failure().value_or("timed out"));
    {
        std::lock_guard lock(routeMutex_);
        routerStopping_ = true;  // the router sends what is committed, then ends
    }
    routeChanged_.notify_all();
    routerThread_.join();
    store_.setCommitListener({});
}

void OrderEngine::enqueue(Command command) {
    {
        std::lock_guard lock(queueMutex_);
        queue_.push_back(std::move(command));
    }
    queueChanged_.notify_one();
}

std::future<Result<OrderState>> OrderEngine::submit(NewOrderRequest request) {
    Submit command{std::move(request), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Outcome> OrderEngine::cancel(OrderId id) {
    Cancel command{id, {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Outcome> OrderEngine::replace(OrderId id, OrderTerms terms) {
    Replace command{id, std::move(terms), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::post(ExecutionReport report) { enqueue(std::move(report)); }
void OrderEngine::post(CancelReject reject) { enqueue(std::move(reject)); }
void OrderEngine::post(RequestReject reject) { enqueue(std::move(reject)); }
void OrderEngine::post(QuarantinedMessage message) { enqueue(std::move(message)); }
void OrderEngine::post(SessionEpoch epoch) { enqueue(std::move(epoch)); }

void OrderEngine::handle(SessionEpoch& epoch, BatchChanges&) {
    auto& known = epochs_[epoch.session];
    if (known == epoch.epoch) return;
    spdlog::info("{}: sequence numbers started again ({}); recorded progress restarts", epoch.session, epoch.epoch);
    known = epoch.epoch;
    StoreUnit unit;
    unit.epoch = std::move(epoch);
    lastSubmitted_ = store_.submit(std::move(unit));
}

std::future<BookSnapshot> OrderEngine::snapshot() {
    Snapshot command;
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<std::optional<Order>> OrderEngine::order(OrderId id) {
    FindOrder command{id, {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

bool OrderEngine::sync(std::chrono::milliseconds timeout) {
    Barrier command;
    auto future = command.done.get_future();
    enqueue(std::move(command));
    if (future.wait_for(timeout) != std::future_status::ready) return false;
    return store_.waitForCommit(future.get(), timeout);
}

void OrderEngine::run() {
    std::vector<Command> batch;
    for (;;) {
        {
            std::unique_lock lock(queueMutex_);
            queueChanged_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping with nothing left to apply
            batch.swap(queue_);
        }
        BatchChanges changes;
        for (auto& command : batch) {
            try {
                std::visit([&](auto& item) { handle(item, changes); }, command);
            } catch (const std::exception& e) {
                // A bug or a broken invariant: keep the engine alive and say so loudly.
                spdlog::critical("order engine: {}", e.what());
                changes.alert({options_.clock(), EngineAlert::Severity::Error, 0, std::string("internal error: ") + e.what()});
            }
        }
        batch.clear();
        publish(changes);
    }
}

void OrderEngine::publish(BatchChanges& changes) {
    if (changes.changeSet().empty()) return;
    changes.changeSet().sequence = ++published_;
    for (const auto& listener : listeners_) listener(changes.changeSet());
    changes.clear();
}

Status OrderEngine::storeFailure() const {
    if (auto failure = store_.failure()) return Error{*failure};
    return {};
}

std::string OrderEngine::nextClOrdId() {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s-%07lld", tradeDate_.c_str(), static_cast<long long>(++clOrdIdCounter_));
    return buffer;
}

void OrderEngine::settleInbound(const OrderBook::Applied& applied, StoreUnit unit, const Origin& origin, std::string_view what,
                                BatchChanges& changes) {
    const auto& outcome = applied.outcome;
    if (origin.msgSeqNum > 0) unit.inbound = InboundProgress{origin.session, origin.msgSeqNum};
    if (outcome.isApplied()) {
        unit.order = rowOf(*applied.order);
        changes.order(applied.order->state);
        if (!outcome.detail.empty()) {
            spdlog::warn("order {}: {}", applied.order->state.id, outcome.detail);
            changes.alert({options_.clock(), EngineAlert::Severity::Warning, applied.order->state.id, outcome.detail});
        }
    } else {
        unit.execution.reset();
        unit.event.reset();
        const OrderId id = applied.order ? applied.order->state.id : 0;
        if (outcome.isDuplicate()) {
            spdlog::debug("{} ignored: {}", what, outcome.detail);
        } else {
            // Never dropped: the message is kept whole and the trader is told.
            const std::string reason = std::string(what) + " refused: " + outcome.detail;
            spdlog::warn("{}", reason);
            unit.quarantine = QuarantinedMessage{
                0, origin.receivedAt, origin.session, origin.msgSeqNum, origin.msgType, origin.raw, reason, id};
            changes.alert({options_.clock(), EngineAlert::Severity::Warning, id, reason});
        }
    }
    if (unit.order || unit.inbound || unit.quarantine) lastSubmitted_ = store_.submit(std::move(unit));
}

void OrderEngine::handle(ExecutionReport& report, BatchChanges& changes) {
    const auto applied = book_.apply(report);
    StoreUnit unit;
    if (applied.outcome.isApplied()) {
        unit.execution = ExecutionRecord::of(report, applied.order->state);
        changes.execution(*unit.execution);
        executions_.push_back(*unit.execution);
    }
    settleInbound(applied, std::move(unit), {report.session, report.msgSeqNum, "8", report.raw, report.receivedAt},
                  "ExecutionReport " + report.execId + " (" + std::string(nameOf(report.execType)) + ")", changes);
}

void OrderEngine::handle(CancelReject& reject, BatchChanges& changes) {
    const auto applied = book_.apply(reject);
    StoreUnit unit;
    if (applied.order)
        unit.event = OrderEventRecord{applied.order->state.id, reject.receivedAt, OrderEventKind::CancelRejected, reject.clOrdId,
                                      reject.reason};
    settleInbound(applied, std::move(unit), {reject.session, reject.msgSeqNum, "9", reject.raw, reject.receivedAt},
                  "OrderCancelReject for " + reject.clOrdId, changes);
}

void OrderEngine::handle(RequestReject& reject, BatchChanges& changes) {
    const auto applied = book_.apply(reject);
    StoreUnit unit;
    if (applied.order)
        unit.event = OrderEventRecord{applied.order->state.id, reject.receivedAt, OrderEventKind::RequestRejected, reject.clOrdId,
                                      reject.reason};
    settleInbound(applied, std::move(unit), {reject.session, reject.msgSeqNum, "3", reject.raw, reject.receivedAt},
                  "reject of " + reject.clOrdId, changes);
}

void OrderEngine::handle(QuarantinedMessage& message, BatchChanges& changes) {
    spdlog::warn("quarantined {} message {} from {}: {}", message.msgType, message.msgSeqNum, message.session, message.reason);
    changes.alert({options_.clock(), EngineAlert::Severity::Warning, message.orderId, message.reason});
    StoreUnit unit;
    if (message.msgSeqNum > 0) unit.inbound = InboundProgress{message.session, message.msgSeqNum};
    unit.quarantine = std::move(message);
    lastSubmitted_ = store_.submit(std::move(unit));
}

void OrderEngine::handle(Submit& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Error{failed.error()});
        return;
    }
    const OrderId id = lastOrderId_ + 1;
    auto created = book_.create(id, command.request, nextClOrdId(), options_.clock());
    if (!created) {
        --clOrdIdCounter_;
        command.done.set_value(Error{created.error()});
        return;
    }
    lastOrderId_ = id;
    const Order& order = **created;
    persistAndRoute(order, OrderEventKind::Created, {RequestKind::New, order.state, order.state.clOrdId, {}, order.state.terms},
                    changes);
    command.done.set_value(order.state);
}

void OrderEngine::handle(Cancel& command, BatchChanges& changes) {
    command.done.set_value(request(command.id, RequestKind::Cancel, {}, changes));
}

void OrderEngine::handle(Replace& command, BatchChanges& changes) {
    command.done.set_value(request(command.id, RequestKind::Replace, command.terms, changes));
}

Outcome OrderEngine::request(OrderId id, RequestKind kind, const OrderTerms& terms, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) return Outcome::refused(failed.error());
    const auto* before = book_.find(id);
    const std::string origClOrdId = before ? before->state.clOrdId : std::string();
    auto clOrdId = nextClOrdId();
    const auto now = options_.clock();
    const auto applied =
        kind == RequestKind::Cancel ? book_.requestCancel(id, clOrdId, now) : book_.requestReplace(id, clOrdId, terms, now);
    if (!applied.outcome.isApplied()) {
        --clOrdIdCounter_;
        return applied.outcome;
    }
    const Order& order = *applied.order;
    const auto event = kind == RequestKind::Cancel ? OrderEventKind::CancelRequested : OrderEventKind::ReplaceRequested;
    const OrderTerms& sent = kind == RequestKind::Cancel ? order.state.terms : terms;
    persistAndRoute(order, event, {kind, order.state, std::move(clOrdId), origClOrdId, sent}, changes);
    return applied.outcome;
}

void OrderEngine::persistAndRoute(const Order& order, OrderEventKind event, OutboundRequest request, BatchChanges& changes) {
    StoreUnit unit;
    unit.order = rowOf(order);
    unit.event = OrderEventRecord{order.state.id, order.state.updatedAt, event, request.clOrdId, {}};
    unit.clOrdIdCounter = clOrdIdCounter_;
    changes.order(order.state);
    std::lock_guard lock(routeMutex_);
    lastSubmitted_ = store_.submit(std::move(unit));
    awaitingCommit_.emplace_back(lastSubmitted_, std::move(request));
    routeChanged_.notify_one();
}

void OrderEngine::handle(Snapshot& command, BatchChanges& changes) {
    publish(changes);  // so that the snapshot falls between two change sets
    BookSnapshot snapshot;
    snapshot.sequence = published_;
    snapshot.orders.reserve(book_.size());
    book_.forEach([&](const Order& order) { snapshot.orders.push_back(order.state); });
    snapshot.executions = executions_;
    command.done.set_value(std::move(snapshot));
}

void OrderEngine::handle(FindOrder& command, BatchChanges&) {
    const auto* order = book_.find(command.id);
    command.done.set_value(order ? std::optional<Order>(*order) : std::nullopt);
}

void OrderEngine::handle(Barrier& command, BatchChanges&) { command.done.set_value(lastSubmitted_); }

void OrderEngine::runRouter() {
    // One thread sends every request, in the order they were made: a cancel never overtakes its order,
    // and neither the engine nor the store waits for a socket.
    std::vector<OutboundRequest> ready;
    std::unique_lock lock(routeMutex_);
    for (;;) {
        const auto committed = store_.committed();
        while (!awaitingCommit_.empty() && awaitingCommit_.front().first <= committed) {
            ready.push_back(std::move(awaitingCommit_.front().second));
            awaitingCommit_.pop_front();
        }
        if (ready.empty()) {
            if (routerStopping_) return;
            routeChanged_.wait(lock);
            continue;
        }
        lock.unlock();
        for (const auto& request : ready) {
            if (!router_) continue;
            try {
                router_(request);
            } catch (const std::exception& e) {
                spdlog::error("routing {} failed: {}", request.clOrdId, e.what());
            }
        }
        ready.clear();
        lock.lock();
    }
}

}  // namespace ob

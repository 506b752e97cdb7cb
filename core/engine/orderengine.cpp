#include "engine/orderengine.h"

#include "engine/auditedexports.h"
#include "engine/bookverifier.h"
#include "engine/commands.h"
#include "engine/compliancegate.h"
#include "engine/durablerouter.h"
#include "engine/effects.h"
#include "engine/enginecontext.h"
#include "engine/inboundreports.h"
#include "engine/indoubtrecovery.h"
#include "engine/orderentry.h"
#include "engine/positionkeeper.h"
#include "engine/referenceadministration.h"
#include "engine/stagedlists.h"
#include "engine/useradministration.h"
#include "orders/orderstatemachine.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include <pthread.h>

namespace ob {

namespace {

template <typename... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};

/// An inbound message, kept in quarantine when applying it failed on an internal error.
template <typename Item>
concept Quarantinable = requires(InboundReports& inbound, const Item& item, Effects& effects) {
    inbound.quarantineAfterError(item, std::string(), effects);
};
static_assert(Quarantinable<Inbound<ExecutionReport>> && Quarantinable<Inbound<CancelReject>> &&
              Quarantinable<Inbound<RequestReject>>);
static_assert(!Quarantinable<QuarantinedMessage>);

}  // namespace

struct OrderEngine::Loop {
    Loop(EngineStore& orderStore, const Options& options)
        : store(orderStore)
        , context(orderStore, options.clock)
        , gate(context, options.compliance)
        , positions(context, gate)
        , entry(context, gate)
        , router(orderStore)
        , recovery(context, router, entry)
        , inbound(context, positions, recovery)
        , lists(context, gate, entry)
        , verifier(context, positions)
        , users(context, options.loadUsers)
        , referenceData(context, positions, gate)
        , exports(context) {}

    Status start();
    void stop();
    void run();
    /// Hands one command to the part that handles it.
    void apply(command::Any& command, Effects& effects);
    /// Writes a unit the parts recorded, then queues its requests to leave once it is committed.
    void commit(std::optional<StoreUnit> unit, std::vector<OutboundRequest> requests);
    /// Runs the post-trade check, hands the batch's changes to the listeners and starts a new change set.
    void publish(Effects& effects);
    /// The store stopped writing: from now on nothing changes the book, which would otherwise drift from the
    /// database. Commands are refused with the reason; inbound messages are left for the sell side to resend
    /// after a restart, which resumes from what the store holds.
    void halt(const std::string& reason, Effects& effects);
    BookSnapshot snapshot() const;
    Effects newEffects() {
        return Effects([this](std::optional<StoreUnit> unit,
                              std::vector<OutboundRequest> requests) { commit(std::move(unit), std::move(requests)); },
                       context.clock);
    }

    void enqueue(command::Any command) {
        {
            std::lock_guard lock(queueMutex);
            queue.push_back(std::move(command));
        }
        queueChanged.notify_one();
    }
    /// Queues a command and returns the future its answer comes in.
    template <typename Command>
    auto ask(Command command) {
        auto future = command.done.get_future();
        enqueue({std::move(command)});
        return future;
    }

    EngineStore& store;
    EngineContext context;
    ComplianceGate gate;
    PositionKeeper positions;
    OrderEntry entry;
    DurableRouter router;
    InDoubtRecovery recovery;
    InboundReports inbound;
    StagedLists lists;
    BookVerifier verifier;
    UserAdministration users;
    ReferenceAdministration referenceData;
    AuditedExports exports;
    /// Guarded: a window opened at a later login subscribes while the engine runs.
    std::mutex listenersMutex;
    std::vector<Listener> listeners;
    std::uint64_t published = 0;
    std::uint64_t lastSubmitted = 0;

    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::vector<command::Any> queue;
    bool stopping = false;
    std::thread thread;
};

OrderEngine::OrderEngine(EngineStore& store) : OrderEngine(store, Options{}) {}

OrderEngine::OrderEngine(EngineStore& store, Options options) : loop_(std::make_unique<Loop>(store, options)) {}

OrderEngine::~OrderEngine() { stop(); }

void OrderEngine::subscribe(Listener listener) {
    std::lock_guard lock(loop_->listenersMutex);
    loop_->listeners.push_back(std::move(listener));
}

void OrderEngine::setRouter(Router router) { loop_->router.setSend(std::move(router)); }

Status OrderEngine::start() { return loop_->start(); }

void OrderEngine::stop() { loop_->stop(); }

std::string OrderEngine::tradeDate() const { return loop_->context.tradeDate; }

const std::map<std::string, SessionProgress>& OrderEngine::inboundProgressAtStart() const {
    return loop_->inbound.progressAtStart();
}

Status OrderEngine::Loop::start() {
    const auto now = context.now();
    context.tradeDate = tradeDateOf(now);
    auto active = store.loadActive(context.tradeDate);
    if (!active) return Error{active.error()};
    auto reference = store.loadReferenceData();
    if (!reference) return Error{reference.error()};
    auto compliance = store.loadCompliance(now - (now.time_since_epoch() % std::chrono::hours(24)));
    if (!compliance) return Error{compliance.error()};

    std::unordered_map<OrderId, std::vector<ExecutionEntry>> entries;
    for (const auto& record : active->executions) {
        entries[record.orderId].push_back(
            {record.execId, record.execRefId, record.execType, false, record.lastQty, record.lastPx, {}, {}});
    }
    for (auto& row : active->orders) {
        const OrderId id = row.state.id;
        auto order = order_state_machine::restore(row.state, row.chain, std::move(entries[id]));
        if (!order) return Error{"the order store is inconsistent: " + order.error()};
        if (auto restored = context.book.restore(std::move(*order)); !restored)
            return Error{"the order store is inconsistent: " + restored.error()};
    }
    context.setReference(std::make_shared<const ReferenceData>(std::move(*reference)));
    positions.setReference(*context.reference);
    if (auto restored = positions.restore(*active, *compliance); !restored) return restored;
    if (gate.running()) gate.restore(*active, std::move(*compliance), positions.ledger().funds());
    verifier.checkAtStart(*active, *context.reference);

    inbound.restore(std::move(active->executions), active->inboundProgress);
    context.lastOrderId = active->maxOrderId;
    context.clOrdIds = ClOrdIdSource(active->deskId, active->clOrdIdRun, now);
    lists.restore(std::move(active->lists), active->maxListId);
    spdlog::info("order book restored: {} orders and {} executions (trade date {})", context.book.size(),
                 inbound.executions().size(), context.tradeDate);

    store.setCommitListener([this](std::uint64_t) {
        router.wake();
        if (store.failure()) enqueue({command::StoreStopped{}});
    });
    stopping = false;
    thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "ob-engine");
        run();
    });
    router.start([this](const std::vector<DurableRouter::Handed>& handed) {
        // The engine records what was handed over, so that a restart knows what never left.
        command::Routed routed;
        for (const auto& [request, handedOver] : handed)
            routed.requests.push_back({request.order.id, request.kind, request.order.session, request.clOrdId, handedOver});
        enqueue({std::move(routed)});
    });
    return {};
}

void OrderEngine::Loop::stop() {
    if (!thread.joinable()) return;
    {
        std::lock_guard lock(queueMutex);
        stopping = true;
    }
    queueChanged.notify_all();
    thread.join();
    if (!store.waitForCommit(lastSubmitted, std::chrono::seconds(30)))
        spdlog::error("the order store did not confirm the last writes: {}", store.failure().value_or("timed out"));
    router.stop();  // it sends what is committed, then ends
    // What the router handed over after the engine's thread ended is recorded too, so that the next start does
    // not send it again. Both threads have ended: this thread may touch the book.
    std::vector<command::Any> rest;
    {
        std::lock_guard lock(queueMutex);
        rest.swap(queue);
    }
    auto unpublished = newEffects();
    for (auto& command : rest)
        if (auto* routed = std::get_if<command::Routed>(&command.item)) recovery.handle(*routed, unpublished);
    if (!store.waitForCommit(lastSubmitted, std::chrono::seconds(30)))
        spdlog::error("the order store did not record the last requests handed to FIX: {}",
                      store.failure().value_or("timed out"));
    store.setCommitListener({});
}

void OrderEngine::Loop::run() {
    {
        auto changes = newEffects();
        for (auto& alert : verifier.takeStartAlerts()) changes.alert(std::move(alert));
        entry.expireStaleHeldOrders(changes);
        publish(changes);
    }
    std::vector<command::Any> batch;
    for (;;) {
        {
            std::unique_lock lock(queueMutex);
            const auto ready = [&] { return stopping || !queue.empty(); };
            // A status request's answer is due: wake then, to mark the order unconfirmed if none came.
            if (const auto deadline = recovery.nextStatusDeadline())
                queueChanged.wait_until(lock, *deadline, ready);
            else
                queueChanged.wait(lock, ready);
            if (queue.empty() && stopping) return;  // stopping with nothing left to apply
            batch.swap(queue);
        }
        auto changes = newEffects();
        if (context.halted.empty())
            if (auto failure = store.failure()) halt(*failure, changes);
        recovery.expireStatusRequests(changes);
        for (auto& command : batch) {
            try {
                apply(command, changes);
            } catch (const std::exception& e) {
                // A bug or a broken invariant: keep the engine alive, answer whoever waits, and say so loudly.
                // What the command had recorded is not written; an inbound message changed nothing and is kept in
                // quarantine with its MsgSeqNum.
                changes.drop();
                const bool quarantined = std::visit(
                    [&](auto& item) {
                        if constexpr (Quarantinable<std::decay_t<decltype(item)>>) {
                            inbound.quarantineAfterError(item, e.what(), changes);
                            return true;
                        }
                        return false;
                    },
                    command.item);
                if (!quarantined) {
                    spdlog::critical("order engine: {}", e.what());
                    changes.alert(EngineAlert::Severity::Error, 0, std::string("internal error: ") + e.what());
                }
                std::visit(
                    [error = std::current_exception()](auto& item) {
                        if constexpr (requires { item.done.set_exception(error); }) {
                            try {
                                item.done.set_exception(error);
                            } catch (const std::future_error&) {
                                // already answered before the failure
                            }
                        }
                    },
                    command.item);
            }
        }
        batch.clear();
        publish(changes);
    }
}

void OrderEngine::Loop::apply(command::Any& command, Effects& effects) {
    std::visit(Overloaded{
                   [&](Inbound<ExecutionReport>& report) { inbound.handle(report, effects); },
                   [&](Inbound<CancelReject>& reject) { inbound.handle(reject, effects); },
                   [&](Inbound<RequestReject>& reject) { inbound.handle(reject, effects); },
                   [&](QuarantinedMessage& message) { inbound.handle(message, effects); },
                   [&](SessionEpoch& epoch) { inbound.handle(epoch, effects); },
                   [&](command::Submit& submit) { entry.handle(submit, effects); },
                   [&](command::Cancel& cancel) { entry.handle(cancel, effects); },
                   [&](command::Replace& replace) { entry.handle(replace, effects); },
                   [&](command::CheckWhatIf& whatIf) { gate.handle(whatIf); },
                   [&](command::DecideBreach& decision) { gate.handle(decision, effects); },
                   [&](command::SetRules& rules) { gate.handle(rules, effects); },
                   [&](command::RecheckHoldings&) { gate.recheckHoldings(effects); },
                   [&](command::StageList& list) { lists.handle(list, effects); },
                   [&](command::Release& release) { lists.handle(release, effects); },
                   [&](command::SetOpeningPositions& opening) { positions.handle(opening, effects); },
                   [&](command::SaveModel& save) { positions.handle(save, effects); },
                   [&](command::Routed& routed) { recovery.handle(routed, effects); },
                   [&](SessionLoggedOn& logon) { recovery.handle(logon, effects); },
                   [&](command::ResolveUnconfirmed& resolve) { recovery.handle(resolve, effects); },
                   [&](command::VerifyBooks& verify) {
                       verify.done.set_value(verifier.verify(lastSubmitted, effects, [&] { publish(effects); }));
                   },
                   [&](EngineAlert& alert) { effects.alert(std::move(alert)); },
                   [&](command::Snapshot& asked) {
                       publish(effects);  // so that the snapshot falls between two change sets
                       asked.done.set_value(snapshot());
                   },
                   [&](command::AskRules& asked) { asked.done.set_value(gate.rules()); },
                   [&](command::FindOrder& find) {
                       const auto* order =
                           find.clOrdId.empty() ? context.book.find(find.id) : context.book.findByClOrdId(find.clOrdId);
                       find.done.set_value(order ? std::optional<Order>(*order) : std::nullopt);
                   },
                   [&](command::Barrier& barrier) { barrier.done.set_value(lastSubmitted); },
                   [&](command::RouterBarrier& barrier) { router.barrier(std::move(barrier.reached), lastSubmitted); },
                   [&](command::StoreStopped&) {},  // the batch halts the engine before it handles anything
                   [&](command::SetUser& set) { users.handle(set, effects); },
                   [&](command::UnlockUser& unlock) { users.handle(unlock, effects); },
                   [&](command::ChangeOwnPassword& change) { users.handle(change, effects); },
                   [&](command::ReadUsers& read) { read.done.set_value(users.users()); },
                   [&](command::RecordExport& exported) { exports.handle(exported, effects); },
                   [&](command::SetReference& set) { referenceData.handle(set, effects); },
               },
               command.item);
}

void OrderEngine::Loop::commit(std::optional<StoreUnit> unit, std::vector<OutboundRequest> requests) {
    if (unit && unit->order) gate.followOpenBuy(unit->order->state);
    // Every request of every part passes here, on the thread that changes the reference data: each takes its
    // instrument's identifiers as they stand when it is made, a resend after a restart included.
    for (auto& request : requests) request.securityIds = context.securityIdsOf(request.order.symbol);
    if (requests.empty() && unit)
        lastSubmitted = store.submit(std::move(*unit));
    else
        lastSubmitted = router.submitAndQueue(std::move(unit), std::move(requests), lastSubmitted);
}

void OrderEngine::Loop::publish(Effects& effects) {
    gate.checkAfterBatch(effects);
    auto& changes = effects.changeSet();
    if (changes.empty()) return;
    changes.sequence = ++published;
    {
        std::lock_guard lock(listenersMutex);
        for (const auto& listener : listeners) listener(changes);
    }
    effects.clearPublished();
}

void OrderEngine::Loop::halt(const std::string& reason, Effects& effects) {
    context.halted = "the desk stopped taking orders and fills: " + reason +
                     ". Remove the cause (free disk space, close a program holding the database) and start the desk "
                     "again: it resumes from what the store holds, and the brokers resend what came after";
    spdlog::critical("{}", context.halted);
    recovery.forget();
    effects.alert(EngineAlert::Severity::Error, 0, context.halted);
    effects.halted(context.halted);
}

BookSnapshot OrderEngine::Loop::snapshot() const {
    BookSnapshot snapshot;
    snapshot.sequence = published;
    snapshot.orders.reserve(context.book.size());
    context.book.forEach([&](const Order& order) { snapshot.orders.push_back(order.state); });
    snapshot.executions = inbound.executions();
    for (const auto& [id, breach] : gate.breaches().all()) snapshot.breaches.push_back(breach);
    lists.fill(snapshot);
    positions.fill(snapshot);
    snapshot.reference = context.reference;
    snapshot.halted = context.halted;
    recovery.fill(snapshot);
    return snapshot;
}

std::future<Result<OrderState>> OrderEngine::submit(NewOrderRequest request, Actor actor, std::string warningReason) {
    return loop_->ask(command::Submit{std::move(request), std::move(actor), std::move(warningReason), {}});
}

std::future<Outcome> OrderEngine::cancel(OrderId id, Actor actor) {
    return loop_->ask(command::Cancel{id, std::move(actor), {}});
}

std::future<Outcome> OrderEngine::replace(OrderId id, OrderTerms terms, Actor actor, std::string warningReason) {
    return loop_->ask(command::Replace{id, std::move(terms), std::move(actor), std::move(warningReason), {}});
}

std::future<Result<OrderList>> OrderEngine::stageList(OrderList list, std::vector<NewOrderRequest> orders, Actor actor) {
    return loop_->ask(command::StageList{std::move(list), std::move(orders), std::move(actor), {}});
}

std::future<std::vector<Result<OrderState>>> OrderEngine::release(std::vector<OrderId> ids, std::string session, Actor actor,
                                                                  std::string warningReason) {
    return loop_->ask(command::Release{std::move(ids), std::move(session), std::move(actor), std::move(warningReason), {}});
}

std::future<Status> OrderEngine::setOpeningPositions(std::vector<OpeningPosition> positions, Actor actor, std::string source) {
    return loop_->ask(command::SetOpeningPositions{std::move(positions), std::move(actor), std::move(source), {}});
}

std::future<Status> OrderEngine::saveModel(ModelPortfolio model, Actor actor, std::string source) {
    return loop_->ask(command::SaveModel{std::move(model), std::move(actor), std::move(source), {}});
}

std::future<OrderEngine::WhatIf> OrderEngine::whatIf(NewOrderRequest request, Actor actor, OrderId amending) {
    return loop_->ask(command::CheckWhatIf{std::move(request), std::move(actor), amending, {}});
}

std::future<Status> OrderEngine::decideBreach(std::int64_t breachId, BreachDecision decision, Actor actor, std::string reason) {
    return loop_->ask(command::DecideBreach{breachId, decision, std::move(actor), std::move(reason), {}});
}

std::future<Status> OrderEngine::setRules(RuleBook rules, Actor actor, std::string how, std::optional<RuleBook> basedOn) {
    return loop_->ask(command::SetRules{std::move(rules), std::move(actor), std::move(how), std::move(basedOn), {}});
}

std::future<Outcome> OrderEngine::resolveUnconfirmed(OrderId id, Resolution how, Actor actor) {
    return loop_->ask(command::ResolveUnconfirmed{id, how, std::move(actor), {}});
}

std::future<Result<BookCheckReport>> OrderEngine::verifyBooks() { return loop_->ask(command::VerifyBooks{}); }

std::future<Result<ReferenceUpdate>> OrderEngine::setReference(ReferenceData upserts, Actor actor,
                                                               std::map<std::string, int> lines) {
    return loop_->ask(command::SetReference{std::move(upserts), std::move(lines), std::move(actor), {}});
}

std::future<Result<UserUpdate>> OrderEngine::setUser(UserChange change, Actor actor) {
    return loop_->ask(command::SetUser{std::move(change), std::move(actor), {}});
}

std::future<Status> OrderEngine::unlockUser(std::string name, Actor actor) {
    return loop_->ask(command::UnlockUser{std::move(name), std::move(actor), {}});
}

std::future<Status> OrderEngine::changeOwnPassword(std::string expectedHash, std::string newHash, Actor actor) {
    return loop_->ask(command::ChangeOwnPassword{std::move(expectedHash), std::move(newHash), std::move(actor), {}});
}

std::future<Result<std::vector<User>>> OrderEngine::users() { return loop_->ask(command::ReadUsers{}); }

std::future<Status> OrderEngine::recordExport(Actor actor, std::string what, std::string destination) {
    return loop_->ask(command::RecordExport{std::move(what), std::move(destination), std::move(actor), {}});
}

std::future<BookSnapshot> OrderEngine::snapshot() { return loop_->ask(command::Snapshot{}); }

std::future<Result<RuleBook>> OrderEngine::rules() { return loop_->ask(command::AskRules{}); }

std::future<std::optional<Order>> OrderEngine::order(OrderId id) { return loop_->ask(command::FindOrder{id, {}}); }

std::future<std::optional<Order>> OrderEngine::orderByClOrdId(std::string clOrdId) {
    return loop_->ask(command::FindOrder{0, {}, std::move(clOrdId)});
}

void OrderEngine::recheckHoldings() { loop_->enqueue({command::RecheckHoldings{}}); }
void OrderEngine::post(Inbound<ExecutionReport> report) { loop_->enqueue({std::move(report)}); }
void OrderEngine::post(Inbound<CancelReject> reject) { loop_->enqueue({std::move(reject)}); }
void OrderEngine::post(Inbound<RequestReject> reject) { loop_->enqueue({std::move(reject)}); }
void OrderEngine::post(QuarantinedMessage message) { loop_->enqueue({std::move(message)}); }
void OrderEngine::post(SessionEpoch epoch) { loop_->enqueue({std::move(epoch)}); }
void OrderEngine::post(SessionLoggedOn logon) { loop_->enqueue({std::move(logon)}); }
void OrderEngine::post(EngineAlert alert) { loop_->enqueue({std::move(alert)}); }

bool OrderEngine::sync(std::chrono::milliseconds timeout) {
    auto committed = loop_->ask(command::Barrier{});
    if (committed.wait_for(timeout) != std::future_status::ready) return false;
    return loop_->store.waitForCommit(committed.get(), timeout);
}

bool OrderEngine::syncRouter(std::chrono::milliseconds timeout) {
    auto reached = std::make_shared<std::promise<void>>();
    auto future = reached->get_future();
    loop_->enqueue({command::RouterBarrier{std::move(reached)}});
    if (future.wait_for(timeout) != std::future_status::ready) return false;
    try {
        future.get();
        return true;
    } catch (const std::future_error&) {
        return false;  // the router stopped before reaching it
    }
}

}  // namespace ob

#include "orderengine.h"

#include "engine/batchchanges.h"
#include "util/text.h"

#include "orders/orderstatemachine.h"
#include "portfolio/blockallocation.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace ob {

namespace {

OrderRow rowOf(const Order& order) { return {order.state, order.chain, {}, {}}; }

const char* msgTypeOf(const ExecutionReport&) { return "8"; }
const char* msgTypeOf(const CancelReject&) { return "9"; }
const char* msgTypeOf(const RequestReject&) { return "3"; }

}  // namespace

OrderEngine::OrderEngine(OrderStore& store) : OrderEngine(store, Options{}) {}

OrderEngine::OrderEngine(OrderStore& store, Options options) : store_(store), options_(std::move(options)) {}

OrderEngine::~OrderEngine() { stop(); }

void OrderEngine::subscribe(Listener listener) { listeners_.push_back(std::move(listener)); }

void OrderEngine::setRouter(Router router) { router_ = std::move(router); }

Status OrderEngine::start() {
    const auto now = options_.clock();
    tradeDate_ = tradeDateOf(now);
    auto active = store_.loadActive(tradeDate_);
    if (!active) return Error{active.error()};
    auto reference = store_.loadReferenceData();
    if (!reference) return Error{reference.error()};
    auto compliance = store_.loadCompliance(now - (now.time_since_epoch() % std::chrono::hours(24)));
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
        if (auto restored = book_.restore(std::move(*order)); !restored)
            return Error{"the order store is inconsistent: " + restored.error()};
    }
    ledger_.setReference(*reference);
    if (auto restored = restoreLedger(*active, *compliance); !restored) return restored;
    compliance_ = options_.compliance;
    if (compliance_)
        if (auto restored = restoreCompliance(*active, std::move(*compliance)); !restored) return restored;
    checkBooksAtStart(*active, *reference);

    executions_ = std::move(active->executions);
    lastOrderId_ = active->maxOrderId;
    clOrdIds_ = ClOrdIdSource(active->deskId, active->clOrdIdRun, now);
    for (auto& list : active->lists) lists_.emplace(list.id, std::move(list));
    lastListId_ = active->maxListId;
    inboundProgress_ = active->inboundProgress;
    for (const auto& [session, progress] : inboundProgress_) epochs_[session] = progress.epoch;
    spdlog::info("order book restored: {} orders and {} executions (trade date {})", book_.size(), executions_.size(),
                 tradeDate_);

    store_.setCommitListener([this](std::uint64_t) {
        {
            std::lock_guard lock(routeMutex_);  // so that the router cannot miss the wake-up
            routeChanged_.notify_one();
        }
        if (store_.failure()) enqueue(StoreStopped{});
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
    // What the router handed over after the engine's thread ended is recorded too, so that the next start does
    // not send it again. Both threads have ended: this thread may touch the book.
    std::vector<Command> rest;
    {
        std::lock_guard lock(queueMutex_);
        rest.swap(queue_);
    }
    BatchChanges unpublished;
    for (auto& command : rest)
        if (auto* routed = std::get_if<Routed>(&command)) handle(*routed, unpublished);
    if (!store_.waitForCommit(lastSubmitted_, std::chrono::seconds(30)))
        spdlog::error("the order store did not record the last requests handed to FIX: {}",
                      store_.failure().value_or("timed out"));
    store_.setCommitListener({});
}

void OrderEngine::enqueue(Command command) {
    {
        std::lock_guard lock(queueMutex_);
        queue_.push_back(std::move(command));
    }
    queueChanged_.notify_one();
}

std::future<Result<OrderState>> OrderEngine::submit(NewOrderRequest request, Actor actor, std::string warningReason) {
    Submit command{std::move(request), std::move(actor), std::move(warningReason), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Outcome> OrderEngine::cancel(OrderId id, Actor actor) {
    Cancel command{id, std::move(actor), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Outcome> OrderEngine::replace(OrderId id, OrderTerms terms, Actor actor, std::string warningReason) {
    Replace command{id, std::move(terms), std::move(actor), std::move(warningReason), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::post(ExecutionReport report) { enqueue(std::move(report)); }
void OrderEngine::post(CancelReject reject) { enqueue(std::move(reject)); }
void OrderEngine::post(RequestReject reject) { enqueue(std::move(reject)); }
void OrderEngine::post(QuarantinedMessage message) { enqueue(std::move(message)); }
void OrderEngine::post(SessionEpoch epoch) { enqueue(std::move(epoch)); }
void OrderEngine::post(SessionLoggedOn logon) { enqueue(std::move(logon)); }
void OrderEngine::post(EngineAlert alert) { enqueue(std::move(alert)); }

void OrderEngine::handle(EngineAlert& alert, BatchChanges& changes) { changes.alert(std::move(alert)); }

void OrderEngine::handle(SessionEpoch& epoch, BatchChanges&) {
    if (!halted_.empty()) return;
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

bool OrderEngine::syncRouter(std::chrono::milliseconds timeout) {
    auto reached = std::make_shared<std::promise<void>>();
    auto future = reached->get_future();
    enqueue(RouterBarrier{std::move(reached)});
    if (future.wait_for(timeout) != std::future_status::ready) return false;
    try {
        future.get();
        return true;
    } catch (const std::future_error&) {
        return false;  // the router stopped before reaching it
    }
}

void OrderEngine::handle(RouterBarrier& command, BatchChanges&) {
    std::lock_guard lock(routeMutex_);
    awaitingCommit_.push_back({lastSubmitted_, std::nullopt, std::move(command.reached)});
    routeChanged_.notify_one();
}

void OrderEngine::run() {
    {
        BatchChanges changes;
        for (auto& alert : std::exchange(startAlerts_, {})) changes.alert(std::move(alert));
        expireStaleHeldOrders(changes);
        publish(changes);
    }
    std::vector<Command> batch;
    for (;;) {
        {
            std::unique_lock lock(queueMutex_);
            const auto ready = [&] { return stopping_ || !queue_.empty(); };
            // A status request's answer is due: wake then, to mark the order unconfirmed if none came.
            if (awaitingStatus_.empty())
                queueChanged_.wait(lock, ready);
            else
                queueChanged_.wait_until(lock, nextStatusDeadline(), ready);
            if (queue_.empty() && stopping_) return;  // stopping with nothing left to apply
            batch.swap(queue_);
        }
        BatchChanges changes;
        if (halted_.empty())
            if (auto failure = store_.failure()) halt(*failure, changes);
        expireStatusRequests(changes);
        for (auto& command : batch) {
            try {
                std::visit([&](auto& item) { handle(item, changes); }, command);
            } catch (const std::exception& e) {
                // A bug or a broken invariant: keep the engine alive, answer whoever waits, and say so loudly.
                // An inbound message changed nothing (each handler puts the book back): it is kept in quarantine
                // with its MsgSeqNum, so that it is neither lost nor resent past.
                const bool inbound = std::visit(
                    [&](auto& item) {
                        if constexpr (requires { item.raw; item.msgSeqNum; item.session; }) {
                            quarantineAfterError({item.session, item.msgSeqNum, msgTypeOf(item), item.raw, item.receivedAt},
                                                 e.what(), changes);
                            return true;
                        }
                        return false;
                    },
                    command);
                if (!inbound) {
                    spdlog::critical("order engine: {}", e.what());
                    changes.alert({options_.clock(), EngineAlert::Severity::Error, 0, std::string("internal error: ") + e.what()});
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
                    command);
            }
        }
        batch.clear();
        publish(changes);
    }
}

void OrderEngine::publish(BatchChanges& changes) {
    if (compliance_) checkAfterBatch(changes);
    if (changes.changeSet().empty()) return;
    changes.changeSet().sequence = ++published_;
    for (const auto& listener : listeners_) listener(changes.changeSet());
    changes.clear();
}

void OrderEngine::halt(const std::string& reason, BatchChanges& changes) {
    halted_ = "the desk stopped taking orders and fills: " + reason +
              ". Remove the cause (free disk space, close a program holding the database) and start the desk again: it "
              "resumes from what the store holds, and the brokers resend what came after";
    spdlog::critical("{}", halted_);
    awaitingStatus_.clear();
    changes.alert({options_.clock(), EngineAlert::Severity::Error, 0, halted_});
    changes.changeSet().halted = halted_;
}

Status OrderEngine::storeFailure() const {
    if (!halted_.empty()) return Error{halted_};
    if (auto failure = store_.failure()) return Error{*failure};
    return {};
}

void OrderEngine::settleInbound(const OrderBook::Applied& applied, StoreUnit unit, const Origin& origin, std::string_view what,
                                BatchChanges& changes) {
    const auto& outcome = applied.outcome;
    if (origin.msgSeqNum > 0) unit.inbound = InboundProgress{origin.session, origin.msgSeqNum};
    if (outcome.isApplied()) {
        unit.order = rowOf(*applied.order);
        changes.order(applied.order->state);
        followOpenBuy(applied.order->state);
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
    if (!halted_.empty()) return;  // not applied, not recorded: resent after the restart
    OrderBook::Undo undo;
    auto applied = book_.apply(report, &undo);
    StoreUnit unit;
    if (applied.outcome.isApplied()) {
        try {
            // Every figure the fill makes is worked out and checked before the ledger changes; a fill it cannot
            // take whole takes the order back to where it was, and the report is refused.
            const Order& order = *applied.order;
            const auto booking = ledger_.plan(order.state, report.execType, order_state_machine::tradeOf(order, report));
            if (!booking) {
                book_.undo(std::move(undo));
                applied.outcome = Outcome::refused("the book of positions cannot take it: " + booking.error());
            } else {
                unit.execution = ExecutionRecord::of(report, order.state);
                book(*booking, *unit.execution, changes);
                changes.execution(*unit.execution);
                executions_.push_back(*unit.execution);
                awaitingStatus_.erase(order.state.id);  // the sell side has answered about the order
                if (order.state.unconfirmed) {
                    const std::string message = "order " + std::to_string(order.state.id) + " is unconfirmed: " +
                                                order.state.text + "; resolve it (cancel it at the broker, or mark it rejected)";
                    spdlog::error("{}", message);
                    changes.alert({options_.clock(), EngineAlert::Severity::Error, order.state.id, message});
                    unit.event = OrderEventRecord{order.state.id, report.receivedAt, OrderEventKind::Unconfirmed,
                                                  order.state.clOrdId, order.state.text};
                    unit.audit.push_back(audit(Actor::system(), "order.unconfirmed", "order " + std::to_string(order.state.id),
                                               order.state.text));
                }
            }
        } catch (...) {
            book_.undo(std::move(undo));
            throw;
        }
    }
    settleInbound(applied, std::move(unit), {report.session, report.msgSeqNum, "8", report.raw, report.receivedAt},
                  "ExecutionReport " + report.execId + " (" + std::string(nameOf(report.execType)) + ")", changes);
}

void OrderEngine::book(const Ledger::Booking& booking, const ExecutionRecord& execution, BatchChanges& changes) {
    if (booking.empty()) return;
    struct Before {
        Qty held;
        std::uint64_t version = 0;
    };
    std::vector<Before> before;
    for (const auto& move : booking.funds) {
        const auto* fund = ledger_.funds().find(move.fund);
        before.push_back({ledger_.funds().quantity(move.fund, move.symbol), fund ? fund->version : 0});
    }
    changes.ledger(ledger_.commit(booking));
    for (std::size_t i = 0; i < booking.funds.size(); ++i) {
        const auto& move = booking.funds[i];
        changes.touch(move.fund, move.symbol);
        if (compliance_) compliance_->carryFill(move.fund, execution, before[i].held, before[i].version);
    }
}

Status OrderEngine::restoreLedger(const ActiveBook& active, const ComplianceData& data) {
    if (auto checked = Ledger::checkOpening(data.openingPositions); !checked)
        return Error{"the opening positions are beyond the desk's limits: " + checked.error()};
    ledger_.setOpening(data.openingPositions);
    openingPositions_ = data.openingPositions;
    // Today's fills are on top of the opening positions, which hold those of earlier days. Each trade is booked
    // once, in the order it first came, at what it stands at now (after corrections and busts): the same book the
    // fills made as they arrived.
    for (const auto& execution : active.executions) {
        if (!changesFills(execution.execType) || tradeDateOf(execution.receivedAt) != tradeDate_) continue;
        const auto* order = book_.find(execution.orderId);
        if (!order) continue;
        ExecutionReport trade;
        trade.execType = execution.execType;
        trade.execId = execution.execId;
        trade.execRefId = execution.execRefId;
        auto booking = ledger_.plan(order->state, execution.execType, order_state_machine::tradeOf(*order, trade));
        if (!booking) return Error{"order " + std::to_string(order->state.id) + ": " + booking.error()};
        ledger_.commit(*booking);
    }
    return {};
}

void OrderEngine::quarantineAfterError(const Origin& origin, const std::string& error, BatchChanges& changes) {
    const std::string reason = std::string("internal error while applying it, nothing of it was applied: ") + error;
    spdlog::critical("{} message {} from {}: {}", origin.msgType, origin.msgSeqNum, origin.session, reason);
    changes.alert({options_.clock(), EngineAlert::Severity::Error, 0, reason});
    StoreUnit unit;
    if (origin.msgSeqNum > 0) unit.inbound = InboundProgress{origin.session, origin.msgSeqNum};
    unit.quarantine =
        QuarantinedMessage{0, origin.receivedAt, origin.session, origin.msgSeqNum, origin.msgType, origin.raw, reason, 0};
    lastSubmitted_ = store_.submit(std::move(unit));
}

void OrderEngine::handle(CancelReject& reject, BatchChanges& changes) {
    if (!halted_.empty()) return;
    const auto applied = book_.apply(reject);
    StoreUnit unit;
    if (applied.order)
        unit.event = OrderEventRecord{applied.order->state.id, reject.receivedAt, OrderEventKind::CancelRejected, reject.clOrdId,
                                      reject.reason};
    settleInbound(applied, std::move(unit), {reject.session, reject.msgSeqNum, "9", reject.raw, reject.receivedAt},
                  "OrderCancelReject for " + reject.clOrdId, changes);
}

void OrderEngine::handle(RequestReject& reject, BatchChanges& changes) {
    if (!halted_.empty()) return;
    if (reject.refMsgType == "H") {
        // The sell side refused our question, not the order: no one can say where the order stands.
        StoreUnit unit;
        if (reject.msgSeqNum > 0) unit.inbound = InboundProgress{reject.session, reject.msgSeqNum};
        if (const auto* order = book_.findByClOrdId(reject.clOrdId))
            markUnconfirmed(order->state.id, "the broker refused a status request about it: " + reject.reason, changes);
        if (unit.inbound) lastSubmitted_ = store_.submit(std::move(unit));
        return;
    }
    const auto applied = book_.apply(reject);
    StoreUnit unit;
    if (applied.order)
        unit.event = OrderEventRecord{applied.order->state.id, reject.receivedAt, OrderEventKind::RequestRejected, reject.clOrdId,
                                      reject.reason};
    settleInbound(applied, std::move(unit), {reject.session, reject.msgSeqNum, "3", reject.raw, reject.receivedAt},
                  "reject of " + reject.clOrdId, changes);
}

void OrderEngine::handle(QuarantinedMessage& message, BatchChanges& changes) {
    if (!halted_.empty()) return;
    spdlog::warn("quarantined {} message {} from {}: {}", message.msgType, message.msgSeqNum, message.session, message.reason);
    changes.alert({options_.clock(), EngineAlert::Severity::Warning, message.orderId, message.reason});
    StoreUnit unit;
    if (message.msgSeqNum > 0) unit.inbound = InboundProgress{message.session, message.msgSeqNum};
    unit.quarantine = std::move(message);
    lastSubmitted_ = store_.submit(std::move(unit));
}

namespace {

std::string describeOrder(const OrderState& s) {
    std::string text = std::string(nameOf(s.side)) + " " + s.terms.quantity.toString() + " " + s.symbol + " " +
                       std::string(nameOf(s.terms.type));
    if (s.terms.limitPrice) text += " limit " + s.terms.limitPrice->toString();
    if (s.terms.stopPrice) text += " stop " + s.terms.stopPrice->toString();
    return text + " " + std::string(nameOf(s.terms.timeInForce)) + " for " + s.account + " via " + s.session;
}

}  // namespace

void OrderEngine::handle(Submit& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Error{failed.error()});
        return;
    }
    if (!command.actor.may(Permission::TradeOrders)) {
        command.done.set_value(Error{refusal(command.actor, "enter orders")});
        return;
    }
    command.request.owner = command.actor.user;
    command.request.staged = false;
    command.request.listId = 0;
    const auto now = options_.clock();
    if (auto funds = blockFunds(command.request); !funds) {
        command.done.set_value(Error{funds.error()});
        return;
    }
    CheckResult check;
    if (compliance_) {
        check = preTrade(command.request, command.actor, 0);
        if (check.verdict == Verdict::Warn && isBlank(command.warningReason)) {
            command.done.set_value(Error{"compliance warning; give a reason to send the order anyway: " + check.summary()});
            return;
        }
    }
    const OrderId id = lastOrderId_ + 1;
    auto created = book_.create(id, command.request, clOrdIds_.next(), now);
    if (!created) {
        clOrdIds_.giveBack();
        command.done.set_value(Error{created.error()});
        return;
    }
    lastOrderId_ = id;
    const auto* order =
        sendOrHold(id, check, command.actor, command.warningReason, "order.submit", OrderEventKind::Created, changes);
    command.done.set_value(order->state);
}

const Order* OrderEngine::sendOrHold(OrderId id, const CheckResult& check, const Actor& actor, const std::string& warningReason,
                                     const std::string& action, OrderEventKind sentEvent, BatchChanges& changes, StoreUnit unit) {
    const auto now = options_.clock();
    const Order* order = book_.find(id);
    const bool held = check.verdict == Verdict::Block;
    if (!check.findings.empty()) {
        order = book_.markCompliance(id,
                                     held                             ? ComplianceMark::Block
                                     : check.verdict == Verdict::Warn ? ComplianceMark::Warn
                                                                      : ComplianceMark::Pass,
                                     held, now);
        // A warning the trader accepted is acknowledged by them; a block waits for compliance.
        raiseBreaches(check, order->state, BreachState::Open, actor, warningReason, unit, changes);
    }
    std::string details = describeOrder(order->state) + "; compliance " + std::string(aliasOf(order->state.compliance));
    if (check.verdict == Verdict::Warn) details += "; warning accepted: " + warningReason;
    unit.audit.push_back(audit(actor, held ? "order.held" : action, "order " + std::to_string(id), details));
    // A held order counts toward duplicates and the trader's notional once it is released.
    if (compliance_ && !held) {
        auto accepted = proposalOf(order->state);
        accepted.at = now;  // when it went, which for a staged order is not when it was created
        compliance_->recordAccepted(accepted);
    }
    unit.clOrdIdRun = clOrdIds_.run();
    if (held) {
        persist(*order, OrderEventKind::Held, check.summary(), std::move(unit), changes);
    } else {
        persistAndRoute(*order, sentEvent, {RequestKind::New, order->state, order->state.clOrdId, {}, order->state.terms},
                        changes, std::move(unit));
    }
    return order;
}

void OrderEngine::handle(Cancel& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Outcome::refused(failed.error()));
        return;
    }
    if (!command.actor.may(Permission::TradeOrders)) {
        command.done.set_value(Outcome::refused(refusal(command.actor, "cancel orders")));
        return;
    }
    const auto* order = book_.find(command.id);
    if (order && order->state.isUnsent()) {
        command.done.set_value(cancelUnsent(*order, command.actor, changes));
        return;
    }
    StoreUnit unit;
    if (order)
        unit.audit.push_back(
            audit(command.actor, "order.cancel", "order " + std::to_string(command.id), describeOrder(order->state)));
    command.done.set_value(request(command.id, RequestKind::Cancel, {}, std::move(unit), changes));
}

void OrderEngine::handle(Replace& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Outcome::refused(failed.error()));
        return;
    }
    if (!command.actor.may(Permission::TradeOrders)) {
        command.done.set_value(Outcome::refused(refusal(command.actor, "amend orders")));
        return;
    }
    const auto* order = book_.find(command.id);
    if (!order) {
        command.done.set_value(Outcome::refused("no such order"));
        return;
    }
    if (order->state.isBlock() &&
        (command.terms.timeInForce == TimeInForce::GoodTillCancel || command.terms.timeInForce == TimeInForce::GoodTillDate)) {
        command.done.set_value(Outcome::refused("a block order lasts the day: it cannot become GTC or GTD"));
        return;
    }
    if (order->state.isUnsent()) {
        command.done.set_value(Outcome::refused("order " + std::to_string(command.id) +
                                                (order->state.held ? " is held by compliance; cancel it or wait for the decision"
                                                                   : " is staged; release it first, or cancel it")));
        return;
    }
    if (order->state.unconfirmed) {
        // New terms for an order no one can place would be a guess on a guess: where it stands comes first.
        command.done.set_value(Outcome::refused("order " + std::to_string(command.id) +
                                                " is unconfirmed: resolve it first (cancel at the broker, or mark it rejected)"));
        return;
    }
    StoreUnit unit;
    const std::string subject = "order " + std::to_string(command.id);
    std::string details = describeOrder(order->state) + " → " + command.terms.quantity.toString() + " " +
                          std::string(nameOf(command.terms.type)) +
                          (command.terms.limitPrice ? " limit " + command.terms.limitPrice->toString() : std::string());
    // An order that cannot take a replace now (finished, or a request outstanding) is refused below, unchecked.
    if (compliance_ && order->state.isLive() && !order->state.pending) {
        auto amended = requestOf(order->state);
        amended.terms = command.terms;
        const auto check = preTrade(amended, command.actor, command.id);
        if (check.verdict == Verdict::Block) {
            // Not held like a new order: the order keeps its terms and the refused amend is on the record.
            raiseBreaches(check, order->state, BreachState::Rejected, Actor::system(), "the amend was refused and not sent", unit,
                          changes);
            unit.audit.push_back(audit(command.actor, "order.amend.blocked", subject, details + "; " + check.summary()));
            lastSubmitted_ = store_.submit(std::move(unit));
            command.done.set_value(Outcome::refused("blocked by compliance: " + check.summary()));
            return;
        }
        if (check.verdict == Verdict::Warn && isBlank(command.warningReason)) {
            command.done.set_value(
                Outcome::refused("compliance warning; give a reason to send the amend anyway: " + check.summary()));
            return;
        }
        if (!check.findings.empty()) details += "; warning accepted: " + command.warningReason;
        unit.audit.push_back(audit(command.actor, "order.amend", subject, details));
        // The amend's warnings are written with it, in the same unit.
        auto outcome = request(
            command.id, RequestKind::Replace, command.terms, std::move(unit), changes,
            [&](const Order& amendedOrder, StoreUnit& same) -> const Order& {
                if (check.findings.empty()) return amendedOrder;
                const auto* marked = book_.markCompliance(command.id, ComplianceMark::Warn, false, amendedOrder.state.updatedAt);
                raiseBreaches(check, marked->state, BreachState::Open, command.actor, command.warningReason, same, changes);
                return *marked;
            });
        if (outcome.isApplied()) compliance_->recordAccepted(proposalOf(amended, command.actor, command.id));
        command.done.set_value(std::move(outcome));
        return;
    }
    unit.audit.push_back(audit(command.actor, "order.amend", subject, details));
    command.done.set_value(request(command.id, RequestKind::Replace, command.terms, std::move(unit), changes));
}

Outcome OrderEngine::request(OrderId id, RequestKind kind, const OrderTerms& terms, StoreUnit unit, BatchChanges& changes,
                             const OnRequested& onRequested) {
    if (auto failed = storeFailure(); !failed) return Outcome::refused(failed.error());
    const auto* before = book_.find(id);
    const std::string origClOrdId = before ? before->state.clOrdId : std::string();
    auto clOrdId = clOrdIds_.next();
    const auto now = options_.clock();
    const auto applied =
        kind == RequestKind::Cancel ? book_.requestCancel(id, clOrdId, now) : book_.requestReplace(id, clOrdId, terms, now);
    if (!applied.outcome.isApplied()) {
        clOrdIds_.giveBack();
        return applied.outcome;
    }
    const Order& order = onRequested ? onRequested(*applied.order, unit) : *applied.order;
    const auto event = kind == RequestKind::Cancel ? OrderEventKind::CancelRequested : OrderEventKind::ReplaceRequested;
    const OrderTerms& sent = kind == RequestKind::Cancel ? order.state.terms : terms;
    persistAndRoute(order, event, {kind, order.state, std::move(clOrdId), origClOrdId, sent}, changes, std::move(unit));
    return applied.outcome;
}

void OrderEngine::persist(const Order& order, OrderEventKind event, std::string text, StoreUnit unit, BatchChanges& changes) {
    unit.order = rowOf(order);
    unit.event = OrderEventRecord{order.state.id, order.state.updatedAt, event, order.state.clOrdId, std::move(text)};
    changes.order(order.state);
    followOpenBuy(order.state);
    lastSubmitted_ = store_.submit(std::move(unit));
}

void OrderEngine::persistAndRoute(const Order& order, OrderEventKind event, OutboundRequest request, BatchChanges& changes,
                                  StoreUnit unit) {
    unit.order = rowOf(order);
    unit.event = OrderEventRecord{order.state.id, order.state.updatedAt, event, request.clOrdId, {}};
    unit.clOrdIdRun = clOrdIds_.run();
    changes.order(order.state);
    followOpenBuy(order.state);
    routing_.insert(request.clOrdId);
    std::lock_guard lock(routeMutex_);  // so that the router cannot see the commit before the request
    lastSubmitted_ = store_.submit(std::move(unit));
    awaitingCommit_.push_back({lastSubmitted_, std::move(request), nullptr});
    routeChanged_.notify_one();
}

void OrderEngine::queueRoute(OutboundRequest request, std::uint64_t afterUnit) {
    routing_.insert(request.clOrdId);
    std::lock_guard lock(routeMutex_);
    awaitingCommit_.push_back({afterUnit, std::move(request), nullptr});
    routeChanged_.notify_one();
}

void OrderEngine::handle(Snapshot& command, BatchChanges& changes) {
    publish(changes);  // so that the snapshot falls between two change sets
    BookSnapshot snapshot;
    snapshot.sequence = published_;
    snapshot.orders.reserve(book_.size());
    book_.forEach([&](const Order& order) { snapshot.orders.push_back(order.state); });
    snapshot.executions = executions_;
    for (const auto& [id, breach] : breaches_.all()) snapshot.breaches.push_back(breach);
    for (const auto& [id, list] : lists_) snapshot.lists.push_back(list);
    snapshot.openingPositions = openingPositions_;
    snapshot.halted = halted_;
    for (const auto& [id, due] : awaitingStatus_) snapshot.awaitingStatus.push_back(id);
    snapshot.positions = ledger_.accountPositions().positions();
    snapshot.fundPositions = ledger_.funds().positions();
    for (const auto& [fund, held] : ledger_.funds().funds())
        for (const auto& [currency, amount] : held.cash) snapshot.fundCash.push_back({fund, currency, amount});
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
    std::vector<AwaitingCommit> ready;
    std::unique_lock lock(routeMutex_);
    for (;;) {
        const auto committed = store_.committed();
        while (!awaitingCommit_.empty() && awaitingCommit_.front().unit <= committed) {
            ready.push_back(std::move(awaitingCommit_.front()));
            awaitingCommit_.pop_front();
        }
        if (ready.empty()) {
            if (routerStopping_) return;
            routeChanged_.wait(lock);
            continue;
        }
        lock.unlock();
        Routed routed;
        for (auto& entry : ready) {
            if (entry.reached) entry.reached->set_value();
            if (!entry.request || !router_) continue;
            const auto& request = *entry.request;
            bool handedOver = false;
            try {
                handedOver = router_(request);
            } catch (const std::exception& e) {
                spdlog::error("routing {} failed: {}", request.clOrdId, e.what());
            }
            routed.requests.push_back({request.order.id, request.kind, request.order.session, request.clOrdId, handedOver});
        }
        // The engine records what was handed over, so that a restart knows what never left.
        if (!routed.requests.empty()) enqueue(std::move(routed));
        ready.clear();
        lock.lock();
    }
}

}  // namespace ob

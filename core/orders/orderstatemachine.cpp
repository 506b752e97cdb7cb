#include "orderstatemachine.h"

#include "orders/reportconsistency.h"

#include <utility>

namespace ob::order_state_machine {

namespace {

std::string statusName(const OrderState& state) { return std::string(nameOf(state.status())); }

bool isWorkingOrPendingNew(const OrderState& state) {
    return state.phase == OrderPhase::PendingNew || state.phase == OrderPhase::Working;
}

/// A multi-day order that is done for the day lives on into the next.
bool isResumable(const OrderState& state) { return state.phase == OrderPhase::DoneForDay && state.isMultiDay(); }

/// Phases in which the sell side may still report fills: a fill can cross a
/// cancel, an expiry or the end of the day on the wire (Appendix D, J.1.b).
bool acceptsFills(const OrderState& state) { return state.phase != OrderPhase::Rejected; }

/// The Trade entry an ExecRefID designates, following corrections back to
/// the trade they corrected (a correction may name the latest correction).
ExecutionEntry* resolveTrade(Order& order, std::string_view execRefId) {
    for (int hops = 0; hops <= static_cast<int>(order.executions.size()); ++hops) {
        auto* entry = const_cast<ExecutionEntry*>(order.findExecution(execRefId));
        if (!entry) return nullptr;
        if (entry->type == ExecType::Trade) return entry;
        if (entry->type != ExecType::TradeCorrect) return nullptr;
        execRefId = entry->execRefId;
    }
    return nullptr;
}

// The fill arithmetic, shared by live application and by restore.
void addFill(Order& order, ExecutionEntry&& trade) {
    order.state.cumQty += trade.quantity;
    order.state.notional += trade.quantity * trade.price;
    order.addExecution(std::move(trade));
}

void correctFill(Order& order, ExecutionEntry& trade, ExecutionEntry&& correction) {
    order.state.cumQty += correction.quantity - trade.quantity;
    order.state.notional += correction.quantity * correction.price - trade.quantity * trade.price;
    trade.quantity = correction.quantity;
    trade.price = correction.price;
    order.addExecution(std::move(correction));
}

void bustFill(Order& order, ExecutionEntry& trade, ExecutionEntry&& bust) {
    order.state.cumQty -= trade.quantity;
    order.state.notional -= trade.quantity * trade.price;
    trade.busted = true;
    order.addExecution(std::move(bust));
}

ExecutionEntry entryOf(const ExecutionReport& report) {
    ExecutionEntry entry;
    entry.execId = report.execId;
    entry.execRefId = report.execRefId;
    entry.type = report.execType;
    entry.quantity = report.lastQty.value_or(Qty{});
    entry.price = report.lastPx.value_or(Price{});
    entry.lastQty = entry.quantity;
    entry.lastPx = entry.price;
    return entry;
}

std::string describeRequest(const PendingRequest& request) {
    return std::string(request.kind == RequestKind::Cancel ? "cancel " : "replace ") + request.clOrdId;
}

/// Settles the pending request with the sell side's verdict.
void settlePending(Order& order, RequestState verdict) {
    if (!order.state.pending) return;
    if (auto* link = order.findLink(order.state.pending->clOrdId)) link->state = verdict;
    order.state.pending.reset();
}

/// The order is finished (canceled, expired, rejected): an outstanding request is moot.
void finish(Order& order, OrderPhase phase, const ExecutionReport& report) {
    const bool answersCancel =
        order.state.pending && order.state.pending->kind == RequestKind::Cancel && order.state.pending->clOrdId == report.clOrdId;
    settlePending(order, answersCancel ? RequestState::Accepted : RequestState::Rejected);
    order.state.phase = phase;
    // A finished order is no longer stopped or suspended: those describe live orders.
    order.state.stopped = false;
    order.state.suspended = false;
    if (!report.text.empty()) order.state.text = report.text;
}

Outcome checkFill(const Order& order, const ExecutionReport& report) {
    if (!report.lastQty || !report.lastQty->isPositive()) return Outcome::refused("a Trade needs a positive LastQty");
    if (!report.lastPx) return Outcome::refused("a Trade needs a LastPx");
    if (!acceptsFills(order.state))
        return Outcome::refused("a Trade cannot apply to an order in state " + statusName(order.state));
    const Qty after = order.state.cumQty + *report.lastQty;
    if (after > order.state.terms.quantity)
        return Outcome::refused("a Trade of " + report.lastQty->toString() + " would overfill the order: CumQty " +
                                order.state.cumQty.toString() + " of OrderQty " + order.state.terms.quantity.toString());
    return Outcome::applied();
}

Outcome applyTrade(Order& order, const ExecutionReport& report) {
    if (auto check = checkFill(order, report); check.isRefused()) return check;
    // A fill is the acknowledgement a sell side that skips New never sent, and
    // the renewal of a multi-day order whose sell side skips Restated (H.1.a).
    if (order.state.phase == OrderPhase::PendingNew || isResumable(order.state)) order.state.phase = OrderPhase::Working;
    addFill(order, entryOf(report));
    return Outcome::applied();
}

Outcome applyTradeCorrect(Order& order, const ExecutionReport& report) {
    auto* trade = resolveTrade(order, report.execRefId);
    if (!trade) return Outcome::refused("TradeCorrect refers to ExecRefID '" + report.execRefId + "', not a trade of this order");
    if (trade->busted) return Outcome::refused("TradeCorrect refers to trade " + trade->execId + ", which was canceled");
    if (!report.lastQty || !report.lastQty->isPositive()) return Outcome::refused("a TradeCorrect needs a positive LastQty");
    if (!report.lastPx) return Outcome::refused("a TradeCorrect needs a LastPx");
    const Qty after = order.state.cumQty - trade->quantity + *report.lastQty;
    if (after > order.state.terms.quantity)
        return Outcome::refused("the correction would overfill the order: CumQty " + after.toString() + " of OrderQty " +
                                order.state.terms.quantity.toString());
    correctFill(order, *trade, entryOf(report));
    return Outcome::applied();
}

Outcome applyTradeCancel(Order& order, const ExecutionReport& report) {
    auto* trade = resolveTrade(order, report.execRefId);
    if (!trade) return Outcome::refused("TradeCancel refers to ExecRefID '" + report.execRefId + "', not a trade of this order");
    if (trade->busted) return Outcome::refused("TradeCancel refers to trade " + trade->execId + ", which was already canceled");
    // A bust reopens a filled working order (J.1.a); a canceled or done order stays so with no leaves (J.1.b, J.1.d).
    bustFill(order, *trade, entryOf(report));
    return Outcome::applied();
}

Outcome applyNew(Order& order, const ExecutionReport&) {
    auto& state = order.state;
    if (state.phase == OrderPhase::PendingNew) {
        state.phase = OrderPhase::Working;  // also when a cancel request already crossed it (B.1.d, B.1.e)
        return Outcome::applied();
    }
    if (state.phase == OrderPhase::Working && state.suspended) {
        state.suspended = false;
        return Outcome::applied();
    }
    return Outcome::refused("New cannot apply to an order in state " + statusName(state));
}

Outcome applyPendingNew(Order& order, const ExecutionReport&) {
    if (order.state.phase != OrderPhase::PendingNew)
        return Outcome::refused("PendingNew cannot apply to an order in state " + statusName(order.state));
    return Outcome::applied();
}

Outcome applyRejected(Order& order, const ExecutionReport& report) {
    auto& state = order.state;
    if (state.pending && state.pending->clOrdId == report.clOrdId) {
        // Some sell sides refuse a cancel or replace with an ExecutionReport instead of an OrderCancelReject.
        state.text = describeRequest(*state.pending) + " rejected: " + report.text;
        settlePending(order, RequestState::Rejected);
        return Outcome::applied();
    }
    if (state.phase == OrderPhase::Working && report.ordStatus && *report.ordStatus != OrdStatus::Rejected) {
        // A resent order refused as a duplicate ClOrdID; the status describes the live order (F.1.a).
        state.text = "duplicate order refused: " + report.text;
        return Outcome::applied();
    }
    if (state.phase == OrderPhase::PendingNew || (state.phase == OrderPhase::Working && state.cumQty.isZero())) {
        finish(order, OrderPhase::Rejected, report);
        if (auto* link = order.findLink(state.clOrdId)) link->state = RequestState::Rejected;
        return Outcome::applied();
    }
    return Outcome::refused("Rejected cannot apply to an order in state " + statusName(state) +
                            (state.cumQty.isPositive() ? " with fills" : ""));
}

Outcome applyEnd(Order& order, const ExecutionReport& report, OrderPhase endPhase) {
    const auto& state = order.state;
    if (!isWorkingOrPendingNew(state) && !isResumable(state))
        return Outcome::refused(std::string(nameOf(report.execType)) + " cannot apply to an order in state " + statusName(state));
    if (state.isFilled()) return Outcome::refused(std::string(nameOf(report.execType)) + " cannot apply to a filled order");
    finish(order, endPhase, report);
    return Outcome::applied();
}

Outcome applyDoneForDay(Order& order, const ExecutionReport& report) {
    auto& state = order.state;
    if (!isWorkingOrPendingNew(state))
        return Outcome::refused("DoneForDay cannot apply to an order in state " + statusName(state));
    // An outstanding request stays outstanding: the sell side still owes its answer.
    state.phase = OrderPhase::DoneForDay;
    if (!report.text.empty()) state.text = report.text;
    return Outcome::applied();
}

Outcome applyPendingRequest(Order& order, const ExecutionReport& report, RequestKind kind) {
    auto& pending = order.state.pending;
    if (!pending || pending->kind != kind || pending->clOrdId != report.clOrdId)
        return Outcome::refused(std::string(nameOf(report.execType)) + " for ClOrdID '" + report.clOrdId +
                                "', which is not an outstanding " + (kind == RequestKind::Cancel ? "cancel" : "replace") +
                                " request of this order");
    pending->acknowledged = true;
    return Outcome::applied();
}

Outcome applyReplaced(Order& order, const ExecutionReport& report) {
    auto& state = order.state;
    if (!state.pending || state.pending->kind != RequestKind::Replace || state.pending->clOrdId != report.clOrdId)
        return Outcome::refused("Replaced for ClOrdID '" + report.clOrdId +
                                "', which is not an outstanding replace request of this order");
    if (!isWorkingOrPendingNew(state) && !isResumable(state))
        return Outcome::refused("Replaced cannot apply to an order in state " + statusName(state));

    // The sell side's values are final where it sends them; the request fills in the rest.
    OrderTerms terms = state.pending->terms;
    if (report.orderQty) terms.quantity = *report.orderQty;
    if (report.ordType) terms.type = *report.ordType;
    if (report.price) terms.limitPrice = report.price;
    if (report.stopPx) terms.stopPrice = report.stopPx;
    if (report.timeInForce) terms.timeInForce = *report.timeInForce;
    // A quantity cut to or below CumQty ends the order, filled at CumQty (C.3.b, C.3.c).
    if (terms.quantity < state.cumQty) terms.quantity = state.cumQty;
    if (!terms.quantity.isPositive()) return Outcome::refused("Replaced leaves the order without quantity");

    settlePending(order, RequestState::Accepted);
    state.terms = terms;
    state.clOrdId = report.clOrdId;
    if (state.phase == OrderPhase::PendingNew) state.phase = OrderPhase::Working;
    return Outcome::applied();
}

Outcome applyRestated(Order& order, const ExecutionReport& report) {
    auto& state = order.state;
    if (!isWorkingOrPendingNew(state) && !isResumable(state))
        return Outcome::refused("Restated cannot apply to an order in state " + statusName(state));
    if (report.cumQty && *report.cumQty != state.cumQty)
        return Outcome::refused("Restated changes CumQty from " + state.cumQty.toString() + " to " + report.cumQty->toString() +
                                " without executions (a corporate action); reconcile the order by hand");
    OrderTerms terms = state.terms;
    if (report.orderQty) terms.quantity = *report.orderQty;
    if (report.price) terms.limitPrice = report.price;
    if (report.stopPx) terms.stopPrice = report.stopPx;
    if (report.timeInForce) terms.timeInForce = *report.timeInForce;
    if (terms.quantity < state.cumQty)
        return Outcome::refused("Restated OrderQty " + terms.quantity.toString() + " is below CumQty " + state.cumQty.toString());
    state.terms = terms;
    // A multi-day order is renewed for the new day (H.1.a).
    if (state.phase != OrderPhase::PendingNew) state.phase = OrderPhase::Working;
    if (!report.text.empty()) state.text = report.text;
    return Outcome::applied();
}

Outcome applyFlag(Order& order, const ExecutionReport& report, bool OrderState::*flag) {
    auto& state = order.state;
    if (!isWorkingOrPendingNew(state) || state.isFilled())
        return Outcome::refused(std::string(nameOf(report.execType)) + " cannot apply to an order in state " + statusName(state));
    state.*flag = true;
    if (state.phase == OrderPhase::PendingNew) state.phase = OrderPhase::Working;
    return Outcome::applied();
}

/// An answer to our status request (or an unsolicited status): it tells where the order stands. It may
/// acknowledge an order the book still has pending, or confirm a cancel or a replace whose answer never came;
/// a sell side that answers Rejected does not know the order, which leaves it unconfirmed for a person to resolve.
Outcome applyStatus(Order& order, const ExecutionReport& report) {
    if (!report.ordStatus) return Outcome::applied();
    auto& state = order.state;
    switch (*report.ordStatus) {
        case OrdStatus::Rejected:
            state.unconfirmed = true;
            state.text = "the sell side does not confirm the order" + (report.text.empty() ? std::string() : ": " + report.text);
            return Outcome::applied();
        case OrdStatus::PendingNew: return Outcome::applied();
        case OrdStatus::Canceled:
            if (state.pending && state.pending->kind == RequestKind::Cancel && isWorkingOrPendingNew(state)) {
                finish(order, OrderPhase::Canceled, report);
                return Outcome::applied();
            }
            break;
        case OrdStatus::PendingReplace:
        case OrdStatus::Expired: break;
        default:
            // The order stands under the ClOrdID of the replace: the sell side did it, and its Replaced was lost.
            if (state.pending && state.pending->kind == RequestKind::Replace && state.pending->clOrdId == report.clOrdId)
                return applyReplaced(order, report);
    }
    if (state.phase == OrderPhase::PendingNew) state.phase = OrderPhase::Working;
    return Outcome::applied();
}

Outcome dispatch(Order& order, const ExecutionReport& report) {
    switch (report.execType) {
        case ExecType::PendingNew: return applyPendingNew(order, report);
        case ExecType::New: return applyNew(order, report);
        case ExecType::Rejected: return applyRejected(order, report);
        case ExecType::Trade: return applyTrade(order, report);
        case ExecType::TradeCorrect: return applyTradeCorrect(order, report);
        case ExecType::TradeCancel: return applyTradeCancel(order, report);
        case ExecType::PendingCancel: return applyPendingRequest(order, report, RequestKind::Cancel);
        case ExecType::PendingReplace: return applyPendingRequest(order, report, RequestKind::Replace);
        case ExecType::Canceled: return applyEnd(order, report, OrderPhase::Canceled);
        case ExecType::Expired: return applyEnd(order, report, OrderPhase::Expired);
        case ExecType::Replaced: return applyReplaced(order, report);
        case ExecType::DoneForDay: return applyDoneForDay(order, report);
        case ExecType::Restated: return applyRestated(order, report);
        case ExecType::Stopped: return applyFlag(order, report, &OrderState::stopped);
        case ExecType::Suspended: return applyFlag(order, report, &OrderState::suspended);
        case ExecType::OrderStatus: return applyStatus(order, report);
        case ExecType::Calculated:
            return Outcome::refused("Calculated applies to orders with a calculated settlement, which this book does not take");
    }
    return Outcome::refused("unknown ExecType");
}

Outcome checkCanRequest(const Order& order, const char* what) {
    const auto& state = order.state;
    if (state.pending)
        return Outcome::refused(std::string("cannot ") + what + ": " + describeRequest(*state.pending) + " is still outstanding");
    if (!isWorkingOrPendingNew(state) && !isResumable(state))
        return Outcome::refused(std::string("cannot ") + what + " an order in state " + statusName(state));
    return Outcome::applied();
}

Outcome recordRequest(Order& order, RequestKind kind, std::string clOrdId, const OrderTerms& terms, Timestamp at) {
    if (clOrdId.empty()) return Outcome::refused("a request needs a ClOrdID");
    if (order.findLink(clOrdId)) return Outcome::refused("ClOrdID '" + clOrdId + "' is already used by this order");
    order.chain.push_back({clOrdId, kind, RequestState::Pending});
    order.state.pending = PendingRequest{kind, std::move(clOrdId), terms, false, at};
    order.state.updatedAt = at;
    return Outcome::applied();
}

}  // namespace

Result<Order> create(OrderId id, const NewOrderRequest& request, std::string clOrdId, Timestamp at) {
    if (auto valid = validateTerms(request.terms); !valid) return Error{valid.error()};
    if (request.symbol.empty()) return Error{"an order needs a symbol"};
    if (request.account.empty()) return Error{"an order needs an account"};
    if (clOrdId.empty()) return Error{"an order needs a ClOrdID"};
    if (auto valid = validateAllocations(request.account, request.terms.quantity, request.allocations); !valid)
        return Error{valid.error()};
    if (!request.allocations.empty() &&
        (request.terms.timeInForce == TimeInForce::GoodTillCancel || request.terms.timeInForce == TimeInForce::GoodTillDate))
        return Error{"a block order lasts the day (DAY, IOC or FOK): its fills are allocated to the funds within the day"};
    Order order;
    order.executions.reserve(4);  // most orders see an acknowledgement and a few fills
    order.executionHashes.reserve(4);
    auto& state = order.state;
    state.id = id;
    state.session = request.session;
    state.account = request.account;
    state.symbol = request.symbol;
    state.side = request.side;
    state.terms = request.terms;
    state.owner = request.owner;
    state.allocations = request.allocations;
    state.listId = request.listId;
    state.staged = request.staged;
    state.clOrdId = clOrdId;
    state.createdAt = at;
    state.updatedAt = at;
    order.chain.push_back({std::move(clOrdId), RequestKind::New, RequestState::Pending});
    return order;
}

Outcome requestCancel(Order& order, std::string clOrdId, Timestamp at) {
    if (auto check = checkCanRequest(order, "cancel"); check.isRefused()) return check;
    if (order.state.isFilled()) return Outcome::refused("cannot cancel a filled order");
    return recordRequest(order, RequestKind::Cancel, std::move(clOrdId), order.state.terms, at);
}

Outcome requestReplace(Order& order, std::string clOrdId, const OrderTerms& terms, Timestamp at) {
    if (auto check = checkCanRequest(order, "replace"); check.isRefused()) return check;
    if (auto valid = validateTerms(terms); !valid) return Outcome::refused("cannot replace: " + valid.error());
    if (terms == order.state.terms) return Outcome::refused("cannot replace: the new terms are the same as the current ones");
    // A filled order can only be replaced to buy or sell more (C.1.c); anything else comes too late (C.2.a).
    if (order.state.isFilled() && terms.quantity <= order.state.cumQty)
        return Outcome::refused("cannot replace a filled order except to increase its quantity");
    return recordRequest(order, RequestKind::Replace, std::move(clOrdId), terms, at);
}

namespace {

/// The index of the trade a correction or bust names, before it is applied.
std::optional<std::size_t> restatedTrade(Order& order, const ExecutionReport& report) {
    if (report.execType != ExecType::TradeCorrect && report.execType != ExecType::TradeCancel) return std::nullopt;
    const auto* trade = resolveTrade(order, report.execRefId);
    if (!trade) return std::nullopt;
    return static_cast<std::size_t>(trade - order.executions.data());
}

/// Applies a report already known not to repeat one: the state machine's transition, then the order's
/// bookkeeping, then the figures the report states checked against the order as it now stands.
Outcome applyUnseen(Order& order, const ExecutionReport& report, Timestamp at, bool isStatusReport) {
    const bool wasPendingNew = order.state.phase == OrderPhase::PendingNew;
    Outcome outcome = dispatch(order, report);
    if (!outcome.isApplied()) return outcome;

    auto& state = order.state;
    if (!isStatusReport && report.execType != ExecType::Trade && report.execType != ExecType::TradeCorrect &&
        report.execType != ExecType::TradeCancel)
        order.addExecution(entryOf(report));
    if (!report.brokerOrderId.empty() && report.brokerOrderId != "NONE") state.brokerOrderId = report.brokerOrderId;
    // The first acknowledgement (or fill) accepts the original order.
    if (wasPendingNew && state.phase == OrderPhase::Working)
        if (auto* link = order.findLink(state.clOrdId); link && link->kind != RequestKind::Cancel)
            link->state = RequestState::Accepted;
    state.updatedAt = at;
    // The sell side has spoken about the order: it is confirmed again, unless it just said it does not know it.
    if (!(isStatusReport && report.ordStatus == OrdStatus::Rejected)) state.unconfirmed = false;
    return report_consistency::checkFigures(state, report);
}

}  // namespace

Outcome apply(Order& order, const ExecutionReport& report, Timestamp at, Undo* undo) {
    // Status reports carry nothing new (G.1.b) and some sell sides reuse one ExecID for all of them.
    const bool isStatusReport = report.execType == ExecType::OrderStatus;
    if (!isStatusReport) {
        if (report.execId.empty()) return Outcome::refused("an ExecutionReport needs an ExecID");
        if (const auto* applied = order.findExecution(report.execId)) return report_consistency::checkRepeat(*applied, report);
    }
    if (auto terms = report_consistency::checkTerms(order, report); !terms.isApplied()) return terms;

    Undo before{order.state, order.chain, order.executions.size(), std::nullopt};
    if (const auto index = restatedTrade(order, report)) before.trade.emplace(*index, order.executions[*index]);
    Outcome outcome;
    try {
        outcome = applyUnseen(order, report, at, isStatusReport);
    } catch (...) {
        order_state_machine::undo(order, std::move(before));
        throw;
    }
    if (!outcome.isApplied()) {
        // A transition refuses before it changes anything; the figures are checked after, and put back.
        if (outcome.isRefused()) order_state_machine::undo(order, std::move(before));
        return outcome;
    }
    if (undo) *undo = std::move(before);
    return outcome;
}

void undo(Order& order, Undo&& before) {
    order.state = std::move(before.state);
    order.chain = std::move(before.chain);
    order.executions.resize(before.executions);
    order.executionHashes.resize(before.executions);
    if (before.trade) order.executions[before.trade->first] = std::move(before.trade->second);
}

const ExecutionEntry* tradeOf(const Order& order, const ExecutionReport& report) {
    switch (report.execType) {
        case ExecType::Trade: return order.findExecution(report.execId);
        case ExecType::TradeCorrect:
        case ExecType::TradeCancel: return resolveTrade(const_cast<Order&>(order), report.execRefId);
        default: return nullptr;
    }
}

Outcome apply(Order& order, const CancelReject& reject, Timestamp at) {
    auto& state = order.state;
    if (state.pending && state.pending->clOrdId == reject.clOrdId) {
        state.text = describeRequest(*state.pending) + " rejected: " + reject.reason;
        settlePending(order, RequestState::Rejected);
        state.updatedAt = at;
        return Outcome::applied();
    }
    if (const auto* link = order.findLink(reject.clOrdId); link && link->state == RequestState::Rejected)
        return Outcome::duplicate("request " + reject.clOrdId + " was already rejected");
    return Outcome::refused("OrderCancelReject for ClOrdID '" + reject.clOrdId +
                            "', which is not an outstanding request of this order");
}

Outcome apply(Order& order, const RequestReject& reject, Timestamp at) {
    auto& state = order.state;
    auto* link = order.findLink(reject.clOrdId);
    if (!link) return Outcome::refused("reject names ClOrdID '" + reject.clOrdId + "', which is not a request of this order");
    if (link->state == RequestState::Rejected) return Outcome::duplicate("request " + reject.clOrdId + " was already rejected");

    if (link->kind == RequestKind::New && state.phase == OrderPhase::PendingNew) {
        link->state = RequestState::Rejected;
        settlePending(order, RequestState::Rejected);
        state.phase = OrderPhase::Rejected;
        state.text = reject.reason;
    } else if (state.pending && state.pending->clOrdId == reject.clOrdId) {
        state.text = describeRequest(*state.pending) + " rejected: " + reject.reason;
        settlePending(order, RequestState::Rejected);
    } else {
        return Outcome::refused("reject names ClOrdID '" + reject.clOrdId + "', which the sell side already answered");
    }
    state.updatedAt = at;
    return Outcome::applied();
}

Result<Order> restore(OrderState state, std::vector<ClOrdIdLink> chain, std::vector<ExecutionEntry> reported) {
    Order order;
    order.chain = std::move(chain);
    const Qty persistedCum = state.cumQty;
    const Money persistedNotional = state.notional;
    order.state = std::move(state);
    order.state.cumQty = Qty{};
    order.state.notional = Money{};
    order.executions.reserve(reported.size());
    order.executionHashes.reserve(reported.size());

    for (auto& entry : reported) {
        entry.lastQty = entry.quantity;  // the executions as the sell side reported them
        entry.lastPx = entry.price;
        if (entry.type == ExecType::Trade) {
            addFill(order, std::move(entry));
            continue;
        }
        if (entry.type == ExecType::TradeCorrect || entry.type == ExecType::TradeCancel) {
            auto* trade = resolveTrade(order, entry.execRefId);
            if (!trade || trade->busted)
                return Error{"order " + std::to_string(order.state.id) + ": execution " + entry.execId + " refers to '" +
                             entry.execRefId + "', which is not a live trade"};
            if (entry.type == ExecType::TradeCorrect)
                correctFill(order, *trade, std::move(entry));
            else
                bustFill(order, *trade, std::move(entry));
            continue;
        }
        order.addExecution(std::move(entry));
    }
    if (order.state.cumQty != persistedCum || order.state.notional != persistedNotional)
        return Error{"order " + std::to_string(order.state.id) + ": its executions add up to CumQty " +
                     order.state.cumQty.toString() + " and notional " + order.state.notional.toString() +
                     ", but the order row holds " + persistedCum.toString() + " and " + persistedNotional.toString()};
    return order;
}

}  // namespace ob::order_state_machine

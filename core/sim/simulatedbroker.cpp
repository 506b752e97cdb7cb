#include "simulatedbroker.h"

#include "fix/fixtranslator.h"

#include <algorithm>
#include <cstdio>

namespace ob {

namespace {

using fixengine::Field;
using fixengine::OutboundMessage;

std::string code(char c) { return std::string(1, c); }

/// A decision that depends only on the seed and a text (FNV-1a), whatever the timing.
std::uint64_t mix(std::uint64_t seed, std::string_view text) {
    std::uint64_t hash = 1469598103934665603ULL ^ seed;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

template <typename T>
std::optional<T> decimalField(const FixMessage& message, int tag) {
    auto text = message.get(tag);
    if (!text || text->empty()) return std::nullopt;
    auto parsed = T::parse(*text);
    return parsed ? std::optional<T>(*parsed) : std::nullopt;
}

template <typename E>
std::optional<E> codeField(const FixMessage& message, int tag) {
    auto text = message.get(tag);
    if (!text || text->size() != 1) return std::nullopt;
    return enumFromFixCode<E>((*text)[0]);
}

void add(OutboundMessage& message, int tag, std::string value) {
    if (!value.empty()) message.fields.push_back({tag, std::move(value)});
}

}  // namespace

SimulatedBroker::SimulatedBroker(const SimulatorConfig& config, Sender sender, Scheduler scheduler)
    : config_(config), sender_(std::move(sender)), scheduler_(std::move(scheduler)), idPrefix_(config.idPrefix) {
    if (idPrefix_.empty()) {
        auto millis = static_cast<std::uint64_t>(toNanos(nowUtc()) / 1'000'000);
        do {
            idPrefix_.insert(idPrefix_.begin(), "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[millis % 36]);
            millis /= 36;
        } while (millis != 0);
    }
    for (const auto& instrument : config_.instruments)
        markets_.emplace(instrument.symbol,
                         Market{instrument, instrument.price, std::mt19937_64(mix(config_.seed, instrument.symbol))});
}

void SimulatedBroker::list(const SimInstrument& instrument) {
    auto known = markets_.find(instrument.symbol);
    if (known == markets_.end())
        markets_.emplace(instrument.symbol,
                         Market{instrument, instrument.price, std::mt19937_64(mix(config_.seed, instrument.symbol))});
    else
        known->second.instrument = instrument;
}

void SimulatedBroker::onMessage(const std::string& session, const FixMessage& message) {
    if (config_.keepReceived) received_.push_back(message.text());
    // SecurityID (48), SecurityIDSource (22) and ExDestination (100) are taken and not read: Symbol names the market.
    const auto msgType = message.msgType();
    if (msgType == msgtype::NewOrderSingle || msgType == msgtype::OrderCancelRequest ||
        msgType == msgtype::OrderCancelReplaceRequest) {
        // A silent sell side acts on the request, and its answer is lost.
        muted_ = config_.silent;
        struct Unmute {
            bool& muted;
            ~Unmute() { muted = false; }
        } unmute{muted_};
        if (msgType == msgtype::NewOrderSingle)
            newOrder(session, message);
        else if (msgType == msgtype::OrderCancelRequest)
            cancel(session, message);
        else
            replace(session, message);
    } else if (msgType == msgtype::MarketDataRequest)
        marketData(session, message);
    else if (msgType == msgtype::OrderStatusRequest)
        statusRequest(session, message);
    else if (msgType == msgtype::Reject)
        return;  // a client refused one of our messages: its log shows why
    else {
        OutboundMessage reject{msgtype::BusinessMessageReject, {}, {}};
        add(reject, fixtag::RefSeqNum, std::to_string(message.msgSeqNum()));
        add(reject, fixtag::RefMsgType, std::string(msgType));
        add(reject, fixtag::BusinessRejectReason, "3");
        add(reject, fixtag::Text, "unsupported message type " + std::string(msgType));
        send(session, std::move(reject));
    }
}

std::string SimulatedBroker::nextExecId() {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%08llu", static_cast<unsigned long long>(++execCounter_));
    return "E" + idPrefix_ + "-" + buffer;
}

std::string SimulatedBroker::nextOrderId() {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%08llu", static_cast<unsigned long long>(++orderCounter_));
    return "SIM" + idPrefix_ + "-" + buffer;
}

SimulatedBroker::SimOrder* SimulatedBroker::findByClOrdId(const std::string& session, const std::string& clOrdId) {
    auto it = byClOrdId_.find(session + '\x1f' + clOrdId);
    return it == byClOrdId_.end() ? nullptr : &orders_.at(it->second);
}

void SimulatedBroker::refuse(const std::string& session, const FixMessage& request, bool business, const std::string& text) {
    OutboundMessage reject{business ? msgtype::BusinessMessageReject : msgtype::Reject, {}, {}};
    add(reject, fixtag::RefSeqNum, std::to_string(request.msgSeqNum()));
    add(reject, fixtag::RefMsgType, std::string(request.msgType()));
    if (business) {
        add(reject, fixtag::BusinessRejectRefID, request.getOr(fixtag::ClOrdID));
        add(reject, fixtag::BusinessRejectReason, "4");
    } else {
        add(reject, fixtag::SessionRejectReason, "99");
    }
    add(reject, fixtag::Text, text);
    send(session, std::move(reject));
}

void SimulatedBroker::newOrder(const std::string& session, const FixMessage& message) {
    const auto clOrdId = message.getOr(fixtag::ClOrdID);
    switch (config_.newOrderAnswer) {
        case SimulatorConfig::NewOrderAnswer::Execute: break;
        case SimulatorConfig::NewOrderAnswer::BusinessReject:
            return refuse(session, message, true, "orders are not accepted on this session");
        case SimulatorConfig::NewOrderAnswer::SessionReject:
            return refuse(session, message, false, "orders are not accepted on this session");
        case SimulatorConfig::NewOrderAnswer::Ignore: return;  // it never arrived
    }
    if (auto* existing = findByClOrdId(session, clOrdId)) {
        // An order sent again with PossResend is answered with its status (F.1.b); a plain duplicate is refused (F.1.a).
        if (message.getOr(fixtag::PossResend) == "Y")
            report(*existing, ExecType::OrderStatus, Qty{}, Price{}, {});
        else
            report(*existing, ExecType::Rejected, Qty{}, Price{}, "duplicate ClOrdID " + clOrdId);
        return;
    }
    const auto symbol = message.getOr(fixtag::Symbol);
    auto market = markets_.find(symbol);
    if (market == markets_.end()) return rejectOrder(session, message, "unknown symbol '" + symbol + "'", "1");
    const auto& instrument = market->second.instrument;
    const auto side = codeField<Side>(message, fixtag::Side);
    const auto quantity = decimalField<Qty>(message, fixtag::OrderQty);
    const auto type = codeField<OrdType>(message, fixtag::OrdType);
    const auto tif = message.get(fixtag::TimeInForce) ? codeField<TimeInForce>(message, fixtag::TimeInForce)
                                                      : std::optional<TimeInForce>(TimeInForce::Day);
    const auto limit = decimalField<Price>(message, fixtag::Price);
    const auto stop = decimalField<Price>(message, fixtag::StopPx);
    if (!side) return rejectOrder(session, message, "unsupported side", "11");
    if (!type) return rejectOrder(session, message, "unsupported order type", "11");
    if (!tif) return rejectOrder(session, message, "unsupported time in force", "11");
    if (!quantity || !quantity->isPositive()) return rejectOrder(session, message, "order quantity must be positive", "99");
    if (!quantity->isMultipleOf(instrument.lotSize))
        return rejectOrder(session, message,
                           "quantity " + quantity->toString() + " is not a multiple of the lot " + instrument.lotSize.toString(),
                           "99");
    const bool needsLimit = needsLimitPrice(*type);
    const bool needsStop = needsStopPrice(*type);
    if (needsLimit && !limit) return rejectOrder(session, message, "a limit order needs a price", "99");
    if (needsStop && !stop) return rejectOrder(session, message, "a stop order needs a stop price", "99");
    for (const auto& price : {needsLimit ? limit : std::nullopt, needsStop ? stop : std::nullopt})
        if (price && !price->isMultipleOf(instrument.tickSize))
            return rejectOrder(session, message,
                               "price " + price->toString() + " is not on the tick " + instrument.tickSize.toString(), "99");
    if (config_.rejectShare > 0 && double(mix(config_.seed, clOrdId) % 10000) < config_.rejectShare * 10000)
        return rejectOrder(session, message, "rejected by the simulated exchange", "0");

    SimOrder order;
    order.session = session;
    order.firstClOrdId = order.clOrdId = clOrdId;
    order.orderId = nextOrderId();
    order.account = message.getOr(fixtag::Account);
    order.symbol = symbol;
    order.side = *side;
    order.quantity = *quantity;
    order.type = *type;
    order.limit = needsLimit ? limit : std::nullopt;
    order.stop = needsStop ? stop : std::nullopt;
    order.tif = *tif;
    auto& stored = orders_[order.orderId] = std::move(order);
    byClOrdId_[session + '\x1f' + clOrdId] = stored.orderId;
    orderSequence_.push_back(stored.orderId);
    if (config_.acknowledge) report(stored, ExecType::New, Qty{}, Price{}, {});
    execute(stored);
}

void SimulatedBroker::execute(SimOrder& order) {
    if (order.done || order.filling) return;
    const Price price = markets_.at(order.symbol).last;
    const bool buy = order.side == Side::Buy;
    if (order.stop && !order.triggered) {
        if (buy ? price < *order.stop : price > *order.stop) return;
        order.triggered = true;
    }
    const bool marketable = !order.limit || (buy ? *order.limit >= price : *order.limit <= price);
    const bool immediate = order.tif == TimeInForce::ImmediateOrCancel || order.tif == TimeInForce::FillOrKill;
    if (!marketable) {
        if (immediate) finish(order, OrdStatus::Canceled, ExecType::Canceled, "no liquidity at the limit: canceled");
        return;
    }
    if (immediate || config_.partialFills <= 1) {
        const Price at = !order.limit ? price : (buy ? std::min(*order.limit, price) : std::max(*order.limit, price));
        fill(order, order.quantity - order.cum, at);
        return;
    }
    fillPart(order.orderId, config_.partialFills);
}

void SimulatedBroker::fillPart(const std::string& orderId, int partsLeft) {
    auto it = orders_.find(orderId);
    if (it == orders_.end()) return;
    SimOrder& order = it->second;
    order.filling = false;
    if (order.done) return;
    const Price price = markets_.at(order.symbol).last;
    const bool buy = order.side == Side::Buy;
    if (order.limit && (buy ? *order.limit < price : *order.limit > price)) return;  // rests until the price comes back
    const Qty lot = markets_.at(order.symbol).instrument.lotSize;
    const Qty leaves = order.quantity - order.cum;
    Qty part = partsLeft <= 1 ? leaves : Qty::fromRaw(leaves.raw() / partsLeft).roundedToMultiple(lot, RoundingMode::Floor);
    part = std::clamp(part, std::min(lot, leaves), leaves);
    const Price at = !order.limit ? price : (buy ? std::min(*order.limit, price) : std::max(*order.limit, price));
    fill(order, part, at);
    if (!order.done && partsLeft > 1) {
        order.filling = true;
        scheduler_(config_.fillInterval, [this, orderId, partsLeft] { fillPart(orderId, partsLeft - 1); });
    }
}

void SimulatedBroker::fill(SimOrder& order, Qty quantity, Price price) {
    if (!quantity.isPositive()) return;
    order.cum += quantity;
    order.notional += quantity * price;
    if (order.cum >= order.quantity) {
        order.done = true;
        order.status = OrdStatus::Filled;
    }
    order.fills.push_back({report(order, ExecType::Trade, quantity, price, {}), quantity, price, false});
}

OrdStatus SimulatedBroker::statusOf(const SimOrder& order) const {
    if (order.cum.isPositive() && order.cum >= order.quantity) return OrdStatus::Filled;
    if (order.done) return order.status;
    if (order.status == OrdStatus::DoneForDay) return OrdStatus::DoneForDay;
    return order.cum.isPositive() ? OrdStatus::PartiallyFilled : OrdStatus::New;
}

void SimulatedBroker::finish(SimOrder& order, OrdStatus status, ExecType execType, const std::string& text,
                             const std::string& clOrdId, const std::string& origClOrdId) {
    order.done = true;
    order.status = status;
    report(order, execType, Qty{}, Price{}, text, clOrdId, origClOrdId);
}

std::string SimulatedBroker::report(const SimOrder& order, ExecType type, Qty lastQty, Price lastPx, const std::string& text,
                                    const std::string& clOrdId, const std::string& origClOrdId, const std::string& execRefId) {
    OutboundMessage message{msgtype::ExecutionReport, {}, {}};
    const auto execId = nextExecId();
    add(message, fixtag::OrderID, order.orderId);
    add(message, fixtag::ClOrdID, clOrdId.empty() ? order.clOrdId : clOrdId);
    add(message, fixtag::OrigClOrdID, origClOrdId);
    add(message, fixtag::ExecID, execId);
    const OrdStatus status = statusOf(order);
    if (isFix42(order.session)) {
        // FIX 4.2: fills are ExecType 1/2; busts and corrections are ExecTransType 1/2.
        const bool complete = order.cum >= order.quantity;
        switch (type) {
            case ExecType::Trade:
                add(message, fixtag::ExecTransType, "0");
                add(message, fixtag::ExecType, complete ? "2" : "1");
                break;
            case ExecType::TradeCancel:
                add(message, fixtag::ExecTransType, "1");
                add(message, fixtag::ExecType, complete ? "2" : "1");
                break;
            case ExecType::TradeCorrect:
                add(message, fixtag::ExecTransType, "2");
                add(message, fixtag::ExecType, complete ? "2" : "1");
                break;
            case ExecType::OrderStatus:
                add(message, fixtag::ExecTransType, "3");
                add(message, fixtag::ExecType, code(fixCodeOf(status)));
                break;
            default: add(message, fixtag::ExecTransType, "0"); add(message, fixtag::ExecType, code(fixCodeOf(type)));
        }
    } else {
        add(message, fixtag::ExecType, code(fixCodeOf(type)));
    }
    add(message, fixtag::ExecRefID, execRefId);
    add(message, fixtag::OrdStatus, code(fixCodeOf(status)));
    add(message, fixtag::Account, order.account);
    add(message, fixtag::Symbol, order.symbol);
    add(message, fixtag::Side, code(fixCodeOf(order.side)));
    add(message, fixtag::OrderQty, order.quantity.toString());
    add(message, fixtag::OrdType, code(fixCodeOf(order.type)));
    if (order.limit) add(message, fixtag::Price, order.limit->toString());
    if (order.stop) add(message, fixtag::StopPx, order.stop->toString());
    add(message, fixtag::TimeInForce, code(fixCodeOf(order.tif)));
    add(message, fixtag::LastQty, lastQty.toString());
    add(message, fixtag::LastPx, lastPx.toString());
    add(message, fixtag::LeavesQty, (order.done ? Qty{} : order.quantity - order.cum).toString());
    add(message, fixtag::CumQty, order.cum.toString());
    add(message, fixtag::AvgPx, order.cum.isZero() ? std::string("0") : order.notional.dividedBy(order.cum).toString());
    add(message, fixtag::TransactTime, toFixTimestamp(nowUtc()));
    add(message, fixtag::Text, text);
    for (const auto& field : config_.extraExecutionTags) message.fields.push_back(field);
    if (!muted_) executions_.push_back({execId, clOrdId.empty() ? order.clOrdId : clOrdId, order.orderId, type, lastQty, lastPx});
    send(order.session, std::move(message));
    return execId;
}

void SimulatedBroker::rejectOrder(const std::string& session, const FixMessage& request, const std::string& text,
                                  const std::string& reason) {
    OutboundMessage message{msgtype::ExecutionReport, {}, {}};
    const auto execId = nextExecId();
    add(message, fixtag::OrderID, "NONE");
    add(message, fixtag::ClOrdID, request.getOr(fixtag::ClOrdID));
    add(message, fixtag::ExecID, execId);
    if (isFix42(session)) add(message, fixtag::ExecTransType, "0");
    add(message, fixtag::ExecType, "8");
    add(message, fixtag::OrdStatus, "8");
    add(message, fixtag::OrdRejReason, reason);
    add(message, fixtag::Symbol, request.getOr(fixtag::Symbol));
    add(message, fixtag::Side, request.getOr(fixtag::Side, "1"));
    add(message, fixtag::OrderQty, request.getOr(fixtag::OrderQty, "0"));
    add(message, fixtag::LeavesQty, "0");
    add(message, fixtag::CumQty, "0");
    add(message, fixtag::AvgPx, "0");
    add(message, fixtag::TransactTime, toFixTimestamp(nowUtc()));
    add(message, fixtag::Text, text);
    if (!muted_) executions_.push_back({execId, request.getOr(fixtag::ClOrdID), "NONE", ExecType::Rejected, Qty{}, Price{}});
    send(session, std::move(message));
}

void SimulatedBroker::cancelReject(const std::string& session, const FixMessage& request, const SimOrder* order,
                                   const std::string& reason, const std::string& text) {
    OutboundMessage message{msgtype::OrderCancelReject, {}, {}};
    add(message, fixtag::OrderID, order ? order->orderId : "NONE");
    add(message, fixtag::ClOrdID, request.getOr(fixtag::ClOrdID));
    add(message, fixtag::OrigClOrdID, request.getOr(fixtag::OrigClOrdID));
    add(message, fixtag::OrdStatus, order ? code(fixCodeOf(statusOf(*order))) : "8");
    add(message, fixtag::CxlRejResponseTo, request.msgType() == msgtype::OrderCancelReplaceRequest ? "2" : "1");
    add(message, fixtag::CxlRejReason, reason);
    add(message, fixtag::Text, text);
    send(session, std::move(message));
}

void SimulatedBroker::cancel(const std::string& session, const FixMessage& message) {
    auto* order = findByClOrdId(session, message.getOr(fixtag::OrigClOrdID));
    if (!order) return cancelReject(session, message, nullptr, "1", "unknown order");
    if (order->done)
        return cancelReject(session, message, order, "0",
                            "too late to cancel: the order is " + std::string(nameOf(statusOf(*order))));
    const auto clOrdId = message.getOr(fixtag::ClOrdID);
    if (config_.pendingAcks) report(*order, ExecType::PendingCancel, Qty{}, Price{}, {}, clOrdId, order->clOrdId);
    byClOrdId_[session + '\x1f' + clOrdId] = order->orderId;
    const auto previous = order->clOrdId;
    order->clOrdId = clOrdId;
    finish(*order, OrdStatus::Canceled, ExecType::Canceled, "canceled at your request", clOrdId, previous);
}

void SimulatedBroker::replace(const std::string& session, const FixMessage& message) {
    auto* order = findByClOrdId(session, message.getOr(fixtag::OrigClOrdID));
    if (!order) return cancelReject(session, message, nullptr, "1", "unknown order");
    if (order->done)
        return cancelReject(session, message, order, "0",
                            "too late to replace: the order is " + std::string(nameOf(statusOf(*order))));
    const auto& instrument = markets_.at(order->symbol).instrument;
    const auto quantity = decimalField<Qty>(message, fixtag::OrderQty).value_or(order->quantity);
    const auto limit = decimalField<Price>(message, fixtag::Price);
    if (!quantity.isPositive() || !quantity.isMultipleOf(instrument.lotSize))
        return cancelReject(session, message, order, "99", "quantity " + quantity.toString() + " is not a multiple of the lot");
    if (limit && !limit->isMultipleOf(instrument.tickSize))
        return cancelReject(session, message, order, "99", "price " + limit->toString() + " is not on the tick");
    const auto clOrdId = message.getOr(fixtag::ClOrdID);
    if (config_.pendingAcks) report(*order, ExecType::PendingReplace, Qty{}, Price{}, {}, clOrdId, order->clOrdId);
    // A quantity cut to or below what is filled ends the order at its filled quantity.
    order->quantity = std::max(quantity, order->cum);
    if (limit) order->limit = limit;
    if (auto stop = decimalField<Price>(message, fixtag::StopPx)) order->stop = stop;
    if (auto tif = codeField<TimeInForce>(message, fixtag::TimeInForce)) order->tif = *tif;
    if (auto type = codeField<OrdType>(message, fixtag::OrdType)) {
        order->type = *type;
        if (*type == OrdType::Market || *type == OrdType::Stop) order->limit.reset();
    }
    if (order->cum >= order->quantity) {
        order->done = true;
        order->status = OrdStatus::Filled;
    }
    byClOrdId_[session + '\x1f' + clOrdId] = order->orderId;
    const auto previous = order->clOrdId;
    order->clOrdId = clOrdId;
    report(*order, ExecType::Replaced, Qty{}, Price{}, {}, clOrdId, previous);
    execute(*order);
}

void SimulatedBroker::statusRequest(const std::string& session, const FixMessage& message) {
    switch (config_.statusAnswer) {
        case SimulatorConfig::StatusAnswer::Report: break;
        case SimulatorConfig::StatusAnswer::Ignore: return;
        case SimulatorConfig::StatusAnswer::BusinessReject:
            return refuse(session, message, true, "status requests are not answered on this session");
        case SimulatorConfig::StatusAnswer::SessionReject:
            return refuse(session, message, false, "status requests are not answered on this session");
    }
    auto* order = findByClOrdId(session, message.getOr(fixtag::ClOrdID));
    if (!order) {
        OutboundMessage unknown{msgtype::ExecutionReport, {}, {}};
        add(unknown, fixtag::OrderID, "NONE");
        add(unknown, fixtag::ClOrdID, message.getOr(fixtag::ClOrdID));
        add(unknown, fixtag::ExecID, "0");
        if (isFix42(session)) add(unknown, fixtag::ExecTransType, "3");
        add(unknown, fixtag::ExecType, isFix42(session) ? "8" : "I");
        add(unknown, fixtag::OrdStatus, "8");
        add(unknown, fixtag::Symbol, message.getOr(fixtag::Symbol));
        add(unknown, fixtag::Side, message.getOr(fixtag::Side, "1"));
        add(unknown, fixtag::LeavesQty, "0");
        add(unknown, fixtag::CumQty, "0");
        add(unknown, fixtag::AvgPx, "0");
        add(unknown, fixtag::Text, "unknown order");
        return send(session, std::move(unknown));
    }
    report(*order, ExecType::OrderStatus, Qty{}, Price{}, {});
}

void SimulatedBroker::marketData(const std::string& session, const FixMessage& message) {
    const auto requestId = message.getOr(fixtag::MDReqID);
    const auto type = message.getOr(fixtag::SubscriptionRequestType, "0");
    for (const auto& entry : message.group(146, 55, {55, 65, 48, 22, 207})) {
        const std::string symbol(entry.front().value);
        auto market = markets_.find(symbol);
        if (market == markets_.end()) {
            OutboundMessage reject{msgtype::MarketDataRequestReject, {}, {}};
            add(reject, fixtag::MDReqID, requestId);
            add(reject, fixtag::MDReqRejReason, "0");
            add(reject, fixtag::Text, "unknown symbol '" + symbol + "'");
            send(session, std::move(reject));
            continue;
        }
        auto& subscribers = subscriptions_[symbol];
        subscribers.erase(std::remove(subscribers.begin(), subscribers.end(), session), subscribers.end());
        if (type == "1") subscribers.push_back(session);
        if (type == "2") continue;
        const Price last = market->second.last;
        const Price tick = market->second.instrument.tickSize;
        OutboundMessage snapshot{msgtype::MarketDataSnapshotFullRefresh, {}, {}};
        add(snapshot, fixtag::MDReqID, requestId);
        add(snapshot, fixtag::Symbol, symbol);
        fixengine::Group entries{268, 269, {}};
        entries.entries.push_back(
            {{fixtag::MDEntryType, "0"}, {fixtag::MDEntryPx, (last - tick).toString()}, {fixtag::MDEntrySize, "1000"}});
        entries.entries.push_back(
            {{fixtag::MDEntryType, "1"}, {fixtag::MDEntryPx, (last + tick).toString()}, {fixtag::MDEntrySize, "1000"}});
        entries.entries.push_back({{fixtag::MDEntryType, "2"}, {fixtag::MDEntryPx, last.toString()}});
        snapshot.groups.push_back(std::move(entries));
        send(session, std::move(snapshot));
    }
}

void SimulatedBroker::publishMarketData(const std::string& symbol) {
    auto subscribers = subscriptions_.find(symbol);
    if (subscribers == subscriptions_.end() || subscribers->second.empty()) return;
    const auto& market = markets_.at(symbol);
    for (const auto& session : subscribers->second) {
        OutboundMessage update{msgtype::MarketDataIncrementalRefresh, {}, {}};
        fixengine::Group entries{268, 279, {}};
        entries.entries.push_back({{fixtag::MDUpdateAction, "1"},
                                   {fixtag::MDEntryType, "2"},
                                   {fixtag::Symbol, symbol},
                                   {fixtag::MDEntryPx, market.last.toString()}});
        entries.entries.push_back({{fixtag::MDUpdateAction, "1"},
                                   {fixtag::MDEntryType, "0"},
                                   {fixtag::Symbol, symbol},
                                   {fixtag::MDEntryPx, (market.last - market.instrument.tickSize).toString()}});
        entries.entries.push_back({{fixtag::MDUpdateAction, "1"},
                                   {fixtag::MDEntryType, "1"},
                                   {fixtag::Symbol, symbol},
                                   {fixtag::MDEntryPx, (market.last + market.instrument.tickSize).toString()}});
        update.groups.push_back(std::move(entries));
        send(session, std::move(update));
    }
}

void SimulatedBroker::send(const std::string& session, OutboundMessage message) {
    if (!muted_) sender_(session, message);
}

void SimulatedBroker::step() {
    for (auto& [symbol, market] : markets_) {
        const std::int64_t ticks = static_cast<std::int64_t>(market.random() % 5) - 2;
        const Price moved = market.last + market.instrument.tickSize * ticks;
        market.last = std::max(moved, market.instrument.tickSize);
        if (ticks != 0) publishMarketData(symbol);
    }
    for (const auto& orderId : orderSequence_) {
        auto& order = orders_.at(orderId);
        if (!order.done) execute(order);
    }
}

void SimulatedBroker::setPrice(const std::string& symbol, Price price) {
    auto market = markets_.find(symbol);
    if (market == markets_.end()) return;
    market->second.last = price;
    publishMarketData(symbol);
    for (const auto& orderId : orderSequence_) {
        auto& order = orders_.at(orderId);
        if (!order.done && order.symbol == symbol) execute(order);
    }
}

std::optional<Price> SimulatedBroker::price(const std::string& symbol) const {
    auto market = markets_.find(symbol);
    return market == markets_.end() ? std::nullopt : std::optional<Price>(market->second.last);
}

SimulatedBroker::SimOrder* SimulatedBroker::findByExecId(const std::string& execId, Fill** found) {
    for (auto& [id, order] : orders_)
        for (auto& fill : order.fills)
            if (fill.execId == execId) {
                *found = &fill;
                return &order;
            }
    return nullptr;
}

Status SimulatedBroker::bust(const std::string& execId, const std::string& text) {
    Fill* fill = nullptr;
    auto* order = findByExecId(execId, &fill);
    if (!order) return Error{"no fill has ExecID " + execId};
    if (fill->busted) return Error{"fill " + execId + " was already busted"};
    fill->busted = true;
    order->cum -= fill->quantity;
    order->notional -= fill->quantity * fill->price;
    if (order->status == OrdStatus::Filled) {
        order->done = false;  // a bust reopens a filled order
        order->status = OrdStatus::New;
    }
    report(*order, ExecType::TradeCancel, Qty{}, Price{}, text, {}, {}, execId);
    return {};
}

Status SimulatedBroker::correct(const std::string& execId, Qty quantity, Price price) {
    Fill* fill = nullptr;
    auto* order = findByExecId(execId, &fill);
    if (!order) return Error{"no fill has ExecID " + execId};
    if (fill->busted) return Error{"fill " + execId + " was busted"};
    if (order->cum - fill->quantity + quantity > order->quantity) return Error{"the correction would overfill the order"};
    order->cum += quantity - fill->quantity;
    order->notional += quantity * price - fill->quantity * fill->price;
    fill->quantity = quantity;
    fill->price = price;
    if (order->status == OrdStatus::Filled && order->cum < order->quantity) {
        order->done = false;
        order->status = OrdStatus::New;
    }
    report(*order, ExecType::TradeCorrect, quantity, price, "trade corrected", {}, {}, execId);
    return {};
}

Status SimulatedBroker::cancelUnsolicited(const std::string& clOrdId, const std::string& text) {
    for (auto& [id, order] : orders_) {
        if (order.clOrdId != clOrdId && order.firstClOrdId != clOrdId) continue;
        if (order.done) return Error{"order " + clOrdId + " is already done"};
        finish(order, OrdStatus::Canceled, ExecType::Canceled, text);
        return {};
    }
    return Error{"no order has ClOrdID " + clOrdId};
}

Status SimulatedBroker::restate(const std::string& clOrdId, Qty quantity) {
    for (auto& [id, order] : orders_) {
        if (order.clOrdId != clOrdId && order.firstClOrdId != clOrdId) continue;
        if (order.done) return Error{"order " + clOrdId + " is already done"};
        if (quantity < order.cum) return Error{"cannot restate below the filled quantity"};
        order.quantity = quantity;
        report(order, ExecType::Restated, Qty{}, Price{}, "restated by the exchange");
        return {};
    }
    return Error{"no order has ClOrdID " + clOrdId};
}

void SimulatedBroker::doneForDay() {
    for (const auto& orderId : orderSequence_) {
        auto& order = orders_.at(orderId);
        if (order.done || order.status == OrdStatus::DoneForDay) continue;
        order.status = OrdStatus::DoneForDay;
        // A day order is over; a multi-day order keeps its leaves for tomorrow.
        if (order.tif == TimeInForce::Day) order.done = true;
        report(order, ExecType::DoneForDay, Qty{}, Price{}, "done for day");
    }
}

std::vector<SimOrderRecord> SimulatedBroker::orders() const {
    std::vector<SimOrderRecord> records;
    for (const auto& orderId : orderSequence_) {
        const auto& order = orders_.at(orderId);
        records.push_back({order.session, order.firstClOrdId, order.orderId, order.symbol, order.side, order.quantity,
                           statusOf(order), order.cum, order.cum.isZero() ? Price{} : order.notional.dividedBy(order.cum)});
    }
    return records;
}

}  // namespace ob

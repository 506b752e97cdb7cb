#include "demoorders.h"

#include <spdlog/spdlog.h>

#include <random>
#include <thread>

namespace ob::app {

namespace {

enum class Plan { Market, Marketable, Resting, CancelLater, AmendLater, ImmediateOrCancel };

std::string accountFor(const Instrument& instrument, std::mt19937& random) {
    if (instrument.currency == "EUR") return random() % 3 ? "EUROPE-PB" : "EUROPE-SWAP";
    if (instrument.currency == "USD") return random() % 2 ? "GROWTH-PB" : "INCOME-PB";
    return "GROWTH-PB";
}

/// The demo desk's trader (resources/demo/users.csv) enters the demo orders.
const Actor kDemoTrader{"trader", Role::Trader};
const std::string kDemoReason = "demo order";

/// Waits until the broker has answered every order (none is PendingNew), for at most a few seconds.
void waitForAnswers(OrderEngine& engine) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        bool pending = false;
        for (const auto& order : engine.snapshot().get().orders) pending = pending || order.phase == OrderPhase::PendingNew;
        if (!pending) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace

int seedDemoOrders(OrderEngine& engine, const ReferenceData& reference, const std::string& session) {
    if (!engine.snapshot().get().orders.empty()) return 0;
    std::vector<const Instrument*> priced;
    for (const auto& instrument : reference.instruments)
        if (instrument.referencePrice) priced.push_back(&instrument);
    if (priced.empty()) return 0;

    std::mt19937 random(20261129);
    std::vector<std::pair<OrderId, Plan>> later;
    int sent = 0;
    for (int i = 0; i < 24; ++i) {
        const auto plan = Plan(i % 6);
        const Instrument& instrument = *priced[random() % priced.size()];
        const Price referencePrice = *instrument.referencePrice;
        const Side side = random() % 5 == 0 ? Side::SellShort : (random() % 2 ? Side::Buy : Side::Sell);
        const bool buy = side == Side::Buy;
        const Qty quantity = instrument.lotSize * std::int64_t(10 * (1 + random() % 40));
        auto priceAway = [&](std::int64_t ticks) {
            // Positive ticks move the price in the order's favour (lower for a buy).
            const Price price = referencePrice + instrument.tickSize * (buy ? -ticks : ticks);
            return std::max(price, instrument.tickSize);
        };
        NewOrderRequest request{session,
                                accountFor(instrument, random),
                                instrument.symbol,
                                side,
                                {quantity, OrdType::Limit, {}, {}, TimeInForce::Day, {}}};
        switch (plan) {
            case Plan::Market: request.terms.type = OrdType::Market; break;
            case Plan::Marketable: request.terms.limitPrice = priceAway(-3); break;
            case Plan::Resting:
            case Plan::CancelLater:
            case Plan::AmendLater: request.terms.limitPrice = priceAway(3 + std::int64_t(random() % 20)); break;
            case Plan::ImmediateOrCancel:
                request.terms.limitPrice = priceAway(50);
                request.terms.timeInForce = TimeInForce::ImmediateOrCancel;
                break;
        }
        if (plan == Plan::Resting && random() % 3 == 0) request.terms.timeInForce = TimeInForce::GoodTillCancel;
        auto order = engine.submit(request, kDemoTrader, kDemoReason).get();
        if (!order) {
            spdlog::warn("demo order for {} not sent: {}", instrument.symbol, order.error());
            continue;
        }
        ++sent;
        if (plan == Plan::CancelLater || plan == Plan::AmendLater) later.emplace_back(order->id, plan);
    }
    // One order off the lot, for the broker to reject.
    for (const auto* instrument : priced) {
        if (instrument->lotSize <= Qty::fromInteger(1)) continue;
        NewOrderRequest offLot{session,
                               "GROWTH-PB",
                               instrument->symbol,
                               Side::Buy,
                               {instrument->lotSize + Qty::fromInteger(1), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        if (engine.submit(offLot, kDemoTrader, kDemoReason).get()) ++sent;
        break;
    }
    // Work for compliance: an order the restricted list blocks (held, not sent) and one the grey list warns about.
    for (const auto& [symbol, quantity] : {std::pair{"BA", "500"}, std::pair{"TSLA", "200"}}) {
        NewOrderRequest request{
            session, "GROWTH-PB", symbol, Side::Buy, {Qty::of(quantity), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        if (auto order = engine.submit(request, kDemoTrader, "adding to the position after the results call").get();
            order && !order->held)
            ++sent;
    }

    waitForAnswers(engine);
    for (const auto& [id, plan] : later) {
        if (plan == Plan::CancelLater) {
            (void)engine.cancel(id, kDemoTrader).get();
            continue;
        }
        for (const auto& order : engine.snapshot().get().orders) {
            if (order.id != id || order.isDone()) continue;
            OrderTerms terms = order.terms;
            terms.quantity = terms.quantity * 2;
            (void)engine.replace(id, terms, kDemoTrader, kDemoReason).get();
        }
    }
    engine.sync(std::chrono::seconds(10));
    spdlog::info("demo desk: {} orders sent to the simulated broker", sent);
    return sent;
}

}  // namespace ob::app

#include "demoorders.h"

#include <spdlog/spdlog.h>

#include <random>

namespace ob::app {

namespace {

class DemoSellSide {
public:
    explicit DemoSellSide(OrderEngine& engine) : engine_(engine) {}

    void report(const OrderState& order, ExecType type, std::optional<Qty> lastQty = {}, std::optional<Price> lastPx = {},
                std::string text = {}) {
        ExecutionReport report;
        report.session = kDemoSession;
        report.execId = "DEMO-E" + std::to_string(++execs_);
        report.execType = type;
        report.clOrdId = order.clOrdId;
        report.brokerOrderId = "DEMO-" + std::to_string(order.id);
        report.lastQty = lastQty;
        report.lastPx = lastPx;
        report.text = std::move(text);
        report.receivedAt = nowUtc();
        report.transactTime = report.receivedAt;
        engine_.post(std::move(report));
    }

private:
    OrderEngine& engine_;
    int execs_ = 0;
};

enum class Script { Working, PartlyFilled, Filled, CanceledAfterFill, Rejected, Unacknowledged, Amended };

std::string accountFor(const Instrument& instrument, std::mt19937& random) {
    if (instrument.currency == "EUR") return random() % 3 ? "EUROPE-PB" : "EUROPE-SWAP";
    if (instrument.currency == "USD") return random() % 2 ? "GROWTH-PB" : "INCOME-PB";
    return "GROWTH-PB";
}

}  // namespace

int seedDemoOrders(OrderEngine& engine, const ReferenceData& reference) {
    if (!engine.snapshot().get().orders.empty()) return 0;
    std::vector<const Instrument*> priced;
    for (const auto& instrument : reference.instruments)
        if (instrument.referencePrice) priced.push_back(&instrument);
    if (priced.empty()) return 0;

    const Script scripts[] = {
        Script::Filled,  Script::PartlyFilled,      Script::Working,      Script::Filled,       Script::CanceledAfterFill,
        Script::Filled,  Script::Working,           Script::PartlyFilled, Script::Rejected,     Script::Filled,
        Script::Amended, Script::Working,           Script::Filled,       Script::PartlyFilled, Script::Unacknowledged,
        Script::Filled,  Script::CanceledAfterFill, Script::Working,      Script::Filled,       Script::PartlyFilled,
        Script::Filled,  Script::Working,           Script::Rejected,     Script::Filled,       Script::PartlyFilled,
        Script::Filled,  Script::Amended,           Script::Working,      Script::Filled,       Script::Filled};
    std::mt19937 random(20261129);
    DemoSellSide sellSide(engine);
    int created = 0;
    for (const auto script : scripts) {
        const Instrument& instrument = *priced[random() % priced.size()];
        const Price referencePrice = *instrument.referencePrice;
        const Side side = random() % 5 == 0 ? Side::SellShort : (random() % 2 ? Side::Buy : Side::Sell);
        const Qty quantity = instrument.lotSize * std::int64_t(1 + random() % 40) * 50;
        const std::int64_t offsetTicks = std::int64_t(random() % 7) - 3;
        const Price limit =
            (referencePrice + instrument.tickSize * offsetTicks).roundedToMultiple(instrument.tickSize, RoundingMode::HalfUp);

        NewOrderRequest request{kDemoSession,
                                accountFor(instrument, random),
                                instrument.symbol,
                                side,
                                {quantity, random() % 4 == 0 ? OrdType::Market : OrdType::Limit, {}, {}, TimeInForce::Day, {}}};
        if (request.terms.type == OrdType::Limit) request.terms.limitPrice = limit;
        if (random() % 6 == 0) request.terms.timeInForce = TimeInForce::GoodTillCancel;
        auto order = engine.submit(request).get();
        if (!order) {
            spdlog::warn("demo order for {} not created: {}", instrument.symbol, order.error());
            continue;
        }
        ++created;
        auto fillPrice = [&] {
            return (referencePrice + instrument.tickSize * (std::int64_t(random() % 5) - 2))
                .roundedToMultiple(instrument.tickSize, RoundingMode::HalfUp);
        };
        auto wholeLots = [&](Qty value) {
            return std::max(instrument.lotSize, value.roundedToMultiple(instrument.lotSize, RoundingMode::Floor));
        };
        switch (script) {
            case Script::Unacknowledged: break;
            case Script::Rejected: sellSide.report(*order, ExecType::Rejected, {}, {}, "Price outside the daily limit"); break;
            case Script::Working:
            case Script::Amended: sellSide.report(*order, ExecType::New); break;
            case Script::Filled:
            case Script::PartlyFilled:
            case Script::CanceledAfterFill: {
                sellSide.report(*order, ExecType::New);
                // A filled order in one to three fills; the others up to about half of the quantity, in one.
                const int pieces = script == Script::Filled ? int(1 + random() % 3) : 1;
                Qty remaining = script == Script::Filled
                                    ? quantity
                                    : wholeLots(Qty::fromRaw(quantity.raw() / 10) * std::int64_t(2 + random() % 4));
                for (int piece = pieces; piece > 0; --piece) {
                    const Qty fill = piece == 1 ? remaining : wholeLots(Qty::fromRaw(remaining.raw() / piece));
                    sellSide.report(*order, ExecType::Trade, fill, fillPrice());
                    remaining -= fill;
                }
                if (script == Script::CanceledAfterFill)
                    sellSide.report(*order, ExecType::Canceled, {}, {}, "Canceled by trader");
                break;
            }
        }
        if (script == Script::Amended || script == Script::CanceledAfterFill) engine.sync(std::chrono::seconds(10));
        if (script == Script::Amended) {
            OrderTerms terms = order->terms;
            terms.quantity = quantity * 2;
            (void)engine.replace(order->id, terms).get();
            const auto snapshot = engine.snapshot().get();
            for (const auto& state : snapshot.orders) {
                if (state.id != order->id || !state.pending) continue;
                ExecutionReport replaced;
                replaced.session = kDemoSession;
                replaced.execId = "DEMO-R" + std::to_string(state.id);
                replaced.execType = ExecType::Replaced;
                replaced.clOrdId = state.pending->clOrdId;
                replaced.origClOrdId = state.clOrdId;
                replaced.orderQty = terms.quantity;
                replaced.receivedAt = nowUtc();
                engine.post(std::move(replaced));
            }
        }
    }
    engine.sync(std::chrono::seconds(30));
    spdlog::info("demo desk: {} orders seeded", created);
    return created;
}

}  // namespace ob::app

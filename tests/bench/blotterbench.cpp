#include "benchmarks.h"
#include "models/blotterfilter.h"
#include "models/instrumentdirectory.h"
#include "models/orderstablemodel.h"

#include <vector>

namespace ob::bench {

/// The orders blotter's model and its sort/filter proxy with a day's history
/// of orders: load, sort by quantity, filter by symbol, update, memory.
void runBlotter(const BenchContext& context) {
    const int count = context.quick ? 200'000 : 1'000'000;
    const auto residentBefore = residentBytes();
    std::vector<OrderState> orders;
    orders.reserve(std::size_t(count));
    const auto created = nowUtc();
    for (int i = 0; i < count; ++i) {
        OrderState order;
        order.id = i + 1;
        order.session = "FIX.4.4:OPENBLOTTER->SIM";
        order.account = i % 2 ? "GROWTH-PB" : "INCOME-PB";
        order.symbol = "SYM" + std::to_string(i % 500);
        order.side = i % 3 ? Side::Buy : Side::Sell;
        order.terms = {Qty::fromInteger(100 + (std::int64_t(i) * 7919) % 100'000),
                       OrdType::Limit,
                       Price::fromRaw(10'000'000'000 + (i % 997) * 1'000'000),
                       {},
                       TimeInForce::Day,
                       {}};
        order.clOrdId = "20261129-" + std::to_string(1'000'000 + i);
        order.brokerOrderId = "B" + std::to_string(i);
        order.phase = OrderPhase::Working;
        order.createdAt = created + std::chrono::microseconds(i);
        order.updatedAt = order.createdAt;
        orders.push_back(std::move(order));
    }

    // A burst of fills for later, while sorted: 1,000 orders change, as the feed applies them.
    std::vector<OrderState> changed;
    for (int i = 0; i < 1000; ++i) {
        auto order = orders[std::size_t(i) * std::size_t(count / 1000)];
        order.cumQty = Qty::fromInteger(50);
        order.notional = order.cumQty * *order.terms.limitPrice;
        changed.push_back(std::move(order));
    }

    ui::InstrumentDirectory instruments;
    ui::OrdersTableModel model(instruments);
    ui::BlotterProxy proxy(&model);

    auto start = Clock::now();
    model.reset(std::move(orders));
    const double load = secondsSince(start);
    const auto residentAfter = residentBytes();

    start = Clock::now();
    proxy.sort(ui::OrdersTableModel::Quantity, Qt::DescendingOrder);
    const double sort = secondsSince(start);

    ui::BlotterFilter bySymbol;
    bySymbol.symbol = "SYM42";
    start = Clock::now();
    proxy.setFilter(bySymbol);
    const double filter = secondsSince(start);
    const int shown = proxy.rowCount();
    start = Clock::now();
    proxy.setFilter({});
    const double unfilter = secondsSince(start);

    start = Clock::now();
    model.apply(changed);
    const double update = secondsSince(start);

    const double bytesPerOrder = double(residentAfter - residentBefore) / count;
    const bool met = load < 1.5 && sort < 1.0 && filter < 0.3 && bytesPerOrder < 1024;
    JsonLine("blotter")
        .add("orders", count)
        .add("load_seconds", load)
        .add("sort_seconds", sort)
        .add("filter_seconds", filter)
        .add("filter_rows", shown)
        .add("clear_filter_seconds", unfilter)
        .add("update_1000_sorted_seconds", update)
        .add("bytes_per_order", bytesPerOrder)
        .add("target", "load < 1.5 s, sort < 1 s, filter < 0.3 s, < 1 KB per order")
        .add("met", met)
        .print();
}

}  // namespace ob::bench

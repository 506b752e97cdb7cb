#include "benchmarks.h"
#include "orders/orderbook.h"

#include <vector>

namespace ob::bench {

/// Execution reports applied to the in-memory order book: the order book's
/// share of every fill, without FIX or the store.
void runOrderBook(const BenchContext& context) {
    // A desk's day: 100,000 orders, each acknowledged and filled in nine parts.
    const int orders = context.quick ? 20'000 : 100'000;
    const int reports = context.quick ? 200'000 : 1'000'000;
    const std::string session = "BENCH";

    OrderBook book;
    std::vector<std::string> clOrdIds;
    for (int i = 0; i < orders; ++i) {
        clOrdIds.push_back("20261129-" + std::to_string(100'000 + i));
        NewOrderRequest request{session, "GROWTH-PB", "SYM" + std::to_string(i % 500), Side::Buy,
                                {Qty::fromInteger(1'000'000), OrdType::Limit, Price::of("100"), {}, TimeInForce::Day, {}}};
        if (!book.create(i + 1, request, clOrdIds.back(), nowUtc())) throw std::runtime_error("cannot create orders");
    }
    // The reports are built before the clock starts: one New per order, then fills.
    std::vector<ExecutionReport> stream;
    stream.reserve(std::size_t(reports));
    for (int i = 0; i < reports; ++i) {
        ExecutionReport report;
        report.session = session;
        report.clOrdId = clOrdIds[std::size_t(i % orders)];
        report.brokerOrderId = "B" + std::to_string(i % orders);
        report.execId = "E" + std::to_string(i);
        report.execType = i < orders ? ExecType::New : ExecType::Trade;
        if (i >= orders) {
            report.lastQty = Qty::fromInteger(1 + i % 7);
            report.lastPx = Price::fromRaw(10'000'000'000 + (i % 101) * 1'000'000);
        }
        stream.push_back(std::move(report));
    }

    const auto start = Clock::now();
    std::size_t applied = 0;
    for (const auto& report : stream) applied += book.apply(report).outcome.isApplied() ? 1 : 0;
    const double seconds = secondsSince(start);
    if (applied != stream.size()) throw std::runtime_error("the book refused reports it should apply");

    const double perSecond = double(reports) / seconds;
    JsonLine("order_book")
        .add("orders", orders)
        .add("reports", reports)
        .add("seconds", seconds)
        .add("reports_per_second", perSecond)
        .add("target", 2'000'000)
        .add("met", perSecond >= 2'000'000)
        .print();
}

}  // namespace ob::bench

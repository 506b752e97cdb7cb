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

    const auto orderQty = Qty::fromInteger(1'000'000);
    OrderBook book;
    std::vector<std::string> clOrdIds;
    std::vector<std::string> symbols;
    for (int i = 0; i < orders; ++i) {
        clOrdIds.push_back("20261129-" + std::to_string(100'000 + i));
        symbols.push_back("SYM" + std::to_string(i % 500));
        NewOrderRequest request{session,
                                "GROWTH-PB",
                                symbols.back(),
                                Side::Buy,
                                {orderQty, OrdType::Limit, Price::of("102"), {}, TimeInForce::Day, {}}};
        if (!book.create(i + 1, request, clOrdIds.back(), nowUtc())) throw std::runtime_error("cannot create orders");
    }
    // The reports are built before the clock starts: one New per order, then fills, each carrying what a sell
    // side's report carries (Symbol, Side, OrdStatus, CumQty, LeavesQty, AvgPx), so the book checks them all.
    std::vector<std::int64_t> filled(std::size_t(orders), 0);    // shares
    std::vector<std::int64_t> notional(std::size_t(orders), 0);  // shares × raw price
    std::vector<Inbound<ExecutionReport>> stream;
    stream.reserve(std::size_t(reports));
    for (int i = 0; i < reports; ++i) {
        const auto order = std::size_t(i % orders);
        ExecutionReport report;
        report.clOrdId = clOrdIds[order];
        report.brokerOrderId = "B" + std::to_string(order);
        report.execId = "E" + std::to_string(i);
        report.symbol = symbols[order];
        report.side = Side::Buy;
        report.execType = i < orders ? ExecType::New : ExecType::Trade;
        report.ordStatus = i < orders ? OrdStatus::New : OrdStatus::PartiallyFilled;
        if (i >= orders) {
            const std::int64_t shares = 1 + i % 7;
            const std::int64_t price = 10'000'000'000 + (i % 101) * 1'000'000;  // 100.00 to 101.00
            report.lastQty = Qty::fromInteger(shares);
            report.lastPx = Price::fromRaw(price);
            filled[order] += shares;
            notional[order] += shares * price;
            report.avgPx = Price::fromRaw(notional[order] / filled[order]);
        }
        report.cumQty = Qty::fromInteger(filled[order]);
        report.leavesQty = orderQty - Qty::fromInteger(filled[order]);
        stream.push_back({{session, 0, {}, {}, nowUtc()}, std::move(report)});
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

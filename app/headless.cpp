#include "headless.h"

#include "desk.h"
#include "orders/basket.h"
#include "orders/exports.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

namespace ob::app {

namespace {

using Clock = std::chrono::steady_clock;

int fail(const std::string& reason) {
    std::fprintf(stderr, "openblotter: %s\n", reason.c_str());
    return BadInput;
}

Status writeFile(const std::filesystem::path& path, const std::string& text) {
    const auto partial = path.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) return Error{"cannot write " + path.string()};
    }
    std::error_code error;
    std::filesystem::rename(partial, path, error);
    if (error) return Error{"cannot write " + path.string() + ": " + error.message()};
    return {};
}

std::vector<OrderState> working(OrderEngine& engine) {
    std::vector<OrderState> open;
    for (auto& order : engine.snapshot().get().orders)
        if (!order.isDone()) open.push_back(std::move(order));
    return open;
}

/// Waits until no order is working; false when the deadline passes first.
bool waitUntilDone(OrderEngine& engine, Clock::time_point deadline) {
    for (;;) {
        if (working(engine).empty()) return true;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace

int runHeadless(const CommandLine& options) {
    auto opened = Desk::open({options.dataDirectory, options.logLevel, options.fixSettings});
    if (!opened) return fail(opened.error());
    Desk& desk = **opened;
    if (auto started = desk.start(); !started) return fail(started.error());
    spdlog::info("headless run on {} ({})", desk.dataDirectory().string(), desk.mode());

    std::vector<NewOrderRequest> basket;
    if (options.basket) {
        auto table = CsvTable::readFile(options.basket->string());
        if (!table) return fail(table.error());
        auto parsed = parseBasket(*table, desk.referenceData(), [&](std::string_view broker) { return desk.gateway().resolve(broker); });
        if (!parsed) return fail(options.basket->string() + ": the basket has errors; nothing was sent:\n" + parsed.error());
        basket = std::move(*parsed);
        if (!options.send) std::printf("%s: %zu orders, all valid (not sent: add --send)\n", options.basket->c_str(), basket.size());
    }

    const auto deadline = Clock::now() + std::chrono::seconds(options.waitSeconds.value_or(0));
    std::set<OrderId> routed;
    if (options.send) {
        // Orders sent while a session is still logging on would be refused: give the sessions the wait to come up.
        if (!desk.gateway().waitForLogon(std::chrono::seconds(std::max(5, options.waitSeconds.value_or(0)))))
            spdlog::warn("not every FIX session is logged on; orders for those sessions are rejected");
        for (const auto& request : basket) {
            auto order = desk.engine().submit(request).get();
            if (!order) return fail("an order of the basket was refused: " + order.error());
            routed.insert(order->id);
        }
        std::printf("sent %zu orders\n", routed.size());
    }

    int status = AllTerminal;
    if (options.waitSeconds) {
        if (!waitUntilDone(desk.engine(), deadline)) {
            status = TimedOut;
            const auto open = working(desk.engine());
            std::fprintf(stderr, "openblotter: %zu orders still working after %d seconds\n", open.size(), *options.waitSeconds);
            if (options.cancelRemaining) {
                for (const auto& order : open)
                    if (!order.pending) (void)desk.engine().cancel(order.id).get();
                waitUntilDone(desk.engine(), Clock::now() + std::chrono::seconds(10));
                std::fprintf(stderr, "openblotter: sent cancels for %zu orders; %zu still working\n", open.size(),
                             working(desk.engine()).size());
            }
        }
    }
    desk.engine().sync(std::chrono::seconds(30));
    const auto snapshot = desk.engine().snapshot().get();
    for (const auto& order : snapshot.orders)
        if (routed.contains(order.id) && order.status() == OrdStatus::Rejected && status == AllTerminal) status = SomeRejected;

    if (options.exportOrders)
        if (auto written = writeFile(*options.exportOrders, ordersCsv(snapshot.orders)); !written) return fail(written.error());
    if (options.exportExecutions)
        if (auto written = writeFile(*options.exportExecutions, executionsCsv(snapshot.executions)); !written) return fail(written.error());
    return status;
}

}  // namespace ob::app

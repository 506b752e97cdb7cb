#include "benchmarks.h"
#include "desk.h"
#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <atomic>
#include <thread>

namespace ob::bench {

/// The main window (offscreen) on the demo desk while the simulated broker
/// streams execution reports over FIX: the longest time the GUI thread's
/// event loop went without turning.
void runUiStall(const BenchContext& context) {
    const int seconds = context.quick ? 5 : 10;
    const int reportsPerSecond = 5'000;
    const int reportsPerOrder = 4;  // the demo broker acknowledges a market order and fills it in three parts
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "openblotter-bench";
    char* argv[] = {name, nullptr};
    QApplication application(argc, argv);

    auto opened = app::Desk::open({context.scratch / "ui-stall", "warn", {}});
    if (!opened) throw std::runtime_error(opened.error());
    auto& desk = **opened;
    ui::MainWindow window({desk.engine(), desk.gateway(), desk.store(), [&desk] { return desk.store().loadModels(); },
                           desk.prices(), desk.referenceData(),
                           [&desk](const ReferenceData& reference) { desk.takeReference(reference); }, QStringLiteral("bench"),
                           QString(), Actor{"bench", Role::Trader}});
    if (auto started = desk.start(); !started) throw std::runtime_error(started.error());
    // The stream is synthetic: the same few orders again and again, which the demo rules would flag as
    // duplicates by the thousand. Compliance has its own benchmark; this one measures the window under FIX load.
    if (!desk.engine().setRules({}, {"bench", Role::Administrator}, "ui_stall benchmark").get())
        throw std::runtime_error("cannot clear the rules");
    if (!desk.gateway().waitForLogon(std::chrono::seconds(10))) throw std::runtime_error("no logon to the simulated broker");
    window.start();
    window.resize(1500, 900);
    window.show();

    std::vector<std::string> symbols;
    for (const auto& instrument : desk.referenceData().instruments)
        if (instrument.lotSize == Qty::fromInteger(1) && instrument.referencePrice) symbols.push_back(instrument.symbol);
    const auto session = desk.gateway().defaultSession();

    // Orders go in from another thread, as the FIX thread would bring reports: 10 ms at a time.
    std::atomic<bool> streaming{true};
    std::atomic<int> submitted{0};
    std::thread driver([&] {
        const int ordersPerTick = reportsPerSecond / reportsPerOrder / 100;
        auto next = std::chrono::steady_clock::now();
        while (streaming) {
            for (int i = 0; i < ordersPerTick; ++i) {
                const int n = submitted++;
                NewOrderRequest request{session,
                                        n % 2 ? "GROWTH-PB" : "INCOME-PB",
                                        symbols[std::size_t(n) % symbols.size()],
                                        n % 3 ? Side::Buy : Side::Sell,
                                        {Qty::fromInteger(30), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
                (void)desk.engine().submit(std::move(request), Actor{"bench", Role::Trader}, "benchmark stream");
            }
            next += std::chrono::milliseconds(10);
            std::this_thread::sleep_until(next);
        }
    });

    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.elapsed();
    qint64 longest = 0;
    QTimer beat;
    beat.setTimerType(Qt::PreciseTimer);
    // The first second shows the window and connects; the stall that counts is under the stream.
    const qint64 warmUp = 1000;
    QObject::connect(&beat, &QTimer::timeout, [&] {
        const auto now = clock.elapsed();
        if (last >= warmUp) longest = std::max(longest, now - last);
        last = now;
    });
    beat.start(1);
    QTimer::singleShot(int(warmUp) + seconds * 1000, [&] {
        streaming = false;
        QApplication::quit();
    });
    const auto started = Clock::now();
    QApplication::exec();
    const double elapsed = secondsSince(started);
    driver.join();
    beat.stop();
    desk.engine().sync(std::chrono::seconds(30));
    const auto executions = desk.engine().snapshot().get().executions.size();

    const double stall = double(longest) / 1000.0;
    JsonLine("ui_stall")
        .add("seconds", elapsed)
        .add("orders", submitted.load())
        .add("execution_reports", std::uint64_t(executions))
        .add("reports_per_second", double(executions) / elapsed)
        .add("longest_stall_ms", stall * 1000.0)
        .add("target", "< 50 ms")
        .add("met", stall < 0.050)
        .print();
}

}  // namespace ob::bench

// The order engine's consistency check: at start, and whenever asked, the book is recomputed from what the store
// holds and compared with the book in memory (engine/bookcheck.h). Whatever differs is logged and raised as an alert.
#include "orderengine.h"

#include "engine/batchchanges.h"

#include <spdlog/spdlog.h>

namespace ob {

namespace {

/// Beyond this many, differences are in the log only, and one alert says how many more there are.
constexpr std::size_t kAlertedDifferences = 20;

double millisecondsOf(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace

std::future<Result<BookCheckReport>> OrderEngine::verifyBooks() {
    VerifyBooks command;
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::handle(VerifyBooks& command, BatchChanges& changes) {
    const auto started = std::chrono::steady_clock::now();
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Error{"the books cannot be checked: " + failed.error()});
        return;
    }
    // The store must hold everything the book in memory holds before the book is read back from it; the engine,
    // which alone changes either, waits meanwhile.
    if (!store_.waitForCommit(lastSubmitted_, std::chrono::seconds(30))) {
        command.done.set_value(Error{"the books cannot be checked: the store has not written the book's last changes (" +
                                     store_.failure().value_or("timed out") + ")"});
        return;
    }
    auto stored = loadStoredBook(store_, tradeDate_);
    if (!stored) {
        command.done.set_value(Error{"the books cannot be checked: " + stored.error()});
        return;
    }
    auto report = checkBook(stored->record(), {&book_, &ledger_});
    for (auto& alert : announce(report, std::chrono::steady_clock::now() - started)) changes.alert(std::move(alert));
    publish(changes);  // whoever asked sees the alerts published by the time the answer comes
    command.done.set_value(std::move(report));
}

void OrderEngine::checkBooksAtStart(const ActiveBook& active, const ReferenceData& reference) {
    const auto started = std::chrono::steady_clock::now();
    const auto report =
        checkBook({active.orders, active.executions, openingPositions_, reference, tradeDate_}, {&book_, &ledger_});
    startAlerts_ = announce(report, std::chrono::steady_clock::now() - started);
}

std::vector<EngineAlert> OrderEngine::announce(const Result<BookCheckReport>& checked,
                                               std::chrono::steady_clock::duration took) const {
    if (!checked) {
        spdlog::error("{}", checked.error());
        return {{options_.clock(), EngineAlert::Severity::Error, 0, checked.error()}};
    }
    const auto& report = *checked;
    std::vector<EngineAlert> alerts;
    if (report.agrees()) {
        spdlog::info("{} in {:.1f} ms", report.summary(), millisecondsOf(took));
        return alerts;
    }
    spdlog::error("{} in {:.1f} ms", report.summary(), millisecondsOf(took));
    for (const auto& difference : report.differences) {
        spdlog::error("books differ: {}", difference.text());
        if (alerts.size() < kAlertedDifferences)
            alerts.push_back(
                {options_.clock(), EngineAlert::Severity::Error, difference.orderId, "books differ: " + difference.text()});
    }
    if (report.differences.size() > kAlertedDifferences)
        alerts.push_back({options_.clock(), EngineAlert::Severity::Error, 0,
                          "books differ in " + std::to_string(report.differences.size() - kAlertedDifferences) +
                              " more places: the log names each"});
    return alerts;
}

}  // namespace ob

#include "engine/bookverifier.h"

#include "engine/effects.h"
#include "engine/positionkeeper.h"

#include <spdlog/spdlog.h>

namespace ob {

namespace {

/// Beyond this many, differences are in the log only, and one alert says how many more there are.
constexpr std::size_t kAlertedDifferences = 20;

double millisecondsOf(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace

Result<BookCheckReport> BookVerifier::verify(std::uint64_t lastSubmitted, Effects& effects,
                                             const std::function<void()>& publish) {
    const auto started = std::chrono::steady_clock::now();
    if (auto failed = context_.storeFailure(); !failed) return Error{"the books cannot be checked: " + failed.error()};
    // The store must hold everything the book in memory holds before the book is read back from it; the engine,
    // which alone changes either, waits meanwhile.
    auto& store = context_.store;
    if (!store.waitForCommit(lastSubmitted, std::chrono::seconds(30)))
        return Error{"the books cannot be checked: the store has not written the book's last changes (" +
                     store.failure().value_or("timed out") + ")"};
    auto stored = loadStoredBook(store, context_.tradeDate);
    if (!stored) return Error{"the books cannot be checked: " + stored.error()};
    auto report = checkBook(stored->record(), {&context_.book, &positions_.ledger()});
    for (auto& alert : announce(report, std::chrono::steady_clock::now() - started)) effects.alert(std::move(alert));
    publish();
    return report;
}

void BookVerifier::checkAtStart(const ActiveBook& active, const ReferenceData& reference) {
    const auto started = std::chrono::steady_clock::now();
    const auto report =
        checkBook({active.orders, active.executions, positions_.openingPositions(), reference, context_.tradeDate},
                  {&context_.book, &positions_.ledger()});
    startAlerts_ = announce(report, std::chrono::steady_clock::now() - started);
}

std::vector<EngineAlert> BookVerifier::announce(const Result<BookCheckReport>& checked,
                                                std::chrono::steady_clock::duration took) const {
    if (!checked) {
        spdlog::error("{}", checked.error());
        return {{context_.now(), EngineAlert::Severity::Error, 0, checked.error()}};
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
                {context_.now(), EngineAlert::Severity::Error, difference.orderId, "books differ: " + difference.text()});
    }
    if (report.differences.size() > kAlertedDifferences)
        alerts.push_back({context_.now(), EngineAlert::Severity::Error, 0,
                          "books differ in " + std::to_string(report.differences.size() - kAlertedDifferences) +
                              " more places: the log names each"});
    return alerts;
}

}  // namespace ob

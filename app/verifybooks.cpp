#include "verifybooks.h"

#include <cstdio>

namespace ob::app {

namespace {

void print(const BookCheckReport& report) {
    for (const auto& difference : report.differences) std::printf("%s\n", difference.text().c_str());
    std::printf("%s\n", report.summary().c_str());
}

}  // namespace

Result<bool> verifyBooks(OrderEngine& engine) {
    const auto report = engine.verifyBooks().get();
    if (!report) return Error{report.error()};
    print(*report);
    return report->agrees();
}

bool storedBooksDiffer(OrderStore& store) {
    const auto stored = loadStoredBook(store, tradeDateOf(nowUtc()));
    if (!stored) return false;
    const auto report = checkBook(stored->record());
    if (!report || report->agrees()) return false;
    print(*report);
    return true;
}

}  // namespace ob::app

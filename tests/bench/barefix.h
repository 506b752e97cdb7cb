#pragma once
// A bare QuickFIX initiator for the fix_ingest benchmark: no order book, no
// database, MemoryStore and no log. Built as C++14 beside QuickFIX; this
// header is plain C++.

#include <string>

namespace ob::bench {

struct BareFixResult {
    double seconds = 0;         ///< from the first order sent to the last report received
    long reports = 0;
    std::string error;
};

/// Logs on with the settings, sends `orders` market orders for `symbol`
/// and counts ExecutionReports until `expectedReports` have arrived (or a
/// minute passes).
BareFixResult runBareInitiator(const std::string& settings, const std::string& dictionaryDirectory, int orders,
                               const std::string& symbol, long expectedReports);

}  // namespace ob::bench

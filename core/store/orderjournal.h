#pragma once

#include "compliance/breach.h"
#include "compliance/rule.h"
#include "domain/result.h"
#include "domain/timestamp.h"
#include "portfolio/fundholdings.h"
#include "store/storeunit.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob {

/// What the engine needs to resume: the orders that may still change, their
/// executions, and where the id counters and FIX sessions stood.
struct ActiveBook {
    std::vector<OrderRow> orders;
    std::vector<ExecutionRecord> executions;  ///< oldest first
    std::int64_t maxOrderId = 0;
    std::int64_t deskId = 0;                                 ///< drawn when the database was made: part of every ClOrdID
    std::int64_t clOrdIdRun = 0;                             ///< the last run whose ClOrdIDs a unit carried
    std::map<std::string, SessionProgress> inboundProgress;  ///< by FIX session
    std::vector<OrderList> lists;                            ///< staged lists of the orders loaded, and today's
    std::int64_t maxListId = 0;
};

/// What compliance resumes from.
struct ComplianceData {
    RuleBook rules;
    std::vector<Breach> breaches;  ///< every one still open or acknowledged, and today's
    std::int64_t lastBreachId = 0;
    std::vector<OpeningPosition> openingPositions;
};

/// The engine's journal: what it resumes from at start, and the units that record each change of the book,
/// committed in order. Only the engine writes through it.
class OrderJournal {
public:
    using CommitListener = std::function<void(std::uint64_t committedUpTo)>;

    virtual ~OrderJournal() = default;

    /// Orders created on or after `fromTradeDate` ("YYYYMMDD") and all still open.
    virtual Result<ActiveBook> loadActive(std::string_view fromTradeDate) = 0;
    /// Rules, breaches (open ones and those raised since `since`) and opening positions.
    virtual Result<ComplianceData> loadCompliance(Timestamp since) = 0;

    /// Queues a unit to be written atomically; returns its sequence number.
    /// Units commit in order, grouped under load. Thread-safe.
    virtual std::uint64_t submit(StoreUnit unit) = 0;
    virtual std::uint64_t committed() const = 0;
    virtual bool waitForCommit(std::uint64_t sequence, std::chrono::milliseconds timeout) const = 0;
    /// Called after each commit, and once when the store stops writing (failure() then says why), on the
    /// store's thread. Set it before submitting.
    virtual void setCommitListener(CommitListener listener) = 0;
    /// Why the store stopped writing, once it has.
    virtual std::optional<std::string> failure() const = 0;
};

}  // namespace ob

#pragma once

#include "auth/userstore.h"
#include "domain/referencedata.h"
#include "domain/result.h"
#include "orders/orderhistory.h"
#include "portfolio/fundholdings.h"
#include "portfolio/modelportfolio.h"
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

/// The durable record of orders, executions and reference data. The engine
/// talks only to this interface, so that a shared server-backed store can
/// take the place of the desktop's SQLite file without touching the engine.
class OrderStore : public UserStore {
public:
    using CommitListener = std::function<void(std::uint64_t committedUpTo)>;

    virtual ~OrderStore() = default;

    /// Orders created on or after `fromTradeDate` ("YYYYMMDD") and all still open.
    virtual Result<ActiveBook> loadActive(std::string_view fromTradeDate) = 0;

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

    /// The executions and events of one order, from any day. Thread-safe.
    virtual Result<std::vector<ExecutionRecord>> executionsOf(OrderId id) = 0;
    virtual Result<std::vector<OrderEventRecord>> eventsOf(OrderId id) = 0;
    /// Messages the book could not apply, newest first. Thread-safe.
    virtual Result<std::vector<QuarantinedMessage>> quarantine(bool unresolvedOnly) = 0;

    virtual Result<ReferenceData> loadReferenceData() = 0;
    /// Adds or updates reference data by key (symbol, code). Thread-safe.
    virtual Status saveReferenceData(const ReferenceData& data) = 0;

    /// Rules, breaches (open ones and those raised since `since`) and opening positions.
    virtual Result<ComplianceData> loadCompliance(Timestamp since) = 0;
    /// Replaces the opening positions of each fund named. Thread-safe.
    virtual Status saveOpeningPositions(const std::vector<OpeningPosition>& positions) = 0;
    /// Model portfolios, by name. Thread-safe.
    virtual Result<std::vector<ModelPortfolio>> loadModels() = 0;
    /// Replaces a model's weights (or deletes the model when it has none), with its audit record. Thread-safe.
    virtual Status saveModel(const ModelPortfolio& model, const AuditRecord& record) = 0;
    /// Rules are otherwise written through the engine, in units.
    virtual Status saveRules(const RuleBook& rules) = 0;
    /// The newest `limit` audit records, newest first. Thread-safe.
    virtual Result<std::vector<AuditRecord>> auditTrail(std::size_t limit) = 0;
};

}  // namespace ob

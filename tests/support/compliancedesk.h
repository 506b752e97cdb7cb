#pragma once

#include "engine/orderengine.h"
#include "store/sqlitestore.h"

#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

namespace ob::test {

/// A rule of the tests: its id, name and kind; the test sets what else the kind needs.
Rule testRule(std::int64_t id, std::string name, RuleKind kind);
/// An instrument of the tests, its issuer named like it: US, USD, lot 1, tick 0.01, at the reference `price`.
Instrument testInstrument(std::string symbol, std::string name, std::string sector, const char* price);
/// One fund, FUND (USD), with one account, ACC, trading `instruments`.
ReferenceData oneFund(std::vector<Instrument> instruments);

/// Prices a test moves by hand, as market data would.
class ManualPrices {
public:
    std::optional<Price> last(const std::string& symbol);
    void set(const std::string& symbol, const char* price);
    std::uint64_t version() const { return version_; }

private:
    std::mutex mutex_;
    std::map<std::string, Price> prices_;
    std::atomic<std::uint64_t> version_ = 0;
};

/// The order engine with compliance on a real SQLite store in a directory, without FIX: requests
/// are recorded, not sent. It can be stopped and started again on the same store, as after a restart.
class ComplianceDesk {
public:
    struct Setup {
        ReferenceData reference;
        std::vector<OpeningPosition> openingPositions;
        RuleBook rules;
    };
    ComplianceDesk(const QString& directory, Setup setup);
    ~ComplianceDesk();

    void start();
    void stop();
    void restart();

    OrderState order(OrderId id);
    std::vector<Breach> breaches();
    std::vector<Breach> breachesOf(OrderId id);
    /// The requests routed so far: all that were made before the call (a test failure after 10 s).
    std::vector<OutboundRequest> routed(std::source_location where = std::source_location::current());
    /// The audit trail, once everything posted before the call is committed (a test failure after 10 s).
    std::vector<AuditRecord> audit(std::source_location where = std::source_location::current());
    /// The change sets the engine has published since the desk was made (over restarts too), oldest first.
    std::vector<ChangeSet> published();

    ManualPrices prices;
    std::atomic<Timestamp> now = nowUtc();  ///< the engine's clock: tests move it, to the next day say
    std::unique_ptr<store::SqliteStore> store;
    std::unique_ptr<ComplianceEngine> compliance;
    std::unique_ptr<OrderEngine> engine;

private:
    std::string file_;
    ReferenceData reference_;
    std::mutex routedMutex_;
    std::vector<OutboundRequest> routed_;
    std::mutex publishedMutex_;
    std::vector<ChangeSet> published_;
};

}  // namespace ob::test

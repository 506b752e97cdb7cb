#pragma once

#include "auth/access.h"
#include "engine/changeset.h"
#include "engine/outboundrequest.h"
#include "portfolio/ledger.h"
#include "store/storeunit.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ob {

/// The one seam through which the engine's parts say what they changed. Each call records its part of the
/// change in both places it belongs: the store unit being built (what the next commit() writes in one
/// transaction) and the batch's change set (what the listeners see), so the two cannot disagree. A unit ends at
/// commit(): the engine writes it, then routes the requests it carried once the store has committed it.
class Effects {
public:
    /// Writes a finished unit and queues its requests for the router. Without a unit (only requests were
    /// recorded) they leave after whatever was written before.
    using Commit = std::function<void(std::optional<StoreUnit> unit, std::vector<OutboundRequest> requests)>;

    Effects(Commit commit, std::function<Timestamp()> clock) : commit_(std::move(commit)), clock_(std::move(clock)) {}

    // Written and published.
    /// The order's new state (its row, with its ClOrdID chain).
    void order(const Order& order);
    void execution(ExecutionRecord record);
    /// Raised or changed; published once per batch with its latest state.
    void breach(const Breach& breach);
    void list(const OrderList& list);
    void openingPositions(std::vector<OpeningPosition> positions);
    /// The items added or changed are written; the desk's reference data as it then stands is published.
    void reference(ReferenceData changed, std::shared_ptr<const ReferenceData> after) {
        unit_.reference = std::move(changed);
        changes_.reference = std::move(after);
        touched_ = true;
    }

    // Written only.
    void event(OrderEventRecord event) {
        unit_.event = std::move(event);
        touched_ = true;
    }
    void audit(const Actor& actor, std::string action, std::string subject, std::string details);
    void inbound(const std::string& session, std::int64_t msgSeqNum);
    void epoch(SessionEpoch epoch) {
        unit_.epoch = std::move(epoch);
        touched_ = true;
    }
    void quarantine(QuarantinedMessage message) {
        unit_.quarantine = std::move(message);
        touched_ = true;
    }
    void clOrdIdRun(std::int64_t run) {
        unit_.clOrdIdRun = run;
        touched_ = true;
    }
    void handedOver(std::string session, std::string clOrdId);
    void rules(RuleBook rules) {
        unit_.rules = std::move(rules);
        changes_.rulesChanged = true;
        touched_ = true;
    }
    void model(ModelPortfolio model) {
        unit_.model = std::move(model);
        touched_ = true;
    }
    void user(User user) {
        unit_.user = std::move(user);
        touched_ = true;
    }
    void loginState(LoginState state) {
        unit_.loginState = std::move(state);
        touched_ = true;
    }
    /// A request for the sell side: it leaves once the unit is committed.
    void route(OutboundRequest request) { requests_.push_back(std::move(request)); }

    // Published only.
    void alert(EngineAlert::Severity severity, OrderId orderId, std::string message);
    void alert(EngineAlert alert) { changes_.alerts.push_back(std::move(alert)); }
    /// What the ledger changed: each position and cash amount once, with its latest value.
    void ledger(const LedgerChanges& changed);
    void halted(std::string why) { changes_.halted = std::move(why); }
    /// A fund whose holdings changed in this batch, and the symbol that traded (for the post-trade check).
    void touch(const std::string& fund, const std::string& symbol) { traded_[fund].insert(symbol); }
    std::map<std::string, std::set<std::string>> takeTraded() { return std::exchange(traded_, {}); }

    /// The order's new state and the event that made it, in one unit that ends here.
    void persist(const Order& order, OrderEventKind kind, std::string text);
    /// Likewise, with the request it makes of the sell side (ClOrdIDs of run `clOrdIdRun`).
    void persistAndRoute(const Order& order, OrderEventKind kind, OutboundRequest request, std::int64_t clOrdIdRun);

    /// Ends the unit: writes what it recorded (nothing when it recorded nothing) and queues its requests.
    void commit();
    /// Forgets the unit being built (a handler failed half way: nothing of it is written).
    void drop();

    ChangeSet& changeSet() { return changes_; }
    /// Starts a new change set once it is published.
    void clearPublished();

private:
    template <typename T>
    static void latest(std::unordered_map<std::string, std::size_t>& index, std::vector<T>& values, std::string key,
                       const T& value);

    Commit commit_;
    std::function<Timestamp()> clock_;
    StoreUnit unit_;
    bool touched_ = false;
    std::vector<OutboundRequest> requests_;

    ChangeSet changes_;
    std::unordered_map<OrderId, std::size_t> orderIndex_;
    std::unordered_map<std::int64_t, std::size_t> breachIndex_;
    std::unordered_map<std::string, std::size_t> positionIndex_;
    std::unordered_map<std::string, std::size_t> fundPositionIndex_;
    std::unordered_map<std::string, std::size_t> cashIndex_;
    std::map<std::string, std::set<std::string>> traded_;
};

}  // namespace ob

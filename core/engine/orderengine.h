#pragma once

#include "auth/access.h"
#include "auth/userchange.h"
#include "compliance/breach.h"
#include "compliance/complianceengine.h"
#include "domain/referencechange.h"
#include "engine/bookcheck.h"
#include "engine/changeset.h"
#include "engine/outboundrequest.h"
#include "engine/resolution.h"
#include "orders/orderbook.h"
#include "store/enginestore.h"

#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// A FIX session logged on: the engine sends the requests that never left and asks the sell side where the
/// orders it has not answered stand.
struct SessionLoggedOn {
    std::string session;
    std::chrono::seconds statusTimeout{30};  ///< how long the sell side has to answer a status request
};

/// The single writer of order state. Commands from the user and reports from sell sides are queued from any
/// thread and applied, in order, on the engine's own thread; each batch's changes are written to the store and
/// published to the listeners as one ChangeSet.
///
/// The engine is a loop over parts, each in its own files in core/engine:
/// - OrderEntry: a trader's new orders, cancels and amends;
/// - ComplianceGate: the pre-trade check, breaches and decisions, rules, the post-trade check after each batch;
/// - InboundReports: executions, rejects and quarantine from the sell sides;
/// - StagedLists: a portfolio manager's lists and their release;
/// - PositionKeeper: the ledger of positions and cash, and the opening positions;
/// - DurableRouter: requests leave only once the store has committed them;
/// - InDoubtRecovery: what was never sent or never answered is sent or asked about at logon;
/// - BookVerifier: the book recomputed from the store and compared;
/// - UserAdministration: an administrator's user changes, each with its audit record;
/// - AuditedExports: the audit records of exports.
/// Each records what it changes through one Effects object, from which the engine builds both the store's units
/// and the change set.
class OrderEngine {
public:
    struct Options {
        std::function<Timestamp()> clock = nowUtc;
        /// Checks orders and holdings when set; from start() on, only the engine's thread touches it.
        ComplianceEngine* compliance = nullptr;
        /// Reads the desk's users (UserStore::loadUsers) when a user is added or changed; without it setUser refuses.
        std::function<Result<std::vector<User>>()> loadUsers;
    };
    /// A compliance check without side effects, for the ticket and the basket.
    struct WhatIf {
        CheckResult check;
        std::vector<Headroom> headroom;
    };
    using Listener = std::function<void(const ChangeSet&)>;
    /// Hands a request to FIX; false when it could not (the router then reports why itself).
    using Router = std::function<bool(const OutboundRequest&)>;

    explicit OrderEngine(EngineStore& store);
    OrderEngine(EngineStore& store, Options options);
    ~OrderEngine();
    OrderEngine(const OrderEngine&) = delete;
    OrderEngine& operator=(const OrderEngine&) = delete;

    /// Rebuilds the book from the store (today's orders and every order still
    /// open) and starts the engine thread. Refuses to start on inconsistent data.
    Status start();
    /// Applies what is queued, stops the thread and waits for the store.
    void stop();

    /// Called after each batch on the engine thread. A listener added while the engine runs gets the batches after
    /// it was added (a window opened at a later login takes a snapshot first).
    void subscribe(Listener listener);
    /// Receives each request once it is durable, on the router's thread. Set before start().
    void setRouter(Router router);

    /// Enters an order for `actor`. An order with compliance warnings needs
    /// the trader's reason; a blocked one is stored and held, not sent.
    std::future<Result<OrderState>> submit(NewOrderRequest request, Actor actor, std::string warningReason = {});
    /// A held order is cancelled here, never having been sent.
    std::future<Outcome> cancel(OrderId id, Actor actor);
    /// New terms are checked like a new order; a blocked amend is refused.
    std::future<Outcome> replace(OrderId id, OrderTerms terms, Actor actor, std::string warningReason = {});
    /// A portfolio manager's approved orders, stored as one staged list and not sent: the list gets
    /// its id here, each order the list's id and `actor` as its owner. All or nothing.
    std::future<Result<OrderList>> stageList(OrderList list, std::vector<NewOrderRequest> orders, Actor actor);
    /// Sends staged orders through `session`, each checked by compliance again now (a blocked one is
    /// held for compliance; a warning needs the reason). One result per order, in the order asked.
    std::future<std::vector<Result<OrderState>>> release(std::vector<OrderId> ids, std::string session, Actor actor,
                                                         std::string warningReason = {});
    /// Replaces the opening positions (and cash) of each fund they name, from `source` (a file name).
    std::future<Status> setOpeningPositions(std::vector<OpeningPosition> positions, Actor actor, std::string source);
    /// Stores a model portfolio, replacing the model of its name, validated first and written with its audit record
    /// in one unit. `source` names the file it came from; empty for an edit.
    std::future<Status> saveModel(ModelPortfolio model, Actor actor, std::string source = {});
    /// What compliance would say about the order (or the amend of `amending`) now.
    std::future<WhatIf> whatIf(NewOrderRequest request, Actor actor, OrderId amending = 0);
    /// Acknowledges, overrides or rejects a breach; an override that clears
    /// the last block of a held order sends it, a rejection rejects it.
    std::future<Status> decideBreach(std::int64_t breachId, BreachDecision decision, Actor actor, std::string reason);
    /// Replaces the rule set (validated first) and checks the funds against it.
    /// With `basedOn`, refuses if the rules in force are no longer those (someone else changed them).
    std::future<Status> setRules(RuleBook rules, Actor actor, std::string how, std::optional<RuleBook> basedOn = std::nullopt);
    /// The rule set in force, after every command posted before this call; an error when compliance is not
    /// running on this desk.
    std::future<Result<RuleBook>> rules();
    /// Checks every fund's holdings again, after prices moved.
    void recheckHoldings();
    /// What a sell side says, in the envelope it came in (orders/inbound.h): applied to the book whole, or
    /// quarantined whole with an alert; either way its MsgSeqNum counts as applied.
    void post(Inbound<ExecutionReport> report);
    void post(Inbound<CancelReject> reject);
    void post(Inbound<RequestReject> reject);
    /// Keeps a message that could not even be read as an event (bad values,
    /// missing fields) and raises an alert; its MsgSeqNum counts as applied.
    void post(QuarantinedMessage message);
    /// Raises an alert for the desk about something outside the book (a FIX session's files, say).
    void post(EngineAlert alert);
    /// The book as it stands after everything posted before this call.
    std::future<BookSnapshot> snapshot();
    /// One order with its ClOrdID chain and executions, if the book holds it.
    std::future<std::optional<Order>> order(OrderId id);
    /// The order whose chain holds `clOrdId` (the original order's, or any cancel's or replace's), if the book holds it.
    std::future<std::optional<Order>> orderByClOrdId(std::string clOrdId);
    /// Waits until every command posted before this call is applied and committed.
    bool sync(std::chrono::milliseconds timeout);
    /// Waits until every request made before this call has been handed to the router and what became of it
    /// reported to the engine (queued, not yet committed: sync() after this waits for that too): a sentinel
    /// queued behind them reaches the router thread. False on timeout.
    bool syncRouter(std::chrono::milliseconds timeout);

    std::string tradeDate() const;
    /// Per FIX session, the last inbound MsgSeqNum whose effects the store held at start, and its epoch.
    const std::map<std::string, SessionProgress>& inboundProgressAtStart() const;
    /// Tells the epoch of a session's numbers (when they last started from 1);
    /// a new epoch restarts the session's recorded progress.
    void post(SessionEpoch epoch);
    /// A session logged on: what never left is sent, what was not answered is asked about.
    void post(SessionLoggedOn logon);
    /// Resolves an unconfirmed order, audited.
    std::future<Outcome> resolveUnconfirmed(OrderId id, Resolution how, Actor actor);
    /// Recomputes the book from what the store holds once everything before this call is committed, and compares
    /// it with the book in memory (checkBook). Each difference is logged and raised as an alert, published before the
    /// answer; the engine checks its book so at every start too. An error when the store cannot be read, or has
    /// stopped writing.
    std::future<Result<BookCheckReport>> verifyBooks();
    /// Adds a user, or changes the known user of that name (planUserChange), written with its audit record in one
    /// unit. Refused without Permission::ManageUsers. Answers with what changed once the unit is submitted.
    std::future<Result<UserUpdate>> setUser(UserChange change, Actor actor);
    /// Adds or updates instruments, funds, accounts and FX rates by key (planReferenceChange), all in one unit with
    /// an audit record per item changed, taken at once by order entry, the ledger and compliance and published in
    /// the change set. Refused without Permission::ManageReference. `lines` names the file line of each key.
    std::future<Result<ReferenceUpdate>> setReference(ReferenceData upserts, Actor actor, std::map<std::string, int> lines = {});
    /// Lifts the lock failed logins put on the user `name` and clears their count, audited ("user.unlock").
    /// Refused without Permission::ManageUsers, and for a user who is not locked.
    std::future<Status> unlockUser(std::string name, Actor actor);
    /// `actor` replaces their own password: refused unless the stored hash is still `expectedHash`, the one the
    /// caller checked the old password against (changeOwnPassword does both). Clears a one-time password's mark.
    std::future<Status> changeOwnPassword(std::string expectedHash, std::string newHash, Actor actor);
    /// The desk's users, with every change the engine made so far (committed or not).
    std::future<Result<std::vector<User>>> users();
    /// Records in the audit trail that `actor` exported `what` ("rules") to `destination` (a file name).
    std::future<Status> recordExport(Actor actor, std::string what, std::string destination);

private:
    /// The queue, the threads and the parts (engine/orderengine.cpp).
    struct Loop;
    std::unique_ptr<Loop> loop_;
};

}  // namespace ob

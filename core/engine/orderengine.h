#pragma once

#include "auth/access.h"
#include "compliance/breachbook.h"
#include "compliance/complianceengine.h"
#include "engine/bookcheck.h"
#include "engine/changeset.h"
#include "engine/outboundrequest.h"
#include "engine/resolution.h"
#include "orders/clordidsource.h"
#include "orders/orderbook.h"
#include "portfolio/ledger.h"
#include "store/orderstore.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>
#include <variant>
#include <vector>

namespace ob {

/// A FIX session logged on: the engine sends the requests that never left and asks the sell side where the
/// orders it has not answered stand.
struct SessionLoggedOn {
    std::string session;
    std::chrono::seconds statusTimeout{30};  ///< how long the sell side has to answer a status request
};

/// The single writer of order state. Commands from the user and reports from
/// sell sides are queued from any thread and applied, in order, on the
/// engine's own thread: each changes the book through the state machine and
/// is handed to the store as one atomic unit. After each batch the engine
/// publishes one ChangeSet to its listeners.
///
/// With a ComplianceEngine it also owns compliance: every new order and
/// amend is checked before it goes (a blocked one is held, not sent), each
/// batch's fills are checked against the funds' holdings, and breaches are
/// raised and decided here, so orders and breaches always agree. Every user
/// action is written to the audit trail in the same unit as its effect.
///
/// A request for the sell side leaves only once the order's new state is
/// committed, so a crash can never leave an order at the broker that the
/// store does not know. A router thread of its own sends them, in order,
/// and the store records each one handed to FIX. Nothing stays in doubt: when
/// a session logs on, requests committed but never handed over are sent, and
/// the sell side is asked (OrderStatusRequest) about every request it has not
/// answered; an order it does not confirm in time is marked unconfirmed for a
/// person to resolve (engine/orderengine_recovery.cpp).
class OrderEngine {
public:
    struct Options {
        std::function<Timestamp()> clock = nowUtc;
        /// Checks orders and holdings when set; from start() on, only the engine's thread touches it.
        ComplianceEngine* compliance = nullptr;
    };
    /// A compliance check without side effects, for the ticket and the basket.
    struct WhatIf {
        CheckResult check;
        std::vector<Headroom> headroom;
    };
    using Listener = std::function<void(const ChangeSet&)>;
    /// Hands a request to FIX; false when it could not (the router then reports why itself).
    using Router = std::function<bool(const OutboundRequest&)>;

    explicit OrderEngine(OrderStore& store);
    OrderEngine(OrderStore& store, Options options);
    ~OrderEngine();
    OrderEngine(const OrderEngine&) = delete;
    OrderEngine& operator=(const OrderEngine&) = delete;

    /// Rebuilds the book from the store (today's orders and every order still
    /// open) and starts the engine thread. Refuses to start on inconsistent data.
    Status start();
    /// Applies what is queued, stops the thread and waits for the store.
    void stop();

    /// Called after each batch on the engine thread. Add listeners before start().
    void subscribe(Listener listener);
    /// Receives each request once it is durable, on the store's thread. Set before start().
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
    /// in one unit (engine/orderengine_models.cpp). `source` names the file it came from; empty for an edit.
    std::future<Status> saveModel(ModelPortfolio model, Actor actor, std::string source = {});
    /// What compliance would say about the order (or the amend of `amending`) now.
    std::future<WhatIf> whatIf(NewOrderRequest request, Actor actor, OrderId amending = 0);
    /// Acknowledges, overrides or rejects a breach; an override that clears
    /// the last block of a held order sends it, a rejection rejects it.
    std::future<Status> decideBreach(std::int64_t breachId, BreachDecision decision, Actor actor, std::string reason);
    /// Replaces the rule set (validated first) and checks the funds against it.
    /// With `basedOn`, refuses if the rules in force are no longer those (someone else changed them).
    std::future<Status> setRules(RuleBook rules, Actor actor, std::string how, std::optional<RuleBook> basedOn = std::nullopt);
    /// Checks every fund's holdings again, after prices moved.
    void recheckHoldings();
    void post(ExecutionReport report);
    void post(CancelReject reject);
    void post(RequestReject reject);
    /// Keeps a message that could not even be read as an event (bad values,
    /// missing fields) and raises an alert; its MsgSeqNum counts as applied.
    void post(QuarantinedMessage message);
    /// Raises an alert for the desk about something outside the book (a FIX session's files, say).
    void post(EngineAlert alert);
    /// The book as it stands after everything posted before this call.
    std::future<BookSnapshot> snapshot();
    /// One order with its ClOrdID chain and executions, if the book holds it.
    std::future<std::optional<Order>> order(OrderId id);
    /// Waits until every command posted before this call is applied and committed.
    bool sync(std::chrono::milliseconds timeout);
    /// Waits until every request made before this call has been handed to the router: a sentinel
    /// queued behind them reaches the router thread. False on timeout.
    bool syncRouter(std::chrono::milliseconds timeout);

    std::string tradeDate() const { return tradeDate_; }
    /// Per FIX session, the last inbound MsgSeqNum whose effects the store held at start, and its epoch.
    const std::map<std::string, SessionProgress>& inboundProgressAtStart() const { return inboundProgress_; }
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

private:
    struct Submit {
        NewOrderRequest request;
        Actor actor;
        std::string warningReason;
        std::promise<Result<OrderState>> done;
    };
    struct Cancel {
        OrderId id;
        Actor actor;
        std::promise<Outcome> done;
    };
    struct Replace {
        OrderId id;
        OrderTerms terms;
        Actor actor;
        std::string warningReason;
        std::promise<Outcome> done;
    };
    struct CheckWhatIf {
        NewOrderRequest request;
        Actor actor;
        OrderId amending = 0;
        std::promise<WhatIf> done;
    };
    struct DecideBreach {
        std::int64_t breachId = 0;
        BreachDecision decision = BreachDecision::Acknowledge;
        Actor actor;
        std::string reason;
        std::promise<Status> done;
    };
    struct SetRules {
        RuleBook rules;
        Actor actor;
        std::string how;
        std::optional<RuleBook> basedOn;
        std::promise<Status> done;
    };
    struct RecheckHoldings {};
    struct StageList {
        OrderList list;
        std::vector<NewOrderRequest> orders;
        Actor actor;
        std::promise<Result<OrderList>> done;
    };
    struct SetOpeningPositions {
        std::vector<OpeningPosition> positions;
        Actor actor;
        std::string source;
        std::promise<Status> done;
    };
    struct SaveModel {
        ModelPortfolio model;
        Actor actor;
        std::string source;
        std::promise<Status> done;
    };
    struct Release {
        std::vector<OrderId> ids;
        std::string session;
        Actor actor;
        std::string warningReason;
        std::promise<std::vector<Result<OrderState>>> done;
    };
    struct Snapshot {
        std::promise<BookSnapshot> done;
    };
    struct FindOrder {
        OrderId id;
        std::promise<std::optional<Order>> done;
    };
    struct Barrier {
        std::promise<std::uint64_t> done;
    };
    struct RouterBarrier {
        std::shared_ptr<std::promise<void>> reached;
    };
    /// What the router did with requests: handed to FIX, or not (the session was down).
    struct Routed {
        struct Request {
            OrderId order = 0;
            RequestKind kind = RequestKind::New;
            std::string session;
            std::string clOrdId;
            bool handedOver = false;
        };
        std::vector<Request> requests;
    };
    struct ResolveUnconfirmed {
        OrderId id = 0;
        Resolution how = Resolution::Cancel;
        Actor actor;
        std::promise<Outcome> done;
    };
    struct VerifyBooks {
        std::promise<Result<BookCheckReport>> done;
    };
    /// The store failed a commit: wakes the engine to halt at once, not at whatever comes next.
    struct StoreStopped {};
    using Command = std::variant<ExecutionReport, CancelReject, RequestReject, QuarantinedMessage, SessionEpoch, Submit, Cancel,
                                 Replace, Snapshot, FindOrder, Barrier, CheckWhatIf, DecideBreach, SetRules, RecheckHoldings,
                                 StageList, Release, SetOpeningPositions, SaveModel, RouterBarrier, Routed, SessionLoggedOn,
                                 ResolveUnconfirmed, VerifyBooks, EngineAlert, StoreStopped>;

    /// Where an inbound event came from, to quarantine it whole if refused.
    struct Origin {
        const std::string& session;
        std::int64_t msgSeqNum;
        const char* msgType;
        const std::string& raw;
        Timestamp receivedAt;
    };

    /// Collects one batch's changes, one entry per order.
    class BatchChanges;

    void enqueue(Command command);
    void run();
    void handle(ExecutionReport& report, BatchChanges& changes);
    void handle(CancelReject& reject, BatchChanges& changes);
    void handle(RequestReject& reject, BatchChanges& changes);
    void handle(QuarantinedMessage& message, BatchChanges& changes);
    void handle(EngineAlert& alert, BatchChanges& changes);
    void handle(StoreStopped&, BatchChanges&) {}  // the batch halts the engine before it handles anything
    void handle(SessionEpoch& epoch, BatchChanges& changes);
    void handle(Submit& command, BatchChanges& changes);
    void handle(Cancel& command, BatchChanges& changes);
    void handle(Replace& command, BatchChanges& changes);
    void handle(Snapshot& command, BatchChanges& changes);
    /// Hands the batch's changes to the listeners and starts a new change set.
    void publish(BatchChanges& changes);
    void handle(FindOrder& command, BatchChanges& changes);
    void handle(Barrier& command, BatchChanges& changes);
    void handle(RouterBarrier& command, BatchChanges& changes);
    /// Recovery, in engine/orderengine_recovery.cpp.
    void handle(Routed& routed, BatchChanges& changes);
    void handle(SessionLoggedOn& logon, BatchChanges& changes);
    void handle(ResolveUnconfirmed& command, BatchChanges& changes);
    /// The consistency check, in engine/orderengine_bookcheck.cpp.
    void handle(VerifyBooks& command, BatchChanges& changes);
    void checkBooksAtStart(const ActiveBook& active, const ReferenceData& reference);
    /// Logs what a check found, and says it in alerts.
    std::vector<EngineAlert> announce(const Result<BookCheckReport>& checked, std::chrono::steady_clock::duration took) const;
    /// The request a pending link of the chain made, to send it again.
    static OutboundRequest requestOf(const Order& order, const ClOrdIdLink& link);
    /// Marks orders whose status request went unanswered in time as unconfirmed.
    void expireStatusRequests(BatchChanges& changes);
    std::chrono::steady_clock::time_point nextStatusDeadline() const;
    void markUnconfirmed(OrderId id, const std::string& why, BatchChanges& changes);
    /// Queues a request for the router, to leave once the unit `afterUnit` is committed.
    void queueRoute(OutboundRequest request, std::uint64_t afterUnit);
    void handle(CheckWhatIf& command, BatchChanges& changes);
    void handle(DecideBreach& command, BatchChanges& changes);
    void handle(SetRules& command, BatchChanges& changes);
    void handle(RecheckHoldings& command, BatchChanges& changes);
    void handle(StageList& command, BatchChanges& changes);
    void handle(Release& command, BatchChanges& changes);
    void handle(SetOpeningPositions& command, BatchChanges& changes);
    void handle(SaveModel& command, BatchChanges& changes);

    /// Rebuilds the ledger from the opening positions and the day's fills of the orders loaded.
    Status restoreLedger(const ActiveBook& active, const ComplianceData& data);
    /// Books what the ledger worked out for an execution (the order book has applied it), and publishes it.
    void book(const Ledger::Booking& booking, const ExecutionRecord& execution, BatchChanges& changes);
    /// An inbound event that failed on an internal error: the book is as it was; the message is quarantined.
    void quarantineAfterError(const Origin& origin, const std::string& error, BatchChanges& changes);

    /// Compliance, in engine/orderengine_compliance.cpp.
    Status restoreCompliance(const ActiveBook& active, ComplianceData data);
    ProposedOrder proposalOf(const NewOrderRequest& request, const Actor& actor, OrderId amending) const;
    /// A block order names each fund once: compliance checks each fund's part on its own.
    Status blockFunds(const NewOrderRequest& request) const;
    /// The pre-trade check of an order or amend; a block order is checked in each account for its part.
    CheckResult preTrade(const NewOrderRequest& request, const Actor& actor, OrderId amending) const;
    /// Sends a new order (created, not yet sent) after its pre-trade `check`, or holds it when the
    /// check blocks it; records the findings, the audit record `action` and the order in one unit.
    const Order* sendOrHold(OrderId id, const CheckResult& check, const Actor& actor, const std::string& warningReason,
                            const std::string& action, OrderEventKind sentEvent, BatchChanges& changes, StoreUnit unit = {});
    static ProposedOrder proposalOf(const OrderState& order);
    /// The order's terms as a request again, to check an amend or a release as a new order would be.
    static NewOrderRequest requestOf(const OrderState& order);
    /// Every fund, with no symbol traded: a check after prices or rules changed.
    std::map<std::string, std::set<std::string>> everyFund() const;
    /// Records each finding as a breach of the order, in the state given, into the unit and the change set.
    void raiseBreaches(const CheckResult& check, const OrderState& order, BreachState state, const Actor& decidedBy,
                       const std::string& reason, StoreUnit& unit, BatchChanges& changes);
    /// Keeps compliance's open buys (the cash they will take) in step with a changed order, at once.
    void followOpenBuy(const OrderState& order);
    /// After a batch: the funds the fills touched are checked; a finding about what was traded is active, any other passive.
    void checkAfterBatch(BatchChanges& changes);
    /// `traded` holds, per fund, the symbols that traded; none for a check after prices moved.
    void checkFunds(const std::map<std::string, std::set<std::string>>& traded, BatchChanges& changes);
    /// Cancels an order held by compliance or staged: it was never sent.
    Outcome cancelUnsent(const Order& order, const Actor& actor, BatchChanges& changes);
    /// Expires the orders still held whose time in force ended before this trading day: a day
    /// order held yesterday must not reach the market today when someone overrides its block.
    void expireStaleHeldOrders(BatchChanges& changes);
    struct UnsentClosing {
        OrderPhase phase;
        OrderEventKind event;
        std::string text;          ///< the order's Text
        std::string breachReason;  ///< why its open breaches close
        std::string auditAction;
        std::string auditDetails;
    };
    Outcome closeUnsent(const Order& order, const Actor& actor, UnsentClosing closing, BatchChanges& changes);
    AuditRecord audit(const Actor& actor, std::string action, std::string subject, std::string details) const;
    /// Records the outcome of an inbound message: the changed order and what
    /// to persist with it, or an alert for a refusal.
    void settleInbound(const OrderBook::Applied& applied, StoreUnit unit, const Origin& origin, std::string_view what,
                       BatchChanges& changes);
    /// Given the order a request changed and its unit before they are persisted; returns the order to persist.
    using OnRequested = std::function<const Order&(const Order&, StoreUnit&)>;
    Outcome request(OrderId id, RequestKind kind, const OrderTerms& terms, StoreUnit unit, BatchChanges& changes,
                    const OnRequested& onRequested = {});
    /// Persists the order with the event (and whatever else the unit carries)
    /// and queues the request for the sell side until it is committed.
    void persistAndRoute(const Order& order, OrderEventKind event, OutboundRequest request, BatchChanges& changes,
                         StoreUnit unit = {});
    /// Persists a change that sends nothing.
    void persist(const Order& order, OrderEventKind event, std::string text, StoreUnit unit, BatchChanges& changes);
    void runRouter();
    Status storeFailure() const;
    /// The store stopped writing: from now on nothing changes the book, which would otherwise drift from the
    /// database. Commands are refused with the reason; inbound messages are left for the sell side to resend
    /// after a restart, which resumes from what the store holds.
    void halt(const std::string& reason, BatchChanges& changes);

    OrderStore& store_;
    Options options_;
    OrderBook book_;
    std::string tradeDate_;
    OrderId lastOrderId_ = 0;
    ClOrdIdSource clOrdIds_;
    std::uint64_t lastSubmitted_ = 0;
    Ledger ledger_;                            ///< the one book of positions and cash
    std::vector<ExecutionRecord> executions_;  ///< today's, for snapshots
    std::map<std::int64_t, OrderList> lists_;  ///< today's staged lists and those with open orders
    std::int64_t lastListId_ = 0;
    std::vector<OpeningPosition> openingPositions_;  ///< as last loaded or imported, for snapshots
    std::map<std::string, SessionProgress> inboundProgress_;
    std::map<std::string, std::string> epochs_;  ///< the current epoch of each session, engine thread only
    std::vector<Listener> listeners_;
    std::uint64_t published_ = 0;
    std::string halted_;                    ///< why the engine stopped taking anything; engine thread only
    std::vector<EngineAlert> startAlerts_;  ///< what the check at start found, published with the first change set
    Router router_;
    ComplianceEngine* compliance_ = nullptr;
    BreachBook breaches_;

    std::mutex queueMutex_;
    std::condition_variable queueChanged_;
    std::vector<Command> queue_;
    bool stopping_ = false;
    std::thread thread_;

    std::mutex routeMutex_;
    std::condition_variable routeChanged_;
    /// A request waits here until the unit that made it is committed; an entry without a request is a sentinel.
    struct AwaitingCommit {
        std::uint64_t unit = 0;
        std::optional<OutboundRequest> request;
        std::shared_ptr<std::promise<void>> reached;
    };
    std::deque<AwaitingCommit> awaitingCommit_;

    // Engine thread only.
    std::unordered_set<std::string> routing_;  ///< ClOrdIDs queued for the router, not yet handed over or refused
    std::map<OrderId, std::chrono::steady_clock::time_point> awaitingStatus_;  ///< asked about, answer due by
    bool routerStopping_ = false;
    std::thread routerThread_;
};

}  // namespace ob

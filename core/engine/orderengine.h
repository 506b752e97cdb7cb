#pragma once

#include "engine/changeset.h"
#include "engine/outboundrequest.h"
#include "orders/orderbook.h"
#include "store/orderstore.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace ob {

/// The single writer of order state. Commands from the user and reports from
/// sell sides are queued from any thread and applied, in order, on the
/// engine's own thread: each changes the book through the state machine and
/// is handed to the store as one atomic unit. After each batch the engine
/// publishes one ChangeSet to its listeners.
///
/// A request for the sell side leaves only once the order's new state is
/// committed, so a crash can never leave an order at the broker that the
/// store does not know. A router thread of its own sends them, in order.
class OrderEngine {
public:
    struct Options {
        std::function<Timestamp()> clock = nowUtc;
    };
    using Listener = std::function<void(const ChangeSet&)>;
    using Router = std::function<void(const OutboundRequest&)>;

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

    std::future<Result<OrderState>> submit(NewOrderRequest request);
    std::future<Outcome> cancel(OrderId id);
    std::future<Outcome> replace(OrderId id, OrderTerms terms);
    void post(ExecutionReport report);
    void post(CancelReject reject);
    void post(RequestReject reject);
    /// Keeps a message that could not even be read as an event (bad values,
    /// missing fields) and raises an alert; its MsgSeqNum counts as applied.
    void post(QuarantinedMessage message);
    /// The book as it stands after everything posted before this call.
    std::future<BookSnapshot> snapshot();
    /// One order with its ClOrdID chain and executions, if the book holds it.
    std::future<std::optional<Order>> order(OrderId id);
    /// Waits until every command posted before this call is applied and committed.
    bool sync(std::chrono::milliseconds timeout);

    std::string tradeDate() const { return tradeDate_; }
    /// Per FIX session, the last inbound MsgSeqNum whose effects the store held at start, and its epoch.
    const std::map<std::string, SessionProgress>& inboundProgressAtStart() const { return inboundProgress_; }
    /// Tells the epoch of a session's numbers (when they last started from 1);
    /// a new epoch restarts the session's recorded progress.
    void post(SessionEpoch epoch);

private:
    struct Submit {
        NewOrderRequest request;
        std::promise<Result<OrderState>> done;
    };
    struct Cancel {
        OrderId id;
        std::promise<Outcome> done;
    };
    struct Replace {
        OrderId id;
        OrderTerms terms;
        std::promise<Outcome> done;
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
    using Command = std::variant<ExecutionReport, CancelReject, RequestReject, QuarantinedMessage, SessionEpoch, Submit, Cancel,
                                 Replace, Snapshot, FindOrder, Barrier>;

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
    void handle(SessionEpoch& epoch, BatchChanges& changes);
    void handle(Submit& command, BatchChanges& changes);
    void handle(Cancel& command, BatchChanges& changes);
    void handle(Replace& command, BatchChanges& changes);
    void handle(Snapshot& command, BatchChanges& changes);
    /// Hands the batch's changes to the listeners and starts a new change set.
    void publish(BatchChanges& changes);
    void handle(FindOrder& command, BatchChanges& changes);
    void handle(Barrier& command, BatchChanges& changes);

    /// Records the outcome of an inbound message: the changed order and what
    /// to persist with it, or an alert for a refusal.
    void settleInbound(const OrderBook::Applied& applied, StoreUnit unit, const Origin& origin, std::string_view what,
                       BatchChanges& changes);
    Outcome request(OrderId id, RequestKind kind, const OrderTerms& terms, BatchChanges& changes);
    /// Persists the order with the event and queues the request for the sell side until it is committed.
    void persistAndRoute(const Order& order, OrderEventKind event, OutboundRequest request, BatchChanges& changes);
    std::string nextClOrdId();
    void runRouter();
    Status storeFailure() const;

    OrderStore& store_;
    Options options_;
    OrderBook book_;
    std::string tradeDate_;
    OrderId lastOrderId_ = 0;
    std::int64_t clOrdIdCounter_ = 0;
    std::uint64_t lastSubmitted_ = 0;
    std::vector<ExecutionRecord> executions_;  ///< today's, for snapshots
    std::map<std::string, SessionProgress> inboundProgress_;
    std::map<std::string, std::string> epochs_;  ///< the current epoch of each session, engine thread only
    std::vector<Listener> listeners_;
    std::uint64_t published_ = 0;
    Router router_;

    std::mutex queueMutex_;
    std::condition_variable queueChanged_;
    std::vector<Command> queue_;
    bool stopping_ = false;
    std::thread thread_;

    std::mutex routeMutex_;
    std::condition_variable routeChanged_;
    std::deque<std::pair<std::uint64_t, OutboundRequest>> awaitingCommit_;
    bool routerStopping_ = false;
    std::thread routerThread_;
};

}  // namespace ob

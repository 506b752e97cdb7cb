#pragma once

#include "orders/clordidindex.h"
#include "orders/inbound.h"
#include "orders/order.h"
#include "orders/orderevents.h"
#include "orders/orderstatemachine.h"
#include "orders/outcome.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ob {

/// The local order model: every order of the day (and every multi-day order
/// still working), indexed by internal id, by each ClOrdID of its chain and by
/// the sell side's OrderID. It changes orders only through the state machine.
///
/// Not thread-safe: one writer (the engine) owns it.
class OrderBook {
public:
    /// What the book did with an event and the order it concerned, if found.
    struct Applied {
        Outcome outcome;
        const Order* order = nullptr;
    };

    OrderBook();
    ~OrderBook();
    OrderBook(const OrderBook&) = delete;
    OrderBook& operator=(const OrderBook&) = delete;

    /// Adds a new order in PendingNew. Fails on invalid terms or a ClOrdID already in use.
    Result<const Order*> create(OrderId id, const NewOrderRequest& request, std::string clOrdId, Timestamp at);
    Applied requestCancel(OrderId id, std::string clOrdId, Timestamp at);
    Applied requestReplace(OrderId id, std::string clOrdId, const OrderTerms& terms, Timestamp at);

    /// Sets the order's compliance mark and whether it is held (not sent).
    const Order* markCompliance(OrderId id, ComplianceMark mark, bool held, Timestamp at);
    /// Takes a staged order out of its list to be sent through `session` by `trader`, who owns it from then on.
    Applied releaseStaged(OrderId id, std::string session, std::string trader, Timestamp at);
    /// Closes an order that was never sent: held or staged (Rejected by compliance, Canceled, Expired), or committed
    /// and never handed to FIX (Expired when its day ended first).
    Applied closeUnsent(OrderId id, OrderPhase phase, std::string text, Timestamp at);

    /// Marks a request as handed to the FIX session.
    void markSent(OrderId id, std::string_view clOrdId);
    /// No one could confirm where the order stands at the broker; `why` becomes its text.
    const Order* markUnconfirmed(OrderId id, std::string why, Timestamp at);
    /// The cancel outstanding may be answered with these terms, which the sell side may hold (those of a replace
    /// given up unanswered): the consistency checks take a report that carries them.
    const Order* keepTermsInDoubt(OrderId id, const OrderTerms& terms);
    /// A person says the unconfirmed order is not at the broker: an outstanding cancel or replace is settled as
    /// rejected; an order never acknowledged becomes Rejected, one with fills Canceled (what filled stays filled).
    Applied markRejected(OrderId id, std::string text, Timestamp at);

    /// How an order stood before a report, to put it back (see order_state_machine::Undo).
    struct Undo {
        Order* order = nullptr;
        order_state_machine::Undo before;
    };

    /// Finds the order by ClOrdID, then OrigClOrdID, then (session, OrderID)
    /// and applies the report; an order it cannot find, or one routed to
    /// another session, refuses it. With `undo`, an applied report can be
    /// taken back with undo() until the next change.
    Applied apply(const Inbound<ExecutionReport>& report, Undo* undo = nullptr);
    /// Puts the order back as it was before the report (its OrderID index too).
    void undo(Undo&& undo);
    Applied apply(const Inbound<CancelReject>& reject);
    Applied apply(const Inbound<RequestReject>& reject);

    /// Adds an order rebuilt from the store. Fails on a ClOrdID already in use.
    Status restore(Order order);

    const Order* find(OrderId id) const;
    const Order* findByClOrdId(std::string_view clOrdId) const;
    const Order* findByBrokerOrderId(std::string_view session, std::string_view brokerOrderId) const;

    std::size_t size() const { return orders_.size(); }
    void forEach(const std::function<void(const Order&)>& visit) const;

private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    using StringIndex = std::unordered_map<std::string, Order*, StringHash, std::equal_to<>>;

    Order* findMutable(OrderId id);
    Order* locate(std::string_view session, std::string_view clOrdId, std::string_view origClOrdId,
                  std::string_view brokerOrderId);
    Applied applyRequest(Order* order, std::string clOrdId, Outcome (*request)(Order&, std::string, const OrderTerms&, Timestamp),
                         const OrderTerms& terms, Timestamp at);
    /// Keeps the ClOrdID and OrderID indexes in step with a changed order.
    void reindex(const Order& order, std::string_view brokerOrderIdBefore);
    static std::string brokerKey(std::string_view session, std::string_view brokerOrderId);

    std::unordered_map<OrderId, std::unique_ptr<Order>> orders_;
    ClOrdIdIndex byClOrdId_;
    StringIndex byBrokerOrderId_;
};

}  // namespace ob

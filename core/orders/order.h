#pragma once

#include "orders/orderterms.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// Internal order identity, stable across the whole ClOrdID chain.
using OrderId = std::int64_t;

/// Where an order stands with the sell side, before fills and pending
/// requests are taken into account (OrdStatus is derived from all three).
enum class OrderPhase : std::uint8_t {
    PendingNew,  ///< sent, not yet acknowledged
    Working,     ///< accepted (explicitly or by a first fill)
    Rejected,
    Canceled,
    Expired,
    DoneForDay,
};

template <>
struct EnumTable<OrderPhase> {
    static constexpr std::array<EnumEntry<OrderPhase>, 6> entries{{
        {OrderPhase::PendingNew, '\0', "PendingNew", ""},
        {OrderPhase::Working, '\0', "Working", ""},
        {OrderPhase::Rejected, '\0', "Rejected", ""},
        {OrderPhase::Canceled, '\0', "Canceled", ""},
        {OrderPhase::Expired, '\0', "Expired", ""},
        {OrderPhase::DoneForDay, '\0', "DoneForDay", ""},
    }};
};

/// Where an order stands with compliance: it passed; it was sent despite a
/// warning; it is blocked (held, not sent); a compliance officer overrode the block.
enum class ComplianceMark : std::uint8_t { Pass, Warn, Block, Overridden };

template <>
struct EnumTable<ComplianceMark> {
    static constexpr std::array<EnumEntry<ComplianceMark>, 4> entries{{
        {ComplianceMark::Pass, '\0', "Pass", "pass"},
        {ComplianceMark::Warn, '\0', "Warn", "warn"},
        {ComplianceMark::Block, '\0', "Block", "block"},
        {ComplianceMark::Overridden, '\0', "Overridden", "overridden"},
    }};
};

/// What one ClOrdID of the chain asked for. A status request (OrderStatusRequest, 35=H) asks where an order
/// stands; it is never a link of the chain.
enum class RequestKind : std::uint8_t { New, Cancel, Replace, Status };
enum class RequestState : std::uint8_t { Pending, Accepted, Rejected };

template <>
struct EnumTable<RequestKind> {
    static constexpr std::array<EnumEntry<RequestKind>, 4> entries{{
        {RequestKind::New, 'N', "New", ""},
        {RequestKind::Cancel, 'C', "Cancel", ""},
        {RequestKind::Replace, 'R', "Replace", ""},
        {RequestKind::Status, 'S', "Status", ""},
    }};
};

template <>
struct EnumTable<RequestState> {
    static constexpr std::array<EnumEntry<RequestState>, 3> entries{{
        {RequestState::Pending, 'P', "Pending", ""},
        {RequestState::Accepted, 'A', "Accepted", ""},
        {RequestState::Rejected, 'X', "Rejected", ""},
    }};
};

/// One ClOrdID of an order's chain: the original order, and each cancel or
/// replace request sent for it.
struct ClOrdIdLink {
    std::string clOrdId;
    RequestKind kind = RequestKind::New;
    RequestState state = RequestState::Pending;
    /// Handed to the FIX session. A request committed but not handed over (the desk stopped in between, or the
    /// session was down) never left: it is sent when the session logs on.
    bool sent = false;

    friend bool operator==(const ClOrdIdLink&, const ClOrdIdLink&) = default;
};

/// A cancel or replace request awaiting the sell side's answer.
struct PendingRequest {
    RequestKind kind = RequestKind::Cancel;
    std::string clOrdId;
    OrderTerms terms;           ///< for a replace, the terms asked for
    bool acknowledged = false;  ///< the sell side reported PendingCancel/PendingReplace
    Timestamp sentAt;

    friend bool operator==(const PendingRequest&, const PendingRequest&) = default;
};

/// One ExecutionReport applied to the order, kept for duplicate detection
/// and for busts and corrections. For a Trade, quantity and price are the
/// current ones: a TradeCorrect updates them, a TradeCancel sets busted.
struct ExecutionEntry {
    std::string execId;
    std::string execRefId;  ///< the ExecID a TradeCorrect or TradeCancel refers to
    ExecType type = ExecType::New;
    bool busted = false;
    Qty quantity;
    Price price;
    Qty lastQty;   ///< as the sell side reported it: a resend must say the same
    Price lastPx;  ///< as reported

    friend bool operator==(const ExecutionEntry&, const ExecutionEntry&) = default;
};

std::uint64_t hashExecId(std::string_view execId);

/// Everything about an order that is persisted and shown: a flat value that
/// can be copied to the store and to the UI.
struct OrderState {
    OrderId id = 0;
    std::string session;  ///< the FIX session it is routed to
    std::string account;
    std::string symbol;
    Side side = Side::Buy;
    OrderTerms terms;           ///< the terms the sell side last accepted (or were sent)
    std::string clOrdId;        ///< the ClOrdID of the terms in force
    std::string brokerOrderId;  ///< OrderID (37) from the sell side
    OrderPhase phase = OrderPhase::PendingNew;
    bool stopped = false;
    bool suspended = false;
    std::optional<PendingRequest> pending;
    Qty cumQty;
    Money notional;     ///< exact sum of quantity × price over live fills
    std::string text;   ///< the last reason given: a reject, a cancel reject, a restatement
    std::string owner;  ///< the user who entered it
    ComplianceMark compliance = ComplianceMark::Pass;
    bool held = false;    ///< blocked by compliance: kept here, never sent, until overridden or rejected
    bool staged = false;  ///< in a PM's staged list: kept here, never sent, until a trader releases it
    /// No one could confirm where the order stands at the broker (a status request went unanswered, or the broker
    /// does not know the order): a person resolves it. Any report the broker then sends about it confirms it again.
    bool unconfirmed = false;
    std::int64_t listId = 0;              ///< the staged list it came from; 0 for none
    std::vector<Allocation> allocations;  ///< a block order's split by account; empty for one account
    Timestamp createdAt;
    Timestamp updatedAt;

    /// The order's OrdStatus by FIX 4.4's precedence: PendingCancel,
    /// PendingReplace, DoneForDay, Filled, Stopped, Suspended,
    /// Canceled/Expired, PartiallyFilled, New/Rejected/PendingNew.
    OrdStatus status() const;
    /// The OrdStatus the order would have without its outstanding cancel or replace.
    OrdStatus statusWithoutRequest() const;
    /// The status as the desk shows it: "Held" while compliance holds the order, "Staged" while it
    /// waits in a staged list, "Unconfirmed" while no one knows where it stands, else the OrdStatus name.
    std::string_view statusName() const {
        return held          ? std::string_view("Held")
               : staged      ? std::string_view("Staged")
               : unconfirmed ? std::string_view("Unconfirmed")
                             : nameOf(status());
    }
    /// Kept on the desk, not yet sent: held by compliance or staged.
    bool isUnsent() const { return held || staged; }
    bool isBlock() const { return !allocations.empty(); }
    Qty leavesQty() const;
    /// notional / cumQty rounded half-even to 8 places; zero without fills.
    Price avgPx() const;
    bool isFilled() const { return cumQty.isPositive() && cumQty >= terms.quantity; }
    /// Still able to trade: acknowledged or not, not finished, not filled.
    bool isLive() const;
    /// Terminal for the day (Filled, Canceled, Rejected, Expired, DoneForDay)
    /// with no request outstanding.
    bool isDone() const { return isTerminal(status()); }
    /// A multi-day order (GTC or GTD) that a DoneForDay does not finish.
    bool isMultiDay() const {
        return terms.timeInForce == TimeInForce::GoodTillCancel || terms.timeInForce == TimeInForce::GoodTillDate;
    }

    friend bool operator==(const OrderState&, const OrderState&) = default;
};

/// The order as the book holds it: its state, the chain of ClOrdIDs and the
/// executions applied to it.
struct Order {
    OrderState state;
    std::vector<ClOrdIdLink> chain;
    std::vector<ExecutionEntry> executions;
    /// hashExecId of each execution, in the same order: a duplicate check
    /// scans eight bytes per execution before it compares any text.
    std::vector<std::uint64_t> executionHashes;

    void addExecution(ExecutionEntry&& entry);
    const ClOrdIdLink* findLink(std::string_view clOrdId) const;
    ClOrdIdLink* findLink(std::string_view clOrdId);
    const ExecutionEntry* findExecution(std::string_view execId) const;
    /// The OrdStatus of one ClOrdID of the chain: the order's own status for
    /// the ClOrdID in force, Replaced for a version a replace superseded,
    /// Rejected for a request the sell side refused.
    std::optional<OrdStatus> statusOf(std::string_view clOrdId) const;

    friend bool operator==(const Order&, const Order&) = default;
};

}  // namespace ob

#pragma once

#include "orders/inbound.h"
#include "orders/order.h"
#include "orders/orderevents.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ob {

/// One ExecutionReport as it was applied, with the order's figures after it:
/// a row of the executions blotter, of the export and of the store.
struct ExecutionRecord {
    OrderId orderId = 0;
    std::string session;
    std::string execId;
    std::string execRefId;
    ExecType execType = ExecType::New;
    std::optional<OrdStatus> reportedStatus;  ///< OrdStatus as the sell side sent it
    OrdStatus status = OrdStatus::New;        ///< the order's OrdStatus after applying it
    std::string clOrdId;
    std::string origClOrdId;
    std::string brokerOrderId;
    std::string symbol;
    Side side = Side::Buy;
    Qty lastQty;
    Price lastPx;
    Qty orderQty;
    Qty cumQty;
    Qty leavesQty;
    Price avgPx;
    std::optional<Timestamp> transactTime;
    Timestamp receivedAt;
    std::int64_t msgSeqNum = 0;
    std::string text;

    static ExecutionRecord of(const Inbound<ExecutionReport>& report, const OrderState& after);
    friend bool operator==(const ExecutionRecord&, const ExecutionRecord&) = default;
};

/// What the user or the sell side did to an order other than an ExecutionReport.
enum class OrderEventKind : std::uint8_t {
    Created,
    CancelRequested,
    ReplaceRequested,
    CancelRejected,
    RequestRejected,
    Held,                  ///< created but blocked by compliance, not sent
    Released,              ///< a compliance officer overrode the block; sent
    RejectedByCompliance,  ///< a compliance officer rejected it; never sent
    CanceledUnsent,        ///< cancelled while held or staged; never sent
    Staged,                ///< created in a PM's staged list, not sent
    ReleasedFromList,      ///< a trader released it from its staged list; sent
    ExpiredUnsent,         ///< still held when its time in force ended; never sent
    Unconfirmed,           ///< the broker did not answer a status request, or does not know the order
    ResolvedUnconfirmed,   ///< a person resolved an unconfirmed order (marked it rejected, or cancelled it)
    ExpiredNeverSent,      ///< committed but never handed to FIX before its day ended; never sent
};

template <>
struct EnumTable<OrderEventKind> {
    static constexpr std::array<EnumEntry<OrderEventKind>, 15> entries{{
        {OrderEventKind::Created, '\0', "Created", ""},
        {OrderEventKind::CancelRequested, '\0', "CancelRequested", ""},
        {OrderEventKind::ReplaceRequested, '\0', "ReplaceRequested", ""},
        {OrderEventKind::CancelRejected, '\0', "CancelRejected", ""},
        {OrderEventKind::RequestRejected, '\0', "RequestRejected", ""},
        {OrderEventKind::Held, '\0', "Held", ""},
        {OrderEventKind::Released, '\0', "Released", ""},
        {OrderEventKind::RejectedByCompliance, '\0', "RejectedByCompliance", ""},
        {OrderEventKind::CanceledUnsent, '\0', "CanceledUnsent", ""},
        {OrderEventKind::Staged, '\0', "Staged", ""},
        {OrderEventKind::ReleasedFromList, '\0', "ReleasedFromList", ""},
        {OrderEventKind::ExpiredUnsent, '\0', "ExpiredUnsent", ""},
        {OrderEventKind::Unconfirmed, '\0', "Unconfirmed", ""},
        {OrderEventKind::ResolvedUnconfirmed, '\0', "ResolvedUnconfirmed", ""},
        {OrderEventKind::ExpiredNeverSent, '\0', "ExpiredNeverSent", ""},
    }};
};

struct OrderEventRecord {
    OrderId orderId = 0;
    Timestamp at;
    OrderEventKind kind = OrderEventKind::Created;
    std::string clOrdId;
    std::string text;

    friend bool operator==(const OrderEventRecord&, const OrderEventRecord&) = default;
};

}  // namespace ob

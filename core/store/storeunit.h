#pragma once

#include "orders/order.h"
#include "orders/orderhistory.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// The order as it is persisted: its state and its ClOrdID chain.
struct OrderRow {
    OrderState state;
    std::vector<ClOrdIdLink> chain;
};

/// The inbound FIX message whose effects a unit carries.
struct InboundProgress {
    std::string session;
    std::int64_t msgSeqNum = 0;
};

/// Everything one event changed, written in one transaction: the order's new
/// state with the execution or event that led to it, so that a crash keeps
/// both or neither.
struct StoreUnit {
    std::optional<OrderRow> order;
    std::optional<ExecutionRecord> execution;
    std::optional<OrderEventRecord> event;
    std::optional<InboundProgress> inbound;
    std::optional<QuarantinedMessage> quarantine;
    std::optional<std::int64_t> clOrdIdCounter;  ///< the last ClOrdID counter value used
};

}  // namespace ob

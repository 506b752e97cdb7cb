#pragma once

#include "auth/users.h"
#include "compliance/breach.h"
#include "domain/referencedata.h"
#include "orders/order.h"
#include "orders/orderhistory.h"
#include "orders/orderlist.h"
#include "portfolio/fundholdings.h"
#include "portfolio/modelportfolio.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// The order as it is persisted: its state and its ClOrdID chain.
struct OrderRow {
    OrderState state;
    std::vector<ClOrdIdLink> chain;
    /// As read back, the figures the row keeps that the state derives (a write derives them from `state`): what a
    /// consistency check compares with the executions.
    Qty storedLeavesQty;
    Price storedAvgPx;
};

/// The inbound FIX message whose effects a unit carries.
struct InboundProgress {
    std::string session;
    std::int64_t msgSeqNum = 0;
};

/// A FIX session's numbers started again from 1 (a new FIX day): the
/// progress recorded before belongs to the previous one.
struct SessionEpoch {
    std::string session;
    std::string epoch;  ///< when the session's store was created or last reset
};

/// How far a FIX session's inbound messages are applied, in which epoch.
struct SessionProgress {
    std::int64_t lastApplied = 0;
    std::string epoch;

    friend bool operator==(const SessionProgress&, const SessionProgress&) = default;
};

/// Everything one event changed, written in one transaction: the order's new
/// state with the execution or event that led to it, so that a crash keeps
/// both or neither.
struct StoreUnit {
    std::optional<OrderRow> order;
    std::optional<ExecutionRecord> execution;
    std::optional<OrderEventRecord> event;
    std::optional<InboundProgress> inbound;
    std::optional<SessionEpoch> epoch;  ///< comes before `inbound` when a unit carries both
    std::optional<QuarantinedMessage> quarantine;
    std::optional<std::int64_t> clOrdIdRun;  ///< the run whose ClOrdIDs the unit's requests carry (ClOrdIdSource)
    /// Requests handed to the FIX session (session, ClOrdID): what a restart need not send again.
    std::vector<std::pair<std::string, std::string>> handedOver;
    std::vector<Breach> breaches;  ///< new or changed, written whole by id
    std::vector<AuditRecord> audit;
    std::optional<RuleBook> rules;  ///< replaces every rule, list entry and locate
    std::optional<OrderList> list;  ///< a staged list, written before its orders
    /// Replace the opening positions of each fund they name.
    std::optional<std::vector<OpeningPosition>> openingPositions;
    /// Replaces the weights of the model of its name (a model without weights is deleted).
    std::optional<ModelPortfolio> model;
    /// Adds the user, or replaces the one of its name (all but its LoginState).
    std::optional<User> user;
    /// Adds or updates each instrument, fund, account and FX rate by its key.
    std::optional<ReferenceData> reference;
    /// An administrator's unlock: the user's failed-login count and lock.
    std::optional<LoginState> loginState;
};

}  // namespace ob

#pragma once

#include "compliance/breach.h"
#include "domain/referencedata.h"
#include "orders/orderhistory.h"
#include "orders/orderlist.h"
#include "portfolio/fundholdings.h"
#include "portfolio/positionbook.h"

#include <memory>
#include <string>
#include <vector>

namespace ob {

/// Something the trader must see: an event the book refused, a store failure.
struct EngineAlert {
    enum class Severity : std::uint8_t { Warning, Error };
    Timestamp at;
    Severity severity = Severity::Warning;
    OrderId orderId = 0;  ///< 0 when no order is concerned
    std::string message;

    friend bool operator==(const EngineAlert&, const EngineAlert&) = default;
};

/// What one batch of events changed: the latest state of each changed order
/// (once per order), the new executions in arrival order, and alerts.
struct ChangeSet {
    std::uint64_t sequence = 0;  ///< numbers the change sets from 1, in publication order
    std::vector<OrderState> orders;
    std::vector<ExecutionRecord> executions;
    std::vector<EngineAlert> alerts;
    std::vector<Breach> breaches;                   ///< raised or changed, once each
    std::vector<OrderList> lists;                   ///< staged lists created
    std::vector<OpeningPosition> openingPositions;  ///< imported: they replace those of each fund they name
    /// The book's positions and cash that changed (Ledger), each once with its new value.
    std::vector<Position> positions;      ///< per account and instrument: the day's fills
    std::vector<Position> fundPositions;  ///< per fund and instrument (Position::account holds the fund)
    std::vector<FundCash> fundCash;
    /// Set once the store has stopped writing: the engine takes nothing more, and says why.
    std::string halted;
    /// The desk's reference data as it now stands, when it changed.
    std::shared_ptr<const ReferenceData> reference;
    bool rulesChanged = false;  ///< the rule set was replaced (OrderEngine::rules() has the new one)

    bool empty() const {
        return orders.empty() && executions.empty() && alerts.empty() && breaches.empty() && lists.empty() &&
               openingPositions.empty() && positions.empty() && fundPositions.empty() && fundCash.empty() && halted.empty() &&
               !reference && !rulesChanged;
    }
};

/// A copy of the book at one instant, for a reader that then follows the
/// change sets published after it: those numbered above `sequence`.
struct BookSnapshot {
    std::uint64_t sequence = 0;  ///< the last change set the snapshot includes
    std::vector<OrderState> orders;
    std::vector<ExecutionRecord> executions;
    std::vector<Breach> breaches;                   ///< every breach open or acknowledged, and today's
    std::vector<OrderList> lists;                   ///< today's staged lists and those with open orders
    std::vector<OpeningPosition> openingPositions;  ///< every fund's, as imported
    std::vector<Position> positions;                ///< every account's
    std::vector<Position> fundPositions;            ///< every fund's
    std::vector<FundCash> fundCash;                 ///< every fund's, per currency
    std::string halted;                             ///< why the engine takes nothing more, once the store stopped
    /// Orders the sell side was asked about (OrderStatusRequest) and has not answered yet; each is answered or
    /// becomes unconfirmed within its session's StatusRequestTimeout.
    std::vector<OrderId> awaitingStatus;
    std::shared_ptr<const ReferenceData> reference;  ///< the desk's reference data
};

}  // namespace ob

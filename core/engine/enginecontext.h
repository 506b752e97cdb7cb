#pragma once

#include "auth/access.h"
#include "domain/referencedata.h"
#include "domain/result.h"
#include "orders/clordidsource.h"
#include "orders/orderbook.h"
#include "store/enginestore.h"

#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace ob {

/// What every part of the order engine works on, on the engine's thread: the one order book, the ids it hands
/// out, the store it writes to, the clock and whether the engine has halted.
struct EngineContext {
    EngineContext(EngineStore& orderStore, std::function<Timestamp()> now) : store(orderStore), clock(std::move(now)) {}

    EngineStore& store;
    std::function<Timestamp()> clock;
    OrderBook book;
    std::string tradeDate;
    OrderId lastOrderId = 0;
    ClOrdIdSource clOrdIds;
    std::string halted;       ///< why the engine stopped taking anything, once the store stopped writing
    ReferenceData reference;  ///< the desk's, as loaded at start: what rules, locates and models may name

    Timestamp now() const { return clock(); }
    /// An error once the store stopped writing: a command then changes nothing.
    Status storeFailure() const {
        if (!halted.empty()) return Error{halted};
        if (auto failure = store.failure()) return Error{*failure};
        return {};
    }
    /// Whether `actor` may change the book now: the store still writes and their role has `permission` to do
    /// `what` (e.g. "enter orders").
    Status mayChange(const Actor& actor, Permission permission, std::string_view what) const {
        if (auto failed = storeFailure(); !failed) return failed;
        if (!actor.may(permission)) return Error{refusal(actor, what)};
        return {};
    }
};

}  // namespace ob

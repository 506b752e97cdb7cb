#pragma once

#include "auth/access.h"
#include "domain/referencedata.h"
#include "domain/result.h"
#include "engine/outboundrequest.h"
#include "orders/clordidsource.h"
#include "orders/orderbook.h"
#include "store/enginestore.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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
    std::string halted;  ///< why the engine stopped taking anything, once the store stopped writing
    /// The desk's reference data, as loaded at start and changed since (setReference): what rules, locates and
    /// models may name. Shared, so that a change set hands it to readers on other threads without a copy.
    std::shared_ptr<const ReferenceData> reference = std::make_shared<const ReferenceData>();
    std::unordered_set<std::string> inactiveSymbols, inactiveAccounts;  ///< from `reference`, for the check of each order
    /// From `reference`: the identifiers of each instrument that has any, for each request that leaves.
    std::unordered_map<std::string, SecurityIds> securityIds;

    Timestamp now() const { return clock(); }
    /// Takes the desk's reference data as it now stands.
    void setReference(std::shared_ptr<const ReferenceData> data) {
        reference = std::move(data);
        inactiveSymbols.clear();
        inactiveAccounts.clear();
        securityIds.clear();
        for (const auto& instrument : reference->instruments) {
            if (!instrument.active) inactiveSymbols.insert(instrument.symbol);
            SecurityIds ids{instrument.isin, instrument.cusip, instrument.sedol, instrument.mic};
            if (ids != SecurityIds{}) securityIds.emplace(instrument.symbol, std::move(ids));
        }
        for (const auto& account : reference->accounts)
            if (!account.active) inactiveAccounts.insert(account.code);
    }
    /// The identifiers of `symbol` as the desk now knows them; none when it knows none.
    SecurityIds securityIdsOf(const std::string& symbol) const {
        const auto found = securityIds.find(symbol);
        return found == securityIds.end() ? SecurityIds{} : found->second;
    }
    /// Refuses a new order (or a release) of a deactivated instrument or account: what the book holds of them
    /// stays, but nothing new starts.
    Status takesNewOrders(const NewOrderRequest& request) const {
        if (inactiveSymbols.contains(request.symbol))
            return Error{"instrument " + request.symbol + " is inactive: it takes no new order"};
        if (inactiveAccounts.contains(request.account))
            return Error{"account " + request.account + " is inactive: it takes no new order"};
        for (const auto& part : request.allocations)
            if (inactiveAccounts.contains(part.account))
                return Error{"account " + part.account + " is inactive: it takes no new order"};
        return {};
    }
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

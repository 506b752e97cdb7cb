#pragma once

#include "domain/instrument.h"
#include "orders/orderterms.h"

#include <optional>
#include <string>
#include <vector>

namespace ob {

/// The parts of an order a person fills in, to say which one is wrong.
enum class OrderField : std::uint8_t {
    Account,
    Broker,
    Symbol,
    Quantity,
    OrderType,
    LimitPrice,
    StopPrice,
    TimeInForce,
    ExpireTime
};

struct OrderProblem {
    OrderField field;
    std::string message;

    friend bool operator==(const OrderProblem&, const OrderProblem&) = default;
};

/// What the market says about an order's prices, when it is known.
struct MarketContext {
    std::optional<Price> last;
    Timestamp now;
};

/// Checks terms against the instrument and the market, for a ticket or an
/// amendment: a positive quantity in whole lots; the prices the type needs,
/// positive and on the tick, and no others; a stop that would not trigger at
/// once (a buy stop above the last price, a sell stop below it); an expiry
/// in the future for GTD and only for GTD. Every problem is listed, each
/// naming its field.
std::vector<OrderProblem> checkTerms(Side side, const OrderTerms& terms, const Instrument& instrument,
                                     const MarketContext& market);

}  // namespace ob

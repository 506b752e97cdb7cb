#pragma once

#include "domain/timestamp.h"

#include <cstdint>
#include <string>

namespace ob {

/// A list of orders a portfolio manager approved (a rebalance) and handed to the
/// traders: its orders wait, staged, until a trader releases them to a broker.
struct OrderList {
    std::int64_t id = 0;
    std::string name;       ///< what it is for: "Rebalance GROWTH to CORE-60"
    std::string fund;       ///< the fund it trades, or several separated by commas
    std::string createdBy;  ///< the portfolio manager who approved it
    Timestamp createdAt;

    friend bool operator==(const OrderList&, const OrderList&) = default;
};

}  // namespace ob

#pragma once

#include "domain/decimal.h"
#include "domain/fixenums.h"
#include "domain/result.h"
#include "domain/timestamp.h"

#include <optional>
#include <string>
#include <vector>

namespace ob {

/// What a replace may change: quantity, type, prices and time in force.
struct OrderTerms {
    Qty quantity;
    OrdType type = OrdType::Limit;
    std::optional<Price> limitPrice;
    std::optional<Price> stopPrice;
    TimeInForce timeInForce = TimeInForce::Day;
    std::optional<Timestamp> expireTime;  ///< only for GoodTillDate

    friend bool operator==(const OrderTerms&, const OrderTerms&) = default;
};

/// A block order's share for one account (each account books to one fund), fixed
/// when the order is entered. Fills are split in proportion to these quantities
/// (core/portfolio/blockallocation.h), so they still apply after an amend.
struct Allocation {
    std::string account;
    Qty quantity;

    friend bool operator==(const Allocation&, const Allocation&) = default;
};

/// A block order's allocations (none for an order of one account) name distinct accounts, at least
/// two, each with a positive quantity, adding up to the order's; the order's account is the first's.
Status validateAllocations(const std::string& account, Qty quantity, const std::vector<Allocation>& allocations);

/// Checks that the terms are complete and consistent: a positive quantity,
/// the prices the order type needs and no others, an expiry only for GTD.
Status validateTerms(const OrderTerms& terms);

}  // namespace ob

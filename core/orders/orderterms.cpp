#include "orderterms.h"

#include "domain/limits.h"

#include <set>

#include <string>

namespace ob {

Status validateTerms(const OrderTerms& terms) {
    if (!terms.quantity.isPositive()) return Error{"quantity must be positive, got " + terms.quantity.toString()};
    if (auto beyond = limits::checkQuantity(terms.quantity, "quantity"); !beyond) return beyond;
    for (const auto& [price, name] : {std::pair{terms.limitPrice, "limit price"}, std::pair{terms.stopPrice, "stop price"}})
        if (price && price->isPositive())
            if (auto beyond = limits::checkPrice(*price, name); !beyond) return beyond;

    const bool needsLimit = needsLimitPrice(terms.type);
    const bool needsStop = needsStopPrice(terms.type);
    const std::string type(nameOf(terms.type));
    if (needsLimit && !terms.limitPrice) return Error{"a " + type + " order needs a limit price"};
    if (!needsLimit && terms.limitPrice) return Error{"a " + type + " order takes no limit price"};
    if (needsStop && !terms.stopPrice) return Error{"a " + type + " order needs a stop price"};
    if (!needsStop && terms.stopPrice) return Error{"a " + type + " order takes no stop price"};
    if (terms.limitPrice && !terms.limitPrice->isPositive())
        return Error{"limit price must be positive, got " + terms.limitPrice->toString()};
    if (terms.stopPrice && !terms.stopPrice->isPositive())
        return Error{"stop price must be positive, got " + terms.stopPrice->toString()};

    const bool goodTillDate = terms.timeInForce == TimeInForce::GoodTillDate;
    if (goodTillDate && !terms.expireTime) return Error{"a GoodTillDate order needs an expiry time"};
    if (!goodTillDate && terms.expireTime) return Error{"only a GoodTillDate order takes an expiry time"};
    return {};
}

Status validateAllocations(const std::string& account, Qty quantity, const std::vector<Allocation>& allocations) {
    if (allocations.empty()) return {};
    if (allocations.size() == 1) return Error{"a block order needs at least two accounts"};
    Qty total;
    std::set<std::string> accounts;
    for (const auto& allocation : allocations) {
        if (allocation.account.empty()) return Error{"an allocation needs an account"};
        if (!accounts.insert(allocation.account).second) return Error{"account " + allocation.account + " is allocated twice"};
        if (!allocation.quantity.isPositive())
            return Error{"the allocation to " + allocation.account + " must be a positive quantity"};
        total += allocation.quantity;
    }
    if (total != quantity)
        return Error{"the allocations add up to " + total.toString() + ", the order is for " + quantity.toString()};
    if (account != allocations.front().account) return Error{"a block order's account is its first allocation's"};
    return {};
}

}  // namespace ob

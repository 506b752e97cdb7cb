#include "orderterms.h"

#include <string>

namespace ob {

Status validateTerms(const OrderTerms& terms) {
    if (!terms.quantity.isPositive()) return Error{"quantity must be positive, got " + terms.quantity.toString()};

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

}  // namespace ob

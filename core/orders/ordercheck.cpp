#include "orders/ordercheck.h"

#include "domain/limits.h"

namespace ob {

std::vector<OrderProblem> checkTerms(Side side, const OrderTerms& terms, const Instrument& instrument,
                                     const MarketContext& market) {
    std::vector<OrderProblem> problems;
    auto problem = [&](OrderField field, std::string message) { problems.push_back({field, std::move(message)}); };

    if (!terms.quantity.isPositive())
        problem(OrderField::Quantity, "quantity must be positive");
    else if (auto beyond = limits::quantityProblem(terms.quantity))
        problem(OrderField::Quantity, "quantity " + *beyond);
    else if (!terms.quantity.isMultipleOf(instrument.lotSize))
        problem(OrderField::Quantity, "quantity " + terms.quantity.toString() + " is not a multiple of " + instrument.symbol +
                                          "'s lot of " + instrument.lotSize.toString());

    const std::string type(nameOf(terms.type));
    auto checkPrice = [&](OrderField field, const char* name, const std::optional<Price>& price, bool needed) {
        if (!needed) {
            if (price) problem(field, std::string("a ") + type + " order takes no " + name);
            return false;
        }
        if (!price) {
            problem(field, std::string("a ") + type + " order needs a " + name);
            return false;
        }
        if (!price->isPositive()) {
            problem(field, std::string(name) + " must be positive");
            return false;
        }
        if (auto beyond = limits::priceProblem(*price)) {
            problem(field, std::string(name) + " " + *beyond);
            return false;
        }
        if (!price->isMultipleOf(instrument.tickSize)) {
            problem(field, std::string(name) + " " + price->toString() + " is not on " + instrument.symbol + "'s tick of " +
                               instrument.tickSize.toString());
            return false;
        }
        return true;
    };
    checkPrice(OrderField::LimitPrice, "limit price", terms.limitPrice, needsLimitPrice(terms.type));
    const bool stopOk = checkPrice(OrderField::StopPrice, "stop price", terms.stopPrice, needsStopPrice(terms.type));

    const bool buying = side == Side::Buy;
    if (stopOk && market.last) {
        const Price stop = *terms.stopPrice;
        const Price last = *market.last;
        if (buying && stop <= last)
            problem(OrderField::StopPrice,
                    "a buy stop must be above the last price " + last.toString() + ", or it triggers at once");
        if (!buying && stop >= last)
            problem(OrderField::StopPrice,
                    "a sell stop must be below the last price " + last.toString() + ", or it triggers at once");
    }
    const bool goodTillDate = terms.timeInForce == TimeInForce::GoodTillDate;
    if (goodTillDate && !terms.expireTime) problem(OrderField::ExpireTime, "a GoodTillDate order needs an expiry time");
    if (goodTillDate && terms.expireTime && *terms.expireTime <= market.now)
        problem(OrderField::ExpireTime, "the expiry time is in the past");
    if (!goodTillDate && terms.expireTime) problem(OrderField::ExpireTime, "only a GoodTillDate order takes an expiry time");
    return problems;
}

}  // namespace ob

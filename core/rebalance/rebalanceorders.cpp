#include "rebalance/rebalanceorders.h"

#include <map>

namespace ob {

namespace {

NewOrderRequest marketOrder(const std::string& account, const std::string& symbol, Side side, Qty quantity) {
    NewOrderRequest request;
    request.account = account;
    request.symbol = symbol;
    request.side = side;
    request.terms.quantity = quantity;
    request.terms.type = OrdType::Market;
    request.terms.timeInForce = TimeInForce::Day;
    return request;
}

}  // namespace

std::vector<NewOrderRequest> rebalanceOrders(const std::vector<FundTrades>& funds, bool blocks) {
    // Keyed by (sells first, symbol): the order the orders are listed in.
    std::map<std::pair<int, std::string>, std::vector<Allocation>> bySymbol;
    for (const auto& fund : funds)
        for (const auto& trade : fund.trades)
            if (trade.quantity.isPositive())
                bySymbol[{trade.side == Side::Buy ? 1 : 0, trade.symbol}].push_back({fund.account, trade.quantity});
    std::vector<NewOrderRequest> orders;
    for (const auto& [key, parts] : bySymbol) {
        const Side side = key.first == 0 ? Side::Sell : Side::Buy;
        if (blocks && parts.size() > 1) {
            Qty total;
            for (const auto& part : parts) total += part.quantity;
            auto block = marketOrder(parts.front().account, key.second, side, total);
            block.allocations = parts;
            orders.push_back(std::move(block));
            continue;
        }
        for (const auto& part : parts) orders.push_back(marketOrder(part.account, key.second, side, part.quantity));
    }
    return orders;
}

}  // namespace ob

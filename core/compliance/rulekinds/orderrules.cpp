// The kinds about the order itself: what it trades, at what size and price, and who enters it.

#include "compliance/rulekinds/rulecheck.h"
#include "compliance/rulekinds/rulekinds.h"

#include <array>

namespace ob {

namespace {

std::optional<RuleResult> restrictedList(OrderCheck& check) {
    const Rule& rule = check.rule;
    const auto& order = check.order;
    const bool listed = check.compiled.symbols.count(order.symbol) ||
                        (check.instrument && check.compiled.issuers.count(check.instrument->issuer));
    const bool buying = order.side == Side::Buy;
    const bool forbidden = rule.restriction == Restriction::NoTrade || (rule.restriction == Restriction::NoBuy && buying) ||
                           (rule.restriction == Restriction::NoSell && !buying);
    if (!listed || !forbidden) return std::nullopt;
    return check.flag(BreachCause::Active, order.symbol + " is restricted (" + std::string(aliasOf(rule.restriction)) + ")");
}

std::optional<std::string> restrictedListInvalid(const Rule& rule) {
    if (rule.symbols.empty() && rule.issuers.empty()) return "a restricted list needs at least one symbol or issuer";
    return std::nullopt;
}

std::optional<RuleResult> maxOrderQuantity(OrderCheck& check) {
    const Money quantity = amountOf(check.order.quantity);
    return check.finding(check.judge(check.rule, {}, quantity, false), {}, quantity, "order quantity");
}

std::optional<RuleResult> maxOrderNotional(OrderCheck& check) {
    const auto notional = check.reportingValue(check.order.quantity);
    if (!notional) return check.noPrice();
    return check.finding(check.judge(check.rule, {}, *notional, false), {}, *notional, "order notional in USD");
}

std::optional<RuleResult> priceCollar(OrderCheck& check) {
    const auto& limitPrice = check.order.limitPrice;
    const auto reference = check.engine.markPrice(check.order.symbol);
    if (!limitPrice || !reference || !reference->isPositive()) return std::nullopt;
    const Money distance = percentOf(absolute(amountOf(*limitPrice) - amountOf(*reference)), amountOf(*reference));
    return check.finding(check.judge(check.rule, {}, distance, false), {}, distance,
                         "limit " + limitPrice->toString() + " is from reference " + reference->toString() + " by");
}

std::optional<RuleResult> duplicateOrder(OrderCheck& check) {
    const Rule& rule = check.rule;
    const auto& order = check.order;
    if (order.replaces) return std::nullopt;
    const Timestamp since = order.at - std::chrono::seconds(rule.windowSeconds);
    const auto& recent = check.engine.recentOrders();
    for (auto it = recent.rbegin(); it != recent.rend() && it->at >= since; ++it) {
        if (it->account == order.account && it->symbol == order.symbol && it->side == order.side &&
            it->quantity == order.quantity) {
            const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(order.at - it->at).count();
            return check.flag(BreachCause::Active, "the same order was entered " + std::to_string(seconds) + " s ago (window " +
                                                       std::to_string(rule.windowSeconds) + " s)");
        }
    }
    return std::nullopt;
}

std::optional<std::string> duplicateOrderInvalid(const Rule& rule) {
    if (rule.windowSeconds <= 0) return "a duplicate-order rule needs window_seconds above 0";
    return std::nullopt;
}

std::optional<RuleResult> dailyTraderNotional(OrderCheck& check) {
    const auto& order = check.order;
    const auto added = check.reportingValue(order.quantity - order.replaces.value_or(Qty{}));
    if (!added) return check.noPrice();
    const Money before = check.engine.traderNotional(order.trader);
    const Money after = before + *added;
    return check.finding(check.judge(check.rule, before, after, true), before, after, order.trader + "'s notional today in USD");
}

const std::array<RuleKindSpec, 6> kOrderRuleKinds{{
    {.kind = RuleKind::RestrictedList, .readsEntries = true, .invalid = restrictedListInvalid, .checkOrder = restrictedList},
    {.kind = RuleKind::MaxOrderQuantity,
     .unit = FigureUnit::Quantity,
     .readsLimit = true,
     .orderFigure = true,
     .boundsQuantity = true,
     .checkOrder = maxOrderQuantity},
    {.kind = RuleKind::MaxOrderNotional,
     .unit = FigureUnit::Amount,
     .readsLimit = true,
     .orderFigure = true,
     .boundsQuantity = true,
     .checkOrder = maxOrderNotional},
    {.kind = RuleKind::PriceCollar,
     .unit = FigureUnit::Percent,
     .readsLimit = true,
     .orderFigure = true,
     .checkOrder = priceCollar},
    {.kind = RuleKind::DuplicateOrder, .readsWindow = true, .invalid = duplicateOrderInvalid, .checkOrder = duplicateOrder},
    {.kind = RuleKind::DailyTraderNotional,
     .unit = FigureUnit::Amount,
     .readsLimit = true,
     .boundsQuantity = true,
     .checkOrder = dailyTraderNotional},
}};

}  // namespace

std::span<const RuleKindSpec> orderRuleKinds() { return kOrderRuleKinds; }

}  // namespace ob

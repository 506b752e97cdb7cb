// The kinds about what the fund holds after the trade: a position, its exposures, its shorts and its cash.

#include "compliance/rulekinds/rulecheck.h"
#include "compliance/rulekinds/rulekinds.h"

#include <array>

namespace ob {

namespace {

std::optional<RuleResult> positionLimit(OrderCheck& check) {
    const Qty held = check.engine.holdings().quantity(check.fund, check.order.symbol);
    const Qty heldAfter = held + check.delta;
    const Money before = amountOf(held.abs()), after = amountOf(heldAfter.abs());
    return check.finding(check.judge(check.rule, before, after, !flips(held, heldAfter)), before, after,
                         check.fund + " position in " + check.order.symbol);
}

void positionLimitHeld(const HoldingCheck& check) {
    for (const auto& [symbol, quantity] : check.holdings.quantities)
        if (check.compiled.inGroup(symbol, check.engine.instrument(symbol)))
            check.report(check.compiled.rule, amountOf(quantity.abs()), symbol, "position in " + symbol);
}

/// The fund's exposure to `key` (the order's issuer, sector or country) before and after the order.
std::optional<RuleResult> exposure(OrderCheck& check, const std::string& key,
                                   const std::unordered_map<std::string, Money> FundExposure::*byKey, const char* label) {
    const Rule& rule = check.rule;
    const auto traded = check.fundValue(check.delta);
    if (!traded) return check.noPrice();
    const auto& figures = check.engine.exposure(check.fund);
    if (!rule.target.empty() && rule.target != key) return std::nullopt;
    const auto& exposures = figures.*byKey;
    const auto found = exposures.find(key);
    const Money held = found == exposures.end() ? Money{} : found->second;
    const Money before = percentOf(absolute(held), figures.nav);
    const Money after = percentOf(absolute(held + *traded), figures.nav);
    check.result.subject = key;
    return check.finding(check.judge(rule, before, after, !flips(held, held + *traded)), before, after,
                         check.fund + " " + label + " " + key + " at");
}

std::optional<RuleResult> issuerConcentration(OrderCheck& check) {
    if (!check.instrument) return std::nullopt;
    return exposure(check, issuerOf(check.instrument, check.order.symbol), &FundExposure::byIssuer, "issuer");
}

std::optional<RuleResult> sectorExposure(OrderCheck& check) {
    if (!check.instrument) return std::nullopt;
    return exposure(check, check.instrument->sector, &FundExposure::bySector, "sector");
}

std::optional<RuleResult> countryExposure(OrderCheck& check) {
    if (!check.instrument) return std::nullopt;
    return exposure(check, check.instrument->country, &FundExposure::byCountry, "country");
}

void issuerConcentrationHeld(const HoldingCheck& check) {
    check.reportExposures(check.figures.byIssuer, "issuer",
                          [](const std::string& symbol, const Instrument* held) { return issuerOf(held, symbol); });
}

void sectorExposureHeld(const HoldingCheck& check) {
    check.reportExposures(check.figures.bySector, "sector",
                          [](const std::string&, const Instrument* held) { return held ? held->sector : std::string(); });
}

void countryExposureHeld(const HoldingCheck& check) {
    check.reportExposures(check.figures.byCountry, "country",
                          [](const std::string&, const Instrument* held) { return held ? held->country : std::string(); });
}

std::optional<RuleResult> shortSaleLocate(OrderCheck& check) {
    const auto& order = check.order;
    const auto& fund = check.fund;
    if (order.side == Side::Buy) return std::nullopt;
    const Qty held = check.engine.holdings().quantity(fund, order.symbol);
    const Qty after = held + check.delta;
    if (!after.isNegative()) return std::nullopt;
    const Qty available = check.engine.located(fund, order.symbol);
    const Qty shortBefore = held.isNegative() ? -held : Qty{};
    if (-after <= available) return std::nullopt;
    check.result.before = amountOf(shortBefore);
    check.result.after = amountOf(-after);
    check.result.limit = amountOf(available);
    return check.flag(
        shortBefore > available ? BreachCause::Worsened : BreachCause::Active,
        "short " + (-after).toString() + " " + order.symbol + " in " + fund + " with " + available.toString() + " located");
}

std::optional<RuleResult> cash(OrderCheck& check) {
    const auto& order = check.order;
    const auto& fund = check.fund;
    if (order.side != Side::Buy) return std::nullopt;
    const auto cost = check.fundValue(check.remaining);
    if (!cost) return check.noPrice();
    const auto& figures = check.engine.exposure(fund);
    const Money before = figures.cash - check.engine.openBuysExcept(fund, order.id);
    const Money after = before - *cost;
    const auto* holdings = check.engine.holdings().find(fund);
    return check.finding(check.judge(check.rule, before, after, true), before, after,
                         fund + " cash after open buys in " + (holdings ? holdings->baseCurrency : std::string("base currency")));
}

void cashHeld(const HoldingCheck& check) { check.report(check.compiled.rule, check.figures.cash, "cash", "cash at"); }

std::optional<std::string> cashInvalid(const Rule& rule) {
    // Lower is worse for cash: the warning comes first, above the minimum.
    if (rule.warnAt && rule.limit && *rule.warnAt < *rule.limit)
        return "a cash rule's warning level must be at or above its minimum";
    return std::nullopt;
}

const std::array<RuleKindSpec, 6> kHoldingRuleKinds{{
    {.kind = RuleKind::PositionLimit,
     .unit = FigureUnit::Quantity,
     .readsLimit = true,
     .boundsQuantity = true,
     .checkOrder = positionLimit,
     .checkHoldings = positionLimitHeld},
    {.kind = RuleKind::IssuerConcentration,
     .unit = FigureUnit::Percent,
     .readsLimit = true,
     .boundsQuantity = true,
     .checkOrder = issuerConcentration,
     .checkHoldings = issuerConcentrationHeld},
    {.kind = RuleKind::SectorExposure,
     .unit = FigureUnit::Percent,
     .readsLimit = true,
     .readsTarget = true,
     .boundsQuantity = true,
     .checkOrder = sectorExposure,
     .checkHoldings = sectorExposureHeld},
    {.kind = RuleKind::CountryExposure,
     .unit = FigureUnit::Percent,
     .readsLimit = true,
     .readsTarget = true,
     .boundsQuantity = true,
     .checkOrder = countryExposure,
     .checkHoldings = countryExposureHeld},
    {.kind = RuleKind::ShortSaleLocate, .unit = FigureUnit::Quantity, .boundsQuantity = true, .checkOrder = shortSaleLocate},
    {.kind = RuleKind::Cash,
     .unit = FigureUnit::Amount,
     .readsLimit = true,
     .lowerIsWorse = true,
     .boundsQuantity = true,
     .invalid = cashInvalid,
     .checkOrder = cash,
     .checkHoldings = cashHeld,
     .fundWide = everyFinding},
}};

}  // namespace

std::span<const RuleKindSpec> holdingRuleKinds() { return kHoldingRuleKinds; }

}  // namespace ob

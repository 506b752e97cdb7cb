// The kinds whose limits the law sets: how a fund spreads its assets over issuers.

#include "compliance/rulekinds/rulecheck.h"
#include "compliance/rulekinds/rulekinds.h"

#include <array>

namespace ob {

namespace {

const Money kFive = Money::fromInteger(5);
const std::string kAbove5 = "issuers above 5%";

std::optional<RuleResult> ucits(OrderCheck& check) {
    const auto move = check.issuerMove();
    if (!move) return check.noPrice();
    const auto& [figures, issuer, held, heldAfter] = *move;
    const Money before = percentOf(absolute(held), figures.nav), after = percentOf(absolute(heldAfter), figures.nav);
    check.result.subject = issuer;
    if (auto single = check.finding(check.judge(withLegalLimit(check.rule, 10), before, after, !flips(held, heldAfter)), before,
                                    after, check.fund + " issuer " + issuer + " at"))
        return single;
    const Money above5 =
        figures.ucitsAbove5 - (before > kFive ? absolute(held) : Money{}) + (after > kFive ? absolute(heldAfter) : Money{});
    const Money sumBefore = percentOf(figures.ucitsAbove5, figures.nav), sumAfter = percentOf(above5, figures.nav);
    check.result.subject = kAbove5;
    return check.finding(check.judge(withLegalLimit(check.rule, 40), sumBefore, sumAfter, true), sumBefore, sumAfter,
                         check.fund + " issuers above 5% together at");
}

void ucitsHeld(const HoldingCheck& check) {
    const auto& figures = check.figures;
    const Rule tenPercent = withLegalLimit(check.compiled.rule, 10);
    for (const auto& [issuer, value] : figures.byIssuer)
        check.report(tenPercent, percentOf(absolute(value), figures.nav), issuer, "issuer " + issuer + " at");
    check.report(withLegalLimit(check.compiled.rule, 40), percentOf(figures.ucitsAbove5, figures.nav), kAbove5,
                 "issuers above 5% together at");
}

bool aboutIssuersAbove5(const RuleResult& finding) { return finding.subject == kAbove5; }

std::optional<RuleResult> act1940Diversified(OrderCheck& check) {
    const auto move = check.issuerMove();
    if (!move) return check.noPrice();
    const auto& [figures, issuer, held, heldAfter] = *move;
    const auto sharesFound = figures.sharesByIssuer.find(issuer);
    const Qty shares = sharesFound == figures.sharesByIssuer.end() ? Qty{} : sharesFound->second;
    const auto voting = check.engine.votingShares(issuer);
    const bool failsBefore = failsDiversification(held, figures.totalAssets, shares, voting);
    const bool failsAfter = failsDiversification(heldAfter, figures.totalAssets, shares + check.delta, voting);
    const Money nonQualifying =
        figures.nonQualifying1940 - (failsBefore ? absolute(held) : Money{}) + (failsAfter ? absolute(heldAfter) : Money{});
    const Money before = percentOf(figures.nonQualifying1940, figures.totalAssets);
    const Money after = percentOf(nonQualifying, figures.totalAssets);
    check.result.subject = issuer;
    return check.finding(
        check.judge(withLegalLimit(check.rule, 25), before, after, true), before, after,
        check.fund + " holdings outside the 75% diversified basket (issuers above 5% of assets or 10% of votes) at");
}

void act1940DiversifiedHeld(const HoldingCheck& check) {
    check.report(withLegalLimit(check.compiled.rule, 25), percentOf(check.figures.nonQualifying1940, check.figures.totalAssets),
                 "non-diversified", "holdings outside the 75% diversified basket at");
}

const std::array<RuleKindSpec, 2> kDiversificationRuleKinds{{
    {.kind = RuleKind::Ucits,
     .unit = FigureUnit::Percent,
     .boundsQuantity = true,
     .checkOrder = ucits,
     .checkHoldings = ucitsHeld,
     .fundWide = aboutIssuersAbove5},
    {.kind = RuleKind::Act1940Diversified,
     .unit = FigureUnit::Percent,
     .boundsQuantity = true,
     .checkOrder = act1940Diversified,
     .checkHoldings = act1940DiversifiedHeld,
     .fundWide = everyFinding},
}};

}  // namespace

std::span<const RuleKindSpec> diversificationRuleKinds() { return kDiversificationRuleKinds; }

}  // namespace ob

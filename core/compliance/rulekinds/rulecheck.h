#pragma once

#include "compliance/complianceengine.h"
#include "compliance/rulekinds/rulekindspec.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ob {

/// A rule ready to check: its lists as sets, its instrument group taken apart, its kind's specification.
struct CompiledRule {
    explicit CompiledRule(Rule source);

    Rule rule;
    const RuleKindSpec* spec;
    std::unordered_set<std::string> symbols;
    std::unordered_set<std::string> issuers;
    std::string groupKey;  ///< InstrumentGroup: sector, country, issuer, currency or symbols
    std::string groupValue;
    std::unordered_set<std::string> groupSymbols;

    bool inGroup(const std::string& symbol, const Instrument* instrument) const;
};

/// How a figure compares with the rule's limit and warning threshold, and
/// whether the trade is the cause (see BreachCause).
struct Judgement {
    Verdict verdict = Verdict::Pass;
    BreachCause cause = BreachCause::Active;
    Money threshold;
};

/// A figure as the messages show it, in the kind's unit.
std::string show(Money value, FigureUnit unit);

/// Whether a position or exposure changes sign: a short beyond the limit after a long beyond it is a new
/// breach, not a smaller one.
template <typename T>
bool flips(T before, T after) {
    return (before.isPositive() && after.isNegative()) || (before.isNegative() && after.isPositive());
}

/// One order against one rule: what a kind's check reads, and how it words what it finds.
class OrderCheck {
public:
    OrderCheck(const ComplianceEngine& asking, const CompiledRule& checking, const ProposedOrder& proposed,
               const std::string& ofFund, const Instrument* traded);

    const ComplianceEngine& engine;
    const CompiledRule& compiled;
    const Rule& rule;
    const ProposedOrder& order;
    const std::string& fund;
    const Instrument* instrument;
    Qty remaining;  ///< what is left to trade
    Qty delta;      ///< what that does to the fund's position
    std::optional<Price> price;
    /// The finding as far as it is known; a check may name its subject or figures before it is made.
    RuleResult result;

    /// `after` (and `before`) against `judged`, the rule itself or the legal limit it stands for.
    Judgement judge(const Rule& judged, Money before, Money after, bool hasBefore) const;
    /// The finding when the judgement is not a pass; `what` names the figure ("order quantity").
    std::optional<RuleResult> finding(const Judgement& judgement, Money before, Money after, const std::string& what);
    /// A finding at the rule's severity, for a kind that compares no figure with a limit.
    std::optional<RuleResult> flag(BreachCause cause, const std::string& message);
    /// The finding when the order cannot be valued: a rule that cannot be checked does not pass.
    std::optional<RuleResult> noPrice();
    /// A quantity of the order's instrument at its price, in the fund's base currency.
    std::optional<Money> fundValue(Qty quantity) const;
    /// The same in the reporting currency.
    std::optional<Money> reportingValue(Qty quantity) const;

    /// The order's issuer in the fund, before and after the trade, in the fund's currency.
    struct IssuerMove {
        const FundExposure& figures;
        const std::string& issuer;
        Money held;
        Money heldAfter;
    };
    std::optional<IssuerMove> issuerMove() const;
};

/// One fund's holdings against one rule, after trades or prices changed them.
class HoldingCheck {
public:
    const ComplianceEngine& engine;
    const CompiledRule& compiled;
    const std::string& fund;
    const FundHoldings::Fund& holdings;
    const FundExposure& figures;
    std::vector<RuleResult>& results;

    /// Adds a finding when `value` is beyond `judged`, the rule itself or the legal limit it stands for.
    void report(const Rule& judged, Money value, const std::string& subject, const std::string& what) const;
    /// Reports each exposure in `byKey` (by issuer, sector or country) beyond the rule. An instrument group narrows
    /// it to the keys of the fund's holdings in the group.
    void reportExposures(const std::unordered_map<std::string, Money>& byKey, const char* label,
                         const std::function<std::string(const std::string&, const Instrument*)>& keyOf) const;
};

/// For RuleKindSpec::fundWide: every finding of the kind is about the whole fund.
inline bool everyFinding(const RuleResult&) { return true; }

/// The rule's limit replaced by one the law sets, with no warning threshold of its own.
Rule withLegalLimit(const Rule& rule, int percent);

}  // namespace ob

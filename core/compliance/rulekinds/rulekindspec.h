#pragma once

#include "compliance/breach.h"

#include <optional>
#include <string>

namespace ob {

class OrderCheck;
class HoldingCheck;

/// Everything that sets one rule kind apart, in one place: docs/compliance-rules.md says the same in words.
/// A new kind is a RuleKind value with its names (rule.h) and one specification in its family's list.
struct RuleKindSpec {
    RuleKind kind;
    FigureUnit unit = FigureUnit::None;
    // The parameters the kind reads beyond those every rule has (name, severity, mode, scope): the rules dialog
    // shows and keeps only these.
    bool readsLimit = false;      ///< limit and warn_at
    bool readsEntries = false;    ///< restriction, symbols and issuers
    bool readsWindow = false;     ///< window_seconds
    bool readsTarget = false;     ///< target
    bool lowerIsWorse = false;    ///< the limit is a minimum (cash): a figure below it breaches it
    bool orderFigure = false;     ///< the figure is the order's own, with no "before" worth stating
    bool boundsQuantity = false;  ///< more quantity never helps the order pass: headroom searches for the most that does
    /// The kind's own parameter checks, after those every rule has: the problem, worded to follow "rule 'name': ".
    std::optional<std::string> (*invalid)(const Rule& rule) = nullptr;
    /// The finding on one order, if the rule warns about or stops it.
    std::optional<RuleResult> (*checkOrder)(OrderCheck& check) = nullptr;
    /// Reports every figure of the fund's holdings beyond the rule now; none for a kind about orders alone.
    void (*checkHoldings)(const HoldingCheck& check) = nullptr;
    /// Whether a post-trade finding is about the whole fund, so any trade of it is a cause, not only one in its subject.
    bool (*fundWide)(const RuleResult& finding) = nullptr;
};

/// The specification of every kind, from one table (rulekinds.cpp).
const RuleKindSpec& specOf(RuleKind kind);

}  // namespace ob

#pragma once

#include "compliance/rulekinds/rulekindspec.h"

#include <span>

namespace ob {

// The specifications, by family; specOf() finds each kind among them.
std::span<const RuleKindSpec> orderRuleKinds();            ///< about the order itself (orderrules.cpp)
std::span<const RuleKindSpec> holdingRuleKinds();          ///< about the fund's holdings (holdingrules.cpp)
std::span<const RuleKindSpec> diversificationRuleKinds();  ///< the legal spreads over issuers (diversificationrules.cpp)

}  // namespace ob

#pragma once

#include "compliance/rule.h"
#include "domain/referencedata.h"
#include "domain/result.h"

namespace ob {

/// Checks that a rule set names only what the desk has (`desk`): the fund or account a rule is scoped to, each
/// symbol, issuer, sector, country and currency of an instrument group, the sector or country an exposure rule
/// targets, and the fund and symbol of each locate. Names match exactly, as the rules compare them: a rule scoped
/// to a misspelt fund would never apply, so its limit would hold for no order at all.
///
/// Restricted lists are exempt: they exist to block what the desk must not trade, which includes what it does
/// not trade yet. A trader scope is not checked here either: users are not reference data.
///
/// Every unknown name is refused, each with the rule or locate that names it.
Status checkRuleBookNames(const RuleBook& book, const ReferenceData& desk);

}  // namespace ob

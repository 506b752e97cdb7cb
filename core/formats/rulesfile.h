#pragma once

#include "compliance/rule.h"

#include <string>
#include <string_view>

namespace ob {

/// The rules file: a JSON document that carries a whole rule set (rules,
/// restricted lists, limits and locates) between machines and into review.
/// docs/compliance-rules.md documents the format; in short:
///
///   {"format": "openblotter-rules", "version": 1,
///    "rules": [{"id": 1, "name": "...", "kind": "max_order_notional", "severity": "block",
///               "mode": "active", "scope": {"kind": "fund", "value": "GROWTH"},
///               "limit": "5000000", "warn_at": "4000000", ...}],
///    "locates": [{"fund": "GROWTH", "symbol": "TSLA", "quantity": "5000"}]}
///
/// Decimals are strings (or whole numbers) so that they stay exact.
Result<RuleBook> parseRulesFile(std::string_view json);
std::string writeRulesFile(const RuleBook& rules);

}  // namespace ob

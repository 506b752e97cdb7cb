#pragma once

#include "compliance/rule.h"
#include "domain/referencedata.h"
#include "portfolio/fundholdings.h"

#include <string>
#include <vector>

namespace ob::bench {

/// The large fund the compliance and rebalance benchmarks work on: `holdings` instruments of as many
/// issuers over 11 sectors and 10 countries, priced 10 to 209.50, in the fund BIG (account BIG-PB).
ReferenceData benchReference(int holdings);
/// The fund's positions in each instrument, and 50,000,000 of cash.
std::vector<OpeningPosition> benchPositions(const ReferenceData& reference, const std::string& fund);
/// The symbol of the i-th instrument.
std::string benchSymbol(int i);
/// 40 rules: every kind of the demo rule set, a 10,000-symbol restricted list, and scoped variants.
RuleBook benchRules();

}  // namespace ob::bench

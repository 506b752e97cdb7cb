#pragma once

#include "compliance/rule.h"
#include "domain/result.h"
#include "portfolio/fundholdings.h"

#include <vector>

namespace ob {

/// The rules and opening positions a new desk starts from, written before any engine runs. A running desk changes
/// them through the engine (setRules, setOpeningPositions), in units of its journal.
class ComplianceSetup {
public:
    virtual ~ComplianceSetup() = default;

    /// Replaces the opening positions of each fund named. Thread-safe.
    virtual Status saveOpeningPositions(const std::vector<OpeningPosition>& positions) = 0;
    virtual Status saveRules(const RuleBook& rules) = 0;
};

}  // namespace ob

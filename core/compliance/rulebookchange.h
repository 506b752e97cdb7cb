#pragma once

#include "compliance/rule.h"
#include "domain/result.h"

#include <string>
#include <vector>

namespace ob {

/// One change a new rule set makes to the one in force, as the audit trail records it.
struct RuleChange {
    std::string action;  ///< rule.add, rule.change, rule.remove, locates.change or rules.unchanged
    std::string subject;
    std::string details;

    friend bool operator==(const RuleChange&, const RuleChange&) = default;
};

/// A proposed rule set made ready to replace `inForce`: a rule without an id gets the next one after every id in
/// use, each rule is validated, ids and names are unique and every locate is whole. The set comes back normalised;
/// the first fault refuses it whole.
Result<RuleBook> prepareRuleBook(RuleBook proposed, const RuleBook& inForce);

/// What `next` changes in `inForce`: one entry per rule added, changed or removed, with the old and new values,
/// and one for the locates; a single "rules.unchanged" when nothing changed. `how` (imported from a file, edited
/// in the desktop) opens each entry's details.
std::vector<RuleChange> ruleChanges(const RuleBook& inForce, const RuleBook& next, const std::string& how);

}  // namespace ob

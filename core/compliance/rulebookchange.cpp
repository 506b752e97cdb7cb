#include "compliance/rulebookchange.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "domain/quoting.h"

#include <algorithm>
#include <map>
#include <set>

namespace ob {

namespace {

std::string describeRule(const Rule& r) {
    std::string text = std::string(aliasOf(r.kind)) + ", " + std::string(aliasOf(r.severity)) + ", " +
                       std::string(aliasOf(r.mode)) + ", scope " + std::string(aliasOf(r.scope)) +
                       (r.scopeValue.empty() ? "" : " " + r.scopeValue);
    if (r.limit) text += ", limit " + r.limit->toString();
    if (r.warnAt) text += ", warn at " + r.warnAt->toString();
    if (specOf(r.kind).readsEntries)
        text += ", " + std::string(aliasOf(r.restriction)) + " " + std::to_string(r.symbols.size()) + " symbols " +
                std::to_string(r.issuers.size()) + " issuers";
    if (r.windowSeconds) text += ", window " + std::to_string(r.windowSeconds) + " s";
    if (!r.target.empty()) text += ", target " + r.target;
    return text;
}

std::string describeLocates(const std::vector<Locate>& locates) {
    if (locates.empty()) return "none";
    std::string text;
    for (const auto& locate : locates)
        text += (text.empty() ? "" : "; ") + locate.fund + " " + locate.symbol + " " + locate.quantity.toString();
    return text;
}

std::string subjectOf(std::int64_t id, const std::string& name) { return "rule " + std::to_string(id) + " (" + name + ")"; }

}  // namespace

Result<RuleBook> prepareRuleBook(RuleBook proposed, const RuleBook& inForce) {
    std::int64_t lastId = 0;
    for (const auto& rule : inForce.rules) lastId = std::max(lastId, rule.id);
    for (const auto& rule : proposed.rules) lastId = std::max(lastId, rule.id);
    std::set<std::int64_t> ids;
    std::set<std::string> names;
    for (auto& rule : proposed.rules) {
        if (rule.id <= 0) rule.id = ++lastId;
        if (auto valid = rule.validate(); !valid) return Error{valid.error()};
        if (!ids.insert(rule.id).second || !names.insert(rule.name).second)
            return Error{"two rules share the id " + std::to_string(rule.id) + " or the name " + inQuotes(rule.name)};
    }
    for (const auto& locate : proposed.locates)
        if (locate.fund.empty() || locate.symbol.empty() || locate.quantity.isNegative())
            return Error{"a locate needs a fund, a symbol and a quantity of 0 or more"};
    return normalised(std::move(proposed));
}

std::vector<RuleChange> ruleChanges(const RuleBook& inForce, const RuleBook& next, const std::string& how) {
    std::vector<RuleChange> changes;
    std::map<std::int64_t, const Rule*> before;
    for (const auto& rule : inForce.rules) before.emplace(rule.id, &rule);
    for (const auto& rule : next.rules) {
        const auto old = before.find(rule.id);
        if (old == before.end()) {
            changes.push_back({"rule.add", subjectOf(rule.id, rule.name), how + ": " + describeRule(rule)});
            continue;
        }
        if (*old->second != rule)
            changes.push_back({"rule.change", subjectOf(rule.id, rule.name),
                               how + ": " + describeRule(*old->second) + " → " + describeRule(rule)});
        before.erase(old);
    }
    for (const auto& [id, rule] : before)
        changes.push_back({"rule.remove", subjectOf(id, rule->name), how + ": " + describeRule(*rule)});
    if (next.locates != inForce.locates)
        changes.push_back(
            {"locates.change", "locates", how + ": " + describeLocates(inForce.locates) + " → " + describeLocates(next.locates)});
    if (changes.empty()) changes.push_back({"rules.unchanged", "rules", how});
    return changes;
}

}  // namespace ob

#include "rule.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "domain/quoting.h"

#include <algorithm>
#include <map>

namespace ob {

FigureUnit unitOf(RuleKind kind) { return specOf(kind).unit; }

bool Rule::hasLimit() const { return specOf(kind).readsLimit; }

RuleBook normalised(RuleBook book) {
    std::stable_sort(book.rules.begin(), book.rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
    for (auto& rule : book.rules)
        for (auto* list : {&rule.symbols, &rule.issuers}) {
            std::sort(list->begin(), list->end());
            list->erase(std::unique(list->begin(), list->end()), list->end());
        }
    std::map<std::pair<std::string, std::string>, Qty> locates;
    for (const auto& locate : book.locates) locates[{locate.fund, locate.symbol}] += locate.quantity;
    book.locates.clear();
    for (const auto& [key, quantity] : locates) book.locates.push_back({key.first, key.second, quantity});
    return book;
}

Status Rule::validate() const {
    const std::string which = "rule " + inQuotes(name) + ": ";
    if (name.empty()) return Error{"a rule needs a name"};
    if (scope != ScopeKind::Firm && scopeValue.empty())
        return Error{which + "a " + std::string(aliasOf(scope)) + " scope needs a value"};
    if (scope == ScopeKind::InstrumentGroup) {
        const auto eq = scopeValue.find('=');
        const auto key = scopeValue.substr(0, eq);
        if (eq == std::string::npos || eq + 1 == scopeValue.size() ||
            (key != "sector" && key != "country" && key != "issuer" && key != "currency" && key != "symbols"))
            return Error{which +
                         "an instrument group is 'sector=', 'country=', 'issuer=', 'currency=' or 'symbols=' with a value, not " +
                         inQuotes(scopeValue)};
    }
    const auto& spec = specOf(kind);
    if (spec.readsLimit && !limit) return Error{which + "a " + std::string(aliasOf(kind)) + " rule needs a limit"};
    // A minimum may lie below zero (an overdraft) and its warning comes above it: such a kind checks them itself.
    if (!spec.lowerIsWorse) {
        if (limit && *limit < Money{}) return Error{which + "the limit cannot be negative"};
        if (warnAt && (*warnAt < Money{} || (limit && *warnAt > *limit)))
            return Error{which + "the warning threshold must lie between 0 and the limit"};
    }
    if (const auto problem = spec.invalid ? spec.invalid(*this) : std::nullopt) return Error{which + *problem};
    return {};
}

}  // namespace ob

#include "rule.h"

#include <algorithm>
#include <map>

namespace ob {

FigureUnit unitOf(RuleKind kind) {
    switch (kind) {
        case RuleKind::MaxOrderQuantity:
        case RuleKind::PositionLimit:
        case RuleKind::ShortSaleLocate: return FigureUnit::Quantity;
        case RuleKind::MaxOrderNotional:
        case RuleKind::DailyTraderNotional:
        case RuleKind::Cash: return FigureUnit::Amount;
        case RuleKind::PriceCollar:
        case RuleKind::IssuerConcentration:
        case RuleKind::SectorExposure:
        case RuleKind::CountryExposure:
        case RuleKind::Ucits:
        case RuleKind::Act1940Diversified: return FigureUnit::Percent;
        case RuleKind::RestrictedList:
        case RuleKind::DuplicateOrder: return FigureUnit::None;
    }
    return FigureUnit::None;
}

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
    const std::string which = "rule '" + name + "': ";
    if (name.empty()) return Error{"a rule needs a name"};
    if (scope != ScopeKind::Firm && scopeValue.empty())
        return Error{which + "a " + std::string(aliasOf(scope)) + " scope needs a value"};
    if (scope == ScopeKind::InstrumentGroup) {
        const auto eq = scopeValue.find('=');
        const auto key = scopeValue.substr(0, eq);
        if (eq == std::string::npos || eq + 1 == scopeValue.size() ||
            (key != "sector" && key != "country" && key != "issuer" && key != "currency" && key != "symbols"))
            return Error{
                which + "an instrument group is 'sector=', 'country=', 'issuer=', 'currency=' or 'symbols=' with a value, not '" +
                scopeValue + "'"};
    }
    if (hasLimit() && !limit) return Error{which + "a " + std::string(aliasOf(kind)) + " rule needs a limit"};
    if (limit && *limit < Money{} && kind != RuleKind::Cash) return Error{which + "the limit cannot be negative"};
    if (kind == RuleKind::Cash) {
        // Lower is worse for cash: the warning comes first, above the minimum.
        if (warnAt && limit && *warnAt < *limit)
            return Error{which + "a cash rule's warning level must be at or above its minimum"};
    } else if (warnAt && (*warnAt < Money{} || (limit && *warnAt > *limit))) {
        return Error{which + "the warning threshold must lie between 0 and the limit"};
    }
    if (kind == RuleKind::RestrictedList && symbols.empty() && issuers.empty())
        return Error{which + "a restricted list needs at least one symbol or issuer"};
    if (kind == RuleKind::DuplicateOrder && windowSeconds <= 0)
        return Error{which + "a duplicate-order rule needs window_seconds above 0"};
    return {};
}

}  // namespace ob

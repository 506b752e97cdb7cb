#include "compliance/rulebooknames.h"

#include "domain/quoting.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <string_view>

namespace ob {

namespace {

std::string lowered(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

/// One kind of name the desk has (its funds, its sectors...), and how a message calls one.
class KnownNames {
public:
    KnownNames(std::string noun, std::set<std::string> names) : noun_(std::move(noun)), names_(std::move(names)) {}

    /// Nothing when the desk has `name`; else why not, pointing at the name it has in another case, if any.
    std::optional<std::string> problem(const std::string& name) const {
        if (names_.count(name)) return std::nullopt;
        std::string text = noun_ + " " + inQuotes(name) + " is not " + article() + noun_ + " of this desk";
        for (const auto& known : names_)
            if (lowered(known) == lowered(name)) return text + " (it has " + inQuotes(known) + "; names match exactly)";
        return text;
    }

private:
    std::string article() const { return std::string_view("aeiou").find(noun_.front()) == std::string_view::npos ? "a " : "an "; }

    std::string noun_;
    std::set<std::string> names_;
};

template <typename T>
std::set<std::string> namesOf(const std::vector<T>& items, std::function<std::string(const T&)> name) {
    std::set<std::string> names;
    for (const auto& item : items)
        if (auto text = name(item); !text.empty()) names.insert(std::move(text));
    return names;
}

/// The desk's reference data as the names a rule set may use.
struct DeskNames {
    explicit DeskNames(const ReferenceData& desk)
        : funds("fund", namesOf<Fund>(desk.funds, &Fund::code))
        , accounts("account", namesOf<Account>(desk.accounts, &Account::code))
        , symbols("symbol", namesOf<Instrument>(desk.instruments, &Instrument::symbol))
        , issuers("issuer", namesOf<Instrument>(desk.instruments, &Instrument::issuer))
        , sectors("sector", namesOf<Instrument>(desk.instruments, &Instrument::sector))
        , countries("country", namesOf<Instrument>(desk.instruments, &Instrument::country))
        , currencies("currency", namesOf<Instrument>(desk.instruments, &Instrument::currency)) {}

    /// The names an instrument group's key ranges over.
    const KnownNames* ofGroup(std::string_view key) const {
        if (key == "sector") return &sectors;
        if (key == "country") return &countries;
        if (key == "issuer") return &issuers;
        if (key == "currency") return &currencies;
        if (key == "symbols") return &symbols;
        return nullptr;
    }

    KnownNames funds, accounts, symbols, issuers, sectors, countries, currencies;
};

/// The names a rule uses, each with what it must be.
std::vector<std::pair<const KnownNames*, std::string>> namesIn(const Rule& rule, const DeskNames& desk) {
    std::vector<std::pair<const KnownNames*, std::string>> names;
    switch (rule.scope) {
        case ScopeKind::Fund: names.emplace_back(&desk.funds, rule.scopeValue); break;
        case ScopeKind::Account: names.emplace_back(&desk.accounts, rule.scopeValue); break;
        case ScopeKind::InstrumentGroup: {
            const auto eq = rule.scopeValue.find('=');
            const auto* known = eq == std::string::npos ? nullptr : desk.ofGroup(std::string_view(rule.scopeValue).substr(0, eq));
            if (!known) break;  // validate() names a malformed group
            const auto value = rule.scopeValue.substr(eq + 1);
            if (known != &desk.symbols) {
                names.emplace_back(known, value);
                break;
            }
            for (std::size_t start = 0; start <= value.size();) {
                const auto comma = std::min(value.find(',', start), value.size());
                if (comma > start) names.emplace_back(known, value.substr(start, comma - start));
                start = comma + 1;
            }
            break;
        }
        case ScopeKind::Firm:
        case ScopeKind::Trader: break;
    }
    if (!rule.target.empty()) {
        if (rule.kind == RuleKind::SectorExposure) names.emplace_back(&desk.sectors, rule.target);
        if (rule.kind == RuleKind::CountryExposure) names.emplace_back(&desk.countries, rule.target);
    }
    return names;
}

}  // namespace

Status checkRuleBookNames(const RuleBook& book, const ReferenceData& desk) {
    const DeskNames known(desk);
    std::string problems;
    const auto add = [&problems](const std::string& where, const std::string& problem) {
        problems += (problems.empty() ? "" : "; ") + where + ": " + problem;
    };
    for (const auto& rule : book.rules)
        for (const auto& [names, name] : namesIn(rule, known))
            if (auto problem = names->problem(name)) add("rule " + inQuotes(rule.name), *problem);
    for (const auto& locate : book.locates)
        for (const auto& [names, name] : {std::pair{&known.funds, locate.fund}, std::pair{&known.symbols, locate.symbol}})
            if (auto problem = names->problem(name))
                add("the locate of " + clipped(locate.symbol) + " for " + clipped(locate.fund), *problem);
    if (problems.empty()) return {};
    return Error{problems};
}

}  // namespace ob

#include "formats/rulesfile.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "domain/quoting.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace ob {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kFormat = "openblotter-rules";
constexpr int kVersion = 1;

/// A problem in the file, with where it is.
struct FileError {
    std::string message;
};

template <typename E>
std::string choices() {
    std::string text;
    for (const auto& entry : allValues<E>()) text += (text.empty() ? "" : ", ") + std::string(entry.alias);
    return text;
}

const Json* member(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text(const Json& object, const char* key, const std::string& where, bool required = false) {
    const auto* value = member(object, key);
    if (!value) {
        if (required) throw FileError{where + ": '" + key + "' is missing"};
        return {};
    }
    if (!value->is_string()) throw FileError{where + ": '" + key + "' must be a string"};
    return value->get<std::string>();
}

template <typename E>
E enumeration(const Json& object, const char* key, const std::string& where, std::optional<E> fallback = std::nullopt) {
    const auto name = text(object, key, where, !fallback);
    if (name.empty() && fallback) return *fallback;
    const auto value = enumFromName<E>(name);
    if (!value) throw FileError{where + ": '" + key + "' is " + inQuotes(name) + ", not one of " + choices<E>()};
    return *value;
}

std::optional<Money> decimal(const Json& object, const char* key, const std::string& where) {
    const auto* value = member(object, key);
    if (!value) return std::nullopt;
    std::string digits;
    if (value->is_string())
        digits = value->get<std::string>();
    else if (value->is_number_integer())
        digits = std::to_string(value->get<std::int64_t>());
    else if (value->is_number_unsigned())
        digits = std::to_string(value->get<std::uint64_t>());
    else
        throw FileError{where + ": '" + key + "' must be a decimal in a string (\"2.5\") or a whole number, to stay exact"};
    auto parsed = Money::parse(digits);
    if (!parsed) throw FileError{where + ": '" + key + "' is not a decimal: " + parsed.error()};
    return *parsed;
}

std::vector<std::string> strings(const Json& object, const char* key, const std::string& where) {
    const auto* value = member(object, key);
    if (!value) return {};
    if (!value->is_array()) throw FileError{where + ": '" + key + "' must be a list of strings"};
    std::vector<std::string> result;
    for (const auto& item : *value) {
        if (!item.is_string() || item.get<std::string>().empty())
            throw FileError{where + ": '" + key + "' must hold non-empty strings"};
        result.push_back(item.get<std::string>());
    }
    return result;
}

Rule readRule(const Json& object, const std::string& where) {
    if (!object.is_object()) throw FileError{where + " must be an object"};
    Rule rule;
    if (const auto* id = member(object, "id")) {
        if (!id->is_number_integer() || id->get<std::int64_t>() <= 0)
            throw FileError{where + ": 'id' must be a whole number above 0"};
        rule.id = id->get<std::int64_t>();
    }
    rule.name = text(object, "name", where, true);
    const std::string named = where + " (" + inQuotes(rule.name) + ")";
    rule.kind = enumeration<RuleKind>(object, "kind", named);
    rule.severity = enumeration<Severity>(object, "severity", named, Severity::Block);
    rule.mode = enumeration<RuleMode>(object, "mode", named, RuleMode::Active);
    if (const auto* scope = member(object, "scope")) {
        if (!scope->is_object()) throw FileError{named + ": 'scope' must be an object with 'kind' and 'value'"};
        rule.scope = enumeration<ScopeKind>(*scope, "kind", named + " scope");
        rule.scopeValue = text(*scope, "value", named + " scope");
    }
    rule.limit = decimal(object, "limit", named);
    rule.warnAt = decimal(object, "warn_at", named);
    rule.restriction = enumeration<Restriction>(object, "restriction", named, Restriction::NoTrade);
    rule.symbols = strings(object, "symbols", named);
    rule.issuers = strings(object, "issuers", named);
    if (const auto* window = member(object, "window_seconds")) {
        if (!window->is_number_integer()) throw FileError{named + ": 'window_seconds' must be a whole number"};
        rule.windowSeconds = window->get<std::int64_t>();
    }
    rule.target = text(object, "target", named);
    rule.description = text(object, "description", named);
    for (const auto& [key, value] : object.items()) {
        static const std::vector<std::string> known{"id",      "name",           "kind",    "severity",    "mode",
                                                    "scope",   "limit",          "warn_at", "restriction", "symbols",
                                                    "issuers", "window_seconds", "target",  "description"};
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw FileError{named + ": unknown field " + inQuotes(key) +
                            " (a misspelt parameter would silently change the rule)"};
    }
    if (auto valid = rule.validate(); !valid) throw FileError{where + ": " + valid.error()};
    return rule;
}

/// The JSON document, refusing a key given twice in one object: the parser would keep one of them and drop
/// the other without a word, and a limit given twice is a limit no one chose.
Json parseRefusingDuplicateKeys(std::string_view json) {
    std::vector<std::set<std::string>> keysOfOpenObjects;
    return Json::parse(json, [&keysOfOpenObjects](int, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start: keysOfOpenObjects.emplace_back(); break;
            case Json::parse_event_t::object_end: keysOfOpenObjects.pop_back(); break;
            case Json::parse_event_t::key:
                if (const auto& key = parsed.get_ref<const std::string&>(); !keysOfOpenObjects.back().insert(key).second)
                    throw FileError{"the key " + inQuotes(key) +
                                    " appears twice in one object: which one counts would be a guess"};
                break;
            default: break;
        }
        return true;
    });
}

/// The parser's message, with the text it last read cut to what a message may quote.
std::string parseProblem(const std::string& what) {
    constexpr std::string_view kLastRead = "; last read: '";
    const auto at = what.find(kLastRead);
    if (at == std::string::npos) return what;
    const std::string_view rest = std::string_view(what).substr(at + kLastRead.size());
    auto end = rest.rfind("'; expected ");
    if (end == std::string_view::npos) end = rest.empty() || rest.back() != '\'' ? rest.size() : rest.size() - 1;
    const auto after = std::min(end + 1, rest.size());
    return what.substr(0, at) + "; last read: " + inQuotes(rest.substr(0, end)) + std::string(rest.substr(after));
}

}  // namespace

Result<RuleBook> parseRulesFile(std::string_view json) {
    Json document;
    try {
        document = parseRefusingDuplicateKeys(json);
    } catch (const Json::parse_error& e) {
        return Error{"not valid JSON: " + parseProblem(e.what())};
    } catch (const FileError& e) {
        return Error{e.message};
    }
    try {
        if (!document.is_object()) throw FileError{"the file must hold one JSON object"};
        if (text(document, "format", "the file", true) != kFormat)
            throw FileError{"'format' must be \"" + std::string(kFormat) + "\""};
        const auto* version = member(document, "version");
        if (!version || !version->is_number_integer() || version->get<int>() != kVersion)
            throw FileError{"'version' must be " + std::to_string(kVersion) + " (this OpenBlotter reads version 1)"};
        RuleBook book;
        const auto* rules = member(document, "rules");
        if (!rules || !rules->is_array()) throw FileError{"'rules' must be a list"};
        std::size_t index = 0;
        for (const auto& rule : *rules) book.rules.push_back(readRule(rule, "rule " + std::to_string(++index)));
        if (const auto* locates = member(document, "locates")) {
            if (!locates->is_array()) throw FileError{"'locates' must be a list"};
            index = 0;
            for (const auto& locate : *locates) {
                const std::string where = "locate " + std::to_string(++index);
                if (!locate.is_object()) throw FileError{where + " must be an object"};
                const auto quantity = decimal(locate, "quantity", where);
                if (!quantity || quantity->isNegative()) throw FileError{where + ": 'quantity' must be 0 or more"};
                auto parsed = Qty::parse(quantity->toString());
                if (!parsed) throw FileError{where + ": 'quantity': " + parsed.error()};
                book.locates.push_back({text(locate, "fund", where, true), text(locate, "symbol", where, true), *parsed});
            }
        }
        return book;
    } catch (const FileError& e) {
        return Error{e.message};
    } catch (const Json::exception& e) {
        return Error{e.what()};
    }
}

std::string writeRulesFile(const RuleBook& book) {
    Json rules = Json::array();
    for (const auto& r : book.rules) {
        Json rule;
        if (r.id > 0) rule["id"] = r.id;
        rule["name"] = r.name;
        rule["kind"] = aliasOf(r.kind);
        rule["severity"] = aliasOf(r.severity);
        rule["mode"] = aliasOf(r.mode);
        rule["scope"] = {{"kind", aliasOf(r.scope)}};
        if (!r.scopeValue.empty()) rule["scope"]["value"] = r.scopeValue;
        if (r.limit) rule["limit"] = r.limit->toString();
        if (r.warnAt) rule["warn_at"] = r.warnAt->toString();
        if (specOf(r.kind).readsEntries) {
            rule["restriction"] = aliasOf(r.restriction);
            rule["symbols"] = r.symbols;
            rule["issuers"] = r.issuers;
        }
        if (r.windowSeconds) rule["window_seconds"] = r.windowSeconds;
        if (!r.target.empty()) rule["target"] = r.target;
        if (!r.description.empty()) rule["description"] = r.description;
        rules.push_back(std::move(rule));
    }
    Json locates = Json::array();
    for (const auto& l : book.locates)
        locates.push_back({{"fund", l.fund}, {"symbol", l.symbol}, {"quantity", l.quantity.toString()}});
    Json document;
    document["format"] = kFormat;
    document["version"] = kVersion;
    document["rules"] = std::move(rules);
    document["locates"] = std::move(locates);
    return document.dump(2) + "\n";
}

}  // namespace ob

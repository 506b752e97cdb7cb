#include "fixdictionary.h"

#include "fix/fixmessage.h"

#include <algorithm>
#include <array>

namespace ob {

namespace {

struct TagEntry {
    int tag;
    std::string_view name;
    std::string_view values;  ///< "code=Name|code=Name"
};

constexpr TagEntry kTags[] = {
#include "fix/fixtags.inc"
};

const TagEntry* find(int tag) {
    auto it = std::lower_bound(std::begin(kTags), std::end(kTags), tag, [](const TagEntry& entry, int t) { return entry.tag < t; });
    return it != std::end(kTags) && it->tag == tag ? it : nullptr;
}

}  // namespace

std::string_view FixDictionary::tagName(int tag) {
    const auto* entry = find(tag);
    return entry ? entry->name : std::string_view();
}

std::string_view FixDictionary::valueName(int tag, std::string_view value) {
    const auto* entry = find(tag);
    if (!entry) return {};
    std::string_view values = entry->values;
    while (!values.empty()) {
        const auto bar = values.find('|');
        const auto item = values.substr(0, bar);
        const auto equals = item.find('=');
        if (item.substr(0, equals) == value) return item.substr(equals + 1);
        if (bar == std::string_view::npos) break;
        values.remove_prefix(bar + 1);
    }
    return {};
}

int FixDictionary::tagOf(std::string_view name) {
    for (const auto& entry : kTags)
        if (entry.name == name) return entry.tag;
    return 0;
}

std::vector<DecodedField> FixDictionary::decode(std::string_view text) {
    std::vector<DecodedField> decoded;
    auto message = FixMessage::parse(std::string(text));
    if (!message) return decoded;
    for (const auto& field : message->fields()) {
        const auto name = tagName(field.tag);
        decoded.push_back({field.tag, name.empty() ? std::to_string(field.tag) : std::string(name), std::string(field.value),
                           std::string(valueName(field.tag, field.value))});
    }
    return decoded;
}

}  // namespace ob

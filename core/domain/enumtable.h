#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string_view>

namespace ob {

/// One value of an enumeration that crosses the FIX, file and UI edges:
/// its FIX code, its name (as FIX's documents spell it, in CamelCase) and a
/// short alias used in CSV files.
template <typename E>
struct EnumEntry {
    E value;
    char fixCode;
    std::string_view name;
    std::string_view alias;
};

/// Specialise with `static constexpr std::array<EnumEntry<E>, N> entries`.
template <typename E>
struct EnumTable;

namespace enum_detail {
inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}
template <typename E>
constexpr const EnumEntry<E>* find(E value) {
    for (const auto& entry : EnumTable<E>::entries)
        if (entry.value == value) return &entry;
    return nullptr;
}
}  // namespace enum_detail

template <typename E>
constexpr std::string_view nameOf(E value) {
    const auto* entry = enum_detail::find(value);
    return entry ? entry->name : std::string_view("?");
}

template <typename E>
constexpr char fixCodeOf(E value) {
    const auto* entry = enum_detail::find(value);
    return entry ? entry->fixCode : '?';
}

template <typename E>
constexpr std::string_view aliasOf(E value) {
    const auto* entry = enum_detail::find(value);
    return entry ? entry->alias : std::string_view("?");
}

/// Matches the name or the alias, ignoring case.
template <typename E>
std::optional<E> enumFromName(std::string_view text) {
    for (const auto& entry : EnumTable<E>::entries)
        if (enum_detail::equalsIgnoringCase(entry.name, text) ||
            (!entry.alias.empty() && enum_detail::equalsIgnoringCase(entry.alias, text)))
            return entry.value;
    return std::nullopt;
}

template <typename E>
constexpr std::optional<E> enumFromFixCode(char code) {
    for (const auto& entry : EnumTable<E>::entries)
        if (entry.fixCode == code) return entry.value;
    return std::nullopt;
}

template <typename E>
constexpr const auto& allValues() {
    return EnumTable<E>::entries;
}

}  // namespace ob

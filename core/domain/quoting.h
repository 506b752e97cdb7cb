#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ob {

/// The most characters of a bad value an error message repeats: enough to recognise it, while a huge value
/// (a whole file pasted into one field) cannot bury the message that names it.
inline constexpr std::size_t kQuotedCharacters = 80;

namespace quoting_detail {

/// `value` between `mark`s: whole when it has at most kQuotedCharacters characters (UTF-8 code points, never
/// cut inside one), else its first ones, "…", the closing mark and how many characters it has.
inline std::string shown(std::string_view value, std::string_view mark) {
    std::size_t characters = 0;
    std::size_t cut = value.size();
    for (std::size_t i = 0; i < value.size(); ++i) {
        if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;  // inside a character
        if (characters == kQuotedCharacters) cut = i;
        ++characters;
    }
    std::string text(mark);
    if (characters <= kQuotedCharacters) return text.append(value).append(mark);
    return text.append(value.substr(0, cut)).append("…").append(mark).append(" (" + std::to_string(characters) + " characters)");
}

}  // namespace quoting_detail

/// A value from a file or a person in single quotes, for an error message: 'GROWHT', or for a long one its
/// first 80 characters, 'AAAA…' (10000 characters).
inline std::string inQuotes(std::string_view value) { return quoting_detail::shown(value, "'"); }

/// The same without quotes, where a message names a code or symbol bare: GROWHT, or AAAA… (10000 characters).
inline std::string clipped(std::string_view value) { return quoting_detail::shown(value, ""); }

}  // namespace ob

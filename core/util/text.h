#pragma once

#include <string_view>

namespace ob {

/// Whether a reason someone was asked for says nothing: empty, or only spaces, tabs and line breaks.
inline bool isBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace ob

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ob {

/// The checks of the identifiers an instrument may carry: each returns what is wrong with the value, or nothing when
/// it is well formed and its check digit is right. A wrong identifier on the wire names another security, so a typo
/// is refused here rather than at the broker.
std::optional<std::string> isinProblem(std::string_view isin);    ///< ISO 6166: 2 letters, 9 alphanumerics, Luhn digit
std::optional<std::string> cusipProblem(std::string_view cusip);  ///< 8 alphanumerics (and * @ #), modulus-10 digit
std::optional<std::string> sedolProblem(std::string_view sedol);  ///< 6 alphanumerics without vowels, weighted digit
std::optional<std::string> micProblem(std::string_view mic);      ///< ISO 10383: 4 upper-case letters or digits

}  // namespace ob

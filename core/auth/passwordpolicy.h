#pragma once

#include "domain/result.h"

#include <array>
#include <string>
#include <string_view>

namespace ob {

/// The shortest password the desk takes: long enough that the login delay and lock make guessing it hopeless.
inline constexpr std::size_t kMinimumPasswordLength = 10;

/// The demo desk's passwords, printed in the README and on the demo login (resources/demo/users.csv holds their
/// hashes): no password set on any desk may be one of them.
inline constexpr std::array<std::string_view, 5> kPublishedDemoPasswords{"trader-demo", "trader2-demo", "pm-demo",
                                                                         "compliance-demo", "admin-demo"};

/// Whether `password` may be set for the user `name`: at least kMinimumPasswordLength characters, not containing
/// the user name (in any case), not a published demo password. The refusal names the rule broken.
Status checkPasswordPolicy(std::string_view name, std::string_view password);

/// The password checked against the policy for the user `name`, then hashed (PasswordHasher): what every way of
/// setting a password stores.
Result<std::string> hashNewPassword(std::string_view name, std::string_view password);

/// A password an administrator hands to the user `name` to log in once and choose their own: 16 random characters
/// that pass the policy.
Result<std::string> oneTimePassword(std::string_view name);

}  // namespace ob

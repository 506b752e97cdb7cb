#pragma once

#include "auth/users.h"
#include "domain/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob {

/// What an administrator asks of one user: a name the desk does not know is added, a known one is changed.
struct UserChange {
    std::string name;
    Role role = Role::Trader;
    std::string fullName;  ///< empty: a known user keeps theirs
    bool active = true;
    /// The new password as PasswordHasher stores it, hashed by the caller (scrypt is slow on purpose); none: a known
    /// user keeps theirs.
    std::optional<std::string> passwordHash;
    /// With a password: it is a one-time password, to be replaced by the user at the next login.
    bool mustChangePassword = false;
};

/// A UserChange worked out against the users there are: the user as it is stored from now on, and what the audit
/// trail records of it.
struct UserUpdate {
    User user;
    bool added = false;   ///< the name was new
    std::string action;   ///< "user.add" or "user.change"
    std::string subject;  ///< "user NAME"
    std::string details;  ///< "added: role Trader, new password", "changed: role ComplianceOfficer → Trader, disabled"
};

/// Why a change that names a new user without a password is refused; a caller may add how to give one.
inline constexpr std::string_view kNewUserNeedsPassword = "a new user needs a password";

/// Works out `change` against `users`: a known user keeps the password hash and full name the change does not give.
/// Refuses a change without a name, and a new user without a password.
/// Refuses a change that would leave the desk without an active administrator.
Result<UserUpdate> planUserChange(const std::vector<User>& users, const UserChange& change);

}  // namespace ob

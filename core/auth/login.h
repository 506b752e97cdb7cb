#pragma once

#include "auth/access.h"
#include "auth/userstore.h"

#include <string>

namespace ob {

/// Checks a user's password against the stored hash and writes the login,
/// or the failed attempt, to the audit trail. The message of a refusal does
/// not tell an unknown user from a wrong password.
Result<Actor> logIn(UserStore& store, const std::string& name, const std::string& password, const std::string& where);

}  // namespace ob

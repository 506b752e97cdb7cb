#pragma once

#include "auth/access.h"
#include "store/orderstore.h"

#include <string>

namespace ob {

/// Checks a user's password against the stored hash and writes the login,
/// or the failed attempt, to the audit trail. The message of a refusal does
/// not tell an unknown user from a wrong password.
Result<Actor> logIn(OrderStore& store, const std::string& name, const std::string& password, const std::string& where);

}  // namespace ob

#pragma once

#include "auth/access.h"
#include "auth/users.h"
#include "domain/result.h"

#include <string>

namespace ob {

class OrderEngine;

/// `actor` replaces their own password: the old one is checked against the stored hash, the new one against the
/// password policy, then hashed and handed to the engine (OrderEngine::changeOwnPassword), audited. Spends scrypt's
/// time twice and waits for the engine: call it off the GUI thread.
Status changeOwnPassword(OrderEngine& engine, const Actor& actor, const std::string& oldPassword, const std::string& newPassword);

/// An administrator gives `user` a one-time password, generated here and returned to be handed over once: the user
/// must choose a new one at the next login. Audited through OrderEngine::setUser, without the password. Spends
/// scrypt's time and waits for the engine: call it off the GUI thread.
Result<std::string> resetPassword(OrderEngine& engine, const Actor& administrator, const User& user);

}  // namespace ob

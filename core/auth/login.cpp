#include "auth/login.h"

#include "auth/passwords.h"

#include <spdlog/spdlog.h>

namespace ob {

Result<Actor> logIn(OrderStore& store, const std::string& name, const std::string& password, const std::string& where) {
    auto users = store.loadUsers();
    if (!users) return Error{users.error()};
    const User* found = nullptr;
    for (const auto& user : *users)
        if (user.name == name) found = &user;
    const bool matches = found && PasswordHasher::verify(password, found->passwordHash);
    const bool allowed = matches && found->active;
    const Role role = found ? found->role : Role::Trader;
    const auto recorded = store.appendAudit({0, nowUtc(), name, role, allowed ? "login" : "login.failed", "user " + name,
                                             allowed   ? "logged in (" + where + ")"
                                             : matches ? "refused: the account is disabled (" + where + ")"
                                                       : "refused: unknown user or wrong password (" + where + ")"});
    if (!recorded) return Error{"cannot record the login: " + recorded.error()};
    if (!allowed) {
        spdlog::warn("login refused for '{}' ({})", name, where);
        return Error{matches ? "the account " + name + " is disabled" : "unknown user or wrong password"};
    }
    spdlog::info("{} logged in as {} ({})", name, nameOf(found->role), where);
    return Actor{found->name, found->role};
}

}  // namespace ob

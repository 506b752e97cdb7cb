#include "auth/login.h"

#include "auth/passwords.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace ob {

namespace {

/// A hash of nothing anyone types: an unknown user costs the same scrypt as a known one, so the time
/// taken does not tell which names exist.
constexpr const char* kNobody = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// The name as the audit trail keeps it: what was typed in the user field may be a password by mistake,
/// and the trail is forever, so a name no user has is kept only if it looks like one.
std::string auditedName(const std::string& name, bool known) {
    const bool plausible = !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '_' || c == '-';
    });
    return known || plausible ? name : std::string("(not a user name)");
}

}  // namespace

Result<Actor> logIn(UserStore& store, const std::string& name, const std::string& password, const std::string& where) {
    auto users = store.loadUsers();
    if (!users) return Error{users.error()};
    const User* found = nullptr;
    for (const auto& user : *users)
        if (user.name == name) found = &user;
    const bool matches = PasswordHasher::verify(password, found ? found->passwordHash : kNobody) && found;
    const bool allowed = matches && found->active;
    const Role role = found ? found->role : Role::Trader;
    const std::string who = auditedName(name, found != nullptr);
    const auto recorded = store.appendAudit({0, nowUtc(), who, role, allowed ? "login" : "login.failed", "user " + who,
                                             allowed   ? "logged in (" + where + ")"
                                             : matches ? "refused: the account is disabled (" + where + ")"
                                                       : "refused: unknown user or wrong password (" + where + ")"});
    if (!recorded) return Error{"cannot record the login: " + recorded.error()};
    if (!allowed) {
        spdlog::warn("login refused for '{}' ({})", who, where);
        return Error{matches ? "the account " + name + " is disabled" : "unknown user or wrong password"};
    }
    spdlog::info("{} logged in as {} ({})", name, nameOf(found->role), where);
    return Actor{found->name, found->role};
}

}  // namespace ob

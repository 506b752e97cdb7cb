#include "auth/login.h"

#include "auth/passwords.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace ob {

namespace {

/// A hash of nothing anyone types: an unknown user costs the same scrypt as a known one, so the time
/// taken does not tell which names exist.
constexpr const char* kNobody = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// How the audit trail and the log name an attempt: the trail is forever, and what was typed in the user field
/// may be a password by mistake, so only a user of the desk is named.
constexpr const char* kUnknownUser = "(unknown user)";

/// Whether locking `user` would leave no active, unlocked administrator to unlock anyone.
bool lastAdministrator(const std::vector<User>& users, const User& user) {
    if (user.role != Role::Administrator || !user.active) return false;
    return std::none_of(users.begin(), users.end(), [&](const User& other) {
        return other.name != user.name && other.role == Role::Administrator && other.active && !other.locked;
    });
}

}  // namespace

std::chrono::milliseconds LoginPolicy::delayAfter(int failures) const {
    if (failures <= 0) return std::chrono::milliseconds(0);
    auto delay = firstDelay;
    for (int doubled = 1; doubled < failures && delay < longestDelay; ++doubled) delay *= 2;
    return std::min(delay, longestDelay);
}

Result<Actor> logIn(UserStore& store, const std::string& name, const std::string& password, const std::string& where,
                    const LoginPolicy& policy) {
    auto users = store.loadUsers();
    if (!users) return Error{users.error()};
    const auto found = std::find_if(users->begin(), users->end(), [&](const User& user) { return user.name == name; });
    const bool known = found != users->end();
    const bool matches = PasswordHasher::verify(password, known ? found->passwordHash : kNobody) && known;
    const bool locked = known && found->locked;
    const bool allowed = matches && found->active && !locked;
    const Role role = known ? found->role : Role::Trader;
    const std::string who = known ? name : kUnknownUser;
    const std::string refused = locked    ? "refused: the account is locked"
                                : matches ? "refused: the account is disabled"
                                          : "refused: unknown user or wrong password";
    AuditRecord record{0,
                       nowUtc(),
                       who,
                       role,
                       allowed ? "login" : "login.failed",
                       "user " + who,
                       (allowed ? "logged in" : refused) + (" (" + where + ")")};
    Status recorded;
    bool lockedNow = locked;
    if (!known) {
        recorded = store.appendAudit(record);
    } else {
        // A wrong password counts towards the lock; a right one starts the count again, unless it is locked.
        const int failures = !matches ? found->failedLogins + 1 : locked ? found->failedLogins : 0;
        LoginState state{name, failures, locked};
        std::vector<AuditRecord> records{record};
        if (!matches && !locked && policy.lockAfter > 0 && state.failedLogins >= policy.lockAfter) {
            if (lastAdministrator(*users, *found)) {
                records.push_back({0, record.at, "system", Role::Administrator, "user.lock", "user " + name,
                                   "not locked after " + std::to_string(state.failedLogins) +
                                       " failed logins: the last administrator who could unlock users"});
            } else {
                state.locked = true;
                records.push_back({0, record.at, "system", Role::Administrator, "user.lock", "user " + name,
                                   "locked after " + std::to_string(state.failedLogins) +
                                       " failed logins in a row; an administrator unlocks it"});
            }
        }
        const bool changed = state.failedLogins != found->failedLogins || state.locked != found->locked;
        recorded = changed ? store.saveLoginState(state, records) : store.appendAudit(record);
        lockedNow = state.locked;
        if (lockedNow && !locked) spdlog::warn("user '{}' locked after {} failed logins", name, state.failedLogins);
    }
    if (!recorded) return Error{"cannot record the login: " + recorded.error()};
    if (!allowed) {
        spdlog::warn("login refused for '{}' ({})", who, where);
        if (lockedNow)
            return Error{"the account " + name + " is locked after too many failed logins: ask an administrator to unlock it"};
        return Error{matches ? "the account " + name + " is disabled" : "unknown user or wrong password"};
    }
    spdlog::info("{} logged in as {} ({})", name, nameOf(found->role), where);
    return Actor{found->name, found->role};
}

Result<bool> mustChangePassword(UserStore& store, const std::string& name) {
    auto users = store.loadUsers();
    if (!users) return Error{users.error()};
    const auto found = std::find_if(users->begin(), users->end(), [&](const User& user) { return user.name == name; });
    return found != users->end() && found->mustChangePassword;
}

std::chrono::milliseconds LoginThrottle::waitFor(const std::string& name) const {
    std::lock_guard lock(mutex_);
    const auto failures = failures_.find(name);
    if (failures == failures_.end()) return std::chrono::milliseconds(0);
    const auto left = failures->second.notBefore - clock_();
    return left > Timestamp::duration::zero() ? std::chrono::ceil<std::chrono::milliseconds>(left) : std::chrono::milliseconds(0);
}

Result<Actor> LoginThrottle::logIn(UserStore& store, const std::string& name, const std::string& password,
                                   const std::string& where) {
    if (const auto wait = waitFor(name); wait.count() > 0)
        return Error{"too many failed logins: wait " + std::to_string((wait.count() + 999) / 1000) + " s before trying again"};
    auto actor = ob::logIn(store, name, password, where, policy_);
    std::lock_guard lock(mutex_);
    if (actor) {
        failures_.erase(name);
    } else {
        auto& failures = failures_[name];
        ++failures.inARow;
        failures.notBefore = clock_() + policy_.delayAfter(failures.inARow);
    }
    return actor;
}

}  // namespace ob

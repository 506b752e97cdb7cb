#pragma once

#include "auth/access.h"
#include "auth/userstore.h"
#include "domain/timestamp.h"

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace ob {

/// How failed logins are slowed down and locked out.
struct LoginPolicy {
    /// The count a desk locks after unless told otherwise (OPENBLOTTER_LOCK_AFTER, app/desk.cpp).
    static constexpr int kDefaultLockAfter = 5;

    /// Failed logins in a row that lock a user until an administrator unlocks them; 0: never lock.
    int lockAfter = kDefaultLockAfter;
    std::chrono::milliseconds firstDelay{1000};
    std::chrono::milliseconds longestDelay{30000};

    /// The wait after `failures` failed logins in a row: none before the first, then 1 s, 2 s, 4 s … up to
    /// longestDelay.
    std::chrono::milliseconds delayAfter(int failures) const;
};

/// Checks a user's password against the stored hash and writes the login, or the failed attempt, to the audit
/// trail. The message of a refusal does not tell an unknown user from a wrong password. A name that is no user of
/// the desk is recorded as "(unknown user)": it may be a password typed in the wrong field. A user's failed logins
/// are counted in the store; the policy's count of them in a row locks the user (audited "user.lock") until an
/// administrator unlocks them, and a locked user is refused, even with the right password. The last active
/// administrator who is not locked is never locked: no one else could unlock the desk's users.
Result<Actor> logIn(UserStore& store, const std::string& name, const std::string& password, const std::string& where,
                    const LoginPolicy& policy = {});

/// Whether the user `name` logs in with a one-time password, and so must choose a new one before anything else.
Result<bool> mustChangePassword(UserStore& store, const std::string& name);

/// Slows down guessing: after a failed login, the name typed may try again only once the policy's delay has passed
/// (an attempt before then is refused unchecked and not counted). Kept in memory per name, for one process; the
/// count that locks is the store's. Thread-safe.
class LoginThrottle {
public:
    explicit LoginThrottle(LoginPolicy policy, std::function<Timestamp()> clock = nowUtc)
        : policy_(policy), clock_(std::move(clock)) {}

    /// How long `name` must wait before trying again; zero when it may now.
    std::chrono::milliseconds waitFor(const std::string& name) const;
    /// logIn, unless `name` must wait.
    Result<Actor> logIn(UserStore& store, const std::string& name, const std::string& password, const std::string& where);
    const LoginPolicy& policy() const { return policy_; }

private:
    struct Failures {
        int inARow = 0;
        Timestamp notBefore;
    };

    LoginPolicy policy_;
    std::function<Timestamp()> clock_;
    mutable std::mutex mutex_;
    std::map<std::string, Failures> failures_;
};

}  // namespace ob

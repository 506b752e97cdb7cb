#pragma once

#include "auth/access.h"
#include "domain/timestamp.h"

#include <string>

namespace ob {

/// A person who logs in to the desk.
struct User {
    std::string name;  ///< the login, unique
    std::string fullName;
    Role role = Role::Trader;
    std::string passwordHash;  ///< PasswordHasher's stored form, never the password
    bool active = true;
    /// The password is a one-time password an administrator gave: the user chooses a new one at the next login.
    bool mustChangePassword = false;
    /// Failed logins since the last successful one, and whether they locked the account (LoginPolicy): only logging
    /// in changes these, and only an administrator's unlock clears a lock.
    int failedLogins = 0;
    bool locked = false;

    friend bool operator==(const User&, const User&) = default;
};

/// What logging in counts of one user: written with the audit records of the attempt, apart from the rest of the
/// user (an administrator's change never carries it, so the two cannot overwrite each other).
struct LoginState {
    std::string user;
    int failedLogins = 0;
    bool locked = false;

    friend bool operator==(const LoginState&, const LoginState&) = default;
};

/// One line of the audit trail: who did what, when. Records are only ever
/// appended; the database refuses to change or delete them.
struct AuditRecord {
    std::int64_t id = 0;  ///< assigned by the store
    Timestamp at;
    std::string user;
    Role role = Role::Trader;
    std::string action;   ///< "order.submit", "breach.override", "rules.import", "login" ...
    std::string subject;  ///< what it concerns: "order 12", "breach 4", "rule 7 (Max notional)"
    std::string details;  ///< the change in words: old and new values, the reason given

    friend bool operator==(const AuditRecord&, const AuditRecord&) = default;
};

}  // namespace ob

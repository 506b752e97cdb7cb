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

    friend bool operator==(const User&, const User&) = default;
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

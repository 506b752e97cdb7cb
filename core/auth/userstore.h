#pragma once

#include "auth/users.h"
#include "domain/result.h"

#include <vector>

namespace ob {

/// Where the desk keeps its users, and the audit records of logins and user changes: the store port that logging
/// in and user administration need, and nothing more. Every store implements it. A running desk changes users
/// through the engine (OrderEngine::setUser), in a unit; saveUser here is for a desk being set up.
class UserStore {
public:
    virtual ~UserStore() = default;

    virtual Result<std::vector<User>> loadUsers() = 0;
    /// Adds or updates a user, with its audit record, in one transaction. Thread-safe.
    virtual Status saveUser(const User& user, const AuditRecord& record) = 0;
    /// Appends to the audit trail at once (logins). Thread-safe.
    virtual Status appendAudit(const AuditRecord& record) = 0;
    /// Writes a user's failed-login count and lock with the audit records of the login that changed them, in one
    /// transaction. Thread-safe.
    virtual Status saveLoginState(const LoginState& state, const std::vector<AuditRecord>& records) = 0;
};

}  // namespace ob

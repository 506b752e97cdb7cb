#pragma once

#include "auth/users.h"
#include "compliance/breach.h"
#include "portfolio/fundholdings.h"
#include "store/sqlite.h"

#include <string_view>
#include <vector>

namespace ob::store {

/// SQL for what compliance keeps: rules with their lists, locates, breaches,
/// opening positions, users and the audit trail. Write statements are
/// prepared on first use; the connection's owner provides the transactions.
class ComplianceRepository {
public:
    explicit ComplianceRepository(sqlite::Database& db) : db_(db) {}

    RuleBook loadRules();
    /// Replaces every rule, list entry and locate.
    void saveRules(const RuleBook& rules);
    /// Breaches still open or acknowledged, and those raised at or after `since`.
    std::vector<Breach> loadBreaches(Timestamp since);
    std::int64_t lastBreachId();
    void writeBreach(const Breach& breach);

    std::vector<OpeningPosition> loadOpeningPositions();
    /// Replaces the opening positions of each fund named in `positions`.
    void saveOpeningPositions(const std::vector<OpeningPosition>& positions);

    std::vector<User> loadUsers();
    /// Adds or updates the user, all but its LoginState (a new user starts with none).
    void saveUser(const User& user);
    void saveLoginState(const LoginState& state);
    void appendAudit(const AuditRecord& record);
    /// The newest `limit` records, newest first.
    std::vector<AuditRecord> loadAudit(std::size_t limit);

private:
    sqlite::Database& db_;
    sqlite::Statement upsertBreach_;
    sqlite::Statement insertAudit_;
};

}  // namespace ob::store

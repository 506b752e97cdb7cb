#include "auth/userchange.h"

#include <algorithm>

namespace ob {

namespace {

bool activeAdministrator(const User& user) { return user.active && user.role == Role::Administrator; }

/// What a change to a known user changed, old and new: "role ComplianceOfficer → Trader, disabled".
std::string changes(const User& before, const User& after, const UserChange& change) {
    std::string words;
    auto add = [&](const std::string& what) { words += (words.empty() ? "" : ", ") + what; };
    if (before.role != after.role) add("role " + std::string(nameOf(before.role)) + " → " + std::string(nameOf(after.role)));
    if (before.fullName != after.fullName) add("full name '" + before.fullName + "' → '" + after.fullName + "'");
    if (before.active != after.active) add(after.active ? "enabled" : "disabled");
    if (change.passwordHash) add(change.mustChangePassword ? "one-time password" : "new password");
    return words.empty() ? "nothing" : words;
}

}  // namespace

Result<UserUpdate> planUserChange(const std::vector<User>& users, const UserChange& change) {
    if (change.name.empty()) return Error{"a user needs a name"};
    UserUpdate update;
    update.user = {change.name, change.fullName, change.role, change.passwordHash.value_or(""), change.active};
    update.user.mustChangePassword = change.passwordHash && change.mustChangePassword;
    const auto known = std::find_if(users.begin(), users.end(), [&](const User& user) { return user.name == change.name; });
    update.added = known == users.end();
    if (update.added && !change.passwordHash) return Error{std::string(kNewUserNeedsPassword)};
    if (!update.added) {
        if (!change.passwordHash) {
            update.user.passwordHash = known->passwordHash;
            update.user.mustChangePassword = known->mustChangePassword;
        }
        if (update.user.fullName.empty()) update.user.fullName = known->fullName;
        update.user.failedLogins = known->failedLogins;
        update.user.locked = known->locked;
        const bool othersLeft = std::any_of(users.begin(), users.end(), [&](const User& other) {
            return other.name != change.name && activeAdministrator(other);
        });
        if (activeAdministrator(*known) && !activeAdministrator(update.user) && !othersLeft)
            return Error{change.name +
                         " is the desk's last active administrator and cannot be demoted or disabled: make another user "
                         "an administrator first"};
    }
    update.action = update.added ? "user.add" : "user.change";
    update.subject = "user " + change.name;
    update.details = update.added
                         ? "added: role " + std::string(nameOf(change.role)) + (change.active ? "" : ", disabled") +
                               (change.passwordHash ? (change.mustChangePassword ? ", one-time password" : ", new password") : "")
                         : "changed: " + changes(*known, update.user, change);
    return update;
}

}  // namespace ob

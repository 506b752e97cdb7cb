#include "auth/userchange.h"

#include <algorithm>

namespace ob {

Result<UserUpdate> planUserChange(const std::vector<User>& users, const UserChange& change) {
    if (change.name.empty()) return Error{"a user needs a name"};
    UserUpdate update;
    update.user = {change.name, change.fullName, change.role, change.passwordHash.value_or(""), change.active};
    const auto known = std::find_if(users.begin(), users.end(), [&](const User& user) { return user.name == change.name; });
    update.added = known == users.end();
    if (update.added && !change.passwordHash) return Error{std::string(kNewUserNeedsPassword)};
    if (!update.added) {
        if (!change.passwordHash) update.user.passwordHash = known->passwordHash;
        if (update.user.fullName.empty()) update.user.fullName = known->fullName;
    }
    update.action = update.added ? "user.add" : "user.change";
    update.subject = "user " + change.name;
    update.details = std::string(update.added ? "added" : "changed") + ": role " + std::string(nameOf(change.role)) +
                     (change.active ? "" : ", disabled") + (change.passwordHash ? ", new password" : "");
    return update;
}

}  // namespace ob

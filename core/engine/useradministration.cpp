#include "engine/useradministration.h"

#include "engine/commands.h"
#include "engine/effects.h"

#include <algorithm>

namespace ob {

void UserAdministration::handle(command::SetUser& command, Effects& effects) {
    command.done.set_value(setUser(command.change, command.actor, effects));
}

void UserAdministration::handle(command::UnlockUser& command, Effects& effects) {
    command.done.set_value(unlock(command.name, command.actor, effects));
}

void UserAdministration::handle(command::ChangeOwnPassword& command, Effects& effects) {
    command.done.set_value(changeOwnPassword(command, effects));
}

Result<std::vector<User>> UserAdministration::usersFor(const Actor& actor, std::string_view what) const {
    if (auto allowed = context_.mayChange(actor, Permission::ManageUsers, what); !allowed) return Error{allowed.error()};
    return users();
}

Result<UserUpdate> UserAdministration::setUser(const UserChange& change, const Actor& actor, Effects& effects) {
    auto known = usersFor(actor, "add or change users");
    if (!known) return Error{known.error()};
    auto update = planUserChange(*known, change);
    if (!update) return update;
    write(update->user, actor, update->action, update->details, effects);
    return update;
}

Status UserAdministration::unlock(const std::string& name, const Actor& actor, Effects& effects) {
    auto known = usersFor(actor, "unlock users");
    if (!known) return Error{known.error()};
    const auto user = std::find_if(known->begin(), known->end(), [&](const User& u) { return u.name == name; });
    if (user == known->end()) return Error{"the desk has no user " + name};
    if (!user->locked) return Error{"the user " + name + " is not locked"};
    effects.loginState({name, 0, false});
    effects.audit(actor, "user.unlock", "user " + name,
                  "unlocked after " + std::to_string(user->failedLogins) + " failed logins");
    effects.commit();
    return {};
}

Status UserAdministration::changeOwnPassword(const command::ChangeOwnPassword& command, Effects& effects) {
    auto known = users();
    if (!known) return Error{known.error()};
    const auto user = std::find_if(known->begin(), known->end(), [&](const User& u) { return u.name == command.actor.user; });
    if (user == known->end() || !user->active) return Error{"the desk has no active user " + command.actor.user};
    // Someone else changed it between the check of the old password and now: that check no longer holds.
    if (user->passwordHash != command.expectedHash) return Error{"the password was changed meanwhile: log in again"};
    User changed = *user;
    changed.passwordHash = command.newHash;
    changed.mustChangePassword = false;
    write(changed, command.actor, "user.password", "changed their own password", effects);
    return {};
}

void UserAdministration::write(const User& user, const Actor& actor, std::string action, std::string details, Effects& effects) {
    effects.user(user);
    effects.audit(actor, std::move(action), "user " + user.name, std::move(details));
    effects.commit();
    changed_.insert_or_assign(user.name, user);
}

Result<std::vector<User>> UserAdministration::users() const {
    if (!loadUsers_) return Error{"this desk's engine was started without its users: it cannot add or change them"};
    auto stored = loadUsers_();
    if (!stored) return Error{"cannot read the users: " + stored.error()};
    for (const auto& [name, user] : changed_) {
        auto same = std::find_if(stored->begin(), stored->end(), [&](const User& other) { return other.name == name; });
        if (same == stored->end()) {
            stored->push_back(user);
        } else {
            User overlaid = user;
            overlaid.failedLogins = same->failedLogins;
            overlaid.locked = same->locked;
            *same = overlaid;
        }
    }
    return stored;
}

}  // namespace ob

#include "engine/useradministration.h"

#include "engine/commands.h"
#include "engine/effects.h"

#include <algorithm>

namespace ob {

void UserAdministration::handle(command::SetUser& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::ManageUsers, "add or change users"); !allowed) {
        command.done.set_value(Error{allowed.error()});
        return;
    }
    auto known = users();
    if (!known) {
        command.done.set_value(Error{known.error()});
        return;
    }
    auto update = planUserChange(*known, command.change);
    if (!update) {
        command.done.set_value(Error{update.error()});
        return;
    }
    write(update->user, command.actor, update->action, update->details, effects);
    command.done.set_value(std::move(update));
}

void UserAdministration::handle(command::UnlockUser& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::ManageUsers, "unlock users"); !allowed) {
        command.done.set_value(Error{allowed.error()});
        return;
    }
    auto known = users();
    if (!known) {
        command.done.set_value(Error{known.error()});
        return;
    }
    const auto user = std::find_if(known->begin(), known->end(), [&](const User& u) { return u.name == command.name; });
    if (user == known->end()) {
        command.done.set_value(Error{"the desk has no user " + command.name});
        return;
    }
    if (!user->locked) {
        command.done.set_value(Error{"the user " + command.name + " is not locked"});
        return;
    }
    effects.loginState({command.name, 0, false});
    effects.audit(command.actor, "user.unlock", "user " + command.name,
                  "unlocked after " + std::to_string(user->failedLogins) + " failed logins");
    effects.commit();
    command.done.set_value(Status{});
}

void UserAdministration::handle(command::ChangeOwnPassword& command, Effects& effects) {
    auto known = users();
    if (!known) {
        command.done.set_value(Error{known.error()});
        return;
    }
    const auto user = std::find_if(known->begin(), known->end(), [&](const User& u) { return u.name == command.actor.user; });
    if (user == known->end() || !user->active) {
        command.done.set_value(Error{"the desk has no active user " + command.actor.user});
        return;
    }
    // Someone else changed it between the check of the old password and now: that check no longer holds.
    if (user->passwordHash != command.expectedHash) {
        command.done.set_value(Error{"the password was changed meanwhile: log in again"});
        return;
    }
    User changed = *user;
    changed.passwordHash = command.newHash;
    changed.mustChangePassword = false;
    write(changed, command.actor, "user.password", "changed their own password", effects);
    command.done.set_value(Status{});
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

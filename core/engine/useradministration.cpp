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
    effects.user(update->user);
    effects.audit(command.actor, update->action, update->subject, update->details);
    effects.commit();
    changed_.insert_or_assign(update->user.name, update->user);
    command.done.set_value(std::move(update));
}

Result<std::vector<User>> UserAdministration::users() const {
    if (!loadUsers_) return Error{"this desk's engine was started without its users: it cannot add or change them"};
    auto stored = loadUsers_();
    if (!stored) return Error{"cannot read the users: " + stored.error()};
    for (const auto& [name, user] : changed_) {
        auto same = std::find_if(stored->begin(), stored->end(), [&](const User& other) { return other.name == name; });
        if (same == stored->end())
            stored->push_back(user);
        else
            *same = user;
    }
    return stored;
}

}  // namespace ob

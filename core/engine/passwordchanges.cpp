#include "engine/passwordchanges.h"

#include "auth/passwordpolicy.h"
#include "auth/passwords.h"
#include "engine/orderengine.h"

#include <algorithm>

namespace ob {

Status changeOwnPassword(OrderEngine& engine, const Actor& actor, const std::string& oldPassword,
                         const std::string& newPassword) {
    auto users = engine.users().get();
    if (!users) return Error{users.error()};
    const auto user = std::find_if(users->begin(), users->end(), [&](const User& u) { return u.name == actor.user; });
    if (user == users->end() || !PasswordHasher::verify(oldPassword, user->passwordHash))
        return Error{"the current password is wrong"};
    if (newPassword == oldPassword) return Error{"the new password is the current one"};
    auto hash = hashNewPassword(actor.user, newPassword);
    if (!hash) return Error{hash.error()};
    return engine.changeOwnPassword(user->passwordHash, std::move(*hash), actor).get();
}

Result<std::string> resetPassword(OrderEngine& engine, const Actor& administrator, const User& user) {
    auto password = oneTimePassword(user.name);
    if (!password) return Error{password.error()};
    auto hash = PasswordHasher{}.hash(*password);
    if (!hash) return Error{hash.error()};
    UserChange change{user.name, user.role, user.fullName, user.active, std::move(*hash), true};
    auto changed = engine.setUser(std::move(change), administrator).get();
    if (!changed) return Error{changed.error()};
    return password;
}

}  // namespace ob

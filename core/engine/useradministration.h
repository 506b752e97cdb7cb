#pragma once

#include "auth/userchange.h"
#include "engine/enginecontext.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ob {

class Effects;
namespace command {
struct SetUser;
struct UnlockUser;
struct ChangeOwnPassword;
}  // namespace command

/// An administrator's changes to the desk's users: each user written with its audit record in one unit. The users
/// themselves stay in the store, read when a change comes (who is known decides between adding and changing); the
/// password arrives hashed, so the engine's thread never spends scrypt's time.
class UserAdministration {
public:
    /// Reads the users the store holds (UserStore::loadUsers).
    using LoadUsers = std::function<Result<std::vector<User>>()>;

    UserAdministration(EngineContext& context, LoadUsers loadUsers) : context_(context), loadUsers_(std::move(loadUsers)) {}

    void handle(command::SetUser& command, Effects& effects);
    void handle(command::UnlockUser& command, Effects& effects);
    void handle(command::ChangeOwnPassword& command, Effects& effects);

    /// The users as they stand after every change made here: the store's, overlaid with the changes it may not
    /// have committed yet. Failed logins and locks are the store's (logging in writes them there directly).
    Result<std::vector<User>> users() const;

private:
    /// The users, if `actor` may change them (`what`: "unlock users").
    Result<std::vector<User>> usersFor(const Actor& actor, std::string_view what) const;
    Result<UserUpdate> setUser(const UserChange& change, const Actor& actor, Effects& effects);
    Status unlock(const std::string& name, const Actor& actor, Effects& effects);
    Status changeOwnPassword(const command::ChangeOwnPassword& command, Effects& effects);
    /// Writes `user` (all but its login state) with its audit record in one unit.
    void write(const User& user, const Actor& actor, std::string action, std::string details, Effects& effects);

    EngineContext& context_;
    LoadUsers loadUsers_;
    std::map<std::string, User> changed_;
};

}  // namespace ob

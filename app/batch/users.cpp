// --set-user: an administrator adds or changes a user of the desk.
#include "batch/actions.h"

#include "auth/passwords.h"

#include <cstdio>
#include <cstdlib>

namespace ob::app {

namespace {

Status readSetUser(const OptionValues& given, CommandLine& into) {
    into.setUser = given.text("set-user").trimmed().toStdString();
    if (given.isSet("set-user")) {
        if (into.setUser.empty()) return Error{"--set-user needs a user name"};
        const auto chosen = enumFromName<Role>(given.value("role"));
        if (!chosen) return Error{"--set-user needs --role trader, pm, compliance or admin"};
        into.role = *chosen;
        into.fullName = given.text("full-name").trimmed().toStdString();
        into.disableUser = given.isSet("disable");
    } else if (given.isSet("role") || given.isSet("full-name") || given.isSet("disable")) {
        return Error{"--role, --full-name and --disable go with --set-user"};
    }
    return {};
}

/// Recorded in the audit trail with the user's new settings.
BatchStep setUser(BatchRun& run) {
    const auto& options = run.options;
    auto& store = run.desk.store();
    auto users = store.loadUsers();
    if (!users) return stop(users.error());
    User user{options.setUser, options.fullName, *options.role, {}, !options.disableUser};
    bool known = false;
    for (const auto& existing : *users)
        if (existing.name == user.name) {
            known = true;
            user.passwordHash = existing.passwordHash;
            if (user.fullName.empty()) user.fullName = existing.fullName;
        }
    const char* password = std::getenv("OPENBLOTTER_NEW_PASSWORD");
    if (password) {
        auto hash = PasswordHasher{}.hash(password);
        if (!hash) return stop(hash.error());
        user.passwordHash = *hash;
    } else if (!known) {
        return stop("a new user needs a password: set OPENBLOTTER_NEW_PASSWORD");
    }
    const std::string details = std::string(known ? "changed" : "added") + ": role " + std::string(nameOf(user.role)) +
                                (user.active ? "" : ", disabled") + (password ? ", new password" : "");
    const AuditRecord record{
        0, nowUtc(), run.actor.user, run.actor.role, known ? "user.change" : "user.add", "user " + user.name, details};
    if (auto saved = store.saveUser(user, record); !saved) return stop(saved.error());
    std::printf("user %s %s\n", user.name.c_str(), details.c_str());
    return {};
}

}  // namespace

BatchAction setUserAction() {
    return {
        "set-user",
        "[--set-user NAME --role ROLE [--full-name TEXT] [--disable]]",
        {{"set-user", "name",
          "Add or change the user <name> (administrators only); the password comes from "
          "$OPENBLOTTER_NEW_PASSWORD."},
         {"role", "role", "The role of --set-user: trader, pm, compliance or admin."},
         {"full-name", "text", "The full name of --set-user."},
         {"disable", "", "With --set-user: the user may no longer log in."}},
        Access{Permission::ManageUsers, false, false, "add or change users"},
        "Users: an administrator adds a user or changes one with --set-user NAME --role trader|pm|compliance|admin;\n"
        "the new password comes from the environment variable OPENBLOTTER_NEW_PASSWORD (stored as a salted scrypt\n"
        "hash); --disable keeps the user from logging in. Every change is in the audit trail.\n"
        "A new data directory has the demo users when it runs the simulated broker (or OPENBLOTTER_DEMO_USERS=1);\n"
        "with --fix-settings it starts with one administrator, 'admin', whose password OPENBLOTTER_ADMIN_PASSWORD gives.\n"
        "A desk refuses --fix-settings while a demo user can still log in with its published password.",
        readSetUser,
        [](const CommandLine& options) { return !options.setUser.empty(); },
        setUser,
    };
}

}  // namespace ob::app

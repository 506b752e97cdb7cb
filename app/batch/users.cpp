// --set-user: an administrator adds or changes a user of the desk.
#include "batch/actions.h"

#include "auth/passwordpolicy.h"
#include "auth/userchange.h"

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

/// The engine writes the user with its audit record; the password is hashed here, off the engine's thread.
BatchStep setUser(BatchRun& run) {
    const auto& options = run.options;
    UserChange change{options.setUser, *options.role, options.fullName, !options.disableUser, std::nullopt};
    if (const char* password = std::getenv("OPENBLOTTER_NEW_PASSWORD")) {
        auto hash = hashNewPassword(options.setUser, password);
        if (!hash) return stop("OPENBLOTTER_NEW_PASSWORD: " + hash.error());
        change.passwordHash = std::move(*hash);
    }
    auto update = run.desk.engine().setUser(std::move(change), run.actor).get();
    if (!update) {
        if (update.error() == kNewUserNeedsPassword) return stop(update.error() + ": set OPENBLOTTER_NEW_PASSWORD");
        return stop(update.error());
    }
    if (auto stored = awaitStored(run)) return stored;
    std::printf("user %s %s\n", update->user.name.c_str(), update->details.c_str());
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
        "Every password set (here, in the desktop, OPENBLOTTER_ADMIN_PASSWORD) has at least 10 characters, does not\n"
        "contain the user name and is no published demo password. The last active administrator cannot be demoted\n"
        "or disabled. OPENBLOTTER_LOCK_AFTER (default 5, 0: never) failed logins in a row lock a user until an\n"
        "administrator unlocks them in the desktop (Administration > Users).\n"
        "A new data directory has the demo users when it runs the simulated broker (or OPENBLOTTER_DEMO_USERS=1);\n"
        "with --fix-settings it starts with one administrator, 'admin', whose password OPENBLOTTER_ADMIN_PASSWORD gives.\n"
        "A desk refuses --fix-settings while a demo user can still log in with its published password.",
        readSetUser,
        [](const CommandLine& options) { return !options.setUser.empty(); },
        setUser,
    };
}

}  // namespace ob::app

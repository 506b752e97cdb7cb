#include "headless.h"

#include "auth/login.h"
#include "batchaction.h"
#include "desk.h"
#include "util/files.h"
#include "verifybooks.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

namespace ob::app {

namespace {

int fail(const std::string& reason, int status = BadInput) {
    std::fprintf(stderr, "openblotter: %s\n", reason.c_str());
    return status;
}

Result<std::string> password(const CommandLine& options) {
    if (options.passwordFile) {
        auto text = readFile(*options.passwordFile);
        if (!text) return Error{text.error()};
        return text->substr(0, text->find_first_of("\r\n"));
    }
    if (const char* value = std::getenv("OPENBLOTTER_PASSWORD")) return std::string(value);
    return Error{"give the password of " + options.user + " in OPENBLOTTER_PASSWORD or with --password-file"};
}

void describeNewDirectory(Desk& desk, const CommandLine& options) {
    if (!desk.firstStartSteps().empty()) {
        // A run that imports reference data is taking the steps already.
        for (const auto& file : options.importReference)
            if (file) return;
        std::fprintf(stderr, "openblotter: %s\n%s", desk.dataDirectory().c_str(), desk.firstStartSteps().c_str());
        return;
    }
    std::fprintf(stderr,
                 "openblotter: %s was empty and is now %s: 40 instruments, funds GROWTH, INCOME and EUROPE, two model "
                 "portfolios, the demo compliance rules%s. A real broker: --fix-settings FILE (an example: "
                 "/usr/share/doc/openblotter/examples/broker.example.cfg).\n",
                 desk.dataDirectory().c_str(),
                 desk.simulator() ? "the demo desk, with its simulated broker on 127.0.0.1" : "a new desk",
                 desk.simulator() ? " and a user per role (password: the name followed by -demo)" : "");
}

}  // namespace

int runHeadless(const CommandLine& options) {
    auto opened = Desk::open({options.dataDirectory, options.logLevel, options.fixSettings, "openblotter --headless"});
    if (!opened) return fail(opened.error());
    Desk& desk = **opened;
    auto secret = password(options);
    if (!secret) return fail(secret.error());
    auto actor = logIn(desk.store(), options.user, *secret, "headless", desk.loginPolicy());
    if (!actor) return fail("login as " + options.user + " refused: " + actor.error());
    if (auto oneTime = mustChangePassword(desk.store(), actor->user); !oneTime || *oneTime)
        return fail(oneTime ? "the password of " + actor->user +
                                  " is a one-time password: log in to the desktop once to choose a new one"
                            : oneTime.error());
    if (auto started = desk.start(); !started) {
        // The engine refuses a store whose orders and executions disagree; the check still names each difference.
        if (options.verifyBooks && storedBooksDiffer(desk.store())) return fail(started.error(), BooksDiffer);
        return fail(started.error());
    }
    if (desk.isNewDirectory() || !desk.firstStartSteps().empty()) describeNewDirectory(desk, options);
    spdlog::info("headless run by {} on {} ({})", actor->user, desk.dataDirectory().string(), desk.mode());

    BatchRun run{desk, *actor, options};
    for (const auto& action : batchActions()) {
        if (!action.wanted(options)) continue;
        if (action.access && !action.access->checkedByEngine && !action.access->allows(actor->role))
            return fail(refusal(*actor, action.access->refusedTo));
        if (auto stopped = action.run(run)) return fail(stopped->reason, stopped->exitStatus);
    }
    return run.status;
}

}  // namespace ob::app

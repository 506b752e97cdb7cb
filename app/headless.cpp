#include "headless.h"

#include "auth/login.h"
#include "auth/passwords.h"
#include "desk.h"
#include "formats/basket.h"
#include "formats/exports.h"
#include "formats/openingpositions.h"
#include "formats/positionsexport.h"
#include "formats/referencecsv.h"
#include "formats/rulesfile.h"
#include "openorders.h"
#include "rebalanceproposal.h"
#include "util/files.h"
#include "verifybooks.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>

namespace ob::app {

namespace {

using Clock = std::chrono::steady_clock;

int fail(const std::string& reason) {
    std::fprintf(stderr, "openblotter: %s\n", reason.c_str());
    return BadInput;
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

std::string describe(const NewOrderRequest& request) {
    return std::string(aliasOf(request.side)) + " " + request.terms.quantity.toString() + " " + request.symbol + " for " +
           request.account;
}

/// Prints what compliance says about each order; false if one has warnings and no reason is given.
bool reportCompliance(OrderEngine& engine, const std::vector<NewOrderRequest>& basket, const Actor& actor, bool haveReason) {
    bool sendable = true;
    for (std::size_t i = 0; i < basket.size(); ++i) {
        const auto whatIf = engine.whatIf(basket[i], actor).get();
        const auto& check = whatIf.check;
        std::printf("order %zu (%s): %s%s%s\n", i + 1, describe(basket[i]).c_str(), std::string(aliasOf(check.verdict)).c_str(),
                    check.findings.empty() ? "" : ": ", check.summary().c_str());
        if (check.verdict == Verdict::Warn && !haveReason) sendable = false;
    }
    return sendable;
}

/// Adds or changes a user: an administrator's job, recorded in the audit trail.
Status setUser(OrderStore& store, const CommandLine& options, const Actor& actor) {
    if (!actor.may(Permission::ManageUsers)) return Error{refusal(actor, "add or change users")};
    auto users = store.loadUsers();
    if (!users) return Error{users.error()};
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
        if (!hash) return Error{hash.error()};
        user.passwordHash = *hash;
    } else if (!known) {
        return Error{"a new user needs a password: set OPENBLOTTER_NEW_PASSWORD"};
    }
    const std::string details = std::string(known ? "changed" : "added") + ": role " + std::string(nameOf(user.role)) +
                                (user.active ? "" : ", disabled") + (password ? ", new password" : "");
    const AuditRecord record{0,      nowUtc(), actor.user, actor.role, known ? "user.change" : "user.add", "user " + user.name,
                             details};
    if (auto saved = store.saveUser(user, record); !saved) return saved;
    std::printf("user %s %s\n", user.name.c_str(), details.c_str());
    return {};
}

Status importPositions(Desk& desk, const std::filesystem::path& path, const Actor& actor) {
    auto table = CsvTable::readFile(path.string());
    if (!table) return Error{table.error()};
    auto positions = readOpeningPositions(*table, desk.referenceData());
    if (!positions) return Error{path.string() + ": " + positions.error() + "; no positions were imported"};
    const auto count = positions->size();
    if (auto set = desk.engine().setOpeningPositions(std::move(*positions), actor, path.filename().string()).get(); !set)
        return Error{"positions not imported: " + set.error()};
    std::printf("imported %zu opening positions from %s\n", count, path.c_str());
    return {};
}

Status importModel(OrderStore& store, const std::filesystem::path& path, const Actor& actor) {
    if (!actor.may(Permission::ManagePortfolios)) return Error{refusal(actor, "import model portfolios")};
    auto table = CsvTable::readFile(path.string());
    if (!table) return Error{table.error()};
    auto model = parseModel(*table);
    if (!model) return Error{path.string() + ": " + model.error() + "; the model was not imported"};
    model->name = path.stem().string();
    if (auto valid = validateModel(*model); !valid) return Error{path.string() + ": " + valid.error()};
    if (auto saved =
            store.saveModel(*model, {0, nowUtc(), actor.user, actor.role, "model.save", "model " + model->name,
                                     std::to_string(model->weights.size()) + " weights from " + path.filename().string()});
        !saved)
        return saved;
    std::printf("imported the model %s (%zu weights) from %s\n", model->name.c_str(), model->weights.size(), path.c_str());
    return {};
}

}  // namespace

int runHeadless(const CommandLine& options) {
    auto opened = Desk::open({options.dataDirectory, options.logLevel, options.fixSettings, "openblotter --headless"});
    if (!opened) return fail(opened.error());
    Desk& desk = **opened;
    auto secret = password(options);
    if (!secret) return fail(secret.error());
    auto actor = logIn(desk.store(), options.user, *secret, "headless");
    if (!actor) return fail("login as " + options.user + " refused: " + actor.error());
    if (auto started = desk.start(); !started) {
        // The engine refuses a store whose orders and executions disagree; the check still names each difference.
        if (options.verifyBooks && storedBooksDiffer(desk.store())) {
            std::fprintf(stderr, "openblotter: %s\n", started.error().c_str());
            return BooksDiffer;
        }
        return fail(started.error());
    }
    if (desk.isNewDirectory())
        std::fprintf(stderr,
                     "openblotter: %s was empty and is now %s: 40 instruments, funds GROWTH, INCOME and EUROPE, two model "
                     "portfolios, the demo compliance rules%s. A real broker: --fix-settings FILE (an example: "
                     "/usr/share/doc/openblotter/examples/broker.example.cfg).\n",
                     desk.dataDirectory().c_str(),
                     desk.simulator() ? "the demo desk, with its simulated broker on 127.0.0.1" : "a new desk",
                     desk.simulator() ? " and a user per role (password: the name followed by -demo)" : "");
    spdlog::info("headless run by {} on {} ({})", actor->user, desk.dataDirectory().string(), desk.mode());

    if (!options.setUser.empty())
        if (auto set = setUser(desk.store(), options, *actor); !set) return fail(set.error());

    if (options.importPositions)
        if (auto imported = importPositions(desk, *options.importPositions, *actor); !imported) return fail(imported.error());
    if (options.importModel)
        if (auto imported = importModel(desk.store(), *options.importModel, *actor); !imported) return fail(imported.error());

    if (options.rebalance)
        if (auto written = writeRebalanceProposal(desk, *options.rebalance, *actor); !written) return fail(written.error());

    if (options.importRules) {
        auto text = readFile(*options.importRules);
        if (!text) return fail(text.error());
        auto rules = parseRulesFile(*text);
        if (!rules) return fail(options.importRules->string() + ": " + rules.error() + "; the rules were left as they were");
        const auto counts =
            std::to_string(rules->rules.size()) + " rules and " + std::to_string(rules->locates.size()) + " locates";
        if (auto set = desk.engine().setRules(*rules, *actor, "imported from " + options.importRules->filename().string()).get();
            !set)
            return fail("rules not imported: " + set.error());
        std::printf("imported %s from %s\n", counts.c_str(), options.importRules->c_str());
    }
    if (options.exportRules) {
        desk.engine().sync(std::chrono::seconds(30));
        auto compliance = desk.store().loadCompliance(nowUtc());
        if (!compliance) return fail(compliance.error());
        if (auto written = writeFile(*options.exportRules, writeRulesFile(compliance->rules)); !written)
            return fail(written.error());
        (void)desk.store().appendAudit({0, nowUtc(), actor->user, actor->role, "rules.export", "rules",
                                        "exported to " + options.exportRules->filename().string()});
        std::printf("exported %zu rules and %zu locates to %s\n", compliance->rules.rules.size(),
                    compliance->rules.locates.size(), options.exportRules->c_str());
    }

    // Orders no one could confirm are resolved before anything new is sent.
    std::size_t unresolved = 0;
    if (options.resolveUnconfirmed)
        unresolved = resolveUnconfirmedOrders(desk.engine(), desk.gateway(), *options.resolveUnconfirmed, *actor);

    std::vector<NewOrderRequest> basket;
    if (options.basket) {
        auto table = CsvTable::readFile(options.basket->string());
        if (!table) return fail(table.error());
        auto parsed =
            parseBasket(*table, desk.referenceData(), [&](std::string_view broker) { return desk.gateway().resolve(broker); });
        if (!parsed) return fail(options.basket->string() + ": the basket has errors; nothing was sent:\n" + parsed.error());
        basket = std::move(*parsed);
        const bool sendable = reportCompliance(desk.engine(), basket, *actor, !options.warningReason.empty());
        if (!options.send)
            std::printf("%s: %zu orders, all valid (not sent: add --send)\n", options.basket->c_str(), basket.size());
        else if (!sendable)
            return fail(options.basket->string() +
                        ": some orders have compliance warnings; give --warning-reason to send them. Nothing was sent");
    }

    const auto deadline = Clock::now() + std::chrono::seconds(options.waitSeconds.value_or(0));
    std::set<OrderId> routed;
    std::size_t held = 0;
    std::optional<std::string> refused;
    if (options.send) {
        // Orders sent while a session is still logging on would be refused: give the sessions the wait to come up.
        if (!desk.gateway().waitForLogon(std::chrono::seconds(std::max(5, options.waitSeconds.value_or(0)))))
            spdlog::warn("not every FIX session is logged on; orders for those sessions are rejected");
        for (std::size_t i = 0; i < basket.size(); ++i) {
            auto order = desk.engine().submit(basket[i], *actor, options.warningReason).get();
            if (!order) {
                // The checks above saw each order alone; the orders before this one can change its answer
                // (a duplicate, the trader's daily notional). Stop here, and say what went.
                refused = "order " + std::to_string(i + 1) + " of the basket was refused: " + order.error() + ". The " +
                          std::to_string(i) + " orders before it were entered; the rest were not sent";
                break;
            }
            if (order->held)
                ++held;
            else
                routed.insert(order->id);
        }
        std::printf("sent %zu orders", routed.size());
        if (held) std::printf("; %zu held by compliance, not sent", held);
        std::printf("\n");
    }

    int status = held ? SomeRejectedOrBlocked : AllTerminal;
    if (options.waitSeconds) {
        if (!waitUntilDone(desk.engine(), deadline)) {
            status = TimedOut;
            std::fprintf(stderr, "openblotter: %zu orders still working after %d seconds\n", working(desk.engine()).size(),
                         *options.waitSeconds);
            if (options.cancelRemaining) cancelRemainingOrders(desk.engine(), *actor);
        }
    }
    desk.engine().sync(std::chrono::seconds(30));
    const auto snapshot = desk.engine().snapshot().get();
    if (!snapshot.halted.empty()) {
        // Nothing is exported: the book in memory may hold what the store never did.
        std::fprintf(stderr, "openblotter: %s\n", snapshot.halted.c_str());
        return Halted;
    }
    for (const auto& order : snapshot.orders)
        if (routed.contains(order.id) && order.status() == OrdStatus::Rejected && status == AllTerminal)
            status = SomeRejectedOrBlocked;

    if (options.exportOrders)
        if (auto written = writeFile(*options.exportOrders, ordersCsv(snapshot.orders)); !written) return fail(written.error());
    if (options.exportExecutions)
        if (auto written = writeFile(*options.exportExecutions, executionsCsv(snapshot.executions)); !written)
            return fail(written.error());
    if (options.exportPositions) {
        const auto csv = positionsCsv(snapshot.fundPositions, snapshot.positions, desk.referenceData(),
                                      [&](const std::string& symbol) { return desk.prices().last(symbol); });
        if (auto written = writeFile(*options.exportPositions, csv); !written) return fail(written.error());
    }
    if (options.verifyBooks) {
        const auto agrees = verifyBooks(desk.engine());
        if (!agrees) return fail(agrees.error());
        if (!*agrees) status = BooksDiffer;
    }
    if (refused) return fail(*refused);
    if (unresolved) return fail(std::to_string(unresolved) + " unconfirmed orders were not resolved");
    return status;
}

}  // namespace ob::app

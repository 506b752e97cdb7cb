// The trader's batch actions: orders in doubt, the basket, the wait for its fills, and the book they leave.
#include "batch/actions.h"

#include "formats/basket.h"
#include "headless.h"
#include "openorders.h"
#include "util/csv.h"
#include "util/text.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace ob::app {

namespace {

using Clock = std::chrono::steady_clock;

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

BatchStep importBasket(BatchRun& run) {
    const auto& options = run.options;
    auto& desk = run.desk;
    auto table = CsvTable::readFile(options.basket->string());
    if (!table) return stop(table.error());
    auto parsed =
        parseBasket(*table, desk.referenceData(), [&](std::string_view broker) { return desk.gateway().resolve(broker); });
    if (!parsed) return stop(options.basket->string() + ": the basket has errors; nothing was sent:\n" + parsed.error());
    run.basket = std::move(*parsed);
    const bool sendable = reportCompliance(desk.engine(), run.basket, run.actor, !options.warningReason.empty());
    if (!options.send)
        std::printf("%s: %zu orders, all valid (not sent: add --send)\n", options.basket->c_str(), run.basket.size());
    else if (!sendable)
        return stop(options.basket->string() +
                    ": some orders have compliance warnings; give --warning-reason to send them. Nothing was sent");
    return {};
}

BatchStep sendBasket(BatchRun& run) {
    const auto& options = run.options;
    auto& desk = run.desk;
    if (!run.sentFrom) run.sentFrom = Clock::now();  // amends and cancels before may have begun it
    // Orders sent while a session is still logging on would be refused: give the sessions the wait to come up.
    if (!desk.gateway().waitForLogon(std::chrono::seconds(std::max(5, options.waitSeconds.value_or(0)))))
        spdlog::warn("not every FIX session is logged on; orders for those sessions are rejected");
    for (std::size_t i = 0; i < run.basket.size(); ++i) {
        auto order = desk.engine().submit(run.basket[i], run.actor, options.warningReason).get();
        if (!order) {
            // The checks before saw each order alone; the orders before this one can change its answer
            // (a duplicate, the trader's daily notional). Stop here, and say what went.
            run.refused = "order " + std::to_string(i + 1) + " of the basket was refused: " + order.error() + ". The " +
                          std::to_string(i) + " orders before it were entered; the rest were not sent";
            break;
        }
        if (order->held)
            ++run.held;
        else
            run.routed.insert(order->id);
    }
    std::printf("sent %zu orders", run.routed.size());
    if (run.held) std::printf("; %zu held by compliance, not sent", run.held);
    std::printf("\n");
    if (run.held) run.status = SomeRejectedOrBlocked;
    return {};
}

BatchStep waitForOrders(BatchRun& run) {
    const int seconds = *run.options.waitSeconds;
    const auto deadline = run.sentFrom.value_or(Clock::now()) + std::chrono::seconds(seconds);
    if (!waitUntilDone(run.desk.engine(), deadline)) {
        run.timedOut = true;
        run.status = TimedOut;
        std::fprintf(stderr, "openblotter: %zu orders still working after %d seconds\n", working(run.desk.engine()).size(),
                     seconds);
    }
    return {};
}

/// The book once every command before is applied and committed. Nothing is exported from a halted desk: the book in
/// memory may hold what the store never did.
BatchStep settle(BatchRun& run) {
    auto& engine = run.desk.engine();
    engine.sync(std::chrono::seconds(30));
    run.book = engine.snapshot().get();
    if (!run.book->halted.empty()) return BatchStop{run.book->halted, Halted};
    for (const auto& order : run.book->orders)
        if (run.routed.contains(order.id) && order.status() == OrdStatus::Rejected && run.status == AllTerminal)
            run.status = SomeRejectedOrBlocked;
    return {};
}

}  // namespace

BatchAction resolveUnconfirmedAction() {
    return {
        "resolve-unconfirmed",
        "[--resolve-unconfirmed cancel|mark-rejected]",
        {{"resolve-unconfirmed", "how",
          "Once the brokers have answered the status requests of the logon, resolve every unconfirmed order: "
          "<how> is cancel (send the broker a cancel) or mark-rejected (close it here)."}},
        Access{Permission::TradeOrders, false, true, "resolve unconfirmed orders"},
        "Orders in doubt: at each logon the desk sends what it committed but never handed to FIX (PossResend) and\n"
        "asks the broker about every order it has not answered (OrderStatusRequest); an order the broker does not\n"
        "know, or does not answer about within the session's StatusRequestTimeout (seconds, default 30), is\n"
        "Unconfirmed. --resolve-unconfirmed waits for those answers, then resolves every unconfirmed order: cancel\n"
        "sends the broker a cancel; mark-rejected closes it here (Rejected, or Canceled keeping its fills), for an\n"
        "order the broker never had. It prints what it did with each order; both are in the audit trail. They are\n"
        "resolved before anything new is sent; one it could not resolve makes the run exit 1 at its end.",
        [](const OptionValues& given, CommandLine& into) -> Status {
            if (!given.isSet("resolve-unconfirmed")) return {};
            const auto how = given.value("resolve-unconfirmed");
            if (how == "cancel")
                into.resolveUnconfirmed = Resolution::Cancel;
            else if (how == "mark-rejected")
                into.resolveUnconfirmed = Resolution::MarkRejected;
            else
                return Error{"--resolve-unconfirmed needs cancel or mark-rejected, got '" + how + "'"};
            return {};
        },
        [](const CommandLine& options) { return options.resolveUnconfirmed.has_value(); },
        [](BatchRun& run) -> BatchStep {
            run.unresolved =
                resolveUnconfirmedOrders(run.desk.engine(), run.desk.gateway(), *run.options.resolveUnconfirmed, run.actor);
            return {};
        },
    };
}

BatchAction importBasketAction() {
    return {
        "import-basket",
        "[--import-basket BASKET.csv] [--warning-reason TEXT]",
        {{"import-basket", "csv", "Read a basket of orders from <csv>."},
         {"warning-reason", "text", "Send orders despite compliance warnings, recording <text> as the reason."}},
        std::nullopt,
        "Compliance: every order of a basket is checked before anything is sent, and the result printed. An order\n"
        "with warnings is sent only with --warning-reason; otherwise nothing of the basket is sent. A blocked order is\n"
        "held, not sent, until a compliance officer overrides it at the desk.\n"
        "Basket CSV: a header row (any case, any column order, extra columns ignored):\n"
        "  account,symbol,side,qty,type,limit_price,tif   and optionally  stop_price,broker,allocations\n"
        "  side BUY|SELL|SHORT; type MKT|LMT|STP|STPLMT; tif DAY|GTC|IOC|FOK; broker: a session's SessionAlias\n"
        "  or TargetCompID (default: the first session); allocations makes a block order for several accounts,\n"
        "  by quantity (A=600;B=400) or weight (A=60%;B=40%), DAY/IOC/FOK only, its account the first allocation's\n"
        "  (docs/portfolio.md). Quantities in whole lots, prices on the tick. A bad row is reported with its\n"
        "  line number and reason, and then nothing of the basket is sent. Without --send it is only checked.",
        [](const OptionValues& given, CommandLine& into) -> Status {
            if (given.isSet("import-basket")) into.basket = given.value("import-basket");
            into.warningReason = given.value("warning-reason");
            if (given.isSet("warning-reason") && isBlank(into.warningReason)) return Error{"--warning-reason needs a reason"};
            return {};
        },
        [](const CommandLine& options) { return options.basket.has_value(); },
        importBasket,
    };
}

BatchAction sendAction() {
    return {
        "send",
        "[--send]",
        {{"send", "", "Route the basket's orders to their brokers."}},
        Access{Permission::TradeOrders, false, true, "enter orders"},
        "--send routes the basket's orders, in the file's order, once every one of them passed the checks. An order\n"
        "the engine refuses then stops the sending: the orders before it are entered, the rest are not sent, and the\n"
        "run exits 1 at its end.",
        [](const OptionValues& given, CommandLine& into) -> Status {
            into.send = given.isSet("send");
            if (into.send && !into.basket) return Error{"--send needs --import-basket"};
            return {};
        },
        [](const CommandLine& options) { return options.send; },
        sendBasket,
    };
}

BatchAction waitAction() {
    return {
        "wait",
        "[--wait SECONDS]",
        {{"wait", "seconds",
          "Wait until every routed order (also those still working from earlier runs) is terminal, for at most "
          "<seconds>."}},
        std::nullopt,
        "--wait waits, counting from when the sending began, until no order is working: also those of earlier runs,\n"
        "not those compliance holds or a staged list keeps. When it runs out the run exits 3.",
        [](const OptionValues& given, CommandLine& into) -> Status {
            if (!given.isSet("wait")) return {};
            bool ok = false;
            const int seconds = given.text("wait").toInt(&ok);
            if (!ok || seconds < 0) return Error{"--wait needs a number of seconds, got '" + given.value("wait") + "'"};
            into.waitSeconds = seconds;
            return {};
        },
        [](const CommandLine& options) { return options.waitSeconds.has_value(); },
        waitForOrders,
    };
}

BatchAction cancelRemainingAction() {
    return {
        "cancel-remaining",
        "[--cancel-remaining]",
        {{"cancel-remaining", "",
          "When --wait times out, cancel every order still working (an unconfirmed one by a cancel) and wait (bounded) "
          "for the answers."}},
        Access{Permission::TradeOrders, false, true, "cancel orders"},
        "--cancel-remaining cancels every order still working when --wait runs out: also one not yet acknowledged,\n"
        "one whose replace is outstanding (once the broker answers the replace) and one unconfirmed (resolved by a\n"
        "cancel); it names each order it could not end, and why.",
        [](const OptionValues& given, CommandLine& into) -> Status {
            into.cancelRemaining = given.isSet("cancel-remaining");
            if (into.cancelRemaining && !into.waitSeconds) return Error{"--cancel-remaining needs --wait"};
            return {};
        },
        [](const CommandLine& options) { return options.cancelRemaining; },
        [](BatchRun& run) -> BatchStep {
            if (run.timedOut) cancelRemainingOrders(run.desk.engine(), run.actor);
            return {};
        },
    };
}

BatchAction settleAction() {
    return {
        "settle",
        "",
        {},
        std::nullopt,
        "Every run then takes the book as it stands once everything before is applied and stored. A desk that halted\n"
        "because its database could not be written stops here (exit 4) and exports nothing; an order of the basket\n"
        "the broker rejected makes the run exit 2.",
        nullptr,
        [](const CommandLine&) { return true; },
        settle,
    };
}

BatchAction reportLateFailuresAction() {
    return {
        "report",
        "",
        {},
        std::nullopt,
        "Last, the run exits 1 naming what failed on the way without stopping it: an order of the basket the engine\n"
        "refused, else the unconfirmed orders --resolve-unconfirmed could not resolve, else the amends and cancels\n"
        "the desk refused to send.",
        nullptr,
        [](const CommandLine&) { return true; },
        [](BatchRun& run) -> BatchStep {
            if (run.refused) return stop(*run.refused);
            if (run.unresolved) return stop(std::to_string(run.unresolved) + " unconfirmed orders were not resolved");
            if (run.requestsRefused)
                return stop(std::to_string(run.requestsRefused) + " amends or cancels were refused by the desk (named above)");
            return {};
        },
    };
}

}  // namespace ob::app

// The trader's batch actions on orders already at the brokers, also those of earlier runs: amends and cancels
// read from files, and --cancel-all. Each request goes through the engine as from the desk, and the broker's answer
// is reported per order.
#include "batch/actions.h"

#include "formats/orderoperations.h"
#include "headless.h"
#include "openorders.h"
#include "util/csv.h"

#include <cstdio>
#include <map>
#include <thread>

namespace ob::app {

namespace {

using Clock = std::chrono::steady_clock;

/// A cancel or an amend of one order, checked and ready to send.
struct OrderRequest {
    int line = 0;  ///< the row of the file; 0 for --cancel-all
    OrderState order;
    std::size_t chainLength = 0;        ///< the ClOrdIDs of the order's chain before the request
    std::optional<OrderTerms> amendTo;  ///< none for a cancel
    Verdict verdict = Verdict::Pass;    ///< what compliance said of the amend before it was sent
};

/// A request the desk sent, awaiting the broker's answer.
struct Sent {
    OrderState order;  ///< as it stood when asked
    RequestKind kind = RequestKind::Cancel;
    std::string clOrdId;  ///< the request's; empty when the desk closed the order itself, never having sent it
};

/// What became of the requests, for the summary line.
struct Tally {
    std::size_t sent = 0, done = 0, refusedByBroker = 0, unanswered = 0, finished = 0;
};

/// The order a row names. A row giving both identifiers must name one order with them.
Result<Order> findOrder(OrderEngine& engine, const OrderSelector& selector) {
    std::optional<Order> byId, byClOrdId;
    if (selector.orderId) {
        byId = engine.order(*selector.orderId).get();
        if (!byId) return Error{"the desk has no order " + std::to_string(*selector.orderId)};
    }
    if (!selector.clOrdId.empty()) {
        byClOrdId = engine.orderByClOrdId(selector.clOrdId).get();
        if (!byClOrdId) return Error{"the desk has no order with cl_ord_id " + selector.clOrdId.substr(0, 80)};
    }
    if (byId && byClOrdId && byId->state.id != byClOrdId->state.id)
        return Error{selector.describe() + " name two orders, " + std::to_string(byId->state.id) + " and " +
                     std::to_string(byClOrdId->state.id) + " (order_id is the desk's order number, not the broker's OrderID)"};
    return byId ? std::move(*byId) : std::move(*byClOrdId);
}

const Instrument* instrumentOf(const ReferenceData& reference, const std::string& symbol) {
    for (const auto& instrument : reference.instruments)
        if (instrument.symbol == symbol) return &instrument;
    return nullptr;
}

/// Finds every row's order and checks an amend's new terms; else names every bad row and returns nothing.
Result<std::vector<OrderRequest>> checkRows(Desk& desk, const std::vector<OrderOperation>& rows, OrderOperationKind kind) {
    std::vector<OrderRequest> requests;
    std::string problems;
    std::map<OrderId, int> lineOf;
    for (const auto& row : rows) {
        auto problem = [&](const std::string& text) {
            problems += (problems.empty() ? "" : "\n") + std::string("line ") + std::to_string(row.line) + ": " + text;
        };
        auto order = findOrder(desk.engine(), row.order);
        if (!order) {
            problem(order.error());
            continue;
        }
        const auto& state = order->state;
        if (const auto [earlier, fresh] = lineOf.emplace(state.id, row.line); !fresh) {
            problem(describe(state) + " is named on line " + std::to_string(earlier->second) + " too: one request per order");
            continue;
        }
        OrderRequest request{row.line, state, order->chain.size(), std::nullopt, Verdict::Pass};
        if (kind == OrderOperationKind::Amend && !state.isDone()) {
            auto terms = amendedTerms(state.terms, row.change, instrumentOf(desk.referenceData(), state.symbol));
            if (!terms) {
                problem(describe(state) + ": " + terms.error());
                continue;
            }
            request.amendTo = *terms;
        }
        requests.push_back(std::move(request));
    }
    if (!problems.empty()) return Error{problems};
    return requests;
}

std::string describeTerms(const OrderTerms& terms) {
    std::string text = terms.quantity.toString() + " " + std::string(aliasOf(terms.type));
    if (terms.limitPrice) text += " limit " + terms.limitPrice->toString();
    if (terms.stopPrice) text += " stop " + terms.stopPrice->toString();
    return text + " " + std::string(aliasOf(terms.timeInForce));
}

/// Prints what compliance says about each amend, as the desk's ticket shows it; false if one has warnings and no
/// reason is given.
bool checkCompliance(OrderEngine& engine, std::vector<OrderRequest>& requests, const Actor& actor, bool haveReason) {
    bool sendable = true;
    for (auto& request : requests) {
        if (!request.amendTo) continue;
        const auto& order = request.order;
        NewOrderRequest amended{order.session,    order.account, order.symbol,     order.side,
                                *request.amendTo, order.owner,   order.allocations};
        const auto check = engine.whatIf(std::move(amended), actor, order.id).get().check;
        request.verdict = check.verdict;
        std::printf("amend of %s to %s: %s%s%s\n", describe(order).c_str(), describeTerms(*request.amendTo).c_str(),
                    std::string(aliasOf(check.verdict)).c_str(), check.findings.empty() ? "" : ": ", check.summary().c_str());
        if (check.verdict == Verdict::Warn && !haveReason) sendable = false;
    }
    return sendable;
}

/// Sends each request through the engine, as the desk would; names on stderr each one the desk refused.
std::vector<Sent> sendRequests(BatchRun& run, const std::vector<OrderRequest>& requests, Tally& tally) {
    auto& engine = run.desk.engine();
    if (!run.sentFrom) run.sentFrom = Clock::now();
    std::vector<Sent> sent;
    for (const auto& request : requests) {
        const auto& order = request.order;
        const auto kind = request.amendTo ? RequestKind::Replace : RequestKind::Cancel;
        const std::string what = kind == RequestKind::Replace ? "amend" : "cancel";
        if (order.isDone()) {
            std::printf("%s: already %s; no %s sent\n", describe(order).c_str(), std::string(order.statusName()).c_str(),
                        what.c_str());
            ++tally.finished;
            continue;
        }
        if (kind == RequestKind::Cancel && order.pending && order.pending->kind == RequestKind::Cancel && !order.unconfirmed) {
            std::printf("%s: a cancel is already outstanding\n", describe(order).c_str());
            continue;
        }
        const auto outcome = request.amendTo
                                 ? engine.replace(order.id, *request.amendTo, run.actor, run.options.warningReason).get()
                                 : requestCancel(engine, order, run.actor);
        if (!outcome.isApplied()) {
            std::fprintf(stderr, "openblotter: %s: %s not sent: %s\n", describe(order).c_str(), what.c_str(),
                         outcome.detail.c_str());
            // A blocked amend is refused and kept on the record, as a blocked order of a basket is held.
            if (request.verdict == Verdict::Block) {
                if (run.status == AllTerminal) run.status = SomeRejectedOrBlocked;
            } else {
                ++run.requestsRefused;
            }
            continue;
        }
        ++tally.sent;
        const auto now = engine.order(order.id).get();
        // The request is the chain's next link; an order never sent (held, staged) is closed here without one.
        const bool linked = now && now->chain.size() > request.chainLength;
        sent.push_back({order, kind, linked ? now->chain[request.chainLength].clOrdId : std::string()});
    }
    return sent;
}

bool answered(const std::optional<Order>& order, const Sent& request) {
    if (!order || request.clOrdId.empty()) return true;
    const auto* link = order->findLink(request.clOrdId);
    return !link || link->state != RequestState::Pending;
}

/// Waits until the broker has answered every request, or the deadline passes.
void awaitAnswers(OrderEngine& engine, const std::vector<Sent>& sent, Clock::time_point deadline) {
    std::vector<const Sent*> waiting;
    for (const auto& request : sent) waiting.push_back(&request);
    for (;;) {
        std::erase_if(waiting, [&](const Sent* request) { return answered(engine.order(request->order.id).get(), *request); });
        if (waiting.empty() || Clock::now() >= deadline) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

/// One line per order: done, refused by the broker (which is not a rejected order), or not answered yet.
void reportAnswer(const std::optional<Order>& now, const Sent& request, Tally& tally) {
    const bool cancel = request.kind == RequestKind::Cancel;
    const auto name = describe(request.order);
    const auto* link = now && !request.clOrdId.empty() ? now->findLink(request.clOrdId) : nullptr;
    if (!link) {
        ++tally.done;
        std::printf("%s: cancelled here; it was never sent to a broker\n", name.c_str());
        return;
    }
    const auto& state = now->state;
    switch (link->state) {
        case RequestState::Accepted:
            ++tally.done;
            if (cancel)
                std::printf("%s: cancelled (%s of %s filled)\n", name.c_str(), state.cumQty.toString().c_str(),
                            state.terms.quantity.toString().c_str());
            else
                std::printf("%s: replaced by %s, now %s (%s filled)\n", name.c_str(), describeTerms(state.terms).c_str(),
                            std::string(state.statusName()).c_str(), state.cumQty.toString().c_str());
            return;
        case RequestState::Rejected:
            ++tally.refusedByBroker;
            std::printf("%s: %s %s refused by the broker: %s; the order is %s\n", name.c_str(), cancel ? "cancel" : "replace",
                        request.clOrdId.c_str(), state.text.c_str(), std::string(state.statusName()).c_str());
            return;
        case RequestState::Pending:
            ++tally.unanswered;
            std::printf("%s: %s %s not answered yet; the order is %s\n", name.c_str(), cancel ? "cancel" : "replace",
                        request.clOrdId.c_str(), std::string(state.statusName()).c_str());
            return;
    }
}

/// Sends the requests, waits for the answers (--wait, else 10 seconds) and reports them, ending with `what`'s tally.
void sendAndReport(BatchRun& run, const std::vector<OrderRequest>& requests, const std::string& what) {
    auto& engine = run.desk.engine();
    Tally tally;
    const auto sent = sendRequests(run, requests, tally);
    const auto deadline = run.options.waitSeconds ? *run.sentFrom + std::chrono::seconds(*run.options.waitSeconds)
                                                  : Clock::now() + std::chrono::seconds(10);
    awaitAnswers(engine, sent, deadline);
    for (const auto& request : sent) reportAnswer(engine.order(request.order.id).get(), request, tally);
    std::printf(
        "%s: %zu of %zu requests sent: %zu done, %zu refused by the broker, %zu not answered yet; %zu orders already "
        "finished\n",
        what.c_str(), tally.sent, requests.size(), tally.done, tally.refusedByBroker, tally.unanswered, tally.finished);
}

/// Reads a cancel or amend file, checks all of it, and sends it: all or nothing, like a basket.
BatchStep runFile(BatchRun& run, const std::filesystem::path& path, OrderOperationKind kind) {
    auto table = CsvTable::readFile(path.string());
    if (!table) return stop(table.error());
    auto rows = parseOrderOperations(*table, kind);
    if (!rows) return stop(path.string() + ": the file has errors; nothing was sent:\n" + rows.error());
    // Orders of earlier runs: where each stands at the broker is asked at logon; a request waits for the answers.
    awaitStatusAnswers(run.desk.engine(), run.desk.gateway());
    auto requests = checkRows(run.desk, *rows, kind);
    if (!requests) return stop(path.string() + ": the file has errors; nothing was sent:\n" + requests.error());
    if (kind == OrderOperationKind::Amend &&
        !checkCompliance(run.desk.engine(), *requests, run.actor, !run.options.warningReason.empty()))
        return stop(path.string() +
                    ": some amends have compliance warnings; give --warning-reason to send them. Nothing was sent");
    sendAndReport(run, *requests, kind == OrderOperationKind::Amend ? "amend-orders" : "cancel-orders");
    return {};
}

BatchStep cancelAll(BatchRun& run) {
    const auto& filter = *run.options.cancelAll;
    auto& engine = run.desk.engine();
    awaitStatusAnswers(engine, run.desk.gateway());
    std::vector<OrderRequest> requests;
    for (const auto& order : working(engine)) {
        if ((!filter.account.empty() && order.account != filter.account) ||
            (!filter.symbol.empty() && order.symbol != filter.symbol))
            continue;
        const auto now = engine.order(order.id).get();
        if (now) requests.push_back({0, now->state, now->chain.size(), std::nullopt, Verdict::Pass});
    }
    sendAndReport(run, requests, "cancel-all");
    return {};
}

constexpr std::string_view kOperationsDetails =
    "Orders at the brokers, also those of earlier runs of the data directory: --amend-orders and --cancel-orders\n"
    "  read a CSV file with a header row (any case, any column order, extra columns ignored) naming each order by\n"
    "  cl_ord_id (any ClOrdID of its chain) or order_id (the desk's order number, as the batch prints 'order 12';\n"
    "  not the broker's OrderID of the orders export), or both naming the same order; an amend file also has\n"
    "  qty,limit_price,stop_price,tif (DAY|GTC|IOC|FOK), an empty field meaning unchanged. A bad row (an order\n"
    "  the desk does not have, one named twice, terms off the lot or the tick) is reported with its line number\n"
    "  and reason, and then nothing of the file is sent. They wait first for the answers to the status requests\n"
    "  of the logon. Each amend is checked by compliance and the result printed, as at the desk: one with\n"
    "  warnings is sent only with --warning-reason, else nothing of the file is sent; a blocked one is refused\n"
    "  (exit 2). Each request is then sent as from the desk, with the user's permissions and in the audit trail;\n"
    "  the run waits for the broker's answers (for --wait's seconds, else 10) and prints one line per order:\n"
    "  cancelled or replaced, refused by the broker (not a rejected order: the order stays as it was), or not\n"
    "  answered yet. A finished order is named and skipped; a request the desk refuses (one is outstanding, the\n"
    "  order is unconfirmed) is named on stderr and makes the run exit 1 at its end.";

}  // namespace

BatchAction amendOrdersAction() {
    return withFileOption(
        {
            "amend-orders",
            "[--amend-orders AMENDS.csv]",
            {{"amend-orders", "csv",
              "Amend the orders <csv> names (cl_ord_id or order_id): new qty, limit_price, stop_price or tif."}},
            Access{Permission::TradeOrders, false, true, "amend orders"},
            kOperationsDetails,
            {},
            {},
            [](BatchRun& run) { return runFile(run, *run.options.amendOrders, OrderOperationKind::Amend); },
        },
        &CommandLine::amendOrders);
}

BatchAction cancelOrdersAction() {
    return withFileOption(
        {
            "cancel-orders",
            "[--cancel-orders CANCELS.csv]",
            {{"cancel-orders", "csv", "Cancel the orders <csv> names (cl_ord_id or order_id)."}},
            Access{Permission::TradeOrders, false, true, "cancel orders"},
            "Cancels come after the amends: an order in both files is cancelled once its amend is answered.",
            {},
            {},
            [](BatchRun& run) { return runFile(run, *run.options.cancelOrders, OrderOperationKind::Cancel); },
        },
        &CommandLine::cancelOrders);
}

BatchAction cancelAllAction() {
    return {
        "cancel-all",
        "[--cancel-all [--account CODE] [--symbol SYMBOL]]",
        {{"cancel-all", "", "Cancel every order working at the brokers (an unconfirmed one by a cancel)."},
         {"account", "code", "With --cancel-all: only the orders of account <code>."},
         {"symbol", "symbol", "With --cancel-all: only the orders in <symbol>."}},
        Access{Permission::TradeOrders, false, true, "cancel orders"},
        "--cancel-all cancels every order working at the brokers, also those of earlier runs, of one account and one\n"
        "symbol when --account and --symbol are given; orders compliance holds and staged lists stay on the desk. It\n"
        "reports the answers as --cancel-orders does.",
        [](const OptionValues& given, CommandLine& into) -> Status {
            if (given.isSet("cancel-all"))
                into.cancelAll = CommandLine::CancelAll{given.value("account"), given.value("symbol")};
            else if (given.isSet("account") || given.isSet("symbol"))
                return Error{"--account and --symbol go with --cancel-all"};
            return {};
        },
        [](const CommandLine& options) { return options.cancelAll.has_value(); },
        cancelAll,
    };
}

}  // namespace ob::app

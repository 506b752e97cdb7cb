// The batch actions that write the book as the run leaves it, and check it against the stored executions.
#include "batch/actions.h"

#include "formats/exports.h"
#include "formats/positionsexport.h"
#include "headless.h"
#include "util/files.h"
#include "verifybooks.h"

namespace ob::app {

namespace {

BatchStep writeCsv(const std::filesystem::path& path, const std::string& csv) {
    if (auto written = writeFile(path, csv); !written) return stop(written.error());
    return {};
}

}  // namespace

BatchAction exportOrdersAction() {
    return withFileOption(
        {
            "export-orders",
            "[--export-orders ORDERS.csv]",
            {{"export-orders", "csv", "Write the orders to <csv>."}},
            std::nullopt,
            "Orders export: cl_ord_id,order_id,account,symbol,side,qty,type,limit_price,stop_price,tif,status,cum_qty,\n"
            "  leaves_qty,avg_px,compliance,session,created_at,text (status: the FIX OrdStatus name). The orders'\n"
            "  compliance is pass, warn (sent with a reason), block (held) or overridden (released by compliance).\n"
            "An export replaces a file whole (written beside it, then renamed into place, keeping its permissions); a\n"
            "device or a pipe is written to directly. Decimals exact, without exponent; times ISO 8601 UTC.",
            {},
            {},
            [](BatchRun& run) { return writeCsv(*run.options.exportOrders, ordersCsv(run.book->orders)); },
        },
        &CommandLine::exportOrders);
}

BatchAction exportExecutionsAction() {
    return withFileOption(
        {
            "export-executions",
            "[--export-executions EXECS.csv]",
            {{"export-executions", "csv", "Write the executions to <csv>."}},
            std::nullopt,
            "Executions export: exec_id,cl_ord_id,order_id,symbol,side,exec_type,last_qty,last_px,cum_qty,leaves_qty,\n"
            "  avg_px,transact_time,status,exec_ref_id,session,received_at,text.",
            {},
            {},
            [](BatchRun& run) { return writeCsv(*run.options.exportExecutions, executionsCsv(run.book->executions)); },
        },
        &CommandLine::exportExecutions);
}

BatchAction exportPositionsAction() {
    return withFileOption(
        {
            "export-positions",
            "[--export-positions POSITIONS.csv]",
            {{"export-positions", "csv", "Write the positions per fund and per account to <csv>, marked at the last price."}},
            std::nullopt,
            "Positions export: fund,account,symbol,currency,qty,avg_cost,last_price,market_value,unrealised_pnl,realised_pnl.\n"
            "  A row with an account holds the day's fills in that account; a row without one holds the fund's whole\n"
            "  position (opening position plus its accounts' fills). Marked at the last price (market data, else the\n"
            "  instrument's reference price), in the instrument's currency.",
            {},
            {},
            [](BatchRun& run) {
                auto& desk = run.desk;
                return writeCsv(*run.options.exportPositions,
                                positionsCsv(run.book->fundPositions, run.book->positions, desk.referenceData(),
                                             [&](const std::string& symbol) { return desk.prices().last(symbol); }));
            },
        },
        &CommandLine::exportPositions);
}

BatchAction verifyBooksAction() {
    return {
        "verify-books",
        "[--verify-books]",
        {{"verify-books", "", "Recompute the book from the stored executions and compare; exit 2 on a difference."}},
        std::nullopt,
        "Consistency check: --verify-books, after the rest of the run, recomputes the book from the stored executions\n"
        "(busts and corrections as recorded): each order's CumQty, AvgPx and LeavesQty, the CumQty and AvgPx each\n"
        "execution recorded, the positions per account and per fund (quantity and net cost) and the funds' cash, and\n"
        "compares them with the book as stored and as held. It prints one line when all agree (how many orders,\n"
        "executions, positions and cash balances it compared); else each difference, naming the order (id and ClOrdID)\n"
        "or the account or fund and instrument with both figures, and exits 2. The desk runs the same check at every\n"
        "start, logs what differs and raises it as an alert.",
        [](const OptionValues& given, CommandLine& into) {
            into.verifyBooks = given.isSet("verify-books");
            return Status{};
        },
        [](const CommandLine& options) { return options.verifyBooks; },
        [](BatchRun& run) -> BatchStep {
            const auto agrees = verifyBooks(run.desk.engine());
            if (!agrees) return stop(agrees.error());
            if (!*agrees) run.status = BooksDiffer;
            return {};
        },
    };
}

}  // namespace ob::app

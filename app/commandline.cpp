#include "commandline.h"

#include "util/logging.h"
#include "util/text.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

#include <cstdio>
#include <cstring>

namespace ob::app {

namespace {

CommandLine fail(const QString& message) {
    std::fprintf(stderr, "openblotter: %s\nTry 'openblotter --help'.\n", qPrintable(message));
    CommandLine result;
    result.exitNow = true;
    result.exitCode = 1;
    return result;
}

const char* const kDescription =
    "OpenBlotter: order management system and trader blotter.\n"
    "\n"
    "Started without options it opens the trader's desktop on the current user's data directory. Without\n"
    "--fix-settings it runs its built-in simulated broker on 127.0.0.1 and connects to it.\n"
    "\n"
    "Headless batch mode (--headless) runs without a window, as a user of the desk:\n"
    "  openblotter --headless --user NAME [--password-file FILE] [--fix-settings FILE] [--data-dir DIR]\n"
    "              [--import-rules RULES.json] [--export-rules RULES.json]\n"
    "              [--import-positions POSITIONS.csv] [--import-model MODEL.csv]\n"
    "              [--set-user NAME --role ROLE [--full-name TEXT] [--disable]]\n"
    "              [--instruments INSTRUMENTS.csv] --positions POSITIONS.csv --model MODEL.csv --fund FUND [--band POINTS]\n"
    "              [--cash-buffer POINTS] [--min-trade AMOUNT] [--no-new-names] --rebalance-proposal OUT.csv\n"
    "              [--import-basket BASKET.csv] [--send] [--warning-reason TEXT]\n"
    "              [--resolve-unconfirmed cancel|mark-rejected]\n"
    "              [--wait SECONDS] [--cancel-remaining] [--export-orders ORDERS.csv] [--export-executions EXECS.csv]\n"
    "              [--export-positions POSITIONS.csv]\n"
    "              [--verify-books]\n"
    "The password comes from --password-file (its first line) or the environment variable OPENBLOTTER_PASSWORD.\n"
    "The user's role limits what the run may do, as at the desk: traders send baskets, compliance officers and\n"
    "administrators import rules. A new data directory has one demo user per role (see the README).\n"
    "\n"
    "Compliance: every order of a basket is checked before anything is sent, and the result printed. An order\n"
    "with warnings is sent only with --warning-reason; otherwise nothing of the basket is sent. A blocked order is\n"
    "held, not sent, until a compliance officer overrides it at the desk.\n"
    "Rules file: JSON, documented in docs/compliance-rules.md. --import-rules replaces the whole rule set (rules,\n"
    "restricted lists, limits, locates); --export-rules writes it.\n"
    "Portfolios: --import-positions replaces the opening positions and cash of each fund the file names\n"
    "(fund,symbol,qty,price; a CASH row holds the cash; a holding without a price opens at the instrument's\n"
    "reference price); --import-model stores a model portfolio (symbol,target_weight as fractions of NAV) under\n"
    "the file's name without .csv. Both are for portfolio managers; docs/portfolio.md describes them.\n"
    "Users: an administrator adds a user or changes one with --set-user NAME --role trader|pm|compliance|admin;\n"
    "the new password comes from the environment variable OPENBLOTTER_NEW_PASSWORD (stored as a salted scrypt\n"
    "hash); --disable keeps the user from logging in. Every change is in the audit trail.\n"
    "A new data directory has the demo users when it runs the simulated broker (or OPENBLOTTER_DEMO_USERS=1);\n"
    "with --fix-settings it starts with one administrator, 'admin', whose password OPENBLOTTER_ADMIN_PASSWORD gives.\n"
    "A desk refuses --fix-settings while a demo user can still log in with its published password.\n"
    "\n"
    "Basket CSV: a header row (any case, any column order, extra columns ignored):\n"
    "  account,symbol,side,qty,type,limit_price,tif   and optionally  stop_price,broker,allocations\n"
    "  side BUY|SELL|SHORT; type MKT|LMT|STP|STPLMT; tif DAY|GTC|IOC|FOK; broker: a session's SessionAlias\n"
    "  or TargetCompID (default: the first session); allocations makes a block order for several accounts,\n"
    "  by quantity (A=600;B=400) or weight (A=60%;B=40%), DAY/IOC/FOK only, its account the first allocation's\n"
    "  (docs/portfolio.md). Quantities in whole lots, prices on the tick. A bad row is reported with its\n"
    "  line number and reason, and then nothing of the basket is sent. Without --send it is only checked.\n"
    "\n"
    "Orders in doubt: at each logon the desk sends what it committed but never handed to FIX (PossResend) and\n"
    "asks the broker about every order it has not answered (OrderStatusRequest); an order the broker does not\n"
    "know, or does not answer about within the session's StatusRequestTimeout (seconds, default 30), is\n"
    "Unconfirmed. --resolve-unconfirmed waits for those answers, then resolves every unconfirmed order: cancel\n"
    "sends the broker a cancel; mark-rejected closes it here (Rejected, or Canceled keeping its fills), for an\n"
    "order the broker never had. It prints what it did with each order; both are in the audit trail.\n"
    "--cancel-remaining cancels every order still working when --wait runs out: also one not yet acknowledged,\n"
    "one whose replace is outstanding (once the broker answers the replace) and one unconfirmed (resolved by a\n"
    "cancel); it names each order it could not end, and why.\n"
    "\n"
    "Orders export: cl_ord_id,order_id,account,symbol,side,qty,type,limit_price,stop_price,tif,status,cum_qty,\n"
    "  leaves_qty,avg_px,compliance,session,created_at,text (status: the FIX OrdStatus name).\n"
    "Executions export: exec_id,cl_ord_id,order_id,symbol,side,exec_type,last_qty,last_px,cum_qty,leaves_qty,\n"
    "  avg_px,transact_time,status,exec_ref_id,session,received_at,text. Decimals exact, without exponent;\n"
    "  times ISO 8601 UTC. The orders' compliance is pass, warn (sent with a reason), block (held) or\n"
    "  overridden (released by compliance).\n"
    "Positions export: fund,account,symbol,currency,qty,avg_cost,last_price,market_value,unrealised_pnl,realised_pnl.\n"
    "  A row with an account holds the day's fills in that account; a row without one holds the fund's whole\n"
    "  position (opening position plus its accounts' fills). Marked at the last price (market data, else the\n"
    "  instrument's reference price), in the instrument's currency.\n"
    "\n"
    "Consistency check: --verify-books, after the rest of the run, recomputes the book from the stored executions\n"
    "(busts and corrections as recorded): each order's CumQty, AvgPx and LeavesQty, the CumQty and AvgPx each\n"
    "execution recorded, the positions per account and per fund (quantity and net cost) and the funds' cash, and\n"
    "compares them with the book as stored and as held. It prints one line when all agree (how many orders,\n"
    "executions, positions and cash balances it compared); else each difference, naming the order (id and ClOrdID)\n"
    "or the account or fund and instrument with both figures, and exits 2. The desk runs the same check at every\n"
    "start, logs what differs and raises it as an alert.\n"
    "\n"
    "Rebalance proposal (sends nothing; docs/rebalance.md has every rule): instruments\n"
    "  symbol,name,issuer,sector,country,currency,lot_size,tick_size[,price] (default: the desk's); positions\n"
    "  fund,symbol,qty,price (symbol CASH: the fund's cash in qty); model symbol,target_weight (fractions of NAV);\n"
    "  proposal symbol,side,qty,est_price,weight_before,weight_after,target_weight,compliance. --band and\n"
    "  --cash-buffer in percentage points of NAV (--band 1: target +/- 1%); --min-trade in the fund's currency.\n"
    "\n"
    "Exit status: 0 every routed order is terminal; 2 some order was rejected or is blocked by compliance, or\n"
    "--verify-books found a difference; 3 --wait timed out (also after --cancel-remaining); 4 the desk halted\n"
    "because its database could not be written (a full disk): nothing was exported, and a run once it can write\n"
    "again resumes; 1 bad input, settings, login or permission, or an unconfirmed order --resolve-unconfirmed\n"
    "could not resolve. The reason is on stderr.\n"
    "\n"
    "FIX settings: a standard QuickFIX session settings file. Also read: Username and Password (sent in\n"
    "the Logon, never logged), SessionAlias (the broker's name in baskets), SSLEnable=Y (TLS). A commented\n"
    "example: resources/fix/broker.example.cfg, installed as /usr/share/doc/openblotter/examples/.\n"
    "\n"
    "The documents named here are in the sources' docs/ and, installed, in /usr/share/doc/openblotter/docs/.";

}  // namespace

bool wantsHeadless(int argc, char** argv) {
    // --help and --version print and exit: they must work without a display too.
    for (int i = 1; i < argc; ++i)
        for (const char* option : {"--headless", "--help", "-h", "--help-all", "--version", "-v"})
            if (!std::strcmp(argv[i], option)) return true;
    return false;
}

CommandLine parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromLatin1(kDescription));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultDirectory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep the order database, FIX files and logs in <dir> (default: %1).").arg(defaultDirectory),
        QStringLiteral("dir"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("Log <level>: trace, debug, info, warn, error, critical or off "
                                                     "(default: the setting logging/level, else info)."),
                                      QStringLiteral("level"));
    const QCommandLineOption fixSettings(
        QStringLiteral("fix-settings"),
        QStringLiteral("Connect to the brokers of a QuickFIX session settings <file> instead of the "
                       "built-in simulated broker."),
        QStringLiteral("file"));
    const QCommandLineOption headless(QStringLiteral("headless"), QStringLiteral("Run without a window (batch mode)."));
    const QCommandLineOption basket(QStringLiteral("import-basket"), QStringLiteral("Read a basket of orders from <csv>."),
                                    QStringLiteral("csv"));
    const QCommandLineOption send(QStringLiteral("send"), QStringLiteral("Route the basket's orders to their brokers."));
    const QCommandLineOption wait(QStringLiteral("wait"),
                                  QStringLiteral("Wait until every routed order (also those still working from earlier runs) is "
                                                 "terminal, for at most <seconds>."),
                                  QStringLiteral("seconds"));
    const QCommandLineOption cancelRemaining(QStringLiteral("cancel-remaining"),
                                             QStringLiteral("When --wait times out, cancel every order still working (an "
                                                            "unconfirmed one by a cancel) and wait (bounded) for the answers."));
    const QCommandLineOption resolveUnconfirmed(
        QStringLiteral("resolve-unconfirmed"),
        QStringLiteral("Once the brokers have answered the status requests of the logon, resolve every unconfirmed order: "
                       "<how> is cancel (send the broker a cancel) or mark-rejected (close it here)."),
        QStringLiteral("how"));
    const QCommandLineOption exportOrders(QStringLiteral("export-orders"), QStringLiteral("Write the orders to <csv>."),
                                          QStringLiteral("csv"));
    const QCommandLineOption exportExecutions(QStringLiteral("export-executions"),
                                              QStringLiteral("Write the executions to <csv>."), QStringLiteral("csv"));
    const QCommandLineOption exportPositions(
        QStringLiteral("export-positions"),
        QStringLiteral("Write the positions per fund and per account to <csv>, marked at the last price."),
        QStringLiteral("csv"));
    const QCommandLineOption user(
        QStringLiteral("user"), QStringLiteral("Run the batch as <name>, with that user's permissions."), QStringLiteral("name"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          QStringLiteral("Read the user's password from the first line of <file> (else from "
                                                         "$OPENBLOTTER_PASSWORD)."),
                                          QStringLiteral("file"));
    const QCommandLineOption warningReason(
        QStringLiteral("warning-reason"),
        QStringLiteral("Send orders despite compliance warnings, recording <text> as the reason."), QStringLiteral("text"));
    const QCommandLineOption importRules(QStringLiteral("import-rules"),
                                         QStringLiteral("Replace the compliance rules with those of <json>."),
                                         QStringLiteral("json"));
    const QCommandLineOption exportRules(QStringLiteral("export-rules"), QStringLiteral("Write the compliance rules to <json>."),
                                         QStringLiteral("json"));
    const QCommandLineOption importPositions(QStringLiteral("import-positions"),
                                             QStringLiteral("Replace the opening positions of the funds in <csv>."),
                                             QStringLiteral("csv"));
    const QCommandLineOption importModel(QStringLiteral("import-model"),
                                         QStringLiteral("Store the model portfolio in <csv>, named after the file."),
                                         QStringLiteral("csv"));
    const QCommandLineOption setUser(
        QStringLiteral("set-user"),
        QStringLiteral("Add or change the user <name> (administrators only); the password comes from "
                       "$OPENBLOTTER_NEW_PASSWORD."),
        QStringLiteral("name"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  QStringLiteral("The role of --set-user: trader, pm, compliance or admin."),
                                  QStringLiteral("role"));
    const QCommandLineOption fullName(QStringLiteral("full-name"), QStringLiteral("The full name of --set-user."),
                                      QStringLiteral("text"));
    const QCommandLineOption disable(QStringLiteral("disable"),
                                     QStringLiteral("With --set-user: the user may no longer log in."));
    const QCommandLineOption proposal(
        QStringLiteral("rebalance-proposal"),
        QStringLiteral("Write the orders that bring --fund to --model into <csv>; nothing is sent."), QStringLiteral("csv"));
    const QCommandLineOption instruments(QStringLiteral("instruments"),
                                         QStringLiteral("Instruments for the proposal (default: the desk's)."),
                                         QStringLiteral("csv"));
    const QCommandLineOption positions(QStringLiteral("positions"),
                                       QStringLiteral("The funds' positions and cash for the proposal."), QStringLiteral("csv"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("The model portfolio: target weights as fractions of NAV."),
                                   QStringLiteral("csv"));
    const QCommandLineOption fund(QStringLiteral("fund"), QStringLiteral("The fund to rebalance."), QStringLiteral("code"));
    const QCommandLineOption band(
        QStringLiteral("band"), QStringLiteral("Leave holdings within target +/- <points> percentage points of NAV (default 0)."),
        QStringLiteral("points"));
    const QCommandLineOption cashBuffer(QStringLiteral("cash-buffer"),
                                        QStringLiteral("Keep <points> percentage points of NAV in cash (default 0)."),
                                        QStringLiteral("points"));
    const QCommandLineOption minTrade(QStringLiteral("min-trade"),
                                      QStringLiteral("No trade worth less than <amount> (default 0)."), QStringLiteral("amount"));
    const QCommandLineOption noNewNames(QStringLiteral("no-new-names"),
                                        QStringLiteral("Buy nothing the fund does not hold already."));
    parser.addOptions(
        {dataDir,      logLevel,         fixSettings, headless,     basket,          send,        wait,        cancelRemaining,
         exportOrders, exportExecutions, user,        passwordFile, warningReason,   importRules, exportRules, setUser,
         role,         fullName,         disable,     proposal,     instruments,     positions,   model,       fund,
         band,         cashBuffer,       minTrade,    noNewNames,   importPositions, importModel, exportPositions,
         resolveUnconfirmed});

    const QCommandLineOption verifyBooks(QStringLiteral("verify-books"),
                                         QStringLiteral("Recompute the book from the stored executions and compare; exit 2 "
                                                        "on a difference."));
    parser.addOption(verifyBooks);

    if (!parser.parse(arguments)) return fail(parser.errorText());
    CommandLine result;
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        result.exitNow = true;
        return result;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        result.exitNow = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    const QString directory = parser.isSet(dataDir) ? parser.value(dataDir) : defaultDirectory;
    if (directory.isEmpty()) return fail(QStringLiteral("--data-dir needs a directory"));
    result.dataDirectory = std::filesystem::path(directory.toStdString());
    const QString level = parser.isSet(logLevel)
                              ? parser.value(logLevel)
                              : QSettings().value(QStringLiteral("logging/level"), QStringLiteral("info")).toString();
    if (!isLogLevel(level.toStdString()))
        return fail(QStringLiteral("unknown log level '%1' (use trace, debug, info, warn, error, critical or off)").arg(level));
    result.logLevel = level.toStdString();
    if (parser.isSet(fixSettings)) result.fixSettings = parser.value(fixSettings).toStdString();

    result.headless = parser.isSet(headless);
    const bool batchOptions = parser.isSet(basket) || parser.isSet(send) || parser.isSet(wait) || parser.isSet(cancelRemaining) ||
                              parser.isSet(exportOrders) || parser.isSet(exportExecutions) || parser.isSet(user) ||
                              parser.isSet(passwordFile) || parser.isSet(warningReason) || parser.isSet(importRules) ||
                              parser.isSet(exportRules) || parser.isSet(setUser) || parser.isSet(proposal) ||
                              parser.isSet(importPositions) || parser.isSet(importModel) || parser.isSet(exportPositions) ||
                              parser.isSet(resolveUnconfirmed);
    if (batchOptions && !result.headless) return fail(QStringLiteral("the batch options need --headless"));
    result.verifyBooks = parser.isSet(verifyBooks);
    if (result.verifyBooks && !result.headless) return fail(QStringLiteral("--verify-books needs --headless"));
    if (result.headless && !parser.isSet(user))
        return fail(QStringLiteral("--headless needs --user: the batch runs as a user of the desk"));
    result.user = parser.value(user).toStdString();
    if (parser.isSet(passwordFile)) result.passwordFile = parser.value(passwordFile).toStdString();
    result.warningReason = parser.value(warningReason).toStdString();
    if (parser.isSet(warningReason) && isBlank(result.warningReason))
        return fail(QStringLiteral("--warning-reason needs a reason"));
    if (parser.isSet(importRules)) result.importRules = parser.value(importRules).toStdString();
    if (parser.isSet(exportRules)) result.exportRules = parser.value(exportRules).toStdString();
    if (parser.isSet(importPositions)) result.importPositions = parser.value(importPositions).toStdString();
    if (parser.isSet(importModel)) result.importModel = parser.value(importModel).toStdString();
    result.setUser = parser.value(setUser).trimmed().toStdString();
    if (parser.isSet(setUser)) {
        if (result.setUser.empty()) return fail(QStringLiteral("--set-user needs a user name"));
        const auto chosen = enumFromName<Role>(parser.value(role).toStdString());
        if (!chosen) return fail(QStringLiteral("--set-user needs --role trader, pm, compliance or admin"));
        result.role = *chosen;
        result.fullName = parser.value(fullName).trimmed().toStdString();
        result.disableUser = parser.isSet(disable);
    } else if (parser.isSet(role) || parser.isSet(fullName) || parser.isSet(disable)) {
        return fail(QStringLiteral("--role, --full-name and --disable go with --set-user"));
    }
    const bool rebalanceOptions = parser.isSet(instruments) || parser.isSet(positions) || parser.isSet(model) ||
                                  parser.isSet(fund) || parser.isSet(band) || parser.isSet(cashBuffer) ||
                                  parser.isSet(minTrade) || parser.isSet(noNewNames);
    if (parser.isSet(proposal)) {
        for (const auto* needed : {&positions, &model, &fund})
            if (!parser.isSet(*needed))
                return fail(QStringLiteral("--rebalance-proposal needs --%1").arg(needed->names().first()));
        CommandLine::Rebalance rebalance;
        rebalance.output = parser.value(proposal).toStdString();
        if (parser.isSet(instruments)) rebalance.instruments = parser.value(instruments).toStdString();
        rebalance.positions = parser.value(positions).toStdString();
        rebalance.model = parser.value(model).toStdString();
        rebalance.fund = parser.value(fund).toStdString();
        for (auto [option, field] : {std::pair{&band, &rebalance.band}, std::pair{&cashBuffer, &rebalance.cashBuffer},
                                     std::pair{&minTrade, &rebalance.minTrade}}) {
            if (!parser.isSet(*option)) continue;
            *field = parser.value(*option).toStdString();
            const auto value = Money::parse(*field);
            if (!value || value->isNegative())
                return fail(QStringLiteral("--%1 needs a number of 0 or more, got '%2'")
                                .arg(option->names().first(), parser.value(*option)));
        }
        rebalance.newNames = !parser.isSet(noNewNames);
        result.rebalance = std::move(rebalance);
    } else if (rebalanceOptions) {
        return fail(
            QStringLiteral("--instruments, --positions, --model, --fund, --band, --cash-buffer, --min-trade and --no-new-names "
                           "go with --rebalance-proposal"));
    }
    if (parser.isSet(basket)) result.basket = parser.value(basket).toStdString();
    result.send = parser.isSet(send);
    if (result.send && !result.basket) return fail(QStringLiteral("--send needs --import-basket"));
    if (parser.isSet(wait)) {
        bool ok = false;
        const int seconds = parser.value(wait).toInt(&ok);
        if (!ok || seconds < 0) return fail(QStringLiteral("--wait needs a number of seconds, got '%1'").arg(parser.value(wait)));
        result.waitSeconds = seconds;
    }
    result.cancelRemaining = parser.isSet(cancelRemaining);
    if (parser.isSet(resolveUnconfirmed)) {
        const auto how = parser.value(resolveUnconfirmed);
        if (how == QStringLiteral("cancel"))
            result.resolveUnconfirmed = Resolution::Cancel;
        else if (how == QStringLiteral("mark-rejected"))
            result.resolveUnconfirmed = Resolution::MarkRejected;
        else
            return fail(QStringLiteral("--resolve-unconfirmed needs cancel or mark-rejected, got '%1'").arg(how));
    }
    if (result.cancelRemaining && !result.waitSeconds) return fail(QStringLiteral("--cancel-remaining needs --wait"));
    if (parser.isSet(exportOrders)) result.exportOrders = parser.value(exportOrders).toStdString();
    if (parser.isSet(exportExecutions)) result.exportExecutions = parser.value(exportExecutions).toStdString();
    if (parser.isSet(exportPositions)) result.exportPositions = parser.value(exportPositions).toStdString();
    return result;
}

}  // namespace ob::app

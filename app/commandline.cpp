#include "commandline.h"

#include "util/logging.h"

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
    "Headless batch mode (--headless) runs without a window:\n"
    "  openblotter --headless [--fix-settings FILE] [--data-dir DIR] [--import-basket BASKET.csv] [--send]\n"
    "              [--wait SECONDS] [--cancel-remaining] [--export-orders ORDERS.csv] [--export-executions EXECS.csv]\n"
    "\n"
    "Basket CSV: a header row (any case, any column order, extra columns ignored):\n"
    "  account,symbol,side,qty,type,limit_price,tif   and optionally  stop_price,broker\n"
    "  side BUY|SELL|SHORT; type MKT|LMT|STP|STPLMT; tif DAY|GTC|IOC|FOK; broker: a session's SessionAlias\n"
    "  or TargetCompID (default: the first session). Quantities in whole lots, prices on the tick. A bad row\n"
    "  is reported with its line number and reason, and then nothing of the basket is sent. Without --send\n"
    "  the basket is only checked.\n"
    "\n"
    "Orders export: cl_ord_id,order_id,account,symbol,side,qty,type,limit_price,stop_price,tif,status,cum_qty,\n"
    "  leaves_qty,avg_px,compliance,session,created_at,text (status: the FIX OrdStatus name).\n"
    "Executions export: exec_id,cl_ord_id,order_id,symbol,side,exec_type,last_qty,last_px,cum_qty,leaves_qty,\n"
    "  avg_px,transact_time,status,exec_ref_id,session,received_at,text. Decimals exact, without exponent.\n"
    "\n"
    "Exit status: 0 every routed order is terminal; 2 some order was rejected; 3 --wait timed out (also after\n"
    "--cancel-remaining); 1 bad input or settings, with the reason on stderr.\n"
    "\n"
    "FIX settings: a standard QuickFIX session settings file. Also read: Username and Password (sent in\n"
    "the Logon, never logged), SessionAlias (the broker's name in baskets), SSLEnable=Y (TLS).";

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
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep the order database, FIX files and logs in <dir> (default: %1).").arg(defaultDirectory),
                                     QStringLiteral("dir"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("Log <level>: trace, debug, info, warn, error, critical or off "
                                                     "(default: the setting logging/level, else info)."),
                                      QStringLiteral("level"));
    const QCommandLineOption fixSettings(QStringLiteral("fix-settings"),
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
                                             QStringLiteral("When --wait times out, cancel every order still working and wait "
                                                            "(bounded) for the answers."));
    const QCommandLineOption exportOrders(QStringLiteral("export-orders"), QStringLiteral("Write the orders to <csv>."),
                                          QStringLiteral("csv"));
    const QCommandLineOption exportExecutions(QStringLiteral("export-executions"), QStringLiteral("Write the executions to <csv>."),
                                              QStringLiteral("csv"));
    parser.addOptions({dataDir, logLevel, fixSettings, headless, basket, send, wait, cancelRemaining, exportOrders, exportExecutions});

    if (!parser.parse(arguments)) return fail(parser.errorText());
    CommandLine result;
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        result.exitNow = true;
        return result;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(QCoreApplication::applicationVersion()));
        result.exitNow = true;
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    const QString directory = parser.isSet(dataDir) ? parser.value(dataDir) : defaultDirectory;
    if (directory.isEmpty()) return fail(QStringLiteral("--data-dir needs a directory"));
    result.dataDirectory = std::filesystem::path(directory.toStdString());
    const QString level = parser.isSet(logLevel) ? parser.value(logLevel)
                                                 : QSettings().value(QStringLiteral("logging/level"), QStringLiteral("info")).toString();
    if (!isLogLevel(level.toStdString()))
        return fail(QStringLiteral("unknown log level '%1' (use trace, debug, info, warn, error, critical or off)").arg(level));
    result.logLevel = level.toStdString();
    if (parser.isSet(fixSettings)) result.fixSettings = parser.value(fixSettings).toStdString();

    result.headless = parser.isSet(headless);
    const bool batchOptions = parser.isSet(basket) || parser.isSet(send) || parser.isSet(wait) || parser.isSet(cancelRemaining) ||
                              parser.isSet(exportOrders) || parser.isSet(exportExecutions);
    if (batchOptions && !result.headless) return fail(QStringLiteral("the batch options need --headless"));
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
    if (result.cancelRemaining && !result.waitSeconds) return fail(QStringLiteral("--cancel-remaining needs --wait"));
    if (parser.isSet(exportOrders)) result.exportOrders = parser.value(exportOrders).toStdString();
    if (parser.isSet(exportExecutions)) result.exportExecutions = parser.value(exportExecutions).toStdString();
    return result;
}

}  // namespace ob::app

#include "commandline.h"

#include "util/logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>

#include <cstdio>

namespace ob::app {

namespace {

CommandLine fail(const QString& message) {
    std::fprintf(stderr, "openblotter: %s\nTry 'openblotter --help'.\n", qPrintable(message));
    return {{}, {}, true, 1};
}

}  // namespace

CommandLine parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("OpenBlotter: order management system and trader blotter.\n\n"
                       "Started without options it opens the trader's desktop on the data directory of the current user."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep the order database, FIX files and logs in <dir> (default: %1).")
                                         .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
                                     QStringLiteral("dir"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("Log <level>: trace, debug, info, warn, error, critical or off "
                                                     "(default: the setting logging/level, else info)."),
                                      QStringLiteral("level"));
    parser.addOption(dataDir);
    parser.addOption(logLevel);

    if (!parser.parse(arguments)) return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return {{}, {}, true, 0};
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        return {{}, {}, true, 0};
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    CommandLine result;
    const QString directory =
        parser.isSet(dataDir) ? parser.value(dataDir) : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (directory.isEmpty()) return fail(QStringLiteral("--data-dir needs a directory"));
    result.dataDirectory = std::filesystem::path(directory.toStdString());
    const QString level = parser.isSet(logLevel)
                              ? parser.value(logLevel)
                              : QSettings().value(QStringLiteral("logging/level"), QStringLiteral("info")).toString();
    if (!isLogLevel(level.toStdString()))
        return fail(QStringLiteral("unknown log level '%1' (use trace, debug, info, warn, error, critical or off)").arg(level));
    result.logLevel = level.toStdString();
    return result;
}

}  // namespace ob::app

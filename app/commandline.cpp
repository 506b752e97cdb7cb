#include "commandline.h"

#include "batchaction.h"
#include "batchdocs.h"

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

QString latin1(std::string_view text) { return QString::fromLatin1(text.data(), qsizetype(text.size())); }

void addOptions(QCommandLineParser& parser, const std::vector<CommandOption>& options, const QString& defaultDirectory) {
    for (const auto& option : options)
        parser.addOption(option.value.empty() ? QCommandLineOption(latin1(option.name), helpForOption(option, defaultDirectory))
                                              : QCommandLineOption(latin1(option.name), helpForOption(option, defaultDirectory),
                                                                   latin1(option.value)));
}

/// The first batch option given without --headless: each needs it.
std::optional<std::string_view> batchOptionWithoutHeadless(const OptionValues& given) {
    for (const auto& option : sessionOptions())
        if (option.name != "headless" && given.isSet(option.name)) return option.name;
    for (const auto& action : batchActions())
        for (const auto& option : action.options)
            if (given.isSet(option.name)) return option.name;
    return std::nullopt;
}

QString defaultDataDirectory() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation); }

/// Every option of the tables, and --help-man (hidden: the build's, for the man page).
void describeOptions(QCommandLineParser& parser, const QString& defaultDirectory) {
    parser.setApplicationDescription(QString::fromStdString(helpDescription()));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption helpMan(QStringLiteral("help-man"), QStringLiteral("Print the man page (roff) and exit."));
    helpMan.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(helpMan);
    addOptions(parser, deskOptions(), defaultDirectory);
    addOptions(parser, sessionOptions(), defaultDirectory);
    for (const auto& action : batchActions()) addOptions(parser, action.options, defaultDirectory);
}

}  // namespace

bool wantsHeadless(int argc, char** argv) {
    // --help and --version print and exit: they must work without a display too.
    for (int i = 1; i < argc; ++i)
        for (const char* option : {"--headless", "--help", "-h", "--help-all", "--help-man", "--version", "-v"})
            if (!std::strcmp(argv[i], option)) return true;
    return false;
}

QString helpText() {
    QCommandLineParser parser;
    describeOptions(parser, defaultDataDirectory());
    return parser.helpText();
}

CommandLine parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    const QString defaultDirectory = defaultDataDirectory();
    describeOptions(parser, defaultDirectory);
    const QString helpMan = QStringLiteral("help-man");

    if (!parser.parse(arguments)) return fail(parser.errorText());
    CommandLine result;
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        result.exitNow = true;
        return result;
    }
    if (parser.isSet(helpMan)) {
        std::fputs(manPage(OPENBLOTTER_VERSION).c_str(), stdout);
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

    const OptionValues given(parser);
    const QString directory = given.isSet("data-dir") ? given.text("data-dir") : defaultDirectory;
    if (directory.isEmpty()) return fail(QStringLiteral("--data-dir needs a directory"));
    result.dataDirectory = std::filesystem::path(directory.toStdString());
    const QString level = given.isSet("log-level")
                              ? given.text("log-level")
                              : QSettings().value(QStringLiteral("logging/level"), QStringLiteral("info")).toString();
    if (!isLogLevel(level.toStdString()))
        return fail(QStringLiteral("unknown log level '%1' (use trace, debug, info, warn, error, critical or off)").arg(level));
    result.logLevel = level.toStdString();
    if (given.isSet("fix-settings")) result.fixSettings = given.value("fix-settings");

    result.headless = given.isSet("headless");
    if (!result.headless)
        if (const auto option = batchOptionWithoutHeadless(given))
            return fail(QStringLiteral("--%1 needs --headless").arg(latin1(*option)));
    if (result.headless && !given.isSet("user"))
        return fail(QStringLiteral("--headless needs --user: the batch runs as a user of the desk"));
    result.user = given.value("user");
    if (given.isSet("password-file")) result.passwordFile = given.value("password-file");
    for (const auto& action : batchActions())
        if (action.read)
            if (auto read = action.read(given, result); !read) return fail(QString::fromStdString(read.error()));
    return result;
}

}  // namespace ob::app

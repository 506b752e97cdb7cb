#pragma once

#include <QStringList>

#include <filesystem>
#include <string>

namespace ob::app {

/// What the command line asked for.
struct CommandLine {
    std::filesystem::path dataDirectory;  ///< --data-dir, or the platform's application data folder
    std::string logLevel;                 ///< --log-level, or the setting logging/level, or "info"
    bool exitNow = false;                 ///< --help or --version was answered
    int exitCode = 0;
};

/// Parses the arguments. Prints --help and --version itself; bad options
/// come back with exitNow set, exit code 1 and the reason on stderr.
CommandLine parseCommandLine(const QStringList& arguments);

}  // namespace ob::app

#pragma once

#include "domain/result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace ob {

/// Sends the log to rotating files in `directory` (openblotter.log, 5 MB,
/// five kept) and warnings and above to stderr. `level` is one of trace,
/// debug, info, warn, error, critical, off.
Status setupLogging(const std::filesystem::path& directory, std::string_view level,
                    const std::string& fileName = "openblotter.log");

/// Whether `level` names a log level.
bool isLogLevel(std::string_view level);

}  // namespace ob

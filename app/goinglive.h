#pragma once

#include "domain/result.h"

#include <filesystem>
#include <string>

namespace ob::app {

/// Writes the sample reference data, positions and rules a real desk starts from into `directory` (kept when
/// there already: the administrator may have edited them).
Status writeSampleFiles(const std::filesystem::path& directory);

/// What a new desk of real brokers says at its first start: that it holds nothing yet, what to import in what
/// order, and where the sample files are. `settings` is the FIX settings file it was started with.
std::string goingLiveSteps(const std::filesystem::path& dataDirectory, const std::filesystem::path& settings);

}  // namespace ob::app

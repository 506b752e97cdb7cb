#pragma once

#include "domain/result.h"

#include <filesystem>
#include <string>

namespace ob::app {

/// The whole file, or why it cannot be read.
Result<std::string> readFile(const std::filesystem::path& path);
/// Writes beside the file and renames it into place: a reader never sees half a file.
Status writeFile(const std::filesystem::path& path, const std::string& text);

}  // namespace ob::app

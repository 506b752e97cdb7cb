#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ob::store {

/// "the data directory D is read-only: <detail>", with what to do about it.
std::string readOnlyDirectory(const std::filesystem::path& directory, std::string_view detail);

/// "the disk holding the data directory D is full: <detail>", with what to do about it.
std::string fullDisk(const std::filesystem::path& directory, std::string_view detail);

/// "the data directory D is read-only" or "the disk holding the data directory D is full" when the system
/// error `code` (an errno value) means so; nothing otherwise.
std::optional<std::string> diskErrorCause(const std::filesystem::path& directory, int code);

/// One of the messages above when the system error `code` (an errno value) means the
/// directory cannot be written or its disk is full; nothing otherwise.
std::optional<std::string> explainDiskError(const std::filesystem::path& directory, int code, std::string_view detail);

}  // namespace ob::store

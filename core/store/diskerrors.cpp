#include "diskerrors.h"

#include <cerrno>

namespace ob::store {

namespace {

enum class Problem { None, ReadOnly, Full };

Problem problemOf(int code) {
    switch (code) {
        case EROFS:
        case EACCES:
        case EPERM: return Problem::ReadOnly;
        case ENOSPC:
        case EDQUOT: return Problem::Full;
        default: return Problem::None;
    }
}

std::string readOnly(const std::filesystem::path& directory) {
    return "the data directory " + directory.string() + " is read-only";
}
std::string full(const std::filesystem::path& directory) {
    return "the disk holding the data directory " + directory.string() + " is full";
}

}  // namespace

std::string readOnlyDirectory(const std::filesystem::path& directory, std::string_view detail) {
    return readOnly(directory) + ": " + std::string(detail) +
           ". OpenBlotter writes its database, logs and FIX files there: make it writable, or use another --data-dir";
}

std::string fullDisk(const std::filesystem::path& directory, std::string_view detail) {
    return full(directory) + ": " + std::string(detail) + ". Free space on it, then start again";
}

std::optional<std::string> diskErrorCause(const std::filesystem::path& directory, int code) {
    switch (problemOf(code)) {
        case Problem::ReadOnly: return readOnly(directory);
        case Problem::Full: return full(directory);
        case Problem::None: break;
    }
    return std::nullopt;
}

std::optional<std::string> explainDiskError(const std::filesystem::path& directory, int code, std::string_view detail) {
    switch (problemOf(code)) {
        case Problem::ReadOnly: return readOnlyDirectory(directory, detail);
        case Problem::Full: return fullDisk(directory, detail);
        case Problem::None: break;
    }
    return std::nullopt;
}

}  // namespace ob::store

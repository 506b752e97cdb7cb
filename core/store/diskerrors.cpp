#include "diskerrors.h"

#include <cerrno>

namespace ob::store {

std::string readOnlyDirectory(const std::filesystem::path& directory, std::string_view detail) {
    return "the data directory " + directory.string() + " is read-only: " + std::string(detail) +
           ". OpenBlotter writes its database, logs and FIX files there: make it writable, or use another --data-dir";
}

std::string fullDisk(const std::filesystem::path& directory, std::string_view detail) {
    return "the disk holding the data directory " + directory.string() + " is full: " + std::string(detail) +
           ". Free space on it, then start again";
}

std::optional<std::string> explainDiskError(const std::filesystem::path& directory, int code, std::string_view detail) {
    switch (code) {
        case EROFS:
        case EACCES:
        case EPERM: return readOnlyDirectory(directory, detail);
        case ENOSPC:
        case EDQUOT: return fullDisk(directory, detail);
        default: return std::nullopt;
    }
}

}  // namespace ob::store

#pragma once

#include "domain/result.h"

#include <filesystem>
#include <string>

namespace ob {

/// The whole file, or why it cannot be read.
Result<std::string> readFile(const std::filesystem::path& path);

/// Writes `text` to `path`, in the way that suits what is there:
/// - a device, a FIFO or a socket is opened and written to directly (a FIFO waits for its reader);
/// - a regular file, or a new one, is written beside it under a unique name, synced and renamed into
///   place, so that a reader sees the old file or the new one whole; an existing file keeps its
///   permissions (a new one is its owner's alone), and a symbolic link is followed and left as it is.
/// A failure names the path and the system's reason, and leaves the old file as it was.
Status writeFile(const std::filesystem::path& path, const std::string& text);

}  // namespace ob

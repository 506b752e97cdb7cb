#pragma once

// Runs a piece of a test in a forked child process whose view of one path is changed in its own
// mount namespace: read-only, or a tiny disk. As root the child only needs a mount namespace;
// otherwise it makes a user namespace first, where it may mount. Nothing is changed for the test
// process or the rest of the machine, and the mounts go when the child ends.

#include "domain/result.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace ob::test {

/// How the error of the functions below starts when the machine lets this process make no mount namespace or no
/// such mount (a container without the right, a kernel without unprivileged user namespaces): a test may skip then.
inline constexpr std::string_view kMountRefused = "this machine allows the test no such mount: ";

/// Runs `work` in a child process where `path` (a directory or a file) is read-only; returns
/// what `work` returned. The files under `path` stay as they are, visible to the test after.
Result<std::string> whileReadOnly(const std::string& path, const std::function<std::string()>& work);

/// Runs `work` in a child process where `directory` is an empty tmpfs of `bytes`; returns what
/// `work` returned. What the child writes there is gone when it ends.
Result<std::string> onSmallDisk(const std::string& directory, std::size_t bytes, const std::function<std::string()>& work);

}  // namespace ob::test

#pragma once

// A full disk without a mount: the size limit of files this process (or a child it starts) may write.

#include <sys/resource.h>

#include <cstdint>

namespace ob::test {

/// Limits the size of files this process may write, for as long as it lives: a write that would take a file
/// beyond `bytes` fails with EFBIG ("File too large"), as one on a full disk fails with ENOSPC. Files already
/// larger cannot grow at all.
class FileSizeLimit {
public:
    explicit FileSizeLimit(std::uint64_t bytes);
    ~FileSizeLimit();
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

    /// For a child process, between fork and exec (QProcess::setChildProcessModifier): the limit, with SIGXFSZ
    /// ignored so that the write fails instead of killing the process. Both survive the exec.
    static void applyToThisProcess(std::uint64_t bytes);

private:
    rlimit saved_{};
    void (*previousHandler_)(int) = nullptr;
};

}  // namespace ob::test

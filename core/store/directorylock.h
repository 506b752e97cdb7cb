#pragma once

#include "domain/result.h"

#include <filesystem>
#include <string>

namespace ob::store {

/// Keeps a data directory to one process: an exclusive flock on `<directory>/openblotter.lock`,
/// held while this object lives. The kernel releases it when the process ends, however it ends
/// (SIGKILL included), so a lock is never left behind. The file names its holder (PID, program,
/// start time) so that a refused program can say which process to close.
///
/// flock locks belong to an open file: a second lock on the same directory is refused within one
/// process too.
class DirectoryLock {
public:
    /// The lock file's name inside the data directory.
    static constexpr const char* kFileName = "openblotter.lock";

    /// Takes the lock at once, or says which process holds it. `program` is how a refused program
    /// will name this one ("openblotter --headless"); when empty, the process's own name.
    static Result<DirectoryLock> acquire(const std::filesystem::path& directory, const std::string& program = {});

    /// Holds nothing.
    DirectoryLock() = default;
    ~DirectoryLock();
    DirectoryLock(DirectoryLock&& other) noexcept;
    DirectoryLock& operator=(DirectoryLock&& other) noexcept;
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;

    bool isHeld() const { return fd_ >= 0; }

private:
    explicit DirectoryLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace ob::store

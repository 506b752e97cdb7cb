#include "directorylock.h"

#include "store/diskerrors.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <thread>
#include <utility>

namespace ob::store {

namespace {

std::string processName() {
    std::ifstream comm("/proc/self/comm");
    std::string name;
    std::getline(comm, name);
    return name.empty() ? "unknown program" : name;
}

std::string nowUtcText() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return text;
}

/// The lines the holder writes: "pid 1234", "program openblotter --headless", "since 2026-12-07 09:12:03 UTC".
std::string field(const std::string& text, std::string_view key) {
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view line(text.data() + start, end - start);
        if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == ' ')
            return std::string(line.substr(key.size() + 1));
        start = end + 1;
    }
    return {};
}

std::string readHolder(int fd) {
    std::string text;
    char buffer[512];
    ssize_t count = 0;
    off_t offset = 0;
    while ((count = ::pread(fd, buffer, sizeof buffer, offset)) > 0) {
        text.append(buffer, static_cast<std::size_t>(count));
        offset += count;
    }
    return text;
}

/// Who holds the lock, in words. The holder writes its name just after it takes the lock: a
/// program refused in that instant waits a moment for it rather than naming no one.
std::string describeHolder(int fd) {
    for (int attempt = 0; attempt < 25; ++attempt) {
        const auto text = readHolder(fd);
        const auto pid = field(text, "pid");
        const auto since = field(text, "since");
        if (!pid.empty() && !since.empty()) return "process " + pid + " (" + field(text, "program") + ", since " + since + ")";
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "another process";
}

std::string systemError(std::string_view what, int code) { return std::string(what) + ": " + std::strerror(code); }

}  // namespace

Result<DirectoryLock> DirectoryLock::acquire(const std::filesystem::path& directory, const std::string& program) {
    const auto file = directory / kFileName;
    // Close-on-exec: a program started from this one must not inherit, and so keep, the lock.
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int code = errno;
        const auto detail = systemError("cannot open " + file.string(), code);
        return Error{explainDiskError(directory, code, detail).value_or(detail)};
    }
    DirectoryLock lock(fd);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int code = errno;
        if (code == EWOULDBLOCK)
            return Error{"the data directory " + directory.string() + " is in use by " + describeHolder(fd) +
                         "; close it or use another --data-dir"};
        return Error{systemError("cannot lock " + file.string(), code)};
    }
    const std::string holder = "pid " + std::to_string(::getpid()) + "\nprogram " + (program.empty() ? processName() : program) +
                               "\nsince " + nowUtcText() + "\n";
    const ssize_t written = ::ftruncate(fd, 0) == 0 ? ::pwrite(fd, holder.data(), holder.size(), 0) : -1;
    if (written != static_cast<ssize_t>(holder.size())) {
        const int code = written < 0 ? errno : ENOSPC;  // a short write: the disk filled up under it
        const auto detail = systemError("cannot write " + file.string(), code);
        return Error{explainDiskError(directory, code, detail).value_or(detail)};
    }
    return lock;
}

DirectoryLock::~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor of the file releases the lock
}

DirectoryLock::DirectoryLock(DirectoryLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DirectoryLock& DirectoryLock::operator=(DirectoryLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

}  // namespace ob::store

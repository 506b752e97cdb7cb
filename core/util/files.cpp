#include "files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace ob {

namespace {

Error cannotWrite(const std::filesystem::path& path, int error) {
    return Error{"cannot write " + path.string() + ": " + std::strerror(error)};
}

bool writeAll(int fd, const std::string& text) {
    for (std::size_t done = 0; done < text.size();) {
        const auto written = ::write(fd, text.data() + done, text.size() - done);
        if (written < 0 && errno != EINTR) return false;
        if (written > 0) done += std::size_t(written);
    }
    return true;
}

/// Closes `fd` after the steps that used it: 0 when they and the close succeeded, else the first failure's errno.
int closeAfter(int fd, bool succeeded) {
    const int error = errno;
    if (::close(fd) != 0 && succeeded) return errno;
    return succeeded ? 0 : error;
}

/// A device or a pipe is written where it is: a file renamed over it would replace it.
Status writeInPlace(const std::filesystem::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return cannotWrite(path, errno);
    if (const int error = closeAfter(fd, writeAll(fd, text))) return cannotWrite(path, error);
    return {};
}

/// Writes `target` whole under a unique name beside it and renames it into place; `path` is the name the caller gave.
Status replaceAtomically(const std::filesystem::path& path, const std::filesystem::path& target, const std::string& text,
                         std::optional<mode_t> mode) {
    const auto directory = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    auto temporary = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0) return cannotWrite(path, errno);
    int error = closeAfter(fd, (!mode || ::fchmod(fd, *mode) == 0) && writeAll(fd, text) && ::fsync(fd) == 0);
    if (!error && ::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(temporary.c_str());
        return cannotWrite(path, error);
    }
    // The rename is durable once the directory that holds it is.
    const int directoryFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directoryFd < 0) return cannotWrite(path, errno);
    if (const int synced = closeAfter(directoryFd, ::fsync(directoryFd) == 0)) return cannotWrite(path, synced);
    return {};
}

}  // namespace

Result<std::string> readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot read " + path.string()};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Status writeFile(const std::filesystem::path& path, const std::string& text) {
    struct stat existing {};
    if (::stat(path.c_str(), &existing) != 0) return replaceAtomically(path, path, text, std::nullopt);
    if (!S_ISREG(existing.st_mode)) return writeInPlace(path, text);
    std::error_code error;
    const auto target = std::filesystem::is_symlink(path, error) ? std::filesystem::canonical(path, error) : path;
    if (error) return Error{"cannot write " + path.string() + ": " + error.message()};
    return replaceAtomically(path, target, text, existing.st_mode & 07777);
}

}  // namespace ob

#include "mountedchild.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace ob::test {

namespace {

bool writeProcFile(const char* path, const std::string& text) {
    std::ofstream file(path);
    file << text;
    return static_cast<bool>(file.flush());
}

/// A mount namespace of the child's own, whose mounts do not propagate back.
std::string enterPrivateMountNamespace() {
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    const int flags = uid == 0 ? CLONE_NEWNS : CLONE_NEWUSER | CLONE_NEWNS;
    if (::unshare(flags) != 0)
        return std::string("cannot make a private mount namespace (") + std::strerror(errno) +
               "): run the tests as root, or allow unprivileged user namespaces";
    if (uid != 0 && !(writeProcFile("/proc/self/setgroups", "deny") &&
                      writeProcFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") &&
                      writeProcFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")))
        return "cannot map the user into its user namespace";
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("cannot make the mounts private: ") + std::strerror(errno);
    return {};
}

/// Forks; the child runs `prepare` then `work` and sends back a status byte and the text. A failed `prepare` means
/// the machine does not allow the mount.
Result<std::string> inChild(const std::function<std::string()>& prepare, const std::function<std::string()>& work) {
    int channel[2];
    if (::pipe(channel) != 0) return Error{std::string("pipe: ") + std::strerror(errno)};
    const pid_t child = ::fork();
    if (child < 0) return Error{std::string("fork: ") + std::strerror(errno)};
    if (child == 0) {
        ::close(channel[0]);
        auto failure = prepare();
        const std::string message = failure.empty() ? "+" + work() : "-" + failure;
        for (std::size_t sent = 0; sent < message.size();) {
            const auto count = ::write(channel[1], message.data() + sent, message.size() - sent);
            if (count <= 0) break;
            sent += static_cast<std::size_t>(count);
        }
        ::_exit(0);  // no exit handlers: they belong to the test process
    }
    ::close(channel[1]);
    std::string message;
    char buffer[4096];
    for (ssize_t count; (count = ::read(channel[0], buffer, sizeof buffer)) != 0;) {
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) break;
        message.append(buffer, static_cast<std::size_t>(count));
    }
    ::close(channel[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || message.empty())
        return Error{"the child process did not finish its work (status " + std::to_string(status) + ")"};
    if (message[0] == '-') return Error{std::string(kMountRefused) + message.substr(1)};
    return message.substr(1);
}

}  // namespace

Result<std::string> whileReadOnly(const std::string& path, const std::function<std::string()>& work) {
    return inChild(
        [&]() -> std::string {
            if (auto failure = enterPrivateMountNamespace(); !failure.empty()) return failure;
            if (::mount(path.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) != 0 ||
                ::mount(nullptr, path.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
                return "cannot mount " + path + " read-only: " + std::strerror(errno);
            return {};
        },
        work);
}

Result<std::string> onSmallDisk(const std::string& directory, std::size_t bytes, const std::function<std::string()>& work) {
    return inChild(
        [&]() -> std::string {
            if (auto failure = enterPrivateMountNamespace(); !failure.empty()) return failure;
            const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
            if (::mount("tmpfs", directory.c_str(), "tmpfs", 0, options.c_str()) != 0)
                return "cannot mount a tmpfs on " + directory + ": " + std::strerror(errno);
            return {};
        },
        work);
}

}  // namespace ob::test

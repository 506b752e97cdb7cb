#include "checkseal.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace ob::store {

namespace {

/// The file as the kernel describes it: any write, rename or restore changes one of these.
std::optional<std::string> identityOf(const std::filesystem::path& database) {
    struct stat status {};
    if (::stat(database.c_str(), &status) != 0) return std::nullopt;
    const auto nanos = [](const timespec& time) { return std::int64_t(time.tv_sec) * 1'000'000'000 + time.tv_nsec; };
    std::ostringstream text;
    text << status.st_dev << ' ' << status.st_ino << ' ' << status.st_size << ' ' << nanos(status.st_mtim) << ' '
         << nanos(status.st_ctim);
    return text.str();
}

/// A write-ahead log with frames in it belongs to the database: the file alone is not all of it.
bool hasWriteAheadLog(const std::filesystem::path& database) {
    std::error_code error;
    const auto size = std::filesystem::file_size(database.string() + "-wal", error);
    return !error && size > 0;
}

}  // namespace

std::filesystem::path CheckSeal::fileOf(const std::filesystem::path& database) { return database.string() + ".checked"; }

std::optional<Timestamp> CheckSeal::lastCheck(const std::filesystem::path& database, Timestamp now) {
    std::ifstream file(fileOf(database));
    std::string sealed;
    std::int64_t checkedAt = 0;
    if (!std::getline(file, sealed) || !(file >> checkedAt)) return std::nullopt;
    if (hasWriteAheadLog(database) || identityOf(database) != sealed) return std::nullopt;
    const auto checked = fromNanos(checkedAt);
    if (checked > now || now - checked >= kMaxAge) return std::nullopt;
    return checked;
}

void CheckSeal::seal(const std::filesystem::path& database, Timestamp checkedAt) {
    const auto identity = identityOf(database);
    if (!identity || hasWriteAheadLog(database)) return;
    const auto target = fileOf(database);
    const std::filesystem::path partial(target.string() + ".partial");
    {
        std::ofstream file(partial, std::ios::trunc);
        file << *identity << '\n' << toNanos(checkedAt) << '\n';
        if (!file.flush()) return;
    }
    std::error_code ignored;
    std::filesystem::rename(partial, target, ignored);
}

void CheckSeal::remove(const std::filesystem::path& database) {
    std::error_code ignored;
    std::filesystem::remove(fileOf(database), ignored);
}

}  // namespace ob::store

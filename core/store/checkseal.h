#pragma once

#include "domain/timestamp.h"

#include <chrono>
#include <filesystem>
#include <optional>

namespace ob::store {

/// Whether a start must check the whole database file (PRAGMA quick_check reads every page: about
/// 18 s cold and 2.5 s warm for a million orders), in the manner of a file system checked at mount
/// when it was not unmounted cleanly. When the store closes cleanly it seals the file: it records,
/// beside it in `<database>.checked`, the file's identity, size, modification and change times and
/// when it was last checked whole. The next start checks the file again unless it is exactly as
/// sealed (no other program, copy, restore or crash touched it: any write changes its change
/// time, which no program can set back) and that check is less than a week old, so that damage
/// from the disk itself, which changes no time, is found within a week.
class CheckSeal {
public:
    static constexpr auto kMaxAge = std::chrono::days(7);

    /// When `database` was last checked whole, if it is exactly as a clean close sealed it and that
    /// check is younger than kMaxAge at `now`; nothing when it must be checked now.
    static std::optional<Timestamp> lastCheck(const std::filesystem::path& database, Timestamp now);

    /// Seals `database`, last checked whole at `checkedAt`, after its last connection closed (its
    /// write-ahead log gone). A failure to write the seal only costs the next start a check.
    static void seal(const std::filesystem::path& database, Timestamp checkedAt);

    /// Forgets the seal: the next start checks the file.
    static void remove(const std::filesystem::path& database);

    static std::filesystem::path fileOf(const std::filesystem::path& database);
};

}  // namespace ob::store

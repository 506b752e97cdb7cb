#pragma once

#include "domain/result.h"
#include "store/sqlite.h"

#include <filesystem>

namespace ob::store {

/// How hard each commit holds on to the disk.
enum class Durability {
    Full,    ///< survives power loss: fsync on every commit (the default)
    Normal,  ///< survives a crash of the process, may lose the last commits on power loss
};

/// Marks our files: PRAGMA application_id is "OBLT".
constexpr std::int32_t kApplicationId = 0x4F424C54;

/// The schema version this build writes.
int currentSchemaVersion();

/// How much of an existing file is checked before anything is written to it.
enum class Check {
    Whole,      ///< PRAGMA quick_check: every page and every b-tree
    Unchanged,  ///< the caller knows the file is exactly as a whole check and a clean close left it (CheckSeal)
};

/// Opens the database file, making it when absent (whole, under a temporary name, then renamed
/// into place). A file that is empty, not an OpenBlotter database, damaged (PRAGMA quick_check),
/// or written by a newer version is refused with the reason and what to do, and left untouched:
/// nothing is written to a file before it passed these checks. An older schema is upgraded in
/// place in one transaction, after a copy of the old file is kept beside it. A read-only data
/// directory and a full disk are named as such. A file to be upgraded, or not in WAL mode, is
/// checked whole whatever `check` says.
Result<sqlite::Database> openDatabase(const std::filesystem::path& path, Durability durability, Check check = Check::Whole);

/// Refuses to make a database at `path` while a write-ahead log or rollback journal of a
/// database that was there lies beside it: SQLite would apply it to the new file.
Status refuseStrayJournal(const std::filesystem::path& path);

/// Renames a finished file to its name and makes the rename durable (the directory is synced).
Status renameIntoPlace(const std::filesystem::path& from, const std::filesystem::path& to);

/// Applies the migrations up to `version` in one transaction (tests build old schemas with it).
void migrateTo(sqlite::Database& db, int version);

}  // namespace ob::store

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

/// Opens the database file, creating it when absent. A file that is not an
/// OpenBlotter database, is damaged, or was written by a newer version is
/// refused with the reason and left untouched. An older schema is upgraded
/// in place, after a copy of the old file is kept beside it.
Result<sqlite::Database> openDatabase(const std::filesystem::path& path, Durability durability);

/// Applies the migrations up to `version` (tests build old schemas with it).
void migrateTo(sqlite::Database& db, int version);

}  // namespace ob::store

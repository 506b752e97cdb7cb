#pragma once

#include "store/orderstore.h"
#include "store/sqlite.h"

namespace ob::store {

/// SQL for instruments, funds and accounts.
class ReferenceRepository {
public:
    explicit ReferenceRepository(sqlite::Database& db) : db_(db) {}

    ReferenceData load();
    /// Adds or updates each item by its key.
    void save(const ReferenceData& data);

private:
    sqlite::Database& db_;
};

}  // namespace ob::store

#pragma once

#include "domain/decimal.h"
#include "domain/enumtable.h"
#include "store/sqlite.h"

#include <string>

namespace ob::store {

/// Reads a column holding an enumeration by name; an unknown name means a damaged file.
template <typename E>
E enumColumn(const sqlite::Statement& row, int column) {
    const auto text = row.text(column);
    auto value = enumFromName<E>(text);
    if (!value) throw sqlite::SqliteError(0, "unknown value '" + text + "' in column " + std::to_string(column));
    return *value;
}

/// Reads a column holding an exact amount as decimal text.
inline Money moneyColumn(const sqlite::Statement& row, int column) {
    auto value = Money::parse(row.text(column));
    if (!value) throw sqlite::SqliteError(0, "bad amount in column " + std::to_string(column) + ": " + value.error());
    return *value;
}

}  // namespace ob::store

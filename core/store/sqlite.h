#pragma once

#include "domain/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ob::sqlite {

/// A failed SQLite call: the message names the statement or file and SQLite's reason.
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message, int systemError = 0)
        : std::runtime_error(message), code_(code), systemError_(systemError) {}
    int code() const { return code_; }
    /// The errno of the system call that failed, when a file operation failed (else 0).
    int systemError() const { return systemError_; }
    /// The database file is damaged or is not a database.
    bool isCorruption() const;
    /// A uniqueness constraint refused a row.
    bool isDuplicate() const;
    /// The disk is full.
    bool isDiskFull() const;
    /// The file or its directory cannot be written.
    bool isReadOnly() const;

private:
    int code_;
    int systemError_;
};

/// A prepared statement. Columns and parameters are numbered as in SQLite
/// (parameters from 1, columns from 0).
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    /// Binds text without copying it: the caller keeps it alive and
    /// unchanged until the statement has run (for hot inserts).
    Statement& bindKept(int index, std::string_view value);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// Runs one step: true while a row is available.
    bool step();
    /// Runs a statement that returns no rows, then resets it for reuse.
    void execute();
    void reset();

    bool isPrepared() const { return stmt_ != nullptr; }
    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    std::string text(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;

private:
    [[noreturn]] void fail(int code) const;
    sqlite3_stmt* stmt_ = nullptr;
    sqlite3* db_ = nullptr;
};

/// One connection to one database file. Not shared between threads: each
/// thread that needs the database opens its own connection.
class Database {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Opens the file; nothing is written to it by opening.
    static Database open(const std::filesystem::path& path, Mode mode);

    void execute(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    std::int64_t queryInt64(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    /// Whether closing the last connection copies the write-ahead log into the file (SQLite's
    /// default). Off while a file is not yet known to be sound: closing must not write to it.
    void setCheckpointOnClose(bool checkpoint);
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }
    bool isOpen() const { return db_ != nullptr; }

private:
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
};

/// A unit of work: commits when asked, rolls back when it goes out of scope
/// without a commit (including by an exception).
class Transaction {
public:
    enum class Kind {
        Write,  ///< takes the write lock at once (BEGIN IMMEDIATE)
        Read,   ///< a consistent snapshot that never blocks the writer (BEGIN)
    };
    explicit Transaction(Database& db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace ob::sqlite

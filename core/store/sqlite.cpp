#include "sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace ob::sqlite {

bool SqliteError::isCorruption() const {
    const int primary = code_ & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

bool SqliteError::isDuplicate() const { return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY; }
bool SqliteError::isDiskFull() const { return (code_ & 0xff) == SQLITE_FULL; }
bool SqliteError::isReadOnly() const { return (code_ & 0xff) == SQLITE_READONLY; }

namespace {

/// The errno behind a failed file operation: SQLite keeps it, but only an I/O-level failure makes it meaningful.
int systemErrorOf(sqlite3* db, int code) {
    switch (code & 0xff) {
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_FULL:
        case SQLITE_READONLY: return db ? sqlite3_system_errno(db) : 0;
        default: return 0;
    }
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql);
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw SqliteError(rc, message);
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(std::exchange(other.db_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

void Statement::fail(int code) const {
    const char* sql = stmt_ ? sqlite3_sql(stmt_) : "";
    throw SqliteError(code, std::string(sqlite3_errmsg(db_)) + " in: " + (sql ? sql : ""), systemErrorOf(db_, code));
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) fail(rc);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(rc);
    return *this;
}

Statement& Statement::bindKept(int index, std::string_view value) {
    if (int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC); rc != SQLITE_OK)
        fail(rc);
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) fail(rc);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const int code = sqlite3_extended_errcode(db_);
    sqlite3_reset(stmt_);
    fail(code ? code : rc);
}

void Statement::execute() {
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const {
    if (isNull(column)) return std::nullopt;
    return int64(column);
}

Database::~Database() { sqlite3_close_v2(db_); }

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

Database Database::open(const std::filesystem::path& path, Mode mode) {
    int flags = SQLITE_OPEN_NOMUTEX;  // one connection per thread: no shared-connection locking needed
    switch (mode) {
        case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    }
    Database db;
    db.path_ = path;
    const int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string reason = db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
        throw SqliteError(rc, "cannot open " + path.string() + ": " + reason, systemErrorOf(db.db_, rc));
    }
    sqlite3_extended_result_codes(db.db_, 1);
    sqlite3_busy_timeout(db.db_, 5000);
    return db;
}

void Database::execute(std::string_view sql) {
    char* error = nullptr;
    const std::string statement(sql);
    if (int rc = sqlite3_exec(db_, statement.c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        const int code = sqlite3_extended_errcode(db_);
        throw SqliteError(code, message + " in: " + statement.substr(0, 200), systemErrorOf(db_, code));
    }
}

std::int64_t Database::queryInt64(std::string_view sql) {
    auto statement = prepare(sql);
    return statement.step() ? statement.int64(0) : 0;
}

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

void Database::setCheckpointOnClose(bool checkpoint) {
    sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, checkpoint ? 0 : 1, nullptr);
}

Transaction::Transaction(Database& db, Kind kind) : db_(db) { db_.execute(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN"); }

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.execute("ROLLBACK");
        } catch (const SqliteError&) {
            // The transaction is already gone (SQLite rolls back on some errors by itself).
        }
    }
}

void Transaction::commit() {
    db_.execute("COMMIT");
    done_ = true;
}

}  // namespace ob::sqlite

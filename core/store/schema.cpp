#include "schema.h"

#include "store/diskerrors.h"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

namespace ob::store {

namespace {

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// Decimal columns hold the raw fixed-point value: units of 10^-8 (Qty, Price);
// money (notional) is exact decimal text. Times are nanoseconds since the Unix
// epoch, UTC. Enumerations are stored by their FIX names ("PartiallyFilled").
constexpr std::array kMigrations{
    Migration{1, "orders, their ClOrdIDs, executions and events", R"sql(
        PRAGMA application_id = 1329744980;

        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            trade_date TEXT NOT NULL,
            session TEXT NOT NULL,
            account TEXT NOT NULL,
            symbol TEXT NOT NULL,
            side TEXT NOT NULL,
            ord_type TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            limit_price INTEGER,
            stop_price INTEGER,
            time_in_force TEXT NOT NULL,
            expire_time INTEGER,
            cl_ord_id TEXT NOT NULL,
            broker_order_id TEXT NOT NULL,
            phase TEXT NOT NULL,
            stopped INTEGER NOT NULL,
            suspended INTEGER NOT NULL,
            pending_kind TEXT,
            pending_cl_ord_id TEXT,
            pending_quantity INTEGER,
            pending_ord_type TEXT,
            pending_limit_price INTEGER,
            pending_stop_price INTEGER,
            pending_time_in_force TEXT,
            pending_expire_time INTEGER,
            pending_acknowledged INTEGER,
            pending_sent_at INTEGER,
            cum_qty INTEGER NOT NULL,
            notional TEXT NOT NULL,
            status TEXT NOT NULL,
            leaves_qty INTEGER NOT NULL,
            avg_px INTEGER NOT NULL,
            is_open INTEGER NOT NULL,
            text TEXT NOT NULL,
            chain TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX orders_by_trade_date ON orders(trade_date);
        CREATE INDEX orders_open ON orders(is_open) WHERE is_open = 1;

        CREATE TABLE order_cl_ord_ids (
            session TEXT NOT NULL,
            cl_ord_id TEXT NOT NULL,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            PRIMARY KEY (session, cl_ord_id)
        ) WITHOUT ROWID;

        CREATE TABLE executions (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            session TEXT NOT NULL,
            exec_id TEXT NOT NULL,
            exec_ref_id TEXT NOT NULL,
            exec_type TEXT NOT NULL,
            reported_status TEXT,
            status TEXT NOT NULL,
            cl_ord_id TEXT NOT NULL,
            orig_cl_ord_id TEXT NOT NULL,
            broker_order_id TEXT NOT NULL,
            last_qty INTEGER NOT NULL,
            last_px INTEGER NOT NULL,
            order_qty INTEGER NOT NULL,
            cum_qty INTEGER NOT NULL,
            leaves_qty INTEGER NOT NULL,
            avg_px INTEGER NOT NULL,
            transact_time INTEGER,
            received_at INTEGER NOT NULL,
            msg_seq_num INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        -- Not UNIQUE: the book, the single writer, already refuses an ExecID it has
        -- applied, and a unique index would triple the cost of every insert.
        CREATE INDEX executions_by_order ON executions(order_id);

        CREATE TABLE order_events (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id),
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            cl_ord_id TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX order_events_by_order ON order_events(order_id);

        CREATE TABLE counters (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
    )sql"},
    Migration{2, "reference data and FIX session progress", R"sql(
        CREATE TABLE instruments (
            symbol TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            issuer TEXT NOT NULL,
            sector TEXT NOT NULL,
            country TEXT NOT NULL,
            currency TEXT NOT NULL,
            lot_size INTEGER NOT NULL,
            tick_size INTEGER NOT NULL,
            reference_price INTEGER
        ) WITHOUT ROWID;

        CREATE TABLE funds (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            base_currency TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE accounts (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            fund_code TEXT NOT NULL REFERENCES funds(code)
        ) WITHOUT ROWID;

        -- The last inbound MsgSeqNum whose effects are committed, per FIX session and
        -- epoch (when its numbers last started from 1): on restart in the same epoch
        -- the session asks the counterparty to resend from the next one.
        CREATE TABLE fix_sessions (
            session TEXT PRIMARY KEY,
            epoch TEXT NOT NULL DEFAULT '',
            last_applied_inbound_seq INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
    )sql"},
    Migration{3, "quarantine of inbound messages the book could not apply", R"sql(
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            received_at INTEGER NOT NULL,
            session TEXT NOT NULL,
            msg_seq_num INTEGER NOT NULL,
            msg_type TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL,
            order_id INTEGER,
            resolved_at INTEGER,
            resolved_by TEXT,
            resolution TEXT
        );
        CREATE INDEX quarantine_open ON quarantine(resolved_at) WHERE resolved_at IS NULL;
    )sql"},
    Migration{4, "compliance: users, rules, locates, opening positions, breaches and the audit trail", R"sql(
        ALTER TABLE orders ADD COLUMN owner TEXT NOT NULL DEFAULT '';
        ALTER TABLE orders ADD COLUMN compliance TEXT NOT NULL DEFAULT 'Pass';
        ALTER TABLE orders ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE instruments ADD COLUMN voting_shares INTEGER;

        -- Reference exchange rates: the value of one unit of each currency in USD.
        CREATE TABLE fx_rates (
            currency TEXT PRIMARY KEY,
            rate INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- password_hash is scrypt's stored form (salt and parameters included), never a password.
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Limits are exact decimal text; percentages are written as 25 for 25%.
        CREATE TABLE rules (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            mode TEXT NOT NULL,
            scope TEXT NOT NULL,
            scope_value TEXT NOT NULL,
            limit_value TEXT,
            warn_at TEXT,
            restriction TEXT NOT NULL,
            window_seconds INTEGER NOT NULL,
            target TEXT NOT NULL,
            description TEXT NOT NULL
        );
        -- The entries of restricted lists.
        CREATE TABLE rule_list_items (
            rule_id INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (rule_id, kind, value)
        ) WITHOUT ROWID;

        CREATE TABLE locates (
            fund TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            PRIMARY KEY (fund, symbol)
        ) WITHOUT ROWID;

        -- Start-of-day holdings; symbol 'CASH' holds the fund's cash in quantity.
        CREATE TABLE opening_positions (
            fund TEXT NOT NULL,
            symbol TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            price INTEGER,
            PRIMARY KEY (fund, symbol)
        ) WITHOUT ROWID;

        CREATE TABLE breaches (
            id INTEGER PRIMARY KEY,
            stage TEXT NOT NULL,
            state TEXT NOT NULL,
            severity TEXT NOT NULL,
            rule_id INTEGER NOT NULL,
            rule_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            verdict TEXT NOT NULL,
            log_only INTEGER NOT NULL,
            cause TEXT NOT NULL,
            subject TEXT NOT NULL,
            limit_value TEXT,
            before_value TEXT NOT NULL,
            after_value TEXT NOT NULL,
            message TEXT NOT NULL,
            order_id INTEGER NOT NULL,
            fund TEXT NOT NULL,
            account TEXT NOT NULL,
            trader TEXT NOT NULL,
            symbol TEXT NOT NULL,
            raised_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            decided_by TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX breaches_unclosed ON breaches(state) WHERE state IN ('Open', 'Acknowledged');
        CREATE INDEX breaches_by_raised ON breaches(raised_at);

        -- Append-only: the triggers refuse any change or deletion, whoever asks.
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            user TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
        CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
    )sql"},
    Migration{5, "portfolios: staged lists, block allocations and model portfolios", R"sql(
        ALTER TABLE orders ADD COLUMN list_id INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE orders ADD COLUMN staged INTEGER NOT NULL DEFAULT 0;
        -- A block order's allocations: account US quantity (raw), records separated by RS.
        ALTER TABLE orders ADD COLUMN allocations TEXT NOT NULL DEFAULT '';
        CREATE INDEX orders_by_list ON orders(list_id) WHERE list_id <> 0;

        CREATE TABLE order_lists (
            id INTEGER PRIMARY KEY,
            trade_date TEXT NOT NULL,
            name TEXT NOT NULL,
            fund TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );

        -- Target weights are exact decimal text, fractions of NAV.
        CREATE TABLE model_weights (
            model TEXT NOT NULL,
            symbol TEXT NOT NULL,
            weight TEXT NOT NULL,
            PRIMARY KEY (model, symbol)
        ) WITHOUT ROWID;
    )sql"},
    Migration{6, "one process's book: unique executions and ClOrdIDs, requests handed over, unconfirmed orders, the desk id",
              R"sql(
        -- Every execution once per session, order and ExecID; status reports (ExecType I) may repeat an ExecID.
        CREATE UNIQUE INDEX executions_unique ON executions(session, order_id, exec_id) WHERE exec_type <> 'OrderStatus';
        -- A ClOrdID names one order, for ever (see the trigger below for the same session).
        CREATE UNIQUE INDEX order_cl_ord_ids_unique ON order_cl_ord_ids(cl_ord_id);
        -- Every write of an order writes its whole chain again with INSERT OR IGNORE, which would drop
        -- a clash on the primary key (the same session) without a word: a ClOrdID already used by
        -- another order fails the transaction instead. Re-writing an order's own links stays cheap.
        CREATE TRIGGER order_cl_ord_ids_one_order BEFORE INSERT ON order_cl_ord_ids
            WHEN EXISTS (SELECT 1 FROM order_cl_ord_ids WHERE cl_ord_id = NEW.cl_ord_id AND order_id <> NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'a ClOrdID already used by another order'); END;
        -- When each request was handed to the FIX session; NULL while committed but not yet handed over.
        -- Requests from before this version were handed over by construction: 0 marks "at an unknown time".
        ALTER TABLE order_cl_ord_ids ADD COLUMN sent_at INTEGER;
        UPDATE order_cl_ord_ids SET sent_at = 0;
        -- An order whose state at the broker no one could confirm (a status request went unanswered or was refused).
        ALTER TABLE orders ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0;
        -- The desk's identity, part of every ClOrdID: drawn at random when the database is made.
        -- (random() & 1048575 rather than abs(random()) % 1048576: abs() fails on the smallest integer.)
        INSERT INTO counters (name, value) VALUES ('desk_id', random() & 1048575) ON CONFLICT(name) DO NOTHING;
    )sql"},
    Migration{7, "reference data the desk owns: instrument identifiers, inactive instruments and accounts", R"sql(
        ALTER TABLE instruments ADD COLUMN isin TEXT NOT NULL DEFAULT '';
        ALTER TABLE instruments ADD COLUMN cusip TEXT NOT NULL DEFAULT '';
        ALTER TABLE instruments ADD COLUMN sedol TEXT NOT NULL DEFAULT '';
        ALTER TABLE instruments ADD COLUMN mic TEXT NOT NULL DEFAULT '';
        ALTER TABLE instruments ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE accounts ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
        -- The book refers to its instruments and accounts for ever: they are deactivated, never deleted.
        CREATE TRIGGER instruments_kept BEFORE DELETE ON instruments
            BEGIN SELECT RAISE(ABORT, 'instruments are deactivated, never deleted'); END;
        CREATE TRIGGER accounts_kept BEFORE DELETE ON accounts
            BEGIN SELECT RAISE(ABORT, 'accounts are deactivated, never deleted'); END;
    )sql"},
    Migration{8, "logins: one-time passwords, failed logins counted, accounts locked", R"sql(
        -- The password is a one-time password from an administrator: the user chooses a new one at the next login.
        ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
        -- Failed logins in a row, and the lock they put on the account until an administrator unlocks it.
        ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
    )sql"},
};

int userVersion(sqlite::Database& db) { return static_cast<int>(db.queryInt64("PRAGMA user_version")); }

void applyPragmas(sqlite::Database& db, Durability durability) {
    db.execute("PRAGMA journal_mode = WAL");
    db.execute(durability == Durability::Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    // Foreign keys are checked where reference data is written (the reading
    // connection). The order writer writes each batch's orders before their
    // executions by construction, and the checks would cost a fifth of its time.
    db.execute("PRAGMA foreign_keys = OFF");
    db.execute("PRAGMA temp_store = MEMORY");
    db.execute("PRAGMA cache_size = -65536");
}

std::filesystem::path directoryOf(const std::filesystem::path& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

const char* const kLeftUntouched = "The file was left untouched";
const char* const kRestoreOrMoveAway =
    "If you restored it from a backup, the copy is incomplete or damaged: restore it again. To start a new desk, move "
    "the file away or use another --data-dir";

/// What a failed SQLite call while opening means to the user: a damaged file, a full disk, a
/// read-only directory, or else SQLite's own words.
std::string describe(const sqlite::SqliteError& e, const std::filesystem::path& path, const std::string& doing) {
    const auto directory = directoryOf(path);
    const std::string detail = doing + ": " + e.what();
    if (e.isCorruption())
        return path.string() + " is damaged or is not a database (" + e.what() + "). " + kLeftUntouched + ". " +
               kRestoreOrMoveAway;
    if (e.isDiskFull()) return fullDisk(directory, detail);
    if (e.isReadOnly()) return readOnlyDirectory(directory, detail);
    if (auto explained = explainDiskError(directory, e.systemError(), detail)) return *explained;
    return detail;
}

void removeWithJournal(const std::filesystem::path& path) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path.string() + "-journal", ignored);
}

/// Makes a new database whole under a temporary name and renames it into place, so that a crash
/// while making it never leaves an empty or half-made file under the database's own name.
Status createDatabase(const std::filesystem::path& path) {
    const std::filesystem::path building(path.string() + ".new");
    removeWithJournal(building);  // what a start that crashed while making it left
    try {
        auto db = sqlite::Database::open(building, sqlite::Database::Mode::ReadWriteCreate);
        migrateTo(db, currentSchemaVersion());
    } catch (const sqlite::SqliteError& e) {
        removeWithJournal(building);
        return Error{describe(e, path, "cannot make the database " + path.string())};
    }
    // A new connection commits with synchronous = FULL: the file is on the disk before it gets its name.
    if (auto renamed = renameIntoPlace(building, path); !renamed) return renamed;
    spdlog::info("made a new database {}", path.string());
    return {};
}

/// Problems PRAGMA quick_check finds (every page and b-tree readable and well formed; about as
/// fast as reading the file), at most the first few; none when the file is sound.
std::vector<std::string> quickCheck(sqlite::Database& db) {
    std::vector<std::string> problems;
    auto check = db.prepare("PRAGMA quick_check(3)");
    while (check.step()) {
        // A row may hold several lines; "*** in database main ***" only heads them.
        std::istringstream lines(check.text(0));
        for (std::string line; std::getline(lines, line);)
            if (line != "ok" && line.rfind("*** in database", 0) != 0) problems.push_back(line);
    }
    return problems;
}

/// The rows that stop migration 6's unique indexes, named for the person who must mend them.
std::string repeatedRows(sqlite::Database& db) {
    std::string found;
    auto executions = db.prepare(
        "SELECT order_id, exec_id, session, count(*) FROM executions WHERE exec_type <> 'OrderStatus' "
        "GROUP BY session, order_id, exec_id HAVING count(*) > 1 ORDER BY order_id, exec_id LIMIT 3");
    while (executions.step())
        found += std::string(found.empty() ? "" : "; ") + "order " + std::to_string(executions.int64(0)) + " has ExecID " +
                 executions.text(1) + " of session " + executions.text(2) + " " + std::to_string(executions.int64(3)) + " times";
    auto clOrdIds = db.prepare(
        "SELECT cl_ord_id, group_concat(order_id, ' and ') FROM (SELECT * FROM order_cl_ord_ids ORDER BY cl_ord_id, order_id) "
        "GROUP BY cl_ord_id HAVING count(*) > 1 ORDER BY cl_ord_id LIMIT 3");
    while (clOrdIds.step())
        found += std::string(found.empty() ? "" : "; ") + "ClOrdID " + clOrdIds.text(0) + " names orders " + clOrdIds.text(1);
    return found;
}

/// Upgrades in one transaction: a migration that fails leaves the file as it was.
Status upgrade(sqlite::Database& db, const std::filesystem::path& path, int from) {
    const auto backup = path.string() + ".schema-v" + std::to_string(from) + ".bak";
    const auto upgrading = "cannot upgrade " + path.string() + " from schema " + std::to_string(from) + " to " +
                           std::to_string(currentSchemaVersion());
    std::error_code ignored;
    std::filesystem::remove(backup, ignored);
    try {
        auto copy = db.prepare("VACUUM INTO ?");
        copy.bind(1, backup).execute();
    } catch (const sqlite::SqliteError& e) {
        std::filesystem::remove(backup, ignored);
        return Error{describe(e, path, "cannot keep a copy of " + path.string() + " before upgrading it") + ". " +
                     kLeftUntouched};
    }
    spdlog::info("upgrading {} from schema {} to {}; the old file is kept as {}", path.string(), from, currentSchemaVersion(),
                 backup);
    try {
        migrateTo(db, currentSchemaVersion());
    } catch (const sqlite::SqliteError& e) {
        const auto repeated = e.isDuplicate() ? repeatedRows(db) : std::string();
        if (repeated.empty()) return Error{describe(e, path, upgrading) + ". The file was left as it was"};
        return Error{upgrading + ": it holds rows that must be unique (" + repeated +
                     "), as two programs writing to one data directory at once leave them. The file was left as it was "
                     "(a copy is also kept as " +
                     backup +
                     "). Restore the database from a backup made before then, or remove the repeated rows as docs/store.md "
                     "describes (\"Repeated rows\"), then start again"};
    }
    return {};
}

}  // namespace

int currentSchemaVersion() { return kMigrations.back().version; }

Status refuseStrayJournal(const std::filesystem::path& path) {
    // A journal left beside a database that is gone belongs to that database.
    for (const char* suffix : {"-wal", "-journal"}) {
        const std::filesystem::path journal(path.string() + suffix);
        std::error_code error;
        const auto size = std::filesystem::file_size(journal, error);
        if (error || size == 0) continue;
        return Error{path.string() + " does not exist, but its " + journal.filename().string() + " (" + std::to_string(size) +
                     " bytes) does: the database was moved or deleted without it, and a new database of that name would take "
                     "in its contents. Put the database back beside it; or, to start a new desk here, move " +
                     journal.filename().string() + " (and any " + path.filename().string() + "-shm) away. Nothing was changed"};
    }
    return {};
}

Status renameIntoPlace(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        const int code = errno;
        const auto detail = "cannot rename " + from.string() + " to " + to.string() + ": " + std::strerror(code);
        return Error{explainDiskError(directoryOf(to), code, detail).value_or(detail)};
    }
    const int fd = ::open(directoryOf(to).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return {};
}

void migrateTo(sqlite::Database& db, int version) {
    const int from = userVersion(db);
    if (from >= version) return;
    sqlite::Transaction transaction(db);
    for (const auto& migration : kMigrations) {
        if (migration.version <= from || migration.version > version) continue;
        db.execute(migration.sql);
        db.execute("PRAGMA user_version = " + std::to_string(migration.version));
        spdlog::debug("schema migration {}: {}", migration.version, migration.description);
    }
    transaction.commit();
}

Result<sqlite::Database> openDatabase(const std::filesystem::path& path, Durability durability, Check check) {
    const std::string name = path.string();
    const auto directory = directoryOf(path);
    try {
        // Nothing is written to the file until it is known to be ours, of a version we read, and sound.
        if (::access(directory.c_str(), W_OK) != 0)
            return Error{
                explainDiskError(directory, errno, "cannot write in it").value_or("cannot write in " + directory.string())};
        if (!std::filesystem::exists(path)) {
            if (auto refused = refuseStrayJournal(path); !refused) return Error{refused.error()};
            if (auto made = createDatabase(path); !made) return Error{made.error()};
        } else if (std::filesystem::file_size(path) == 0) {
            // SQLite would take an empty file for a new database (and delete a write-ahead log beside it).
            return Error{name + " is empty (0 bytes): it is not a desk's database. " + kLeftUntouched + ". " +
                         kRestoreOrMoveAway};
        } else if (::access(name.c_str(), W_OK) != 0) {
            return Error{explainDiskError(directory, errno, "its database " + name + " cannot be written")
                             .value_or("cannot write " + name)};
        }
        auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWrite);
        // A write-ahead log left by a crash is read, not copied into the file, until the file passed.
        db.setCheckpointOnClose(false);

        const auto applicationId = db.queryInt64("PRAGMA application_id");
        if (applicationId != kApplicationId)
            return Error{name + " is not an OpenBlotter database (its application id is " + std::to_string(applicationId) +
                         "). " + kLeftUntouched + ". If it is another program's, move it away or use another --data-dir"};
        const int version = userVersion(db);
        if (version > currentSchemaVersion())
            return Error{name + " was written by a newer OpenBlotter (schema " + std::to_string(version) +
                         "; this version reads up to " + std::to_string(currentSchemaVersion()) + "). " + kLeftUntouched +
                         ". Use a newer OpenBlotter or another data directory"};
        const bool wal = [&] {
            auto mode = db.prepare("PRAGMA journal_mode");  // asked, not set: nothing is written
            return mode.step() && mode.text(0) == "wal";
        }();
        const bool whole = check == Check::Whole || version < currentSchemaVersion() || !wal;
        if (const auto problems = whole ? quickCheck(db) : std::vector<std::string>(); !problems.empty()) {
            std::string found;
            for (const auto& problem : problems) found += (found.empty() ? "" : "; ") + problem;
            return Error{name + " is damaged: SQLite's check of the file found: " + found + ". " + kLeftUntouched +
                         ". Restore it from a backup while OpenBlotter is closed"};
        }

        db.setCheckpointOnClose(true);
        if (version < currentSchemaVersion())
            if (auto upgraded = upgrade(db, path, version); !upgraded) return Error{upgraded.error()};
        applyPragmas(db, durability);
        return db;
    } catch (const sqlite::SqliteError& e) {
        return Error{describe(e, path, "cannot open " + name)};
    } catch (const std::filesystem::filesystem_error& e) {
        if (auto explained = explainDiskError(directory, e.code().value(), e.what())) return Error{*explained};
        return Error{"cannot open " + name + ": " + e.what()};
    }
}

}  // namespace ob::store

#include "schema.h"

#include <spdlog/spdlog.h>

#include <array>
#include <system_error>

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

Status upgrade(sqlite::Database& db, const std::filesystem::path& path, int from) {
    const auto backup = path.string() + ".schema-v" + std::to_string(from) + ".bak";
    std::error_code ignored;
    std::filesystem::remove(backup, ignored);
    try {
        auto copy = db.prepare("VACUUM INTO ?");
        copy.bind(1, backup).execute();
    } catch (const sqlite::SqliteError& e) {
        return Error{"cannot keep a copy of " + path.string() + " before upgrading it: " + e.what()};
    }
    spdlog::info("upgrading {} from schema {} to {}; the old file is kept as {}", path.string(), from, currentSchemaVersion(),
                 backup);
    migrateTo(db, currentSchemaVersion());
    return {};
}

}  // namespace

int currentSchemaVersion() { return kMigrations.back().version; }

void migrateTo(sqlite::Database& db, int version) {
    for (const auto& migration : kMigrations) {
        if (migration.version <= userVersion(db) || migration.version > version) continue;
        sqlite::Transaction transaction(db);
        db.execute(migration.sql);
        db.execute("PRAGMA user_version = " + std::to_string(migration.version));
        transaction.commit();
        spdlog::debug("schema migration {} applied: {}", migration.version, migration.description);
    }
}

Result<sqlite::Database> openDatabase(const std::filesystem::path& path, Durability durability) {
    const std::string name = path.string();
    const std::string untouched = "; the file was left untouched";
    try {
        const bool exists = std::filesystem::exists(path);
        auto db =
            sqlite::Database::open(path, exists ? sqlite::Database::Mode::ReadWrite : sqlite::Database::Mode::ReadWriteCreate);

        // Read before writing anything: a foreign or damaged file must stay as it is.
        const auto applicationId = db.queryInt64("PRAGMA application_id");
        const int version = userVersion(db);
        const auto objects = db.queryInt64("SELECT count(*) FROM sqlite_schema");
        const bool blank = applicationId == 0 && version == 0 && objects == 0;

        if (!blank && applicationId != kApplicationId)
            return Error{name + " is not an OpenBlotter database (its application id is " + std::to_string(applicationId) + ")" +
                         untouched};
        if (version > currentSchemaVersion())
            return Error{name + " was written by a newer OpenBlotter (schema " + std::to_string(version) +
                         "; this version reads up to " + std::to_string(currentSchemaVersion()) + ")" + untouched +
                         ". Use a newer OpenBlotter or another data directory"};

        applyPragmas(db, durability);
        if (blank) {
            migrateTo(db, currentSchemaVersion());
        } else if (version < currentSchemaVersion()) {
            if (auto upgraded = upgrade(db, path, version); !upgraded) return Error{upgraded.error()};
        }
        return db;
    } catch (const sqlite::SqliteError& e) {
        if (e.isCorruption()) return Error{name + " is damaged or is not a database (" + e.what() + ")" + untouched};
        return Error{"cannot open " + name + ": " + e.what()};
    }
}

}  // namespace ob::store

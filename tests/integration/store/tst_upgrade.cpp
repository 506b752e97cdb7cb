#include "compliance/complianceengine.h"
#include "engine/orderengine.h"
#include "store/schema.h"
#include "store/sqlitestore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ob;

namespace {

// Rows as a desk of each schema version wrote them, in that version's own columns: an order
// replaced and partly filled (still working), a filled order of an earlier day whose broker
// reused an ExecID, their ClOrdIDs, executions and events; then what each later version added.
// Times: 2026-11-27T14:00:00Z is 1795788000000000000 ns, 2026-11-30T09:30:00Z 1796031000000000000.
// Quantities and prices are raw (x 10^8): 500 shares are 50000000000, a price of 190.4 is 19040000000.

constexpr const char* kVersion1Rows = R"sql(
    INSERT INTO orders (id, trade_date, session, account, symbol, side, ord_type, quantity, limit_price, stop_price,
        time_in_force, expire_time, cl_ord_id, broker_order_id, phase, stopped, suspended, pending_kind, pending_cl_ord_id,
        pending_quantity, pending_ord_type, pending_limit_price, pending_stop_price, pending_time_in_force,
        pending_expire_time, pending_acknowledged, pending_sent_at, cum_qty, notional, status, leaves_qty, avg_px, is_open,
        text, chain, created_at, updated_at)
    VALUES
        (1, '20261130', 'FIX.4.4:OPENBLOTTER->SIM', 'GROWTH-PB', 'AAPL', 'Buy', 'Limit', 50000000000, 19100000000, NULL,
         'GoodTillCancel', NULL, '20261130-0000002', 'SIM-1', 'Working', 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, 30000000000, '57120', 'PartiallyFilled', 20000000000, 19040000000, 1, '',
         '20261130-0000001' || char(31) || 'NA' || char(30) || '20261130-0000002' || char(31) || 'RA',
         1796031000000000000, 1796031180000000000),
        (2, '20261127', 'FIX.4.4:OPENBLOTTER->SIM', 'INCOME-PB', 'MSFT', 'Sell', 'Market', 10000000000, NULL, NULL, 'Day',
         NULL, '20261127-0000001', 'SIM-2', 'Working', 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         10000000000, '41025', 'Filled', 0, 41025000000, 0, 'done', '20261127-0000001' || char(31) || 'NA',
         1795788000000000000, 1795788000000000000);
    INSERT INTO order_cl_ord_ids (session, cl_ord_id, order_id) VALUES
        ('FIX.4.4:OPENBLOTTER->SIM', '20261130-0000001', 1),
        ('FIX.4.4:OPENBLOTTER->SIM', '20261130-0000002', 1),
        ('FIX.4.4:OPENBLOTTER->SIM', '20261127-0000001', 2);
    INSERT INTO executions (id, order_id, session, exec_id, exec_ref_id, exec_type, reported_status, status, cl_ord_id,
        orig_cl_ord_id, broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, transact_time,
        received_at, msg_seq_num, text)
    VALUES
        (1, 1, 'FIX.4.4:OPENBLOTTER->SIM', 'E1', '', 'New', 'New', 'New', '20261130-0000001', '', 'SIM-1', 0, 0,
         50000000000, 0, 50000000000, 0, 1796031000000000000, 1796031000500000000, 10, ''),
        (2, 1, 'FIX.4.4:OPENBLOTTER->SIM', 'E2', '', 'Trade', 'PartiallyFilled', 'PartiallyFilled', '20261130-0000001', '',
         'SIM-1', 10000000000, 19000000000, 50000000000, 10000000000, 40000000000, 19000000000, 1796031060000000000,
         1796031060500000000, 11, ''),
        (3, 1, 'FIX.4.4:OPENBLOTTER->SIM', 'E3', '', 'Replaced', 'PartiallyFilled', 'PartiallyFilled', '20261130-0000002',
         '20261130-0000001', 'SIM-1', 0, 0, 50000000000, 10000000000, 40000000000, 19000000000, 1796031120000000000,
         1796031120500000000, 12, ''),
        (4, 1, 'FIX.4.4:OPENBLOTTER->SIM', 'E4', '', 'Trade', 'PartiallyFilled', 'PartiallyFilled', '20261130-0000002', '',
         'SIM-1', 20000000000, 19060000000, 50000000000, 30000000000, 20000000000, 19040000000, 1796031180000000000,
         1796031180500000000, 13, 'partial fill'),
        (5, 1, 'FIX.4.4:OPENBLOTTER->SIM', 'E4', '', 'OrderStatus', 'PartiallyFilled', 'PartiallyFilled', '20261130-0000002',
         '', 'SIM-1', 0, 0, 50000000000, 30000000000, 20000000000, 19040000000, NULL, 1796031190000000000, 14,
         'status asked after a restart'),
        (6, 2, 'FIX.4.4:OPENBLOTTER->SIM', 'E1', '', 'Trade', 'Filled', 'Filled', '20261127-0000001', '', 'SIM-2',
         10000000000, 41025000000, 10000000000, 10000000000, 0, 41025000000, NULL, 1795788000500000000, 5, '');
    INSERT INTO order_events (id, order_id, at, kind, cl_ord_id, text) VALUES
        (1, 1, 1796031000000000000, 'Created', '20261130-0000001', ''),
        (2, 1, 1796031110000000000, 'ReplaceRequested', '20261130-0000002', 'limit 190 to 191'),
        (3, 2, 1795788000000000000, 'Created', '20261127-0000001', '');
    INSERT INTO counters (name, value) VALUES ('cl_ord_id', 2);
)sql";

constexpr const char* kVersion2Rows = R"sql(
    INSERT INTO instruments (symbol, name, issuer, sector, country, currency, lot_size, tick_size, reference_price) VALUES
        ('AAPL', 'Apple Inc.', 'Apple', 'Technology', 'US', 'USD', 100000000, 1000000, 19000000000),
        ('MSFT', 'Microsoft Corp.', 'Microsoft', 'Technology', 'US', 'USD', 100000000, 1000000, NULL);
    INSERT INTO funds (code, name, base_currency) VALUES ('GROWTH', 'Growth Fund', 'USD'), ('INCOME', 'Income Fund', 'USD');
    INSERT INTO accounts (code, name, fund_code) VALUES
        ('GROWTH-PB', 'Growth, prime broker', 'GROWTH'), ('INCOME-PB', 'Income, prime broker', 'INCOME');
    INSERT INTO fix_sessions (session, epoch, last_applied_inbound_seq, updated_at) VALUES
        ('FIX.4.4:OPENBLOTTER->SIM', '20261130-090000', 14, 1796031190000000000);
)sql";

constexpr const char* kVersion3Rows = R"sql(
    INSERT INTO quarantine (id, received_at, session, msg_seq_num, msg_type, text, reason, order_id, resolved_at,
        resolved_by, resolution)
    VALUES
        (1, 1796031200000000000, 'FIX.4.4:OPENBLOTTER->SIM', 15, '8', '8=FIX.4.4|35=8|11=UNKNOWN|', 'unknown ClOrdID',
         NULL, NULL, NULL, NULL),
        (2, 1796031210000000000, 'FIX.4.4:OPENBLOTTER->SIM', 16, '8', '8=FIX.4.4|35=8|11=20261130-0000002|', 'overfill',
         1, 1796031300000000000, 'compliance', 'checked with the broker: a duplicate');
)sql";

constexpr const char* kVersion4Rows = R"sql(
    UPDATE orders SET owner = 'trader', compliance = 'Warn' WHERE id = 1;
    UPDATE orders SET owner = 'pm', compliance = 'Pass', held = 0 WHERE id = 2;
    UPDATE instruments SET voting_shares = 1550000000000000000 WHERE symbol = 'AAPL';
    INSERT INTO fx_rates (currency, rate) VALUES ('USD', 100000000), ('EUR', 108000000);
    INSERT INTO users (name, full_name, role, password_hash, active) VALUES
        ('trader', 'Tess Trader', 'Trader', '$7$C6..../....salt$hash', 1),
        ('pm', 'Pat Manager', 'PortfolioManager', '$7$C6..../....salt$other', 0);
    INSERT INTO rules (id, name, kind, severity, mode, scope, scope_value, limit_value, warn_at, restriction,
        window_seconds, target, description)
    VALUES
        (1, 'No buys of MSFT', 'RestrictedList', 'Block', 'Active', 'Firm', '', NULL, NULL, 'NoBuy', 0, '', 'restricted'),
        (2, 'Order notional', 'MaxOrderNotional', 'Warning', 'Active', 'Fund', 'GROWTH', '100000', '80000.5', 'NoTrade', 0,
         '', 'per order');
    INSERT INTO rule_list_items (rule_id, kind, value) VALUES (1, 'symbol', 'MSFT');
    INSERT INTO locates (fund, symbol, quantity) VALUES ('GROWTH', 'AAPL', 50000000000);
    INSERT INTO opening_positions (fund, symbol, quantity, price) VALUES
        ('GROWTH', 'AAPL', 1000000000000, 18500000000), ('GROWTH', 'CASH', 1000000000000000, NULL);
    INSERT INTO breaches (id, stage, state, severity, rule_id, rule_name, kind, verdict, log_only, cause, subject,
        limit_value, before_value, after_value, message, order_id, fund, account, trader, symbol, raised_at, updated_at,
        decided_by, reason)
    VALUES
        (1, 'PreTrade', 'Acknowledged', 'Warning', 2, 'Order notional', 'MaxOrderNotional', 'Warn', 0, 'Active', 'order',
         '100000', '0', '95500', 'notional 95500 is above the warning level 80000.5', 1, 'GROWTH', 'GROWTH-PB', 'trader',
         'AAPL', 1796031000000000000, 1796031100000000000, 'compliance', 'a planned rebalance');
    INSERT INTO audit_log (id, at, user, role, action, subject, details) VALUES
        (1, 1796031000000000000, 'trader', 'Trader', 'order.submit', 'order 1', 'buy 500 AAPL at 190'),
        (2, 1796031100000000000, 'compliance', 'ComplianceOfficer', 'breach.acknowledge', 'breach 1', 'a planned rebalance');
)sql";

constexpr const char* kVersion5Rows = R"sql(
    UPDATE orders SET list_id = 1, staged = 0,
        allocations = 'GROWTH-PB' || char(31) || '30000000000' || char(30) || 'INCOME-PB' || char(31) || '20000000000'
        WHERE id = 1;
    INSERT INTO order_lists (id, trade_date, name, fund, created_by, created_at) VALUES
        (1, '20261130', 'Rebalance GROWTH', 'GROWTH', 'pm', 1796030900000000000);
    INSERT INTO model_weights (model, symbol, weight) VALUES ('US-CORE', 'AAPL', '0.6'), ('US-CORE', 'MSFT', '0.4');
)sql";

// Version 6 added columns and indexes: requests handed over, no order unconfirmed, and a user of its time, for
// version 8's login columns to meet.
constexpr const char* kVersion6Rows = R"sql(
    UPDATE order_cl_ord_ids SET sent_at = 0;
    UPDATE orders SET unconfirmed = 0;
    INSERT INTO users (name, full_name, role, password_hash, active) VALUES
        ('admin', 'Ada Admin', 'Administrator', '$7$C6..../....salt$third', 1);
)sql";

constexpr const char* kVersion7Rows = R"sql(
    UPDATE instruments SET isin = 'US0378331005', mic = 'XNAS' WHERE symbol = 'AAPL';
)sql";

constexpr std::array kRowsOfVersion{kVersion1Rows, kVersion2Rows, kVersion3Rows, kVersion4Rows,
                                    kVersion5Rows, kVersion6Rows, kVersion7Rows};

/// A database at `version` with the rows of every version up to it.
void buildAtVersion(const std::string& path, int version) {
    auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWriteCreate);
    store::migrateTo(db, version);
    sqlite::Transaction transaction(db);
    for (int v = 1; v <= version; ++v) db.execute(kRowsOfVersion[std::size_t(v - 1)]);
    transaction.commit();
}

struct Table {
    std::vector<std::string> columns;
    std::vector<std::string> rows;  ///< each row's values quoted as SQL literals, sorted
};

/// The rows of `table` in these columns, every value as an SQL literal (so 0, '0' and NULL differ).
/// The desk id is left out: a database made or upgraded draws it.
std::vector<std::string> rowsOf(sqlite::Database& db, const std::string& table, const std::vector<std::string>& columns) {
    std::string values;
    for (const auto& column : columns) values += (values.empty() ? "quote(" : " || ', ' || quote(") + column + ")";
    auto select = db.prepare("SELECT " + values + " FROM " + table + (table == "counters" ? " WHERE name <> 'desk_id'" : "") +
                             " ORDER BY 1");
    std::vector<std::string> rows;
    while (select.step()) rows.push_back(select.text(0));
    return rows;
}

/// Every table of the database, every column, every row.
std::map<std::string, Table> contentsOf(const std::string& path) {
    auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadOnly);
    std::map<std::string, Table> tables;
    auto names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (names.step()) {
        auto& table = tables[names.text(0)];
        auto columns = db.prepare("SELECT name FROM pragma_table_info(?)");
        columns.bind(1, names.text(0));
        while (columns.step()) table.columns.push_back(columns.text(0));
        table.rows = rowsOf(db, names.text(0), table.columns);
    }
    return tables;
}

QByteArray fileHash(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

}  // namespace

/// Upgrades from every earlier schema version, with real rows in it, and one that fails halfway.
class TestUpgrade final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsEveryRowOfAnEarlierVersion_data() {
        QTest::addColumn<int>("version");
        for (int version = 1; version < store::currentSchemaVersion(); ++version)
            QTest::addRow("from version %d", version) << version;
    }

    void keepsEveryRowOfAnEarlierVersion() {
        QFETCH(int, version);
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        buildAtVersion(path, version);
        const auto before = contentsOf(path);
        for (const auto& [name, table] : before) QVERIFY2(!table.rows.empty(), ("no rows in " + name).c_str());

        auto store = store::SqliteStore::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().c_str());
        {
            auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadOnly);
            QCOMPARE(db.queryInt64("PRAGMA user_version"), std::int64_t(store::currentSchemaVersion()));
            for (const auto& [name, table] : before) QCOMPARE(rowsOf(db, name, table.columns), table.rows);
            // What version 6 added, for rows written before it.
            if (version < 6) {
                QCOMPARE(db.queryInt64("SELECT count(*) FROM order_cl_ord_ids WHERE sent_at = 0"), std::int64_t(3));
                QCOMPARE(db.queryInt64("SELECT count(*) FROM orders WHERE unconfirmed = 0"), std::int64_t(2));
            }
            const auto deskId =
                db.queryInt64("SELECT count(*) FROM counters WHERE name = 'desk_id' AND value BETWEEN 0 AND 1048575");
            QCOMPARE(deskId, std::int64_t(1));
            // What version 7 added: instruments without identifiers (but the one version 7 gave some), and every
            // instrument and account active.
            const std::int64_t written = version >= 2 ? 2 : 0;  // the reference rows came with version 2
            QCOMPARE(db.queryInt64("SELECT count(*) FROM instruments WHERE isin = ''"), written - (version >= 7 ? 1 : 0));
            QCOMPARE(db.queryInt64("SELECT count(*) FROM instruments WHERE active = 1"), written);
            QCOMPARE(db.queryInt64("SELECT count(*) FROM accounts WHERE active = 1"), written);
            // What version 8 added: no user starts locked, counted or with a one-time password.
            QCOMPARE(db.queryInt64("SELECT count(*) FROM users WHERE failed_logins <> 0 OR locked <> 0 OR "
                                   "must_change_password <> 0"),
                     std::int64_t(0));
        }
        // The copy kept is the old file as it was.
        const auto backup = path + ".schema-v" + std::to_string(version) + ".bak";
        QVERIFY(QFile::exists(QString::fromStdString(backup)));
        const auto kept = contentsOf(backup);
        QCOMPARE(kept.size(), before.size());
        for (const auto& [name, table] : before) QCOMPARE(kept.at(name).rows, table.rows);

        // The engine starts on it: the working order is rebuilt from its executions.
        auto reference = (*store)->loadReferenceData();
        QVERIFY(reference.ok());
        ComplianceEngine compliance(*reference, [](const std::string&) { return std::optional<Price>(); });
        OrderEngine::Options options;
        options.compliance = &compliance;
        OrderEngine engine(**store, options);
        const auto started = engine.start();
        QVERIFY2(started.ok(), started.error().c_str());
        const auto orders = engine.snapshot().get().orders;
        QCOMPARE(orders.size(), std::size_t(1));
        QCOMPARE(orders[0].id, OrderId(1));
        QCOMPARE(orders[0].cumQty, Qty::of("300"));
        QCOMPARE(orders[0].leavesQty(), Qty::of("200"));
        QCOMPARE(orders[0].avgPx(), Price::of("190.4"));
        QCOMPARE(orders[0].status(), OrdStatus::PartiallyFilled);
        QCOMPARE(orders[0].clOrdId, std::string("20261130-0000002"));
        engine.stop();
        auto active = (*store)->loadActive("20261130");
        QVERIFY(active.ok());
        // The desk's identity for its ClOrdIDs was drawn by the upgrade; no run of the new kind made any yet.
        QVERIFY(active->deskId >= 0 && active->deskId <= 1048575);
        QCOMPARE(active->clOrdIdRun, std::int64_t(0));
        QCOMPARE(active->executions.size(), std::size_t(5));
    }

    void aMigrationThatFailsLeavesTheFileAsItWas_data() {
        // From version 6 on the schema itself refuses the repeated rows this test plants.
        QTest::addColumn<int>("version");
        for (int version = 1; version < 6; ++version) QTest::addRow("from version %d", version) << version;
    }

    void aMigrationThatFailsLeavesTheFileAsItWas() {
        QFETCH(int, version);
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        buildAtVersion(path, version);
        {
            // What two programs on one data directory left: a fill stored twice, and one ClOrdID for two orders.
            auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWrite);
            db.execute(
                "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, reported_status, status, "
                "cl_ord_id, orig_cl_ord_id, broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, "
                "transact_time, received_at, msg_seq_num, text) SELECT order_id, session, exec_id, exec_ref_id, exec_type, "
                "reported_status, status, cl_ord_id, orig_cl_ord_id, broker_order_id, last_qty, last_px, order_qty, cum_qty, "
                "leaves_qty, avg_px, transact_time, received_at, msg_seq_num, text FROM executions WHERE id = 4");
            db.execute(
                "INSERT INTO order_cl_ord_ids (session, cl_ord_id, order_id) VALUES ('FIX.4.2:OPENBLOTTER->BROKER2', "
                "'20261130-0000001', 2)");
        }
        const auto before = fileHash(path);
        auto store = store::SqliteStore::open(path);
        QVERIFY(!store.ok());
        const auto v = std::to_string(version);
        QCOMPARE(store.error(),
                 "cannot upgrade " + path + " from schema " + v + " to " + std::to_string(store::currentSchemaVersion()) +
                     ": it holds rows that must be unique (order 1 has ExecID E4 of session FIX.4.4:OPENBLOTTER->SIM 2 "
                     "times; ClOrdID 20261130-0000001 names orders 1 and 2), as two programs writing to one data directory at "
                     "once leave them. The file was left as it was (a copy is also kept as " +
                     path + ".schema-v" + v +
                     ".bak). Restore the database from a backup made before then, or remove the repeated rows as "
                     "docs/store.md describes (\"Repeated rows\"), then start again");
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(QString::fromStdString(path + "-wal")));
        QVERIFY(!QFile::exists(QString::fromStdString(path + "-journal")));
    }
};

QTEST_GUILESS_MAIN(TestUpgrade)
#include "tst_upgrade.moc"

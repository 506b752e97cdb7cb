#include "store/orderrepository.h"
#include "store/schema.h"
#include "store/sqlitestore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;

namespace {

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

std::string pathOf(const QTemporaryDir& dir, const char* name) { return dir.filePath(QString::fromLatin1(name)).toStdString(); }

}  // namespace

class TestSchema final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsCurrentSchemaInANewFile() {
        QTemporaryDir dir;
        auto db = store::openDatabase(pathOf(dir, "new.db"), store::Durability::Full);
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().c_str());
        QCOMPARE(db->queryInt64("PRAGMA user_version"), std::int64_t(store::currentSchemaVersion()));
        QCOMPARE(db->queryInt64("PRAGMA application_id"), std::int64_t(store::kApplicationId));
        QCOMPARE(db->queryInt64(
                     "SELECT count(*) FROM sqlite_schema WHERE name IN ('orders','executions','instruments','fix_sessions')"),
                 std::int64_t(4));
        auto mode = db->prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), std::string("wal"));
    }

    void upgradesThePreviousSchemaKeepingItsData() {
        QTemporaryDir dir;
        const auto path = pathOf(dir, "old.db");
        {
            auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWriteCreate);
            store::migrateTo(db, 1);
            db.execute(
                "INSERT INTO orders (id, trade_date, session, account, symbol, side, ord_type, quantity, limit_price, "
                "time_in_force, "
                "cl_ord_id, broker_order_id, phase, stopped, suspended, cum_qty, notional, status, leaves_qty, avg_px, is_open, "
                "text, "
                "chain, created_at, updated_at) VALUES (1, '20261129', 'S', 'FUND1', 'VOD.L', 'Buy', 'Limit', 100000000000, "
                "1000000000, 'Day', 'X', 'B1', 'Working', 0, 0, 40000000000, '4000', 'PartiallyFilled', 60000000000, 1000000000, "
                "1, "
                "'', 'X' || char(31) || 'NA', 0, 0)");
            db.execute(
                "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, status, cl_ord_id, orig_cl_ord_id, "
                "broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, received_at, msg_seq_num, text) "
                "VALUES (1, 'S', 'E1', '', 'Trade', 'PartiallyFilled', 'X', '', 'B1', 40000000000, 1000000000, 100000000000, "
                "40000000000, 60000000000, 1000000000, 0, 7, '')");
            QCOMPARE(db.queryInt64("PRAGMA user_version"), std::int64_t(1));
        }
        auto store = store::SqliteStore::open(path);
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().c_str());
        auto active = (*store)->loadActive("20261129");
        QVERIFY2(active.ok(), active.ok() ? "" : active.error().c_str());
        QCOMPARE(active->orders.size(), std::size_t(1));
        QCOMPARE(active->orders[0].state.cumQty, Qty::of("400"));
        QCOMPARE(active->orders[0].state.notional, Money::of("4000"));
        QCOMPARE(active->executions.size(), std::size_t(1));
        QCOMPARE(active->executions[0].execId, std::string("E1"));
        // The new tables exist and the old file was kept.
        QVERIFY((*store)->loadReferenceData().ok());
        QVERIFY(QFile::exists(QString::fromStdString(path + ".schema-v1.bak")));
    }

    void refusesANewerSchemaUntouched() {
        QTemporaryDir dir;
        const auto path = pathOf(dir, "newer.db");
        {
            auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWriteCreate);
            store::migrateTo(db, store::currentSchemaVersion());
            db.execute("PRAGMA user_version = 99");
        }
        const auto before = fileHash(QString::fromStdString(path));
        auto db = store::openDatabase(path, store::Durability::Full);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().find("newer OpenBlotter (schema 99") != std::string::npos, db.error().c_str());
        QVERIFY(db.error().find("left untouched") != std::string::npos);
        QVERIFY2(db.error().find("Use a newer OpenBlotter or another data directory") != std::string::npos, db.error().c_str());
        QCOMPARE(fileHash(QString::fromStdString(path)), before);
    }

    void refusesAForeignDatabaseUntouched() {
        QTemporaryDir dir;
        const auto path = pathOf(dir, "foreign.db");
        {
            auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWriteCreate);
            db.execute("CREATE TABLE contacts (name TEXT)");
        }
        const auto before = fileHash(QString::fromStdString(path));
        auto db = store::openDatabase(path, store::Durability::Full);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().find("is not an OpenBlotter database") != std::string::npos, db.error().c_str());
        QVERIFY2(db.error().find("If it is another program's, move it away or use another --data-dir") != std::string::npos,
                 db.error().c_str());
        QCOMPARE(fileHash(QString::fromStdString(path)), before);
    }

    void reportsAGarbageFileUntouched() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("garbage.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        const auto before = fileHash(path);
        auto store = store::SqliteStore::open(path.toStdString());
        QVERIFY(!store.ok());
        QVERIFY2(store.error().find("is damaged or is not a database") != std::string::npos, store.error().c_str());
        QVERIFY2(store.error().find("To start a new desk, move the file away") != std::string::npos, store.error().c_str());
        QVERIFY(store.error().find(path.toStdString()) != std::string::npos);
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void reportsADamagedPageWhenReading() {
        QTemporaryDir dir;
        const auto path = pathOf(dir, "damaged.db");
        {
            auto db = store::openDatabase(path, store::Durability::Normal);
            QVERIFY(db.ok());
            db->execute("PRAGMA journal_mode = DELETE");
            sqlite::Transaction transaction(*db);
            for (int i = 1; i <= 3000; ++i)
                db->execute(
                    "INSERT INTO orders (id, trade_date, session, account, symbol, side, ord_type, quantity, time_in_force, "
                    "cl_ord_id, "
                    "broker_order_id, phase, stopped, suspended, cum_qty, notional, status, leaves_qty, avg_px, is_open, text, "
                    "chain, "
                    "created_at, updated_at) VALUES (" +
                    std::to_string(i) +
                    ", '20261129', 'S', 'FUND1', 'VOD.L', 'Buy', 'Market', "
                    "100000000, 'Day', 'X" +
                    std::to_string(i) +
                    "', '', 'Working', 0, 0, 0, '0', 'New', 100000000, 0, 1, "
                    "'a reason long enough to fill pages', 'X" +
                    std::to_string(i) + "' || char(31) || 'NA', 0, 0)");
            transaction.commit();
        }
        // Overwrite pages in the middle of the file, where the orders are.
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 100000);
        file.seek((file.size() / 2) & ~qint64(4095));
        file.write(QByteArray(8192, '\xA5'));
        file.close();

        // Either opening or the first full read must say the file is damaged; nothing may load silently.
        auto store = store::SqliteStore::open(path);
        std::string error = store.ok() ? std::string() : store.error();
        if (store.ok()) {
            auto active = (*store)->loadActive("20261129");
            QVERIFY2(!active.ok(), "a damaged file loaded without an error");
            error = active.error();
        }
        QVERIFY2(error.find("damaged") != std::string::npos, error.c_str());
        QVERIFY(error.find(path) != std::string::npos);
    }

    void storesAnExecutionOncePerSessionOrderAndExecId() {
        QTemporaryDir dir;
        auto db = store::openDatabase(pathOf(dir, "unique.db"), store::Durability::Normal);
        QVERIFY(db.ok());
        auto insert = db->prepare(
            "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, status, cl_ord_id, orig_cl_ord_id, "
            "broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, received_at, msg_seq_num, text) "
            "VALUES (?1, ?2, ?3, '', ?4, 'New', 'X', '', 'B', 0, 0, 0, 0, 0, 0, 0, 1, '')");
        auto stored = [&](std::int64_t order, const char* session, const char* execId, const char* execType) -> std::string {
            try {
                insert.bind(1, order).bind(2, session).bind(3, execId).bind(4, execType).execute();
                return "stored";
            } catch (const sqlite::SqliteError& e) {
                return e.isDuplicate() ? "duplicate" : e.what();
            }
        };
        QCOMPARE(stored(1, "S", "E1", "Trade"), std::string("stored"));
        QCOMPARE(stored(1, "S", "E1", "Trade"), std::string("duplicate"));
        QCOMPARE(stored(1, "S", "E1", "Canceled"), std::string("duplicate"));
        // The same ExecID on another order or in another session is another execution (brokers restart their ids).
        QCOMPARE(stored(2, "S", "E1", "Trade"), std::string("stored"));
        QCOMPARE(stored(1, "T", "E1", "Trade"), std::string("stored"));
        // Status reports (ExecType I) may repeat an ExecID.
        QCOMPARE(stored(1, "S", "E1", "OrderStatus"), std::string("stored"));
        QCOMPARE(stored(1, "S", "E1", "OrderStatus"), std::string("stored"));
        QCOMPARE(db->queryInt64("SELECT count(*) FROM executions"), std::int64_t(5));
    }

    void refusesAClOrdIdOfAnotherOrder() {
        QTemporaryDir dir;
        auto db = store::openDatabase(pathOf(dir, "clordids.db"), store::Durability::Normal);
        QVERIFY(db.ok());
        store::OrderRepository repository(*db);
        // Through the repository's own statements, as the store writer writes every order.
        auto write = [&](OrderId id, const char* session, std::vector<std::string> clOrdIds) -> std::string {
            OrderRow row;
            row.state.id = id;
            row.state.session = session;
            row.state.account = "GROWTH-PB";
            row.state.symbol = "AAPL";
            row.state.terms.quantity = Qty::of("100");
            row.state.clOrdId = clOrdIds.back();
            for (auto& clOrdId : clOrdIds) row.chain.push_back({clOrdId, RequestKind::New, RequestState::Accepted});
            StoreUnit unit;
            unit.order = std::move(row);
            try {
                sqlite::Transaction transaction(*db);
                repository.write({unit});
                transaction.commit();
                return "written";
            } catch (const sqlite::SqliteError& e) {
                return e.what();
            }
        };
        QCOMPARE(write(1, "S", {"A1"}), std::string("written"));
        QCOMPARE(write(1, "S", {"A1", "A2"}), std::string("written"));  // its own links again, and a new one
        const auto sameSession = write(2, "S", {"A2"});
        QVERIFY2(sameSession.find("a ClOrdID already used by another order") != std::string::npos, sameSession.c_str());
        const auto otherSession = write(3, "T", {"A1"});
        QVERIFY2(otherSession.find("a ClOrdID already used by another order") != std::string::npos, otherSession.c_str());
        // The refused orders left nothing behind.
        QCOMPARE(db->queryInt64("SELECT count(*) FROM orders"), std::int64_t(1));
        QCOMPARE(db->queryInt64("SELECT count(*) FROM order_cl_ord_ids WHERE order_id = 1"), std::int64_t(2));
        QCOMPARE(db->queryInt64("SELECT count(*) FROM order_cl_ord_ids"), std::int64_t(2));
    }

    void drawsTheDeskIdWhenTheDatabaseIsMade() {
        QTemporaryDir dir;
        const auto path = pathOf(dir, "desk.db");
        std::int64_t drawn = -1;
        {
            auto db = store::openDatabase(path, store::Durability::Normal);
            QVERIFY(db.ok());
            QCOMPARE(db->queryInt64("SELECT count(*) FROM counters WHERE name = 'desk_id'"), std::int64_t(1));
            drawn = db->queryInt64("SELECT value FROM counters WHERE name = 'desk_id'");
        }
        QVERIFY2(drawn >= 0 && drawn <= 1048575, std::to_string(drawn).c_str());
        auto store = store::SqliteStore::open(path);
        QVERIFY(store.ok());
        auto active = (*store)->loadActive("20261207");
        QVERIFY(active.ok());
        QCOMPARE(active->deskId, drawn);
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"

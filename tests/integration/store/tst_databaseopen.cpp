#include "mountedchild.h"
#include "store/checkseal.h"
#include "store/schema.h"
#include "store/sqlitestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace ob;

namespace {

QByteArray fileHash(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

void writeBytes(const std::string& path, const QByteArray& bytes) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) qFatal("cannot write %s", path.c_str());
}

bool exists(const std::string& path) { return QFile::exists(QString::fromStdString(path)); }

/// A desk's database with `auditRows` rows in its audit trail, in rollback-journal mode: switching
/// it to WAL would change its header, so any write before the checks shows in its hash.
void makeDatabase(const std::string& path, int auditRows) {
    auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadWriteCreate);
    store::migrateTo(db, store::currentSchemaVersion());
    sqlite::Transaction transaction(db);
    auto insert = db.prepare(
        "INSERT INTO audit_log (at, user, role, action, subject, details) VALUES (?, 'trader', 'Trader', 'order.submit', ?, "
        "'bought 100 AAPL for GROWTH-PB at the market, the details of the audit record')");
    for (int i = 1; i <= auditRows; ++i) insert.bind(1, std::int64_t(i) * 1000).bind(2, "order " + std::to_string(i)).execute();
    transaction.commit();
}

std::string errorOf(const Result<sqlite::Database>& opened) { return opened.ok() ? "opened" : opened.error(); }

std::int64_t auditTrailRootPage(const std::string& path) {
    auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadOnly);
    return db.queryInt64("SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'");
}

/// Overwrites page `page` (of 4096 bytes, SQLite's default) with garbage.
bool garblePage(const std::string& path, std::int64_t page) {
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadWrite) && file.seek((page - 1) * 4096) && file.write(QByteArray(4096, '\xA5')) == 4096;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

/// Opening the database: what is not a sound desk's database is refused untouched, with what to do;
/// a new one is made whole before it has its name; a read-only or full disk is named as such.
class TestDatabaseOpen final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesAnEmptyFileUntouched() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        writeBytes(path, {});
        // SQLite would take the empty file for a new database, and delete a write-ahead log beside it.
        writeBytes(path + "-wal", QByteArray(1000, 'w'));
        const auto walBefore = fileHash(path + "-wal");
        const auto error = errorOf(store::openDatabase(path, store::Durability::Full));
        QVERIFY2(contains(error, path + " is empty (0 bytes): it is not a desk's database"), error.c_str());
        QVERIFY2(contains(error, "If you restored it from a backup, the copy is incomplete or damaged: restore it again"),
                 error.c_str());
        QVERIFY2(contains(error, "To start a new desk, move the file away or use another --data-dir"), error.c_str());
        QCOMPARE(QFileInfo(QString::fromStdString(path)).size(), qint64(0));
        QCOMPARE(fileHash(path + "-wal"), walBefore);
    }

    void refusesRandomBytesUntouched() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        std::mt19937 random(7);
        QByteArray bytes(16384, '\0');
        for (auto& byte : bytes) byte = static_cast<char>(random());
        writeBytes(path, bytes);
        const auto before = fileHash(path);
        const auto error = errorOf(store::openDatabase(path, store::Durability::Full));
        QVERIFY2(contains(error, path + " is damaged or is not a database"), error.c_str());
        QVERIFY2(contains(error, "The file was left untouched"), error.c_str());
        QVERIFY2(contains(error, "restore it again"), error.c_str());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!exists(path + "-wal"));
        QVERIFY(!exists(path + "-journal"));
    }

    void refusesADamagedAuditTrailUntouched() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        makeDatabase(path, 3000);
        const auto rootPage = auditTrailRootPage(path);
        {
            // Enough rows that the root is an interior page above many leaves.
            auto db = sqlite::Database::open(path, sqlite::Database::Mode::ReadOnly);
            QCOMPARE(db.queryInt64("PRAGMA page_size"), std::int64_t(4096));
            QVERIFY(db.queryInt64("PRAGMA page_count") > rootPage + 50);
        }
        QVERIFY(garblePage(path, rootPage));
        const auto before = fileHash(path);

        const auto error = errorOf(store::openDatabase(path, store::Durability::Full));
        QVERIFY2(contains(error, path + " is damaged: SQLite's check of the file found: "), error.c_str());
        QVERIFY2(contains(error, "found: Page " + std::to_string(rootPage) + ": btreeInitPage() returns error code 11"),
                 error.c_str());
        QVERIFY2(contains(error, "The file was left untouched. Restore it from a backup while OpenBlotter is closed"),
                 error.c_str());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!exists(path + "-wal"));
    }

    void leavesTheWriteAheadLogOfADamagedFileAlone() {
        QTemporaryDir dir;
        const auto original = dir.filePath(QStringLiteral("original.db")).toStdString();
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        makeDatabase(original, 3000);
        const auto rootPage = auditTrailRootPage(original);
        {
            // A desk that crashed: its last commit is still in the write-ahead log, not yet in the file.
            auto db = sqlite::Database::open(original, sqlite::Database::Mode::ReadWrite);
            db.execute("PRAGMA journal_mode = WAL");
            db.execute("PRAGMA wal_autocheckpoint = 0");
            db.execute("INSERT INTO counters (name, value) VALUES ('cl_ord_id', 42)");
            QVERIFY(QFile::copy(QString::fromStdString(original), QString::fromStdString(path)));
            QVERIFY(QFile::copy(QString::fromStdString(original + "-wal"), QString::fromStdString(path + "-wal")));
        }
        QVERIFY(garblePage(path, rootPage));
        const auto before = fileHash(path);
        const auto logBefore = fileHash(path + "-wal");

        const auto error = errorOf(store::openDatabase(path, store::Durability::Full));
        QVERIFY2(contains(error, path + " is damaged: SQLite's check of the file found: "), error.c_str());
        // Closing did not copy the log into the damaged file.
        QCOMPARE(fileHash(path), before);
        QCOMPARE(fileHash(path + "-wal"), logBefore);
    }

    void checksAFileChangedSinceItWasSealed() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        makeDatabase(path, 3000);
        QVERIFY(store::SqliteStore::open(path).ok());  // checked whole, sealed when closed
        QVERIFY(exists(store::CheckSeal::fileOf(path).string()));
        const auto rootPage = auditTrailRootPage(path);
        QVERIFY(garblePage(path, rootPage));
        const auto before = fileHash(path);

        auto store = store::SqliteStore::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(contains(store.error(), path + " is damaged: SQLite's check of the file found: Page " +
                                             std::to_string(rootPage) + ": btreeInitPage() returns error code 11"),
                 store.error().c_str());
        QCOMPARE(fileHash(path), before);
    }

    void checksASealedFileWholeOnlyOnceAWeek() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        makeDatabase(path, 10);
        QVERIFY(store::SqliteStore::open(path).ok());
        // The seal: the file's identity, then when it was last checked whole (ns since 1970).
        const auto sealFile = QString::fromStdString(store::CheckSeal::fileOf(path).string());
        const auto sealedWhenChecked = [&](std::int64_t checkedAt) {
            QFile seal(sealFile);
            if (!seal.open(QIODevice::ReadOnly)) return false;
            const auto identity = seal.readLine();
            seal.close();
            if (!seal.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
            seal.write(identity + QByteArray::number(checkedAt) + "\n");
            return true;
        };
        const auto lastChecked = [&] {
            QFile seal(sealFile);
            if (!seal.open(QIODevice::ReadOnly)) return std::int64_t(-1);
            seal.readLine();
            return std::int64_t(seal.readLine().trimmed().toLongLong());
        };
        const std::int64_t day = 86'400'000'000'000;
        // Checked whole three days ago and unchanged since: this start does not check it again.
        const auto threeDaysAgo = toNanos(nowUtc()) - 3 * day;
        QVERIFY(sealedWhenChecked(threeDaysAgo));
        QVERIFY(store::SqliteStore::open(path).ok());
        QCOMPARE(lastChecked(), threeDaysAgo);
        // Eight days ago: checked whole again now.
        const auto eightDaysAgo = toNanos(nowUtc()) - 8 * day;
        QVERIFY(sealedWhenChecked(eightDaysAgo));
        const auto start = toNanos(nowUtc());
        QVERIFY(store::SqliteStore::open(path).ok());
        QVERIFY2(lastChecked() >= start, std::to_string(lastChecked()).c_str());
    }

    void refusesToMakeADatabaseBesideAStrayWriteAheadLog() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        writeBytes(path + "-wal", QByteArray(5000, 'w'));
        const auto error = errorOf(store::openDatabase(path, store::Durability::Full));
        QVERIFY2(contains(error, path + " does not exist, but its openblotter.db-wal (5000 bytes) does"), error.c_str());
        QVERIFY2(contains(error, "Put the database back beside it"), error.c_str());
        QVERIFY(!exists(path));
        QCOMPARE(QFileInfo(QString::fromStdString(path + "-wal")).size(), qint64(5000));
    }

    void makesANewDatabaseUnderATemporaryName() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        writeBytes(path + ".new", QByteArray(3000, 'x'));  // what a start that crashed while making it left
        auto db = store::openDatabase(path, store::Durability::Full);
        QVERIFY2(db.ok(), errorOf(db).c_str());
        QCOMPARE(db->queryInt64("PRAGMA user_version"), std::int64_t(store::currentSchemaVersion()));
        QVERIFY(!exists(path + ".new"));
        QVERIFY(!exists(path + ".new-journal"));
    }

    void setsUpANewStoreBeforeItHasItsName() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        bool existedDuringSetUp = true;
        auto opened = store::SqliteStore::open(path, store::Durability::Normal, [&](OrderStore& store) {
            existedDuringSetUp = exists(path);
            ReferenceData data;
            data.funds.push_back({"GROWTH", "Growth Fund", "USD"});
            return store.saveReferenceData(data);
        });
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().c_str());
        QVERIFY(!existedDuringSetUp);
        QVERIFY((*opened)->isNew());
        QCOMPARE((*opened)->loadReferenceData()->funds.size(), std::size_t(1));
        opened = Error{"closed"};
        QVERIFY(!exists(path + ".setup"));

        bool setUpAgain = false;
        auto again = store::SqliteStore::open(path, store::Durability::Normal, [&](OrderStore&) {
            setUpAgain = true;
            return Status{};
        });
        QVERIFY(again.ok());
        QVERIFY(!(*again)->isNew());
        QVERIFY(!setUpAgain);
    }

    void aFailedSetUpLeavesNoDatabase() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        auto opened = store::SqliteStore::open(path, store::Durability::Normal, [](OrderStore& store) -> Status {
            ReferenceData data;
            data.funds.push_back({"GROWTH", "Growth Fund", "USD"});
            if (auto saved = store.saveReferenceData(data); !saved) return saved;
            return Error{"the demo data is missing"};
        });
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error(), std::string("the demo data is missing"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void namesAReadOnlyDataDirectory() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(desk)));
        const auto path = desk + "/openblotter.db";
        makeDatabase(path, 10);
        const auto before = fileHash(path);
        auto error = test::whileReadOnly(desk, [&] {
            return errorOf(store::openDatabase(path, store::Durability::Full)) + "\n" +
                   errorOf(store::openDatabase(desk + "/another.db", store::Durability::Full));
        });
        QVERIFY2(error.ok(), error.ok() ? "" : error.error().c_str());
        const auto expected = "the data directory " + desk +
                              " is read-only: cannot write in it. OpenBlotter writes its "
                              "database, logs and FIX files there: make it writable, or use another --data-dir";
        QCOMPARE(*error, expected + "\n" + expected);
        QCOMPARE(fileHash(path), before);
        QVERIFY(!exists(desk + "/another.db"));
    }

    void namesAReadOnlyDatabaseFile() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("openblotter.db")).toStdString();
        makeDatabase(path, 10);
        const auto before = fileHash(path);
        auto error = test::whileReadOnly(path, [&] { return errorOf(store::openDatabase(path, store::Durability::Full)); });
        QVERIFY2(error.ok(), error.ok() ? "" : error.error().c_str());
        QVERIFY2(contains(*error, "the data directory " + dir.path().toStdString() + " is read-only: its database " + path +
                                      " cannot be written"),
                 error->c_str());
        QCOMPARE(fileHash(path), before);
    }

    void namesAFullDiskWhenMakingTheDatabase() {
        QTemporaryDir dir;
        const auto small = dir.filePath(QStringLiteral("small")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(small)));
        auto result = test::onSmallDisk(small, 32 * 1024, [&] {
            const auto error = errorOf(store::openDatabase(small + "/openblotter.db", store::Durability::Full));
            return error + "\n" + QDir(QString::fromStdString(small)).entryList(QDir::Files).join(QLatin1Char(',')).toStdString();
        });
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QVERIFY2(contains(*result, "the disk holding the data directory " + small + " is full: cannot make the database " +
                                       small + "/openblotter.db"),
                 result->c_str());
        QVERIFY2(contains(*result, "Free space on it, then start again"), result->c_str());
        // Nothing is left: no database, no half-made one.
        QVERIFY2(result->substr(result->rfind('\n') + 1).empty(), result->c_str());
    }

    void namesAFullDiskWhenUpgrading() {
        QTemporaryDir dir;
        const auto old = dir.filePath(QStringLiteral("old.db")).toStdString();
        {
            auto db = sqlite::Database::open(old, sqlite::Database::Mode::ReadWriteCreate);
            store::migrateTo(db, 5);
        }
        const auto size = QFileInfo(QString::fromStdString(old)).size();
        const auto small = dir.filePath(QStringLiteral("small")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(small)));
        // Room for the database, not for the copy kept before the upgrade.
        auto result = test::onSmallDisk(small, std::size_t(size) + 16 * 1024, [&] {
            const auto path = small + "/openblotter.db";
            if (!QFile::copy(QString::fromStdString(old), QString::fromStdString(path))) return std::string("cannot copy");
            const auto before = fileHash(path);
            const auto error = errorOf(store::openDatabase(path, store::Durability::Full));
            return error + "\n" + (fileHash(path) == before ? "unchanged" : "changed");
        });
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().c_str());
        QVERIFY2(contains(*result, "the disk holding the data directory " + small + " is full: cannot keep a copy of " + small +
                                       "/openblotter.db before upgrading it"),
                 result->c_str());
        QVERIFY2(contains(*result, "The file was left untouched\nunchanged"), result->c_str());
    }
};

QTEST_GUILESS_MAIN(TestDatabaseOpen)
#include "tst_databaseopen.moc"

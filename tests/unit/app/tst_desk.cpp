#include "auth/passwordpolicy.h"
#include "auth/passwords.h"
#include "commandline.h"
#include "desk.h"
#include "formats/referencecsv.h"
#include "mountedchild.h"
#include "programs.h"
#include "store/sqlite.h"
#include "util/csv.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ob;

namespace {

/// A FIX settings file in `dir`, for a desk of real brokers (nothing listens on its port).
std::filesystem::path brokerSettings(const QTemporaryDir& dir) {
    QFile settings(dir.filePath(QStringLiteral("broker.cfg")));
    if (!settings.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(settings.fileName()));
    settings.write(test::simulatorSettings(1).toUtf8());
    return settings.fileName().toStdString();
}

}  // namespace

class TestDesk final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void readsTheCommandLine() {
        auto options = app::parseCommandLine({QStringLiteral("openblotter"), QStringLiteral("--data-dir"),
                                              QStringLiteral("/tmp/x"), QStringLiteral("--log-level"), QStringLiteral("debug")});
        QVERIFY(!options.exitNow);
        QCOMPARE(options.dataDirectory, std::filesystem::path("/tmp/x"));
        QCOMPARE(options.logLevel, std::string("debug"));

        auto defaults = app::parseCommandLine({QStringLiteral("openblotter")});
        QCOMPARE(defaults.logLevel, std::string("info"));
        QCOMPARE(QString::fromStdString(defaults.dataDirectory.string()),
                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    }

    void refusesBadOptions() {
        auto level =
            app::parseCommandLine({QStringLiteral("openblotter"), QStringLiteral("--log-level"), QStringLiteral("loud")});
        QVERIFY(level.exitNow);
        QCOMPARE(level.exitCode, 1);
        auto unknown = app::parseCommandLine({QStringLiteral("openblotter"), QStringLiteral("--frobnicate")});
        QVERIFY(unknown.exitNow);
        QCOMPARE(unknown.exitCode, 1);
        auto stray = app::parseCommandLine({QStringLiteral("openblotter"), QStringLiteral("extra")});
        QCOMPARE(stray.exitCode, 1);
    }

    void opensANewDataDirectoryOnTheDemoDesk() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("nested/desk")).toStdString();
        {
            auto desk = app::Desk::open({path, "debug", {}});
            QVERIFY2(desk.ok(), desk.ok() ? "" : desk.error().c_str());
            QCOMPARE((*desk)->referenceData().funds.size(), std::size_t(3));
            QCOMPARE((*desk)->referenceData().accounts.size(), std::size_t(4));
            QVERIFY((*desk)->start().ok());
        }
        QVERIFY(QFile::exists(QString::fromStdString(path + "/openblotter.db")));
        QFile log(QString::fromStdString(path + "/logs/openblotter.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const auto text = log.readAll();
        QVERIFY2(text.contains(QByteArray("starting on ").append(QByteArray::fromStdString(path))), text.constData());
        QVERIFY(text.contains("loaded the demo desk's 40 instruments"));
        QVERIFY(text.contains("OpenBlotter stopped"));

        // A second start keeps what the user has.
        auto again = app::Desk::open({path, "info", {}});
        QVERIFY(again.ok());
        QCOMPARE((*again)->referenceData().instruments.size(), std::size_t(40));
    }

    void refusesASecondDeskOnTheSameDirectory() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("desk")).toStdString();
        auto first = app::Desk::open({path, "info", {}, "openblotter --headless"});
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().c_str());
        // Within one process too: the lock belongs to the open file, not to the process.
        auto second = app::Desk::open({path, "info", {}, {}});
        QVERIFY(!second.ok());
        const auto expected = "the data directory " + path + " is in use by process " + std::to_string(::getpid()) +
                              " (openblotter --headless, since ";
        QVERIFY2(second.error().rfind(expected, 0) == 0, second.error().c_str());
        QVERIFY2(second.error().find(" UTC); close it or use another --data-dir") != std::string::npos, second.error().c_str());
        first = Error{"closed"};
        auto third = app::Desk::open({path, "info", {}, {}});
        QVERIFY2(third.ok(), third.ok() ? "" : third.error().c_str());
        third = Error{"closed"};  // its log written out
        // The refused open wrote nothing, not even to the log.
        QFile log(QString::fromStdString(path + "/logs/openblotter.log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QCOMPARE(log.readAll().count("starting on"), qsizetype(2));
    }

    void seedsOnlyADatabaseItMade() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("desk")).toStdString();
        {
            auto desk = app::Desk::open({path, "info", {}});
            QVERIFY(desk.ok());
            QVERIFY((*desk)->isNewDirectory());
        }
        {
            // A database that lost its reference data (by hand: the schema refuses to delete instruments and
            // accounts) is damaged, not new.
            auto db = sqlite::Database::open(path + "/openblotter.db", sqlite::Database::Mode::ReadWrite);
            db.execute("DROP TRIGGER instruments_kept; DROP TRIGGER accounts_kept;");
            db.execute("DELETE FROM accounts; DELETE FROM funds; DELETE FROM instruments;");
        }
        auto again = app::Desk::open({path, "info", {}});
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().c_str());
        QVERIFY(!(*again)->isNewDirectory());
        QCOMPARE((*again)->referenceData().instruments.size(), std::size_t(0));
        QCOMPARE((*again)->referenceData().funds.size(), std::size_t(0));
    }

    void refusesAnEmptyDatabase() {
        QTemporaryDir dir;
        const auto database = dir.filePath(QStringLiteral("openblotter.db"));
        QVERIFY(QFile(database).open(QIODevice::WriteOnly));
        auto desk = app::Desk::open({dir.path().toStdString(), "info", {}});
        QVERIFY(!desk.ok());
        QVERIFY2(desk.error().find(" is empty (0 bytes): it is not a desk's database") != std::string::npos,
                 desk.error().c_str());
        QCOMPARE(QFileInfo(database).size(), qint64(0));
    }

    void namesAReadOnlyDataDirectory() {
        QTemporaryDir dir;
        const auto path = dir.path().toStdString();
        auto error = test::whileReadOnly(path, [&] {
            auto desk = app::Desk::open({path, "info", {}});
            return desk.ok() ? std::string("opened") : desk.error();
        });
        QVERIFY2(error.ok(), error.ok() ? "" : error.error().c_str());
        QCOMPARE(*error, "the data directory " + path + " is read-only: cannot open " + path +
                             "/openblotter.lock: Read-only file system. OpenBlotter writes its database, logs and FIX files "
                             "there: make it writable, or use another --data-dir");
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    void reportsAnUnusableDataDirectory() {
        QTemporaryDir dir;
        const auto file = dir.filePath(QStringLiteral("a-file"));
        QFile(file).open(QIODevice::WriteOnly);
        auto desk = app::Desk::open({file.toStdString() + "/desk", "info", {}});
        QVERIFY(!desk.ok());
        QVERIFY2(desk.error().find("cannot create the data directory") != std::string::npos, desk.error().c_str());
    }

    void aDeskOfRealBrokersStartsCleanWithItsSamplesAndSteps() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("real")).toStdString();
        // A broker nobody listens for: the desk opens without reaching it.
        const auto settings = test::writeFile(dir, "broker.cfg", test::simulatorSettings(1));
        qputenv("OPENBLOTTER_ADMIN_PASSWORD", "a long first password");
        auto desk = app::Desk::open({path, "info", std::filesystem::path(settings.toStdString())});
        qunsetenv("OPENBLOTTER_ADMIN_PASSWORD");
        QVERIFY2(desk.ok(), desk.ok() ? "" : desk.error().c_str());
        QVERIFY((*desk)->isNewDirectory());
        QVERIFY((*desk)->referenceData() == ReferenceData{});
        auto& store = (*desk)->store();
        QVERIFY(store.loadCompliance(Timestamp{})->rules.rules.empty());
        QVERIFY(store.loadCompliance(Timestamp{})->openingPositions.empty());
        QVERIFY(store.loadModels()->empty());
        const auto users = store.loadUsers().value();
        QCOMPARE(users.size(), std::size_t(1));
        QCOMPARE(users[0].name, std::string("admin"));
        // What to import and where the samples are, which the first start wrote into the data directory.
        const auto& steps = (*desk)->firstStartSteps();
        for (const char* sample : {"fx.csv", "funds.csv", "accounts.csv", "instruments.csv", "positions.csv", "rules.json"}) {
            QVERIFY2(QFile::exists(QString::fromStdString(path + "/samples/" + sample)), sample);
            QVERIFY2(steps.find(path + "/samples/" + sample) != std::string::npos, steps.c_str());
        }
        QVERIFY(steps.find("--import-fx") < steps.find("--import-funds"));
        QVERIFY(steps.find("--import-accounts") < steps.find("--import-instruments"));
        QVERIFY(steps.find("every order passes unchecked") != std::string::npos);
        // The samples are what the imports read.
        auto instruments = CsvTable::readFile(path + "/samples/instruments.csv");
        QVERIFY(instruments.ok());
        auto read = parseReferenceFile(ReferenceKind::Instruments, *instruments);
        QVERIFY2(read.ok(), read.ok() ? "" : read.error().c_str());
        QCOMPARE(read->items.instruments.size(), std::size_t(3));
        QCOMPARE(read->items.instruments[0].symbol, std::string("IBM"));
    }

    void thePolicyRefusesEveryPublishedDemoPassword() {
        auto users = app::demoUsers();
        QVERIFY2(users.ok(), users.ok() ? "" : users.error().c_str());
        QCOMPARE(users->size(), kPublishedDemoPasswords.size());
        for (const auto& user : *users) {
            const auto published = user.name + "-demo";
            QVERIFY2(PasswordHasher::verify(published, user.passwordHash), user.name.c_str());
            QCOMPARE(checkPasswordPolicy("someone", published).ok(), false);
        }
    }

    void readsTheLockCountAndWarnsOfDemoUsersOnARealBroker() {
        QTemporaryDir dir;
        const auto broker = brokerSettings(dir);
        {
            auto demo = app::Desk::open({dir.filePath(QStringLiteral("demo")).toStdString(), "warn", {}});
            QVERIFY2(demo.ok(), demo.ok() ? "" : demo.error().c_str());
            QCOMPARE((*demo)->loginPolicy().lockAfter, 5);
            QVERIFY(!(*demo)->demoUsersOnRealBroker());
        }
        qputenv("OPENBLOTTER_LOCK_AFTER", "x");
        auto refused = app::Desk::open({dir.filePath(QStringLiteral("demo")).toStdString(), "warn", {}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(),
                 std::string("OPENBLOTTER_LOCK_AFTER must be a number of failed logins (0: never lock), not 'x'"));
        qputenv("OPENBLOTTER_LOCK_AFTER", "3");
        qputenv("OPENBLOTTER_DEMO_USERS", "1");
        auto real = app::Desk::open({dir.filePath(QStringLiteral("real")).toStdString(), "warn", broker});
        qunsetenv("OPENBLOTTER_LOCK_AFTER");
        qunsetenv("OPENBLOTTER_DEMO_USERS");
        QVERIFY2(real.ok(), real.ok() ? "" : real.error().c_str());
        QCOMPARE((*real)->loginPolicy().lockAfter, 3);
        QVERIFY((*real)->demoUsersOnRealBroker());
    }

    void refusesAWeakFirstAdministratorPassword() {
        QTemporaryDir dir;
        const auto broker = brokerSettings(dir);
        qunsetenv("OPENBLOTTER_DEMO_USERS");
        qputenv("OPENBLOTTER_ADMIN_PASSWORD", "admin-password");
        auto weak = app::Desk::open({dir.filePath(QStringLiteral("real")).toStdString(), "warn", broker});
        qunsetenv("OPENBLOTTER_ADMIN_PASSWORD");
        QVERIFY(!weak.ok());
        QCOMPARE(weak.error(), std::string("OPENBLOTTER_ADMIN_PASSWORD: the password contains the user name"));
    }

    void demoDataIsValid() {
        auto demo = app::demoReferenceData();
        QVERIFY2(demo.ok(), demo.ok() ? "" : demo.error().c_str());
        for (const auto& account : demo->accounts) {
            bool fundExists = false;
            for (const auto& fund : demo->funds) fundExists = fundExists || fund.code == account.fundCode;
            QVERIFY2(fundExists, account.code.c_str());
        }
        for (const auto& instrument : demo->instruments) {
            QVERIFY2(instrument.referencePrice.has_value(), instrument.symbol.c_str());
            QVERIFY2(instrument.referencePrice->isMultipleOf(instrument.tickSize), instrument.symbol.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestDesk)
#include "tst_desk.moc"

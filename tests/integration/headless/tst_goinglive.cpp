#include "programs.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <map>
#include <string>

using namespace ob;

namespace {

const QString kAdminPassword = QStringLiteral("a long passphrase of our own");
const QString kTraderPassword = QStringLiteral("the trader's own passphrase");

/// A run of `openblotter --headless` as the README's "Going live" gives it: the environment of a real desk, with
/// none of the demo desk's variables.
test::Run runDesk(const QStringList& arguments, const std::map<QString, QString>& environment) {
    auto variables = QProcessEnvironment::systemEnvironment();
    for (const char* demo : {"OPENBLOTTER_DEMO_USERS", "OPENBLOTTER_DEMO_DATA"}) variables.remove(QString::fromLatin1(demo));
    for (const auto& [name, value] : environment) variables.insert(name, value);
    QProcess process;
    process.setProcessEnvironment(variables);
    process.start(QStringLiteral(OPENBLOTTER), QStringList{QStringLiteral("--headless")} + arguments);
    auto run = test::finished(process, std::chrono::minutes(2));
    if (run.exitCode != 0) std::fprintf(stderr, "%s%s", qPrintable(run.stdOut), qPrintable(run.stdErr));
    return run;
}

using test::rowsBy;

}  // namespace

/// The README's "Going live", step by step as a new user follows it: a new desk against openblotter-sim on a port of
/// its own imports the sample instruments (IBM among them), a fund, two accounts, its cash and rules, adds a trader,
/// who trades IBM in a basket and then amends and cancels working orders in batch; no demo data anywhere.
class TestGoingLive final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aNewDeskGoesLiveByTheReadme() {
        QTemporaryDir dir;
        const QString samplesShipped = QStringLiteral(OPENBLOTTER_SOURCE_DIR "/resources/samples");
        test::SimProcess sim(QStringLiteral(OPENBLOTTER_SIM), dir.filePath(QStringLiteral("sim")),
                             {QStringLiteral("--instruments"), samplesShipped + QStringLiteral("/instruments.csv")});
        const auto settings = test::writeFile(dir, "broker.cfg", test::simulatorSettings(sim.port()));
        const auto desk = dir.filePath(QStringLiteral("desk"));
        const QStringList asAdmin{QStringLiteral("--user"),         QStringLiteral("admin"),
                                  QStringLiteral("--fix-settings"), settings,
                                  QStringLiteral("--data-dir"),     desk};
        const std::map<QString, QString> admin{{QStringLiteral("OPENBLOTTER_ADMIN_PASSWORD"), kAdminPassword},
                                               {QStringLiteral("OPENBLOTTER_PASSWORD"), kAdminPassword}};

        // 1. The first start says what to import, in what order, and where the samples are.
        const auto first = runDesk(asAdmin, admin);
        QCOMPARE(first.exitCode, 0);
        const QString samples = desk + QStringLiteral("/samples");
        QVERIFY2(first.stdErr.contains(QStringLiteral("--import-fx %1/fx.csv").arg(samples)), qPrintable(first.stdErr));
        QVERIFY(first.stdErr.indexOf(QStringLiteral("--import-funds")) <
                first.stdErr.indexOf(QStringLiteral("--import-accounts")));
        QVERIFY(first.stdErr.contains(QStringLiteral("every order passes unchecked")));
        QVERIFY(QFile::exists(samples + QStringLiteral("/instruments.csv")));

        // 2. Reference data, cash and rules, in one run.
        const auto imported =
            runDesk(asAdmin + QStringList{QStringLiteral("--import-fx"), samples + QStringLiteral("/fx.csv"),
                                          QStringLiteral("--import-funds"), samples + QStringLiteral("/funds.csv"),
                                          QStringLiteral("--import-accounts"), samples + QStringLiteral("/accounts.csv"),
                                          QStringLiteral("--import-instruments"), samples + QStringLiteral("/instruments.csv"),
                                          QStringLiteral("--import-positions"), samples + QStringLiteral("/positions.csv"),
                                          QStringLiteral("--import-rules"), samples + QStringLiteral("/rules.json")},
                    admin);
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(imported.stdOut.contains(QStringLiteral("imported instruments from %1/instruments.csv: 3 added").arg(samples)),
                 qPrintable(imported.stdOut));
        QVERIFY(imported.stdOut.contains(QStringLiteral("imported accounts from %1/accounts.csv: 2 added").arg(samples)));

        // 3. A trader.
        auto withNewPassword = admin;
        withNewPassword[QStringLiteral("OPENBLOTTER_NEW_PASSWORD")] = kTraderPassword;
        QCOMPARE(
            runDesk(asAdmin + QStringList{QStringLiteral("--set-user"), QStringLiteral("tom"), QStringLiteral("--role"),
                                          QStringLiteral("trader"), QStringLiteral("--full-name"), QStringLiteral("Tom Trader")},
                    withNewPassword)
                .exitCode,
            0);

        // 4. Tom sends a basket, then amends one order and cancels another in batch.
        const QStringList asTom{QStringLiteral("--user"),         QStringLiteral("tom"),
                                QStringLiteral("--fix-settings"), settings,
                                QStringLiteral("--data-dir"),     desk};
        const std::map<QString, QString> tom{{QStringLiteral("OPENBLOTTER_PASSWORD"), kTraderPassword}};
        const auto orders = dir.filePath(QStringLiteral("orders.csv"));
        const auto basket = test::writeFile(dir, "basket.csv",
                                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                           "ALPHA-PB,IBM,BUY,100,LMT,175,DAY\n"
                                                           "ALPHA-PB,ORCL,BUY,200,LMT,115,DAY\n"));
        // Both rest at their limits: the wait runs out with them working (exit status 3).
        QCOMPARE(
            runDesk(asTom + QStringList{QStringLiteral("--import-basket"), basket, QStringLiteral("--send"),
                                        QStringLiteral("--wait"), QStringLiteral("2"), QStringLiteral("--export-orders"), orders},
                    tom)
                .exitCode,
            3);
        auto bySymbol = rowsBy(orders, "symbol");
        QCOMPARE(bySymbol.size(), std::size_t(2));
        QCOMPARE(bySymbol.at("IBM").at("status"), std::string("New"));
        QCOMPARE(bySymbol.at("IBM").at("account"), std::string("ALPHA-PB"));
        const auto amends = test::writeFile(dir, "amends.csv",
                                            QStringLiteral("cl_ord_id,qty,limit_price\n%1,150,176\n")
                                                .arg(QString::fromStdString(bySymbol.at("IBM").at("cl_ord_id"))));
        QCOMPARE(
            runDesk(asTom + QStringList{QStringLiteral("--amend-orders"), amends, QStringLiteral("--export-orders"), orders}, tom)
                .exitCode,
            0);
        QCOMPARE(runDesk(asTom + QStringList{QStringLiteral("--cancel-all"), QStringLiteral("--symbol"), QStringLiteral("ORCL"),
                                             QStringLiteral("--export-orders"), orders},
                         tom)
                     .exitCode,
                 0);
        bySymbol = rowsBy(orders, "symbol");
        QCOMPARE(bySymbol.at("IBM").at("qty"), std::string("150"));
        QCOMPARE(bySymbol.at("IBM").at("limit_price"), std::string("176"));
        QCOMPARE(bySymbol.at("ORCL").at("status"), std::string("Canceled"));

        // No demo data anywhere: the desk has what it imported and nothing else.
        const auto instruments = dir.filePath(QStringLiteral("instruments.csv"));
        const auto funds = dir.filePath(QStringLiteral("funds.csv"));
        const auto accounts = dir.filePath(QStringLiteral("accounts.csv"));
        QCOMPARE(
            runDesk(asAdmin + QStringList{QStringLiteral("--export-instruments"), instruments, QStringLiteral("--export-funds"),
                                          funds, QStringLiteral("--export-accounts"), accounts},
                    admin)
                .exitCode,
            0);
        QCOMPARE(rowsBy(instruments, "symbol").size(), std::size_t(3));
        QCOMPARE(rowsBy(funds, "code").size(), std::size_t(1));
        QVERIFY(rowsBy(funds, "code").contains("ALPHA"));
        QCOMPARE(rowsBy(accounts, "code").size(), std::size_t(2));
        const auto demoLogin = runDesk({QStringLiteral("--user"), QStringLiteral("trader"), QStringLiteral("--fix-settings"),
                                        settings, QStringLiteral("--data-dir"), desk},
                                       {{QStringLiteral("OPENBLOTTER_PASSWORD"), QStringLiteral("trader-demo")}});
        QVERIFY(demoLogin.exitCode != 0);
    }
};

QTEST_GUILESS_MAIN(TestGoingLive)
#include "tst_goinglive.moc"

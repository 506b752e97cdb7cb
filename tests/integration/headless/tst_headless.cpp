#include "filesizelimit.h"
#include "programs.h"
#include "store/sqlitestore.h"
#include "util/csv.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace ob;

namespace {

/// The build's openblotter-sim.
class SimProcess : public test::SimProcess {
public:
    explicit SimProcess(const QString& recordPrefix, QStringList extra = {})
        : test::SimProcess(QStringLiteral(OPENBLOTTER_SIM), recordPrefix, std::move(extra)) {}
};

using test::Run;

QString write(const QTemporaryDir& dir, const char* name, const QString& text) { return test::writeFile(dir, name, text); }

/// The build's openblotter --headless as one of the demo users (resources/demo/users.csv).
Run runAs(const char* user, const QStringList& arguments) {
    return test::runHeadlessAs(QStringLiteral(OPENBLOTTER), user, arguments);
}

Run runDesk(const QStringList& arguments) { return runAs("trader", arguments); }

/// The umask a user's shell usually has (group and others may read), for as long as it lives.
class PermissiveUmask {
public:
    PermissiveUmask() : saved_(::umask(022)) {}
    ~PermissiveUmask() { ::umask(saved_); }

private:
    mode_t saved_;
};

QString deskWithoutRules(const QTemporaryDir& dir) { return test::deskWithoutRules(QStringLiteral(OPENBLOTTER), dir); }

QString settingsFor(int port) { return test::simulatorSettings(port); }

using test::rowsBy;

}  // namespace

/// The batch mode end to end: openblotter --headless against openblotter-sim, both as programs.
class TestHeadless final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fillsABasketOfAThousandOrders() {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")), {QStringLiteral("--partial-fills"), QStringLiteral("2"),
                                                             QStringLiteral("--fill-interval-ms"), QStringLiteral("0")});
        QString basket = QStringLiteral("Account,Symbol,Side,Qty,Type,Limit_Price,TIF,Ignored\n");
        const char* symbols[] = {"AAPL", "MSFT", "VOD.L", "7203.T", "SAP.DE"};
        const char* lots[] = {"10", "25", "1000", "200", "15"};
        for (int i = 0; i < 1000; ++i) {
            const int s = i % 5;
            // Market orders, and limits through the market that fill at once.
            const bool buy = i % 3 != 0;
            const QString limit = i % 2 ? QString()
                                        : QString::fromLatin1(buy ? (s == 2   ? "0.8"
                                                                     : s == 3 ? "3000"
                                                                     : s == 4 ? "150"
                                                                     : s == 1 ? "390"
                                                                              : "200")
                                                                  : (s == 2   ? "0.6"
                                                                     : s == 3 ? "2700"
                                                                     : s == 4 ? "130"
                                                                     : s == 1 ? "370"
                                                                              : "180"));
            basket +=
                QStringLiteral("%1,%2,%3,%4,%5,%6,%7,x\n")
                    .arg(QString::fromLatin1(i % 2 ? "GROWTH-PB" : "INCOME-PB"), QString::fromLatin1(symbols[s]),
                         QString::fromLatin1(buy ? "BUY" : (i % 7 == 0 ? "SHORT" : "sell")), QString::fromLatin1(lots[s]),
                         QString::fromLatin1(limit.isEmpty() ? "MKT" : "LMT"), limit, QString::fromLatin1(i % 4 ? "DAY" : "IOC"));
        }
        const auto run =
            runDesk({QStringLiteral("--fix-settings"), write(dir, "broker.cfg", settingsFor(sim.port())),
                     QStringLiteral("--data-dir"), deskWithoutRules(dir), QStringLiteral("--import-basket"),
                     write(dir, "basket.csv", basket), QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("120"),
                     QStringLiteral("--export-orders"), dir.filePath(QStringLiteral("orders.csv")),
                     QStringLiteral("--export-executions"), dir.filePath(QStringLiteral("executions.csv"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY(run.stdOut.contains(QStringLiteral("sent 1000 orders")));
        sim.stop();

        // Both exports agree with the simulator's own record.
        const auto orders = rowsBy(dir.filePath(QStringLiteral("orders.csv")), "cl_ord_id");
        const auto simOrders = rowsBy(dir.filePath(QStringLiteral("sim.orders.csv")), "cl_ord_id");
        QCOMPARE(orders.size(), std::size_t(1000));
        QCOMPARE(simOrders.size(), std::size_t(1000));
        for (const auto& [clOrdId, order] : orders) {
            const auto& record = simOrders.at(clOrdId);
            QCOMPARE(QString::fromStdString(order.at("status")), QStringLiteral("Filled"));
            QCOMPARE(order.at("status"), record.at("status"));
            QCOMPARE(order.at("cum_qty"), record.at("cum_qty"));
            QCOMPARE(order.at("avg_px"), record.at("avg_px"));
            QCOMPARE(order.at("order_id"), record.at("order_id"));
            QCOMPARE(order.at("leaves_qty"), std::string("0"));
        }
        const auto executions = rowsBy(dir.filePath(QStringLiteral("executions.csv")), "exec_id");
        const auto simExecutions = rowsBy(dir.filePath(QStringLiteral("sim.executions.csv")), "exec_id");
        QCOMPARE(executions.size(), simExecutions.size());
        QCOMPARE(executions.size(), std::size_t(750 * 3 + 250 * 2));  // New and two fills; an IOC fills at once, in one
        for (const auto& [execId, execution] : executions) {
            const auto& record = simExecutions.at(execId);
            QCOMPARE(execution.at("exec_type"), record.at("exec_type"));
            QCOMPARE(execution.at("last_qty"), record.at("last_qty"));
            QCOMPARE(execution.at("last_px"), record.at("last_px"));
            QVERIFY(execution.at("last_px").find('e') == std::string::npos);
        }
    }

    void refusesABadBasketWhole() {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")));
        const auto basket = write(dir, "basket.csv",
                                  QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                 "GROWTH-PB,AAPL,BUY,100,MKT,,DAY\n"
                                                 "GROWTH-PB,NOPE,BUY,100,MKT,,DAY\n"
                                                 "GROWTH-PB,AAPL,HOLD,100,LMT,,DAY\n"
                                                 "GROWTH-PB,7203.T,BUY,150,LMT,2800.5,GTD\n"));
        const auto run = runDesk({QStringLiteral("--fix-settings"), write(dir, "broker.cfg", settingsFor(sim.port())),
                                  QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")),
                                  QStringLiteral("--import-basket"), basket, QStringLiteral("--send"),
                                  QStringLiteral("--export-orders"), dir.filePath(QStringLiteral("orders.csv"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stdErr.contains(QStringLiteral("line 3: unknown symbol 'NOPE'")), qPrintable(run.stdErr));
        QVERIFY(run.stdErr.contains(QStringLiteral("line 4: side 'HOLD' is not BUY, SELL or SHORT")));
        QVERIFY(run.stdErr.contains(QStringLiteral("line 4: limit_price is needed for a LMT order")));
        QVERIFY(run.stdErr.contains(QStringLiteral("line 5: tif 'GTD' is not DAY, GTC, IOC or FOK")));
        QVERIFY(run.stdErr.contains(QStringLiteral("line 5: qty 150 is not a multiple of 7203.T's lot of 100")));
        QVERIFY(run.stdErr.contains(QStringLiteral("line 5: limit_price 2800.5 is not on 7203.T's tick of 1")));
        QVERIFY(run.stdErr.contains(QStringLiteral("nothing was sent")));
        sim.stop();
        QCOMPARE(rowsBy(dir.filePath(QStringLiteral("sim.orders.csv")), "cl_ord_id").size(), std::size_t(0));
    }

    void reportsRejectedOrders() {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")), {QStringLiteral("--reject-share"), QStringLiteral("1")});
        const auto run =
            runDesk({QStringLiteral("--fix-settings"), write(dir, "broker.cfg", settingsFor(sim.port())),
                     QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")), QStringLiteral("--import-basket"),
                     write(dir, "basket.csv",
                           QStringLiteral("account,symbol,side,qty,type,limit_price,tif,broker\n"
                                          "GROWTH-PB,AAPL,BUY,100,MKT,,DAY,SIM\n")),
                     QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("30"), QStringLiteral("--export-orders"),
                     dir.filePath(QStringLiteral("orders.csv"))});
        QCOMPARE(run.exitCode, 2);
        const auto orders = rowsBy(dir.filePath(QStringLiteral("orders.csv")), "symbol");
        QCOMPARE(orders.at("AAPL").at("status"), std::string("Rejected"));
        QCOMPARE(orders.at("AAPL").at("text"), std::string("rejected by the simulated exchange"));
    }

    void timesOutAndCancelsWhatRemains() {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")));
        const auto settings = write(dir, "broker.cfg", settingsFor(sim.port()));
        const auto desk = deskWithoutRules(dir);  // the price collar would hold an order this far from the market
        // An order far from the market stays working; the wait runs out.
        auto first = runDesk({QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk,
                              QStringLiteral("--import-basket"),
                              write(dir, "basket.csv",
                                    QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                   "GROWTH-PB,AAPL,BUY,100,LMT,150,GTC\n")),
                              QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("2")});
        QCOMPARE(first.exitCode, 3);
        QVERIFY2(first.stdErr.contains(QStringLiteral("1 orders still working")), qPrintable(first.stdErr));
        // A later run waits for it too, and cancels it when its own wait runs out.
        auto second = runDesk({QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk,
                               QStringLiteral("--wait"), QStringLiteral("2"), QStringLiteral("--cancel-remaining"),
                               QStringLiteral("--export-orders"), dir.filePath(QStringLiteral("orders.csv"))});
        QCOMPARE(second.exitCode, 3);
        QVERIFY2(second.stdErr.contains(QStringLiteral("sent cancels for 1 orders; 0 still working")), qPrintable(second.stdErr));
        const auto orders = rowsBy(dir.filePath(QStringLiteral("orders.csv")), "symbol");
        QCOMPARE(orders.at("AAPL").at("status"), std::string("Canceled"));
        QCOMPARE(orders.at("AAPL").at("tif"), std::string("GTC"));
    }

    void stopsWhenTheStoreStopsWritingAndResumesAfter() {
        constexpr std::size_t kBasket = 1000;
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")), {QStringLiteral("--partial-fills"), QStringLiteral("2"),
                                                             QStringLiteral("--fill-interval-ms"), QStringLiteral("0")});
        const auto settings = write(dir, "broker.cfg", settingsFor(sim.port()));
        const auto desk = deskWithoutRules(dir);
        QString basket = QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n");
        for (std::size_t i = 0; i < kBasket; ++i) basket += QStringLiteral("GROWTH-PB,AAPL,BUY,10,MKT,,DAY\n");
        // The run's files may not grow beyond 256 KiB: the database's write-ahead log, new at each start, reaches
        // that long before the log files do, and before the end of the basket even when a loaded machine has the
        // store commit the whole basket in a few transactions, each page written once.
        QProcess limited;
        limited.setChildProcessModifier([] { test::FileSizeLimit::applyToThisProcess(256 * 1024); });
        test::startHeadlessAs(
            limited, QStringLiteral(OPENBLOTTER), "trader",
            {QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk, QStringLiteral("--import-basket"),
             write(dir, "basket.csv", basket), QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("120")});
        const auto halted = test::finished(limited, std::chrono::minutes(1));
        QCOMPARE(halted.exitCode, 4);
        const auto reason = QStringLiteral(
                                "openblotter: the desk stopped taking orders and fills: the order store could not write "
                                "its database %1/openblotter.db: disk I/O error")
                                .arg(desk);
        QVERIFY2(halted.stdErr.contains(reason), qPrintable(halted.stdErr));

        // Run again with room to write, it waits for the orders the store holds: the broker resends what came
        // after the last message the store applied, and answers what the desk asks about.
        const auto resumed =
            runDesk({QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk, QStringLiteral("--wait"),
                     QStringLiteral("60"), QStringLiteral("--export-orders"), dir.filePath(QStringLiteral("orders.csv")),
                     QStringLiteral("--export-executions"), dir.filePath(QStringLiteral("executions.csv"))});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.stdErr));
        sim.stop();
        // Every order the store holds reached the broker and no other did; each is filled, each fill stored once.
        const auto orders = rowsBy(dir.filePath(QStringLiteral("orders.csv")), "cl_ord_id");
        const auto simOrders = rowsBy(dir.filePath(QStringLiteral("sim.orders.csv")), "cl_ord_id");
        QVERIFY2(!orders.empty() && orders.size() < kBasket,
                 qPrintable(QStringLiteral("%1 of %2 orders stored before the halt").arg(orders.size()).arg(kBasket)));
        QCOMPARE(orders.size(), simOrders.size());
        for (const auto& [clOrdId, order] : orders) {
            QCOMPARE(order.at("status"), std::string("Filled"));
            QCOMPARE(simOrders.at(clOrdId).at("status"), std::string("Filled"));
            QCOMPARE(order.at("cum_qty"), std::string("10"));
        }
        const auto countFills = [](const QString& path) {
            std::map<std::string, int> fills;
            auto table = CsvTable::readFile(path.toStdString());
            for (const auto& row : table->rows())
                if (table->field(row, "exec_type") == "Trade") ++fills[table->field(row, "exec_id")];
            return fills;
        };
        const auto stored = countFills(dir.filePath(QStringLiteral("executions.csv")));
        QCOMPARE(stored, countFills(dir.filePath(QStringLiteral("sim.executions.csv"))));
        QCOMPARE(stored.size(), orders.size() * 2);
        for (const auto& [execId, count] : stored) QCOMPARE(count, 1);
    }

    void enforcesComplianceInBatch() {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")));
        const auto settings = write(dir, "broker.cfg", settingsFor(sim.port()));
        const auto desk = dir.filePath(QStringLiteral("desk"));  // the demo rules: BA restricted, TSLA on the grey list
        const auto basket = write(dir, "basket.csv",
                                  QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                 "GROWTH-PB,AAPL,BUY,100,MKT,,DAY\n"
                                                 "GROWTH-PB,TSLA,BUY,100,MKT,,DAY\n"
                                                 "GROWTH-PB,BA,BUY,100,MKT,,DAY\n"));
        const QStringList common{QStringLiteral("--fix-settings"),  settings, QStringLiteral("--data-dir"), desk,
                                 QStringLiteral("--import-basket"), basket};

        // Checked and reported before anything is sent; a warning without a reason stops the whole basket.
        const auto unreasoned = runDesk(common + QStringList{QStringLiteral("--send")});
        QCOMPARE(unreasoned.exitCode, 1);
        QVERIFY2(unreasoned.stdOut.contains(QStringLiteral("order 1 (BUY 100 AAPL for GROWTH-PB): pass")),
                 qPrintable(unreasoned.stdOut));
        QVERIFY(unreasoned.stdOut.contains(QStringLiteral("order 2 (BUY 100 TSLA for GROWTH-PB): warn: Grey list: no new buys")));
        QVERIFY(unreasoned.stdOut.contains(QStringLiteral("order 3 (BUY 100 BA for GROWTH-PB): block: Restricted list")));
        QVERIFY2(unreasoned.stdErr.contains(QStringLiteral("give --warning-reason")), qPrintable(unreasoned.stdErr));

        // With a reason the warned order goes; the blocked one is held, and the exit status says so.
        const auto sent =
            runDesk(common + QStringList{QStringLiteral("--send"), QStringLiteral("--warning-reason"),
                                         QStringLiteral("client facilitation"), QStringLiteral("--wait"), QStringLiteral("30"),
                                         QStringLiteral("--export-orders"), dir.filePath(QStringLiteral("orders.csv"))});
        QCOMPARE(sent.exitCode, 2);
        QVERIFY2(sent.stdOut.contains(QStringLiteral("sent 2 orders; 1 held by compliance, not sent")), qPrintable(sent.stdOut));
        sim.stop();
        const auto orders = rowsBy(dir.filePath(QStringLiteral("orders.csv")), "symbol");
        QCOMPARE(orders.at("AAPL").at("compliance"), std::string("pass"));
        QCOMPARE(orders.at("TSLA").at("compliance"), std::string("warn"));
        QCOMPARE(orders.at("TSLA").at("status"), std::string("Filled"));
        QCOMPARE(orders.at("BA").at("compliance"), std::string("block"));
        QCOMPARE(orders.at("BA").at("status"), std::string("PendingNew"));
        const auto simOrders = rowsBy(dir.filePath(QStringLiteral("sim.orders.csv")), "cl_ord_id");
        QCOMPARE(simOrders.size(), std::size_t(2));  // the broker never saw BA
    }

    void checksWhoRunsTheBatch() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk"));
        const auto rules = dir.filePath(QStringLiteral("rules.json"));
        // A trader may read the rules but not change them.
        QCOMPARE(runDesk({QStringLiteral("--data-dir"), desk, QStringLiteral("--export-rules"), rules}).exitCode, 0);
        {
            auto store = store::SqliteStore::open(std::filesystem::path(desk.toStdString()) / "openblotter.db");
            QVERIFY(store.ok());
            const auto trail = (*store)->auditTrail(1000);
            QVERIFY(trail.ok());
            QVERIFY(std::any_of(trail->begin(), trail->end(), [](const AuditRecord& record) {
                return record.user == "trader" && record.action == "rules.export" && record.details == "exported to rules.json";
            }));
        }
        const auto refused = runDesk({QStringLiteral("--data-dir"), desk, QStringLiteral("--import-rules"), rules});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(QStringLiteral("trader (Trader) may not change compliance rules")),
                 qPrintable(refused.stdErr));
        // A wrong password, or none, gets nowhere.
        QProcess wrong;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("OPENBLOTTER_PASSWORD"), QStringLiteral("guess"));
        wrong.setProcessEnvironment(environment);
        wrong.start(QStringLiteral(OPENBLOTTER),
                    {QStringLiteral("--headless"), QStringLiteral("--user"), QStringLiteral("compliance"),
                     QStringLiteral("--data-dir"), desk, QStringLiteral("--import-rules"), rules});
        QVERIFY(wrong.waitForFinished(60000));
        QCOMPARE(wrong.exitCode(), 1);
        QVERIFY(wrong.readAllStandardError().contains("unknown user or wrong password"));
        QCOMPARE(runDesk({QStringLiteral("--data-dir"), desk}).exitCode, 0);
        QProcess anonymous;
        anonymous.start(QStringLiteral(OPENBLOTTER), {QStringLiteral("--headless"), QStringLiteral("--data-dir"), desk});
        QVERIFY(anonymous.waitForFinished(60000));
        QCOMPARE(anonymous.exitCode(), 1);
        QVERIFY(anonymous.readAllStandardError().contains("--headless needs --user"));
    }

    void letsAnAdministratorManageUsers() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk"));
        auto withNewPassword = [](const char* user, const char* password, const char* newPassword, const QStringList& arguments) {
            QProcess process;
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("OPENBLOTTER_PASSWORD"), QString::fromLatin1(password));
            environment.insert(QStringLiteral("OPENBLOTTER_DEMO_USERS"), QStringLiteral("1"));
            if (newPassword) environment.insert(QStringLiteral("OPENBLOTTER_NEW_PASSWORD"), QString::fromLatin1(newPassword));
            process.setProcessEnvironment(environment);
            process.start(
                QStringLiteral(OPENBLOTTER),
                QStringList{QStringLiteral("--headless"), QStringLiteral("--user"), QString::fromLatin1(user)} + arguments);
            return test::finished(process);
        };
        const QStringList addAnn{QStringLiteral("--data-dir"), desk,
                                 QStringLiteral("--set-user"), QStringLiteral("ann"),
                                 QStringLiteral("--role"),     QStringLiteral("compliance")};
        const auto refused = withNewPassword("trader", "trader-demo", "harbour-lantern-7", addAnn);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(QStringLiteral("trader (Trader) may not add or change users")),
                 qPrintable(refused.stdErr));
        QCOMPARE(withNewPassword("admin", "admin-demo", nullptr, addAnn).exitCode, 1);  // a new user needs a password
        // The password policy, naming the rule broken.
        const std::pair<const char*, const char*> weak[] = {
            {"short-one", "OPENBLOTTER_NEW_PASSWORD: the password is too short: it needs at least 10 characters"},
            {"my-ann-password", "OPENBLOTTER_NEW_PASSWORD: the password contains the user name"},
            {"compliance-demo", "OPENBLOTTER_NEW_PASSWORD: the password is a published demo password"}};
        for (const auto& [password, refusal] : weak) {
            const auto refusedPassword = withNewPassword("admin", "admin-demo", password, addAnn);
            QCOMPARE(refusedPassword.exitCode, 1);
            QVERIFY2(refusedPassword.stdErr.contains(QString::fromUtf8(refusal)), qPrintable(refusedPassword.stdErr));
        }
        // The demo desk's one administrator cannot demote or disable themselves.
        for (const auto& change : {QStringList{QStringLiteral("--role"), QStringLiteral("trader")},
                                   QStringList{QStringLiteral("--role"), QStringLiteral("admin"), QStringLiteral("--disable")}}) {
            const auto lastAdmin = withNewPassword(
                "admin", "admin-demo", nullptr,
                QStringList{QStringLiteral("--data-dir"), desk, QStringLiteral("--set-user"), QStringLiteral("admin")} + change);
            QCOMPARE(lastAdmin.exitCode, 1);
            QVERIFY2(lastAdmin.stdErr.contains(QStringLiteral("admin is the desk's last active administrator")),
                     qPrintable(lastAdmin.stdErr));
        }
        const auto added = withNewPassword("admin", "admin-demo", "harbour-lantern-7", addAnn);
        QVERIFY2(added.exitCode == 0, qPrintable(added.stdErr));
        QVERIFY(added.stdOut.contains(QStringLiteral("user ann added: role ComplianceOfficer, new password")));
        QCOMPARE(withNewPassword("ann", "harbour-lantern-7", nullptr, {QStringLiteral("--data-dir"), desk}).exitCode, 0);
        QCOMPARE(withNewPassword("admin", "admin-demo", nullptr, addAnn + QStringList{QStringLiteral("--disable")}).exitCode, 0);
        const auto disabled = withNewPassword("ann", "harbour-lantern-7", nullptr, {QStringLiteral("--data-dir"), desk});
        QCOMPARE(disabled.exitCode, 1);
        QVERIFY2(disabled.stdErr.contains(QStringLiteral("the account ann is disabled")), qPrintable(disabled.stdErr));
    }

    void startsARealDeskWithItsFirstAdministrator() {
        QTemporaryDir dir;
        // A desk of real brokers never gets the demo users, whose passwords are published.
        const QStringList arguments{QStringLiteral("--headless"),
                                    QStringLiteral("--user"),
                                    QStringLiteral("admin"),
                                    QStringLiteral("--fix-settings"),
                                    write(dir, "broker.cfg", settingsFor(1)),
                                    QStringLiteral("--data-dir"),
                                    dir.filePath(QStringLiteral("desk")),
                                    QStringLiteral("--export-rules"),
                                    dir.filePath(QStringLiteral("rules.json"))};
        auto run = [&](const char* adminPassword) {
            QProcess process;
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.remove(QStringLiteral("OPENBLOTTER_DEMO_USERS"));
            environment.insert(QStringLiteral("OPENBLOTTER_PASSWORD"), QStringLiteral("first-desk-secret"));
            if (adminPassword)
                environment.insert(QStringLiteral("OPENBLOTTER_ADMIN_PASSWORD"), QString::fromLatin1(adminPassword));
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(OPENBLOTTER), arguments);
            return test::finished(process);
        };
        const auto refused = run(nullptr);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(QStringLiteral("no users yet")), qPrintable(refused.stdErr));
        const auto first = run("first-desk-secret");
        QVERIFY2(first.exitCode == 0, qPrintable(first.stdErr));
        QCOMPARE(run(nullptr).exitCode, 0);  // the administrator exists from now on
        QProcess demo;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("OPENBLOTTER_PASSWORD"), QStringLiteral("admin-demo"));
        demo.setProcessEnvironment(environment);
        demo.start(QStringLiteral(OPENBLOTTER), arguments);
        QVERIFY(demo.waitForFinished(60000));
        QCOMPARE(demo.exitCode(), 1);  // the demo's password is not this desk's
    }

    void refusesARealBrokerWhileDemoPasswordsWork() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk"));
        auto run = [&](const char* user, const char* password, const QStringList& arguments, const char* newPassword = nullptr) {
            QProcess process;
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.remove(QStringLiteral("OPENBLOTTER_DEMO_USERS"));
            environment.insert(QStringLiteral("OPENBLOTTER_PASSWORD"), QString::fromLatin1(password));
            if (newPassword) environment.insert(QStringLiteral("OPENBLOTTER_NEW_PASSWORD"), QString::fromLatin1(newPassword));
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(OPENBLOTTER),
                          QStringList{QStringLiteral("--headless"), QStringLiteral("--user"), QString::fromLatin1(user),
                                      QStringLiteral("--data-dir"), desk} +
                              arguments);
            return test::finished(process);
        };
        const QStringList realBroker{QStringLiteral("--fix-settings"), write(dir, "broker.cfg", settingsFor(1)),
                                     QStringLiteral("--export-rules"), dir.filePath(QStringLiteral("rules.json"))};
        QCOMPARE(run("admin", "admin-demo", {}).exitCode, 0);  // the demo desk, on its simulated broker

        const auto refused = run("admin", "admin-demo", realBroker);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(
                     QStringLiteral("demo users still have their published passwords (admin, compliance, pm, trader, trader2)")),
                 qPrintable(refused.stdErr));

        // Once no demo user can log in with a published password, the desk may connect to a real broker.
        const std::pair<const char*, const char*> others[] = {
            {"compliance", "compliance"}, {"pm", "pm"}, {"trader", "trader"}, {"trader2", "trader"}};
        for (const auto& [user, role] : others) {
            const auto disabled = run("admin", "admin-demo",
                                      {QStringLiteral("--set-user"), QString::fromLatin1(user), QStringLiteral("--role"),
                                       QString::fromLatin1(role), QStringLiteral("--disable")});
            QVERIFY2(disabled.exitCode == 0, qPrintable(disabled.stdErr));
        }
        const auto stillAdmin = run("admin", "admin-demo", realBroker);
        QCOMPARE(stillAdmin.exitCode, 1);
        QVERIFY2(stillAdmin.stdErr.contains(QStringLiteral("published passwords (admin)")), qPrintable(stillAdmin.stdErr));
        const auto changed =
            run("admin", "admin-demo",
                {QStringLiteral("--set-user"), QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("admin")},
                "quiet-meadow-19");
        QVERIFY2(changed.exitCode == 0, qPrintable(changed.stdErr));
        const auto accepted = run("admin", "quiet-meadow-19", realBroker);
        QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.stdErr));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("rules.json"))));
    }

    void proposesARebalanceAndSendsNothing() {
        QTemporaryDir dir;
        const auto instruments =
            write(dir, "instruments.csv",
                  QStringLiteral("Symbol,Name,Issuer,Sector,Country,Currency,Lot_Size,Tick_Size,Price,Extra\n"
                                 "AAA,Alpha,Alpha Corp,Technology,US,USD,1,0.01,100,x\n"
                                 "BBB,Beta,Beta Corp,Energy,US,USD,100,0.01,10,x\n"
                                 "CCC,Gamma,Gamma Corp,Energy,US,USD,1,0.01,50,x\n"));
        const auto positions = write(dir, "positions.csv",
                                     QStringLiteral("qty,fund,symbol,price\n100,F1,AAA,100\n1000,F1,BBB,10\n80000,F1,CASH,\n"
                                                    "5,OTHER,AAA,100\n"));
        const auto model = write(dir, "model.csv", QStringLiteral("target_weight,symbol\n0.15,AAA\n0.053,BBB\n0.10,CCC\n"));
        const auto out = dir.filePath(QStringLiteral("proposal.csv"));
        const auto run =
            runAs("pm", {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")), QStringLiteral("--instruments"),
                         instruments, QStringLiteral("--positions"), positions, QStringLiteral("--model"), model,
                         QStringLiteral("--fund"), QStringLiteral("F1"), QStringLiteral("--cash-buffer"), QStringLiteral("2"),
                         QStringLiteral("--rebalance-proposal"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.contains(QStringLiteral("proposal for F1: 3 orders (1 sells, 2 buys), NAV 100000.00")),
                 qPrintable(run.stdOut));
        const auto rows = rowsBy(out, "symbol");
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows.at("BBB").at("side"), std::string("SELL"));
        QCOMPARE(rows.at("BBB").at("qty"), std::string("400"));  // 470 toward zero in lots of 100
        QCOMPARE(rows.at("BBB").at("weight_after"), std::string("0.06000000"));
        QCOMPARE(rows.at("AAA").at("qty"), std::string("50"));
        QCOMPARE(rows.at("AAA").at("est_price"), std::string("100"));
        QCOMPARE(rows.at("AAA").at("weight_before"), std::string("0.10000000"));
        QCOMPARE(rows.at("AAA").at("target_weight"), std::string("0.15000000"));
        QCOMPARE(rows.at("CCC").at("qty"), std::string("200"));
        // What-if against the demo rules on the portfolio the proposal builds: 15% in one issuer is over the 10% limit,
        // 10% is over the 8% warning level.
        QCOMPARE(rows.at("BBB").at("compliance"), std::string("pass"));
        QCOMPARE(rows.at("AAA").at("compliance"), std::string("block"));
        QCOMPARE(rows.at("CCC").at("compliance"), std::string("warn"));
        QVERIFY2(run.stdOut.contains(
                     QStringLiteral("BUY 50 AAA: Issuer concentration: F1 issuer Alpha Corp at 15.00% exceeds 10.00%")),
                 qPrintable(run.stdOut));

        // Without new names, CCC stays out; a bad model says what is wrong.
        const auto kept = runAs("pm", {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")),
                                       QStringLiteral("--instruments"), instruments, QStringLiteral("--positions"), positions,
                                       QStringLiteral("--model"), model, QStringLiteral("--fund"), QStringLiteral("F1"),
                                       QStringLiteral("--no-new-names"), QStringLiteral("--rebalance-proposal"), out});
        QCOMPARE(kept.exitCode, 0);
        QVERIFY(!rowsBy(out, "symbol").count("CCC"));
        const auto proposeTo = [&](const char* name, const QString& modelText) {
            return runAs("pm", {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")),
                                QStringLiteral("--instruments"), instruments, QStringLiteral("--positions"), positions,
                                QStringLiteral("--model"), write(dir, name, modelText), QStringLiteral("--fund"),
                                QStringLiteral("F1"), QStringLiteral("--rebalance-proposal"), out});
        };
        const auto bad = proposeTo("bad.csv", QStringLiteral("symbol,target_weight\nAAA,0.7\nBBB,half\n"));
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.stdErr.contains(QStringLiteral("line 3: target_weight")), qPrintable(bad.stdErr));
        const auto unknown = proposeTo("unknown.csv", QStringLiteral("symbol,target_weight\nAAA,0.7\nIBM,0.1\n"));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.stdErr.contains(QStringLiteral("unknown.csv: model unknown: IBM is not an instrument of this desk")),
                 qPrintable(unknown.stdErr));
    }

    void importsPositionsAndModelsForPortfolioManagers() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk"));
        const auto positions =
            write(dir, "positions.csv", QStringLiteral("fund,symbol,qty,price\nEUROPE,SAP.DE,1000,\nEUROPE,CASH,5000,\n"));
        const auto model = write(dir, "EU-TWO.csv", QStringLiteral("symbol,target_weight\nSAP.DE,0.5\nASML.AS,0.4\n"));
        const auto run = runAs("pm", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-positions"), positions,
                                      QStringLiteral("--import-model"), model});
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.contains(QStringLiteral("imported 2 opening positions from")), qPrintable(run.stdOut));
        // The first run on an empty directory says what it made and how to connect a real broker.
        QVERIFY2(
            run.stdErr.contains(QStringLiteral("was empty and is now the demo desk, with its simulated broker on 127.0.0.1")),
            qPrintable(run.stdErr));
        QVERIFY2(run.stdErr.contains(QStringLiteral("A real broker: --fix-settings FILE")), qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.contains(QStringLiteral("imported the model EU-TWO (2 weights) from")), qPrintable(run.stdOut));
        {
            auto store = store::SqliteStore::open(std::filesystem::path(desk.toStdString()) / "openblotter.db");
            QVERIFY(store.ok());
            const auto compliance = (*store)->loadCompliance(nowUtc());
            QVERIFY(compliance.ok());
            std::map<std::string, OpeningPosition> europe;
            for (const auto& position : compliance->openingPositions)
                if (position.fund == "EUROPE") europe[position.symbol] = position;
            QCOMPARE(europe.size(), std::size_t(2));  // the demo's EUROPE rows were replaced
            QCOMPARE(europe["SAP.DE"].quantity, Qty::fromInteger(1000));
            QVERIFY(europe["SAP.DE"].price.has_value());  // the reference price, since the file gave none
            QCOMPARE(europe["CASH"].quantity, Qty::fromInteger(5000));
            const auto models = (*store)->loadModels();
            QVERIFY(models.ok());
            const auto found = std::find_if(models->begin(), models->end(), [](const auto& m) { return m.name == "EU-TWO"; });
            QVERIFY(found != models->end());
            QCOMPARE(found->weights.size(), std::size_t(2));
        }
        // A bad file imports nothing and says what is wrong; a trader may not import models.
        const auto bad = write(dir, "bad.csv", QStringLiteral("fund,symbol,qty\nEUROPE,NOPE,10\n"));
        const auto refused = runAs("pm", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-positions"), bad});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(
                     QStringLiteral("NOPE (fund EUROPE) is not an instrument of this desk; no positions were imported")),
                 qPrintable(refused.stdErr));
        const auto huge =
            write(dir, "huge.csv", QStringLiteral("fund,symbol,qty,price\nEUROPE,SAP.DE,92200000000,120\nEUROPE,CASH,5000,\n"));
        const auto beyond = runAs("pm", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-positions"), huge});
        QCOMPARE(beyond.exitCode, 1);
        QVERIFY2(beyond.stdErr.contains(QStringLiteral(
                     "huge.csv: line 2: qty 92200000000 is beyond the limit of 10000000000 units; no positions were imported")),
                 qPrintable(beyond.stdErr));
        const auto trader = runAs("trader", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-model"), model});
        QCOMPARE(trader.exitCode, 1);
        QVERIFY2(trader.stdErr.contains(QStringLiteral("trader (Trader) may not import model portfolios")),
                 qPrintable(trader.stdErr));
        // An empty model never replaces EU-TWO, nor one the desk could not buy.
        QTemporaryDir other;
        const auto empty = runAs("pm", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-model"),
                                        write(other, "EU-TWO.csv", QStringLiteral("symbol,target_weight\n"))});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(
            empty.stdErr.contains(QStringLiteral(
                "EU-TWO.csv: the file has a header and no rows: a model needs at least one symbol; the model was not imported")),
            qPrintable(empty.stdErr));
        QTemporaryDir third;
        const auto unknown =
            runAs("pm", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-model"),
                         write(third, "EU-TWO.csv", QStringLiteral("symbol,target_weight\nSAP.DE,0.5\nIBM,0.4\n"))});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.stdErr.contains(QStringLiteral("model EU-TWO: IBM is not an instrument of this desk")),
                 qPrintable(unknown.stdErr));
    }

    void exportsPositionsPerFundAndAccount() {
        QTemporaryDir dir;
        const auto simInstruments = write(dir, "sim-instruments.csv",
                                          QStringLiteral("symbol,name,issuer,sector,country,currency,lot_size,tick_size,price\n"
                                                         "AAPL,Apple,Apple,Technology,US,USD,1,0.01,200\n"));
        SimProcess sim(dir.filePath(QStringLiteral("sim")),
                       {QStringLiteral("--tick-ms"), QStringLiteral("0"), QStringLiteral("--instruments"), simInstruments});
        const auto desk = deskWithoutRules(dir);
        const auto opening =
            write(dir, "opening.csv", QStringLiteral("fund,symbol,qty,price\nGROWTH,AAPL,1000,190\nGROWTH,CASH,1000000,\n"));
        const auto imported = runAs("pm", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-positions"), opening});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.stdErr));

        // Bought 1,000 and sold 400, both at the simulator's 200.00.
        const auto basket = write(dir, "basket.csv",
                                  QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                 "GROWTH-PB,AAPL,BUY,1000,MKT,,DAY\nGROWTH-PB,AAPL,SELL,400,MKT,,DAY\n"));
        const auto positions = dir.filePath(QStringLiteral("positions.csv"));
        const auto run =
            runDesk({QStringLiteral("--fix-settings"), write(dir, "broker.cfg", settingsFor(sim.port())),
                     QStringLiteral("--data-dir"), desk, QStringLiteral("--import-basket"), basket, QStringLiteral("--send"),
                     QStringLiteral("--wait"), QStringLiteral("60"), QStringLiteral("--export-positions"), positions});
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));

        QFile file(positions);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("fund,account,symbol,currency,qty,avg_cost,last_price,market_value,"
                                                "unrealised_pnl,realised_pnl"));
        // The fund: 1,000 at 190 and 1,000 at 200 average 195; the 400 sold at 200 realise 400 × 5 = 2,000; the
        // 1,600 left cost 312,000 and are worth 320,000 at 200.
        QVERIFY2(lines.contains(QStringLiteral("GROWTH,,AAPL,USD,1600,195,200,320000,8000,2000")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        // The account traded only today: 600 left at 200, nothing made or lost.
        QVERIFY2(lines.contains(QStringLiteral("GROWTH,GROWTH-PB,AAPL,USD,600,200,200,120000,0,0")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
    }

    void movesRulesBetweenDesks() {
        QTemporaryDir dir;
        const auto first = dir.filePath(QStringLiteral("first.json"));
        QCOMPARE(runAs("compliance",
                       {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("a")), QStringLiteral("--export-rules"), first})
                     .exitCode,
                 0);
        // An edited file moves to a second desk, and comes back out the same.
        QFile file(first);
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto text = QString::fromUtf8(file.readAll());
        file.close();
        QVERIFY(text.contains(QStringLiteral("\"limit\": \"250000\"")));
        text.replace(QStringLiteral("\"limit\": \"250000\""), QStringLiteral("\"limit\": \"300000.5\""));
        const auto edited = write(dir, "edited.json", text);
        const auto second = dir.filePath(QStringLiteral("second.json"));
        const auto imported =
            runAs("admin", {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("b")), QStringLiteral("--import-rules"),
                            edited, QStringLiteral("--export-rules"), second});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.stdErr));
        QVERIFY2(imported.stdOut.contains(QStringLiteral("imported 15 rules and 2 locates")), qPrintable(imported.stdOut));
        QFile roundTrip(second);
        QVERIFY(roundTrip.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(roundTrip.readAll()), text);

        // A bad file is refused whole, naming what is wrong, and the rules stay as they were.
        const auto bad =
            write(dir, "bad.json",
                  QString(text).replace(QStringLiteral("\"max_order_quantity\""), QStringLiteral("\"max_order_qty\"")));
        const auto refused = runAs(
            "admin", {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("b")), QStringLiteral("--import-rules"), bad});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(QStringLiteral("rule 3 ('Max order quantity'): 'kind' is 'max_order_qty', not one of")),
                 qPrintable(refused.stdErr));
        QVERIFY(refused.stdErr.contains(QStringLiteral("the rules were left as they were")));
    }

    void refusesRulesNamingAFundTheDeskDoesNotHave() {
        QTemporaryDir dir;
        const auto desk = deskWithoutRules(dir);
        const auto rulesFor = [&](const char* name, const char* fund) {
            return write(dir, name,
                         QStringLiteral(R"({"format": "openblotter-rules", "version": 1, "rules": [
                             {"name": "Growth order size", "kind": "max_order_quantity", "limit": "1000",
                              "scope": {"kind": "fund", "value": "%1"}}]})")
                             .arg(QLatin1String(fund)));
        };
        // Imported, a 1,000-share limit scoped to a misspelt fund would apply to no order: a 50,000-share one would pass.
        const auto refused = runAs("compliance", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-rules"),
                                                  rulesFor("misspelt.json", "GROWHT")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.stdErr.contains(
                     QStringLiteral("rules not imported: rule 'Growth order size': fund 'GROWHT' is not a fund of this desk")),
                 qPrintable(refused.stdErr));
        const auto unchanged = runAs("compliance", {QStringLiteral("--data-dir"), desk, QStringLiteral("--export-rules"),
                                                    dir.filePath(QStringLiteral("unchanged.json"))});
        QVERIFY2(unchanged.stdOut.contains(QStringLiteral("exported 0 rules and 0 locates")), qPrintable(unchanged.stdOut));

        // Named right, the limit holds.
        const auto imported = runAs("compliance", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-rules"),
                                                   rulesFor("named.json", "GROWTH")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.stdErr));
        const auto basket = write(dir, "basket.csv",
                                  QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                 "GROWTH-PB,AAPL,BUY,50000,MKT,,DAY\n"));
        const auto checked = runDesk({QStringLiteral("--data-dir"), desk, QStringLiteral("--import-basket"), basket});
        QVERIFY2(checked.stdOut.contains(QStringLiteral("order 1 (BUY 50000 AAPL for GROWTH-PB): block: Growth order size")),
                 qPrintable(checked.stdOut));
    }

    void exportsToADeviceWithoutReplacingIt() {
        QTemporaryDir dir;
        struct stat before {};
        QCOMPARE(::stat("/dev/null", &before), 0);
        const auto run = runDesk({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")),
                                  QStringLiteral("--export-orders"), QStringLiteral("/dev/null")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        struct stat after {};
        QCOMPARE(::stat("/dev/null", &after), 0);
        QVERIFY(S_ISCHR(after.st_mode));
        QCOMPARE(after.st_rdev, before.st_rdev);
    }

    void keepsTheDataDirectoryToItsOwner() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk"));
        const PermissiveUmask permissive;  // the programs must not rely on the user's umask
        const auto run = runDesk({QStringLiteral("--data-dir"), desk, QStringLiteral("--import-basket"),
                                  write(dir, "basket.csv",
                                        QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                       "GROWTH-PB,AAPL,BUY,100,MKT,,DAY\n")),
                                  QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("30")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));

        const std::filesystem::path root = desk.toStdString();
        QCOMPARE(std::filesystem::status(root).permissions(), std::filesystem::perms::owner_all);
        // The WAL exists while the database is open; SQLite gives it the database file's permissions.
        auto store = store::SqliteStore::open(root / "openblotter.db");
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().c_str());
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            const auto name = std::filesystem::relative(entry.path(), root).string();
            struct stat info {};
            QCOMPARE(::lstat(entry.path().c_str(), &info), 0);
            QVERIFY2((info.st_mode & 077) == 0, qPrintable(QStringLiteral("%1 has mode %2")
                                                               .arg(QString::fromStdString(name))
                                                               .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'))));
            names.push_back(name);
        }
        // Every kind of file the desk keeps was checked.
        for (const auto& [prefix, suffix] : {std::pair{"openblotter.db", ""},
                                             {"openblotter.db-wal", ""},
                                             {"logs/openblotter", ".log"},
                                             {"fix/store/", ".body"},
                                             {"fix/messages-", ".log"}})
            QVERIFY2(std::any_of(names.begin(), names.end(),
                                 [&](const std::string& name) { return name.starts_with(prefix) && name.ends_with(suffix); }),
                     prefix);
    }

    void refusesASecondProgramOnTheSameDataDirectory() {
        QTemporaryDir dir;
        SimProcess sim(dir.filePath(QStringLiteral("sim")));
        const auto settings = write(dir, "broker.cfg", settingsFor(sim.port()));
        const auto desk = deskWithoutRules(dir);  // the price collar would hold an order this far from the market
        // The first program stays busy: an order far from the market, and a long wait for it.
        QProcess first;
        test::startHeadlessAs(
            first, QStringLiteral(OPENBLOTTER), "trader",
            {QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk, QStringLiteral("--import-basket"),
             write(dir, "basket.csv",
                   QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                  "GROWTH-PB,AAPL,BUY,100,LMT,150,GTC\n")),
             QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("300")});
        QVERIFY(first.waitForStarted());
        const auto pid = QString::number(first.processId());
        const auto holder = QStringLiteral("pid %1\n").arg(pid).toUtf8();
        QFile lock(desk + QStringLiteral("/openblotter.lock"));
        QDeadlineTimer deadline(60000);
        while (!(lock.open(QIODevice::ReadOnly) && lock.readAll().startsWith(holder))) {
            lock.close();
            QVERIFY2(!deadline.hasExpired(), "the first program never took the data directory");
            QVERIFY2(first.state() == QProcess::Running, first.readAllStandardError().constData());
            QTest::qWait(20);
        }

        // The first program's "starting on" reaches the log within its flush interval (2 s).
        QFile log(desk + QStringLiteral("/logs/openblotter.log"));
        const auto logStarts = [&log] {
            log.close();
            return log.open(QIODevice::ReadOnly) ? log.readAll().count("starting on") : qsizetype(-1);
        };
        while (logStarts() < 2) {
            QVERIFY2(!deadline.hasExpired(), "the first program's log never said it started");
            QTest::qWait(50);
        }

        const auto second = runDesk({QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.stdErr.contains(QStringLiteral("the data directory %1 is in use by process %2 (openblotter --headless, "
                                                       "since ")
                                            .arg(desk, pid)),
                 qPrintable(second.stdErr));
        QVERIFY2(second.stdErr.contains(QStringLiteral("close it or use another --data-dir")), qPrintable(second.stdErr));
        QVERIFY(first.state() == QProcess::Running);
        // Refused before it wrote anything: the log has the two runs that held the directory, not a third.
        QCOMPARE(logStarts(), qsizetype(2));

        // A holder killed outright leaves nothing that blocks the next run.
        first.kill();
        QVERIFY(first.waitForFinished(10000));
        const auto third = runDesk({QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk});
        QVERIFY2(third.exitCode == 0, qPrintable(third.stdErr));
    }

    void refusesAnEmptyDatabase() {
        QTemporaryDir dir;
        const auto desk = dir.filePath(QStringLiteral("desk"));
        QVERIFY(QDir().mkpath(desk));
        const QString database = desk + QStringLiteral("/openblotter.db");
        QVERIFY(QFile(database).open(QIODevice::WriteOnly));
        const auto run = runDesk({QStringLiteral("--data-dir"), desk});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.stdErr.contains(database + QStringLiteral(" is empty (0 bytes): it is not a desk's database")),
                 qPrintable(run.stdErr));
        QVERIFY2(run.stdErr.contains(QStringLiteral("restore it again. To start a new desk, move the file away")),
                 qPrintable(run.stdErr));
        // Untouched: no demo desk, no demo users with their published passwords.
        QCOMPARE(QFileInfo(database).size(), qint64(0));
        QCOMPARE(QDir(desk).entryList({QStringLiteral("openblotter.db*")}, QDir::Files),
                 QStringList{QStringLiteral("openblotter.db")});
    }

    void explainsItself() {
        const auto help = runDesk({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* words :
             {"--import-basket", "account,symbol,side,qty,type,limit_price,tif", "Exit status", "--cancel-remaining",
              "exec_id,cl_ord_id,order_id", "SessionAlias", "--user", "--import-rules", "--export-rules", "--warning-reason",
              "docs/compliance-rules.md", "--rebalance-proposal", "symbol,target_weight"})
            QVERIFY2(help.stdOut.contains(QString::fromLatin1(words)), words);
        QCOMPARE(runDesk({QStringLiteral("--wait"), QStringLiteral("soon")}).exitCode, 1);
        QCOMPARE(runDesk({QStringLiteral("--cancel-remaining")}).exitCode, 1);
        // Without --headless and without any display, --version and --help still answer.
        for (const char* option : {"--version", "--help"}) {
            QProcess plain;
            auto environment = QProcessEnvironment::systemEnvironment();
            for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
                environment.remove(QString::fromLatin1(name));
            plain.setProcessEnvironment(environment);
            plain.start(QStringLiteral(OPENBLOTTER), {QString::fromLatin1(option)});
            QVERIFY(plain.waitForFinished());
            QCOMPARE(plain.exitCode(), 0);
            QVERIFY2(plain.readAllStandardOutput().contains("openblotter"), option);
        }
        QProcess sim;
        sim.start(QStringLiteral(OPENBLOTTER_SIM), {QStringLiteral("--help")});
        QVERIFY(sim.waitForFinished());
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY(sim.readAllStandardOutput().contains("--reject-share"));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"

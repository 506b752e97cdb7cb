#include "batchdesk.h"

#include "store/sqlite.h"
#include "store/sqlitestore.h"

#include <QTest>

#include <cstdio>

using namespace ob;

namespace {

using test::BatchDesk;
using test::says;

/// A broker that also trades IBM, which the desk does not know until an administrator adds it.
SimulatorConfig brokerWithIbm() {
    auto config = test::testSimulatorConfig();
    config.instruments.push_back({"IBM", Price::of("181.5"), Price::of("0.01"), Qty::of("1")});
    return config;
}

const QString kInstrumentsHeader = QStringLiteral("symbol,name,issuer,sector,country,currency,lot_size,tick_size,price,isin\n");
const QString kIbm =
    QStringLiteral("IBM,International Business Machines,IBM,Information Technology,US,USD,1,0.01,181.50,US4592001014\n");

void expectSaid(const test::Run& run, const QString& text) {
    if (!says(run, text)) std::fprintf(stderr, "%s%s", qPrintable(run.stdOut), qPrintable(run.stdErr));
    QVERIFY2(says(run, text), qPrintable(text));
}

/// The desk's instruments as --export-instruments writes them, by symbol and column.
std::map<std::string, std::map<std::string, std::string>> exportedInstruments(BatchDesk& f) {
    const auto path = f.dir.filePath(QStringLiteral("instruments-out.csv"));
    const auto run = f.runAs("admin", {QStringLiteral("--export-instruments"), path});
    if (run.exitCode != 0) qFatal("export failed: %s", qPrintable(run.stdErr));
    return test::rowsBy(path, "symbol");
}

}  // namespace

/// The desk's reference data in batch: imports all or nothing, the desk trading what it added at once, deactivation.
class TestBatchReference final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void importsAllOrNothingNamingEveryBadLine() {
        BatchDesk f{QStringLiteral(OPENBLOTTER), brokerWithIbm()};
        const auto badRows = test::writeFile(f.dir, "bad-rows.csv",
                                             kInstrumentsHeader + kIbm +
                                                 QStringLiteral("ORCL,Oracle,Oracle,Information Technology,US,USD,0,0.01,120,\n"
                                                                "MSFT,Microsoft,Microsoft,Information Technology,US,USD,1,0.01,"
                                                                "378,US5949181046\n"));
        const auto refused = f.runAs("admin", {QStringLiteral("--import-instruments"), badRows});
        QCOMPARE(refused.exitCode, 1);
        expectSaid(refused, QStringLiteral("line 3: lot_size must be positive, got 0"));
        expectSaid(refused, QStringLiteral("line 4: isin 'US5949181046' has a wrong check digit"));
        expectSaid(refused, QStringLiteral("no instruments were imported: the reference data is as it was"));
        QVERIFY(!exportedInstruments(f).contains("IBM"));

        // Rows that are well formed but do not fit the desk: a currency it has no rate for.
        const auto shopify = QStringLiteral("SHOP,Shopify,Shopify,Information Technology,CA,CAD,1,0.01,80,\n");
        const auto unrated = test::writeFile(f.dir, "unrated.csv", kInstrumentsHeader + kIbm + shopify);
        const auto noRate = f.runAs("admin", {QStringLiteral("--import-instruments"), unrated});
        QCOMPARE(noRate.exitCode, 1);
        expectSaid(noRate, QStringLiteral("line 3: instrument SHOP: currency CAD has no reference FX rate (import the FX rates "
                                          "first)"));
        QVERIFY(!exportedInstruments(f).contains("IBM"));

        // With the rate, in one run: the rates are imported before the instruments.
        const auto rates = test::writeFile(f.dir, "fx.csv", QStringLiteral("currency,rate_to_usd\nCAD,0.7321\n"));
        const auto imported =
            f.runAs("admin", {QStringLiteral("--import-instruments"), unrated, QStringLiteral("--import-fx"), rates});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.stdErr));
        expectSaid(imported, QStringLiteral("imported fx rates from %1: 1 added, 0 changed, 0 unchanged").arg(rates));
        expectSaid(imported, QStringLiteral("imported instruments from %1: 2 added, 0 changed, 0 unchanged").arg(unrated));
        const auto instruments = exportedInstruments(f);
        QCOMPARE(instruments.at("IBM").at("isin"), std::string("US4592001014"));
        QCOMPARE(instruments.at("SHOP").at("currency"), std::string("CAD"));
        QCOMPARE(instruments.at("IBM").at("active"), std::string("1"));

        // The same file again changes nothing; a changed lot size is one change, audited with both values.
        const auto again = f.runAs("admin", {QStringLiteral("--import-instruments"), unrated});
        expectSaid(again, QStringLiteral("0 added, 0 changed, 2 unchanged"));
        auto store = store::SqliteStore::open(f.desk.toStdString() + "/openblotter.db");
        QVERIFY(store.ok());
        const auto trail = (*store)->auditTrail(100).value();
        const auto added =
            std::find_if(trail.begin(), trail.end(), [](const AuditRecord& r) { return r.subject == "instrument IBM"; });
        QVERIFY(added != trail.end());
        QCOMPARE(added->action, std::string("instrument.add"));
        QCOMPARE(added->user, std::string("admin"));
        QVERIFY2(added->details.find("isin 'US4592001014'") != std::string::npos, added->details.c_str());
    }

    void aTraderTradesAnInstrumentTheDeskAddedAndNotOneItDeactivated() {
        BatchDesk f{QStringLiteral(OPENBLOTTER), brokerWithIbm()};
        auto exported = exportedInstruments(f);
        QVERIFY(exported.contains("AAPL"));
        // An administrator adds IBM and deactivates AAPL, from the export edited.
        const auto edited = test::writeFile(
            f.dir, "instruments.csv",
            kInstrumentsHeader.trimmed() + QStringLiteral(",active\n") + kIbm.trimmed() +
                QStringLiteral(",1\nAAPL,Apple Inc.,Apple Inc.,Information Technology,US,USD,1,0.01,189.95,,0\n"));
        const auto changed = f.runAs("admin", {QStringLiteral("--import-instruments"), edited});
        QVERIFY2(changed.exitCode == 0, qPrintable(changed.stdErr));

        const auto basket = test::writeFile(f.dir, "basket.csv",
                                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                           "GROWTH-PB,IBM,BUY,100,LMT,200,DAY\n"));
        const auto traded = f.run({QStringLiteral("--import-basket"), basket, QStringLiteral("--send"), QStringLiteral("--wait"),
                                   QStringLiteral("30")});
        QVERIFY2(traded.exitCode == 0, qPrintable(traded.stdErr));
        const auto orders = f.orders();
        QCOMPARE(orders.size(), std::size_t(1));
        QCOMPARE(orders.begin()->second.at("symbol"), std::string("IBM"));
        QCOMPARE(orders.begin()->second.at("status"), std::string("Filled"));

        const auto apple = test::writeFile(f.dir, "apple.csv",
                                           QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                          "GROWTH-PB,AAPL,BUY,100,LMT,200,DAY\n"));
        const auto refused = f.run({QStringLiteral("--import-basket"), apple, QStringLiteral("--send")});
        QVERIFY(refused.exitCode != 0);
        expectSaid(refused, QStringLiteral("line 2: instrument 'AAPL' is inactive: it takes no new order"));
        QCOMPARE(exportedInstruments(f).at("AAPL").at("active"), std::string("0"));

        // The book refers to its instruments for ever: the database refuses to delete one.
        auto db = sqlite::Database::open(f.desk.toStdString() + "/openblotter.db", sqlite::Database::Mode::ReadWrite);
        bool deleted = true;
        try {
            db.execute("DELETE FROM instruments WHERE symbol = 'IBM'");
        } catch (const std::exception& e) {
            deleted = false;
            QVERIFY2(std::string(e.what()).find("instruments are deactivated, never deleted") != std::string::npos, e.what());
        }
        QVERIFY(!deleted);
    }

    void onlyAnAdministratorChangesTheReferenceData() {
        BatchDesk f{QStringLiteral(OPENBLOTTER)};
        const auto funds = test::writeFile(f.dir, "funds.csv", QStringLiteral("code,name,base_currency\nNEWFUND,New,USD\n"));
        const auto refused = f.run({QStringLiteral("--import-funds"), funds});
        QCOMPARE(refused.exitCode, 1);
        expectSaid(refused, QStringLiteral("trader (Trader) may not change the desk's reference data"));
        const auto accounts =
            test::writeFile(f.dir, "accounts.csv", QStringLiteral("code,name,fund\nNEW-PB,New prime,NEWFUND\n"));
        const auto added =
            f.runAs("admin", {QStringLiteral("--import-accounts"), accounts, QStringLiteral("--import-funds"), funds});
        QVERIFY2(added.exitCode == 0, qPrintable(added.stdErr));
        expectSaid(added, QStringLiteral("imported accounts from %1: 1 added").arg(accounts));
    }
};

QTEST_GUILESS_MAIN(TestBatchReference)
#include "tst_batchreference.moc"

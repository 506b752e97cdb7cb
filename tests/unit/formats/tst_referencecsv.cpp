#include "formats/referencecsv.h"

#include <QTest>

using namespace ob;

class TestReferenceCsv final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsInstruments() {
        auto table = CsvTable::parse(
            "Tick_Size,symbol,name,issuer,sector,country,currency,lot_size,price,extra\n"
            "0.01,AAPL,Apple Inc.,Apple Inc.,Information Technology,US,USD,1,189.95,ignored\n"
            "1,7203.T,Toyota,Toyota,Consumer Discretionary,JP,JPY,100,,\n");
        auto instruments = parseInstruments(*table);
        QVERIFY2(instruments.ok(), instruments.ok() ? "" : instruments.error().c_str());
        QCOMPARE(instruments->size(), std::size_t(2));
        QCOMPARE(instruments->at(0).tickSize, Price::of("0.01"));
        QCOMPARE(instruments->at(0).referencePrice, std::optional<Price>(Price::of("189.95")));
        QCOMPARE(instruments->at(1).lotSize, Qty::of("100"));
        QVERIFY(!instruments->at(1).referencePrice);
        QCOMPARE(instruments->at(1).priceDecimals(), 0);
        QCOMPARE(instruments->at(0).priceDecimals(), 2);
    }

    void listsEveryBadRowAndReturnsNothing() {
        auto table = CsvTable::parse(
            "symbol,name,issuer,sector,country,currency,lot_size,tick_size\n"
            "AAPL,Apple,Apple,IT,US,USD,1,0.01\n"
            "AAPL,Apple again,Apple,IT,US,USD,1,0.01\n"
            ",No symbol,X,IT,US,USD,1,0.01\n"
            "BAD,Bad lot,X,IT,US,USD,0,0.01\n"
            "BAD2,Bad tick,X,IT,US,USD,1,1e-2\n"
            "NOCCY,No currency,X,IT,US,,1,0.01\n");
        auto instruments = parseInstruments(*table);
        QVERIFY(!instruments.ok());
        const QString error = QString::fromStdString(instruments.error());
        QVERIFY2(error.contains(QStringLiteral("line 3: duplicate symbol 'AAPL'")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("line 4: symbol is empty")));
        QVERIFY(error.contains(QStringLiteral("line 5: lot_size must be positive, got 0")));
        QVERIFY(error.contains(QStringLiteral("line 6: tick_size '1e-2' is not a decimal number")));
        QVERIFY(error.contains(QStringLiteral("line 7: currency is empty")));
        QCOMPARE(error.count(QLatin1Char('\n')), 4);
    }

    void requiresTheColumns() {
        auto instruments = parseInstruments(*CsvTable::parse("symbol,name\nA,B\n"));
        QVERIFY(!instruments.ok());
        QVERIFY(instruments.error().find("issuer, sector, country, currency, lot_size, tick_size") != std::string::npos);
    }

    void readsFundsAndAccounts() {
        auto funds = parseFunds(*CsvTable::parse("code,name,base_currency\nGROWTH,Growth,USD\nGROWTH,Again,USD\n"));
        QVERIFY(!funds.ok());
        QCOMPARE(funds.error(), std::string("line 3: duplicate fund code 'GROWTH'"));
        auto accounts = parseAccounts(*CsvTable::parse("fund,code,name\nGROWTH,G-1,Prime\n"));
        QVERIFY(accounts.ok());
        QCOMPARE(accounts->at(0).fundCode, std::string("GROWTH"));
    }
};

QTEST_GUILESS_MAIN(TestReferenceCsv)
#include "tst_referencecsv.moc"

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

    void refusesAModelFileWithAHeaderAndNoRows() {
        // Saved, it would replace the model of its name with nothing, and a rebalance to it would sell the fund.
        for (const char* text : {"symbol,target_weight\n", "symbol,target_weight\n\n\n"}) {
            auto model = parseModel(*CsvTable::parse(text));
            QVERIFY(!model.ok());
            QCOMPARE(model.error(), std::string("the file has a header and no rows: a model needs at least one symbol"));
        }
        auto one = parseModel(*CsvTable::parse("symbol,target_weight\nAAPL,0.5\n"));
        QVERIFY(one.ok());
    }

    void refusesEveryFileWithAColumnTwice() {
        for (const char* text :
             {"symbol,name,issuer,sector,country,currency,lot_size,tick_size,Symbol\n", "code,name,base_currency,name\n",
              "fund,symbol,qty,price,qty\n", "symbol,target_weight,SYMBOL\n"}) {
            auto table = CsvTable::parse(text);
            QVERIFY(!table.ok());
            QVERIFY2(table.error().rfind("line 1: the column '", 0) == 0, table.error().c_str());
        }
    }

    void quotesAtMostEightyCharactersOfABadValue() {
        const std::string huge(10000, '9');
        const std::string shown = "'" + std::string(80, '9') + "…' (10000 characters)";
        auto instruments =
            parseInstruments(*CsvTable::parse("symbol,name,issuer,sector,country,currency,lot_size,tick_size\n"
                                              "AAPL,Apple,Apple,IT,US,USD,1,x" +
                                              huge + "\n"));
        QVERIFY(!instruments.ok());
        QCOMPARE(instruments.error(),
                 "line 2: tick_size 'x" + std::string(79, '9') + "…' (10001 characters) is not a decimal number");
        auto funds = parseFunds(*CsvTable::parse("code,name,base_currency\n" + huge + ",A,USD\n" + huge + ",B,USD\n"));
        QVERIFY(!funds.ok());
        QCOMPARE(funds.error(), "line 3: duplicate fund code " + shown);
        auto users = parseUsers(*CsvTable::parse("name,full_name,role,password_hash\nann,Ann," + huge + ",hash\n"));
        QVERIFY(!users.ok());
        QCOMPARE(users.error(), "line 2: role " + shown + " is not Trader, PortfolioManager, ComplianceOfficer or Administrator");
        auto header = CsvTable::parse(huge + ",x," + huge + "\n");
        QVERIFY(!header.ok());
        QCOMPARE(header.error(), "line 1: the column " + shown + " appears twice in the header");
    }
};

QTEST_GUILESS_MAIN(TestReferenceCsv)
#include "tst_referencecsv.moc"

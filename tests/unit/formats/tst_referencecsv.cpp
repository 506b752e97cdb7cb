#include "domain/securityids.h"
#include "formats/referencecsv.h"
#include "formats/referenceexport.h"

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
    void checksTheIdentifiersCheckDigits() {
        // Apple's identifiers as published, and each with its last digit changed.
        QVERIFY(!isinProblem("US0378331005"));
        QVERIFY(!isinProblem("GB0002634946"));  // BAE Systems: letters in the country code only
        QCOMPARE(isinProblem("US0378331006"), std::optional<std::string>("has a wrong check digit"));
        QCOMPARE(isinProblem("US037833100"), std::optional<std::string>("must have 12 characters (ISO 6166)"));
        QCOMPARE(isinProblem("us0378331005"),
                 std::optional<std::string>("must start with a country code of 2 upper-case letters"));
        QVERIFY(!cusipProblem("037833100"));
        QVERIFY(!cusipProblem("38259P508"));  // a letter inside
        QCOMPARE(cusipProblem("037833101"), std::optional<std::string>("has a wrong check digit"));
        QVERIFY(!sedolProblem("2046251"));
        QVERIFY(!sedolProblem("B0YBKJ7"));
        QCOMPARE(sedolProblem("2046252"), std::optional<std::string>("has a wrong check digit"));
        QCOMPARE(sedolProblem("A046251"), std::optional<std::string>("may not hold a vowel"));
        QVERIFY(!micProblem("XNYS"));
        QCOMPARE(micProblem("xnys"), std::optional<std::string>("may hold only upper-case letters and digits"));
    }

    void readsTheOptionalInstrumentColumns() {
        auto table = CsvTable::parse(
            "symbol,name,issuer,sector,country,currency,lot_size,tick_size,price,isin,cusip,sedol,mic,voting_shares,active\n"
            "IBM,International Business Machines,IBM,Information Technology,US,USD,1,0.01,181.50,US4592001014,459200101,"
            "2005973,XNYS,918000000,1\n"
            "OLD,Old Co,Old Co,Industrials,US,USD,1,0.01,,,,,,,no\n");
        auto instruments = parseInstruments(*table);
        QVERIFY2(instruments.ok(), instruments.ok() ? "" : instruments.error().c_str());
        const auto& ibm = instruments->at(0);
        QCOMPARE(ibm.isin, std::string("US4592001014"));
        QCOMPARE(ibm.cusip, std::string("459200101"));
        QCOMPARE(ibm.sedol, std::string("2005973"));
        QCOMPARE(ibm.mic, std::string("XNYS"));
        QCOMPARE(ibm.votingShares, std::optional<Qty>(Qty::of("918000000")));
        QVERIFY(ibm.active);
        QVERIFY(!instruments->at(1).active);
    }

    void namesEveryBadIdentifierWithItsLine() {
        auto instruments =
            parseInstruments(*CsvTable::parse("symbol,name,issuer,sector,country,currency,lot_size,tick_size,isin,mic,active\n"
                                              "IBM,IBM,IBM,IT,US,USD,1,0.01,US4592001015,XNYS,1\n"
                                              "IB M,IBM,IBM,IT,usa,usd,1,0.01,,XNY,maybe\n"));
        QVERIFY(!instruments.ok());
        QCOMPARE(instruments.error(), std::string("line 2: isin 'US4592001015' has a wrong check digit\n"
                                                  "line 3: symbol 'IB M' may not hold spaces or control characters\n"
                                                  "line 3: currency 'usd' is not 3 upper-case letters (ISO 4217)\n"
                                                  "line 3: country 'usa' is not 2 upper-case letters (ISO 3166)\n"
                                                  "line 3: mic 'XNY' must have 4 characters (ISO 10383)\n"
                                                  "line 3: active 'maybe' is not 1 or 0 (true or false, yes or no)"));
    }

    void readsFxRatesUnderEitherColumnName() {
        for (const char* header : {"currency,rate_to_usd\n", "currency,rate\n"}) {
            auto rates = parseFxRates(*CsvTable::parse(std::string(header) + "USD,1\nEUR,1.0925\n"));
            QVERIFY2(rates.ok(), rates.ok() ? "" : rates.error().c_str());
            QCOMPARE(rates->rate("EUR"), std::optional<Price>(Price::of("1.0925")));
        }
        auto wrongUsd = parseFxRates(*CsvTable::parse("currency,rate_to_usd\nUSD,1.1\n"));
        QVERIFY(!wrongUsd.ok());
        QCOMPARE(wrongUsd.error(), std::string("line 2: the rate of USD, the reporting currency, is 1, got 1.1"));
        auto noRate = parseFxRates(*CsvTable::parse("currency,value\nEUR,1\n"));
        QVERIFY(!noRate.ok());
        QCOMPARE(noRate.error(), std::string("missing column: rate_to_usd"));
    }

    void readsAFileOfOneKindWithTheLineOfEachKey() {
        auto file = parseReferenceFile(ReferenceKind::Accounts,
                                       *CsvTable::parse("code,name,fund,active\n\nA-1,One,GROWTH,\nA-2,Two,GROWTH,0\n"));
        QVERIFY2(file.ok(), file.ok() ? "" : file.error().c_str());
        QCOMPARE(file->items.accounts.size(), std::size_t(2));
        QVERIFY(file->items.accounts[0].active);
        QVERIFY(!file->items.accounts[1].active);
        QCOMPARE(file->lines.at("A-1"), 3);
        QCOMPARE(file->lines.at("A-2"), 4);
        auto empty = parseReferenceFile(ReferenceKind::Funds, *CsvTable::parse("code,name,base_currency\n"));
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error(), std::string("the file has a header and no rows: no funds to import"));
    }

    void readsBackWhatItExports() {
        ReferenceData data;
        data.instruments.push_back({"IBM", "International Business Machines, \"Big Blue\"", "IBM", "Information Technology", "US",
                                    "USD", Qty::fromInteger(1), Price::of("0.01"), Price::of("181.5"), Qty::of("918000000"),
                                    "US4592001014", "459200101", "2005973", "XNYS", false});
        data.instruments.push_back({"7203.T", "Toyota", "Toyota", "Consumer Discretionary", "JP", "JPY", Qty::fromInteger(100),
                                    Price::fromInteger(1), std::nullopt});
        data.funds.push_back({"GROWTH", "Growth", "USD"});
        data.accounts.push_back({"G-1", "Prime", "GROWTH", false});
        data.fxRates.set("JPY", Price::of("0.006743"));
        for (auto kind : {ReferenceKind::Instruments, ReferenceKind::Funds, ReferenceKind::Accounts, ReferenceKind::FxRates}) {
            auto read = parseReferenceFile(kind, *CsvTable::parse(referenceCsv(kind, data)));
            QVERIFY2(read.ok(), read.ok() ? "" : read.error().c_str());
            switch (kind) {
                case ReferenceKind::Instruments: QCOMPARE(read->items.instruments, data.instruments); break;
                case ReferenceKind::Funds: QCOMPARE(read->items.funds, data.funds); break;
                case ReferenceKind::Accounts: QCOMPARE(read->items.accounts, data.accounts); break;
                case ReferenceKind::FxRates: QCOMPARE(read->items.fxRates, data.fxRates); break;
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestReferenceCsv)
#include "tst_referencecsv.moc"

#include "formats/openingpositions.h"

#include "decimalprint.h"

#include <QTest>

using namespace ob;

namespace {

Instrument instrument(std::string symbol, std::optional<Price> referencePrice) {
    Instrument result;
    result.symbol = symbol;
    result.name = symbol + " common";
    result.issuer = symbol + " Corp";
    result.sector = "Technology";
    result.country = "US";
    result.currency = "USD";
    result.referencePrice = referencePrice;
    return result;
}

/// Two funds; AAA has a reference price of 10.5, NOREF has none.
ReferenceData reference() {
    ReferenceData data;
    data.instruments = {instrument("AAA", Price::of("10.5")), instrument("BBB", Price::of("20")),
                        instrument("NOREF", std::nullopt)};
    data.funds = {{"GROWTH", "Growth", "USD"}, {"INCOME", "Income", "USD"}};
    data.accounts = {{"GROWTH-PB", "Growth prime", "GROWTH"}, {"INCOME-PB", "Income prime", "INCOME"}};
    return data;
}

Result<std::vector<OpeningPosition>> read(std::string_view text) {
    auto table = CsvTable::parse(text);
    if (!table) return Error{"the CSV does not parse: " + table.error()};
    return readOpeningPositions(*table, reference());
}

}  // namespace

class TestOpeningPositions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAFileWithEachFundsCash() {
        auto positions = read(
            "fund,symbol,qty,price\n"
            "GROWTH,CASH,800000,\n"
            "GROWTH,AAA,1000,9.75\n"
            "INCOME,CASH,0,\n"
            "INCOME,BBB,-200,21\n");
        QVERIFY2(positions, positions ? "" : positions.error().c_str());
        const std::vector<OpeningPosition> expected{
            {"GROWTH", "CASH", Qty::of("800000"), std::nullopt},
            {"GROWTH", "AAA", Qty::of("1000"), Price::of("9.75")},
            {"INCOME", "CASH", Qty::of("0"), std::nullopt},
            {"INCOME", "BBB", Qty::of("-200"), Price::of("21")},
        };
        QVERIFY(*positions == expected);
    }

    void aMissingPriceIsTheInstrumentsReferencePrice() {
        auto positions = read(
            "fund,symbol,qty,price\n"
            "GROWTH,AAA,1000,\n"
            "GROWTH,BBB,50,19.5\n"
            "GROWTH,CASH,100,\n");
        QVERIFY2(positions, positions ? "" : positions.error().c_str());
        QCOMPARE(positions->size(), std::size_t(3));
        QCOMPARE(positions->at(0).symbol, std::string("AAA"));
        QCOMPARE(positions->at(0).price, std::optional<Price>(Price::of("10.5")));  // AAA's reference price
        QCOMPARE(positions->at(1).price, std::optional<Price>(Price::of("19.5")));  // given, not BBB's 20
        QVERIFY(!positions->at(2).price);                                           // cash has none

        // Without a price column at all, every holding takes its reference price.
        auto unpriced = read("fund,symbol,qty\nINCOME,CASH,5\nINCOME,BBB,7\n");
        QVERIFY2(unpriced, unpriced ? "" : unpriced.error().c_str());
        QCOMPARE(unpriced->at(1).price, std::optional<Price>(Price::of("20")));
    }

    void refusesAFundWithoutACashRow() {
        auto positions = read(
            "fund,symbol,qty,price\n"
            "GROWTH,CASH,800000,\n"
            "GROWTH,AAA,1000,9.75\n"
            "INCOME,BBB,200,21\n");
        QVERIFY(!positions);
        QCOMPARE(positions.error(), std::string("fund INCOME has no CASH row: give its cash (0 if it has none)"));

        auto onlyHoldings = read("fund,symbol,qty,price\nGROWTH,AAA,1000,9.75\n");
        QVERIFY(!onlyHoldings);
        QCOMPARE(onlyHoldings.error(), std::string("fund GROWTH has no CASH row: give its cash (0 if it has none)"));
    }

    void refusesAnUnknownInstrumentNamingItsFileLine() {
        // A blank line and a quoted field over two lines: the line is the file's, not the row's index.
        auto positions = read(
            "fund,symbol,qty,price,note\n"  // line 1
            "GROWTH,CASH,800000,,\"two\n"   // line 2
            "lines\"\n"                     // line 3
            "\n"                            // line 4
            "GROWTH,AAA,1000,9.75,\n"       // line 5
            "INCOME,CASH,0,,\n"             // line 6
            "INCOME,XYZ,10,1,\n");          // line 7
        QVERIFY(!positions);
        QCOMPARE(positions.error(), std::string("line 7: XYZ (fund INCOME) is not an instrument of this desk"));
    }

    void refusesAnUnknownFund() {
        auto positions = read(
            "fund,symbol,qty,price\n"
            "GROWTH,CASH,800000,\n"
            "\n"
            "VALUE,CASH,100,\n");
        QVERIFY(!positions);
        QCOMPARE(positions.error(), std::string("line 4: fund VALUE is not a fund of this desk"));
    }

    void refusesAHoldingWithNoPriceAndNoReferencePrice() {
        auto positions = read(
            "fund,symbol,qty,price\n"
            "GROWTH,CASH,800000,\n"
            "GROWTH,AAA,1000,\n"
            "GROWTH,NOREF,300,\n");
        QVERIFY(!positions);
        QCOMPARE(positions.error(), std::string("line 4: NOREF (fund GROWTH) has no price: give one in the price column"));

        // With a price given, it is taken.
        auto priced = read("fund,symbol,qty,price\nGROWTH,CASH,1,\nGROWTH,NOREF,300,4.2\n");
        QVERIFY2(priced, priced ? "" : priced.error().c_str());
        QCOMPARE(priced->at(1).price, std::optional<Price>(Price::of("4.2")));
    }

    void refusesAHoldingBeyondTheLimits() {
        // 92.2 billion shares: a Qty holds it, the figures the desk derives from it would not.
        auto positions = read(
            "fund,symbol,qty,price\n"
            "GROWTH,CASH,800000,\n"
            "GROWTH,AAA,92200000000,10\n");
        QVERIFY(!positions);
        QCOMPARE(positions.error(), std::string("line 3: qty 92200000000 is beyond the limit of 10000000000 units"));
    }

    void refusesAnEmptyFile() {
        auto positions = read("fund,symbol,qty,price\n");
        QVERIFY(!positions);
        QCOMPARE(positions.error(), std::string("the file has no positions"));
    }
};

QTEST_GUILESS_MAIN(TestOpeningPositions)
#include "tst_openingpositions.moc"

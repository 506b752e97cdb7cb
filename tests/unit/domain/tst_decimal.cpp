#include "domain/decimal.h"

#include <QTest>

using namespace ob;

namespace QTest {
template <>
char* toString(const Qty& value) {
    return qstrdup(value.toString().c_str());
}
template <>
char* toString(const Price& value) {
    return qstrdup(value.toString().c_str());
}
template <>
char* toString(const Money& value) {
    return qstrdup(value.toString().c_str());
}
}  // namespace QTest

class TestDecimal final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesAndPrintsExactly_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("raw");
        QTest::addColumn<QString>("printed");
        QTest::newRow("integer") << "1500" << qint64(150000000000) << "1500";
        QTest::newRow("fraction") << "101.25" << qint64(10125000000) << "101.25";
        QTest::newRow("eight places") << "0.00000001" << qint64(1) << "0.00000001";
        QTest::newRow("negative") << "-0.5" << qint64(-50000000) << "-0.5";
        QTest::newRow("explicit plus") << "+7" << qint64(700000000) << "7";
        QTest::newRow("leading point") << ".25" << qint64(25000000) << "0.25";
        QTest::newRow("trailing point") << "3." << qint64(300000000) << "3";
        QTest::newRow("trailing zeros past the scale") << "1.1000000000" << qint64(110000000) << "1.1";
        QTest::newRow("negative zero") << "-0.000" << qint64(0) << "0";
        QTest::newRow("leading zeros") << "007.50" << qint64(750000000) << "7.5";
    }
    void parsesAndPrintsExactly() {
        QFETCH(QString, text);
        QFETCH(qint64, raw);
        QFETCH(QString, printed);
        auto parsed = Qty::parse(text.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().c_str());
        QCOMPARE(parsed->raw(), raw);
        QCOMPARE(QString::fromStdString(parsed->toString()), printed);
    }

    void refusesWhatItCannotHoldExactly_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "is not a decimal number";
        QTest::newRow("sign only") << "-"
                                   << "is not a decimal number";
        QTest::newRow("exponent") << "1e5"
                                  << "is not a decimal number";
        QTest::newRow("two points") << "1.2.3"
                                    << "is not a decimal number";
        QTest::newRow("space") << " 1"
                               << "is not a decimal number";
        QTest::newRow("comma") << "1,000"
                               << "is not a decimal number";
        QTest::newRow("nine places") << "0.123456789"
                                     << "more than 8 decimal places";
        QTest::newRow("too large") << "92233720369"
                                   << "out of range";
    }
    void refusesWhatItCannotHoldExactly() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto parsed = Price::parse(text.toStdString());
        QVERIFY(!parsed.ok());
        QVERIFY2(QString::fromStdString(parsed.error()).contains(message), parsed.error().c_str());
        QVERIFY2(QString::fromStdString(parsed.error()).contains(text), "the error names the text");
    }

    void largestValuesRoundTrip() {
        const auto max = Qty::fromRaw(INT64_MAX);
        QCOMPARE(max.toString(), std::string("92233720368.54775807"));
        QCOMPARE(Qty::parse(max.toString())->raw(), INT64_MAX);
        QCOMPARE(Qty::parse("-92233720368.54775807")->raw(), -INT64_MAX);
    }

    void arithmeticIsExact() {
        // 0.1 + 0.2 is 0.3 here, unlike in binary floating point.
        QCOMPARE(Price::of("0.1") + Price::of("0.2"), Price::of("0.3"));
        QCOMPARE(Qty::of("10") - Qty::of("10.00000001"), Qty::of("-0.00000001"));
        QCOMPARE(Qty::of("2.5") * 4, Qty::of("10"));
    }

    void overflowThrowsInsteadOfWrapping() {
        const auto max = Qty::fromRaw(INT64_MAX);
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, max + Qty::of("0.00000001"));
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, -max - Qty::of("1"));
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, max * 2);
        QVERIFY_THROWS_EXCEPTION(std::overflow_error, Qty::fromInteger(INT64_MAX / 10));
    }

    void rounding_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("expected");  // to 0 decimals
        const int halfEven = int(RoundingMode::HalfEven), halfUp = int(RoundingMode::HalfUp),
                  towardZero = int(RoundingMode::TowardZero), away = int(RoundingMode::AwayFromZero),
                  floor = int(RoundingMode::Floor), ceiling = int(RoundingMode::Ceiling);
        QTest::newRow("half even, tie down") << "2.5" << halfEven << "2";
        QTest::newRow("half even, tie up") << "3.5" << halfEven << "4";
        QTest::newRow("half even, negative tie") << "-2.5" << halfEven << "-2";
        QTest::newRow("half even, above tie") << "2.50000001" << halfEven << "3";
        QTest::newRow("half even, below tie") << "2.49999999" << halfEven << "2";
        QTest::newRow("half up, tie") << "2.5" << halfUp << "3";
        QTest::newRow("half up, negative tie") << "-2.5" << halfUp << "-3";
        QTest::newRow("half up, below tie") << "2.49999999" << halfUp << "2";
        QTest::newRow("toward zero") << "-2.9" << towardZero << "-2";
        QTest::newRow("away from zero") << "2.00000001" << away << "3";
        QTest::newRow("away from zero, negative") << "-2.1" << away << "-3";
        QTest::newRow("floor, negative") << "-2.1" << floor << "-3";
        QTest::newRow("floor, positive") << "2.9" << floor << "2";
        QTest::newRow("ceiling, negative") << "-2.9" << ceiling << "-2";
        QTest::newRow("ceiling, positive") << "2.1" << ceiling << "3";
        QTest::newRow("exact stays") << "-7" << halfUp << "-7";
    }
    void rounding() {
        QFETCH(QString, value);
        QFETCH(int, mode);
        QFETCH(QString, expected);
        const auto price = Price::of(value.toStdString());
        QCOMPARE(price.rounded(0, RoundingMode(mode)), Price::of(expected.toStdString()));
        QCOMPARE(QString::fromStdString(price.toString(0, RoundingMode(mode))), expected);
    }

    void printsWithFixedDecimals() {
        QCOMPARE(Price::of("101.255").toString(2), std::string("101.26"));  // tie to even: 101.26
        QCOMPARE(Price::of("101.245").toString(2), std::string("101.24"));
        QCOMPARE(Price::of("5").toString(4), std::string("5.0000"));
        QCOMPARE(Price::of("-0.004").toString(2), std::string("0.00"));  // no negative zero
        QCOMPARE(Price::of("0.12345678").toString(8), std::string("0.12345678"));
    }

    void roundsToLotsAndTicks() {
        const auto lot = Qty::of("100");
        QCOMPARE(Qty::of("1250").roundedToMultiple(lot, RoundingMode::Floor), Qty::of("1200"));
        QCOMPARE(Qty::of("1250").roundedToMultiple(lot, RoundingMode::HalfEven), Qty::of("1200"));
        QCOMPARE(Qty::of("1350").roundedToMultiple(lot, RoundingMode::HalfEven), Qty::of("1400"));
        QVERIFY(Qty::of("1200").isMultipleOf(lot));
        QVERIFY(!Qty::of("1250").isMultipleOf(lot));
        const auto tick = Price::of("0.05");
        QCOMPARE(Price::of("10.07").roundedToMultiple(tick, RoundingMode::HalfUp), Price::of("10.05"));
        QCOMPARE(Price::of("10.075").roundedToMultiple(tick, RoundingMode::HalfUp), Price::of("10.1"));
        QVERIFY(Price::of("10.15").isMultipleOf(tick));
        QVERIFY(!Price::of("10.151").isMultipleOf(tick));
        QVERIFY(!Price::of("1").isMultipleOf(Price{}));
    }

    void productsAreExactMoney() {
        // The product of 8-place factors has up to 16 places: none is lost.
        const auto notional = Qty::of("0.12345678") * Price::of("98765.43210987");
        QCOMPARE(notional.toString(), std::string("12193.2622235931564186"));
        QCOMPARE(Qty::of("3") * Price::of("0.1"), Money::of("0.3"));
        // A day's worth of large fills still adds up exactly.
        Money sum;
        for (int i = 0; i < 1000; ++i) sum += Qty::of("90000000000") * Price::of("90000.00000001");
        QCOMPARE(sum.toString(), std::string("8100000000000900000"));
    }

    void averagePriceRoundsHalfEven() {
        // 1 @ 10 + 2 @ 10.00000001 = 30.00000002 / 3 = 10.00000000666… → 10.00000001
        Money notional = Qty::of("1") * Price::of("10") + Qty::of("2") * Price::of("10.00000001");
        QCOMPARE(notional.dividedBy(Qty::of("3")), Price::of("10.00000001"));
        // An exact tie: 0.000000005 rounds to the even neighbour.
        QCOMPARE(Money::of("0.00000001").dividedBy(Qty::of("2")), Price::of("0"));
        QCOMPARE(Money::of("0.00000003").dividedBy(Qty::of("2")), Price::of("0.00000002"));
        QCOMPARE(Money::of("0.00000003").dividedBy(Qty::of("2"), RoundingMode::TowardZero), Price::of("0.00000001"));
        QVERIFY_THROWS_EXCEPTION(std::domain_error, notional.dividedBy(Qty{}));
    }

    void moneyParsesAndPrints() {
        QCOMPARE(Money::of("-1234.5678").toString(), std::string("-1234.5678"));
        QCOMPARE(Money::of("1234.5678").toString(2), std::string("1234.57"));
        QCOMPARE(Money::of("0.0000000000000001").raw(), decimal_detail::Wide(1));
        QVERIFY(!Money::parse("0.00000000000000001").ok());
        QVERIFY(!Money::parse("abc").ok());
        QCOMPARE(Money::fromInteger(-5).toString(), std::string("-5"));
    }
};

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"

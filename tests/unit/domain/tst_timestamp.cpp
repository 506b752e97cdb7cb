#include "domain/timestamp.h"

#include <QTest>

using namespace ob;
using namespace std::chrono;

class TestTimestamp final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formatsIsoUtc() {
        const Timestamp t = Timestamp(sys_days(2026y / November / 29).time_since_epoch() + 14h + 3min + 7s + 123456789ns);
        QCOMPARE(toIsoString(t), std::string("2026-11-29T14:03:07.123456789Z"));
        QCOMPARE(toIsoString(t - 456789ns), std::string("2026-11-29T14:03:07.123Z"));
        QCOMPARE(toIsoString(t - 123456789ns), std::string("2026-11-29T14:03:07.000Z"));
        QCOMPARE(tradeDateOf(t), std::string("20261129"));
    }

    void parsesWhatItFormats() {
        const Timestamp t = Timestamp(sys_days(2024y / February / 29).time_since_epoch() + 23h + 59min + 59s + 1000ns);
        QCOMPARE(parseIsoTimestamp(toIsoString(t)), std::optional<Timestamp>(t));
        QCOMPARE(parseIsoTimestamp("2024-02-29T23:59:59Z"), std::optional<Timestamp>(t - 1000ns));
    }

    void refusesMalformedText() {
        QVERIFY(!parseIsoTimestamp("2023-02-29T00:00:00Z"));  // not a leap year
        QVERIFY(!parseIsoTimestamp("2024-01-01 00:00:00"));
        QVERIFY(!parseIsoTimestamp("2024-01-01T00:00:00.Z"));
        QVERIFY(!parseIsoTimestamp("2024-01-01T25:00:00Z"));
        QVERIFY(!parseIsoTimestamp("2024-01-01T00:00:00Zjunk"));
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"

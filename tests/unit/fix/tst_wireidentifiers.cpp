#include "fix/wireidentifiers.h"

#include <QTest>

using namespace ob;

namespace {

const SecurityIds kIbm{"US4592001014", "459200101", "2005973", "XNYS"};

WireIdentifiers settings(std::string_view securityIdSource, std::string_view exDestination) {
    auto read = WireIdentifiers::read("BROKER", securityIdSource, exDestination);
    if (!read) qFatal("%s", read.error().c_str());
    return *read;
}

}  // namespace

/// A session's settings SecurityIDSource and ExDestination, and the fields they make of an instrument's identifiers.
class TestWireIdentifiers final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void withoutSettingsSymbolAlone() {
        const auto fields = settings("", "").fieldsFor("IBM", kIbm, "BROKER");
        QVERIFY(fields.ok());
        QCOMPARE(fields->securityId, std::string());
        QCOMPARE(fields->securityIdSource, std::string());
        QCOMPARE(fields->exDestination, std::string());
        // Nor does an instrument the desk knows no identifier of need one.
        QVERIFY(settings("", "").fieldsFor("AAPL", {}, "BROKER").ok());
    }

    void sourcesAndTheirCodes_data() {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("securityId");
        QTest::addColumn<QString>("code");
        QTest::newRow("ISIN") << "ISIN"
                              << "US4592001014"
                              << "4";
        QTest::newRow("CUSIP") << "CUSIP"
                               << "459200101"
                               << "1";
        QTest::newRow("SEDOL") << "SEDOL"
                               << "2005973"
                               << "2";
    }
    void sourcesAndTheirCodes() {
        QFETCH(QString, setting);
        QFETCH(QString, securityId);
        QFETCH(QString, code);
        const auto fields = settings(setting.toStdString(), "MIC").fieldsFor("IBM", kIbm, "BROKER");
        QVERIFY2(fields.ok(), fields.ok() ? "" : fields.error().c_str());
        QCOMPARE(fields->securityId, securityId.toStdString());
        QCOMPARE(fields->securityIdSource, code.toStdString());
        QCOMPARE(fields->exDestination, std::string("XNYS"));
    }

    void exDestinationAlone() {
        const auto fields = settings("", "MIC").fieldsFor("IBM", kIbm, "BROKER");
        QVERIFY(fields.ok());
        QCOMPARE(fields->securityId, std::string());
        QCOMPARE(fields->exDestination, std::string("XNYS"));
    }

    void refusesAnInstrumentWithoutTheIdentifier_data() {
        QTest::addColumn<QString>("securityIdSource");
        QTest::addColumn<QString>("exDestination");
        QTest::addColumn<QString>("error");
        QTest::newRow("ISIN") << "ISIN"
                              << ""
                              << "IBM has no ISIN, which session BROKER sends as SecurityID (SecurityIDSource=ISIN)";
        QTest::newRow("CUSIP") << "CUSIP"
                               << ""
                               << "IBM has no CUSIP, which session BROKER sends as SecurityID (SecurityIDSource=CUSIP)";
        QTest::newRow("SEDOL") << "SEDOL"
                               << ""
                               << "IBM has no SEDOL, which session BROKER sends as SecurityID (SecurityIDSource=SEDOL)";
        QTest::newRow("MIC") << ""
                             << "MIC"
                             << "IBM has no MIC, which session BROKER sends as ExDestination (ExDestination=MIC)";
    }
    void refusesAnInstrumentWithoutTheIdentifier() {
        QFETCH(QString, securityIdSource);
        QFETCH(QString, exDestination);
        QFETCH(QString, error);
        const auto fields =
            settings(securityIdSource.toStdString(), exDestination.toStdString()).fieldsFor("IBM", SecurityIds{}, "BROKER");
        QVERIFY(!fields.ok());
        QCOMPARE(fields.error(), error.toStdString());
    }

    void refusesSettingsItDoesNotKnow_data() {
        QTest::addColumn<QString>("securityIdSource");
        QTest::addColumn<QString>("exDestination");
        QTest::addColumn<QString>("error");
        QTest::newRow("a FIX code for a name") << "4"
                                               << ""
                                               << "FIX session BROKER: SecurityIDSource '4' is not ISIN, CUSIP or SEDOL";
        QTest::newRow("lower case") << "isin"
                                    << ""
                                    << "FIX session BROKER: SecurityIDSource 'isin' is not ISIN, CUSIP or SEDOL";
        QTest::newRow("ExDestination a venue") << ""
                                               << "XNYS"
                                               << "FIX session BROKER: ExDestination 'XNYS' is not MIC";
    }
    void refusesSettingsItDoesNotKnow() {
        QFETCH(QString, securityIdSource);
        QFETCH(QString, exDestination);
        QFETCH(QString, error);
        const auto read = WireIdentifiers::read("BROKER", securityIdSource.toStdString(), exDestination.toStdString());
        QVERIFY(!read.ok());
        QCOMPARE(read.error(), error.toStdString());
    }
};

QTEST_GUILESS_MAIN(TestWireIdentifiers)
#include "tst_wireidentifiers.moc"

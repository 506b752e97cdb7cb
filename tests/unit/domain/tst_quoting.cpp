#include "domain/quoting.h"

#include <QTest>

using namespace ob;

/// A bad value quoted in an error message: whole when short, its first 80 characters when long.
class TestQuoting final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void quotesAShortValueWhole() {
        QCOMPARE(inQuotes("GROWHT"), std::string("'GROWHT'"));
        QCOMPARE(inQuotes(""), std::string("''"));
        QCOMPARE(inQuotes(std::string(80, 'x')), "'" + std::string(80, 'x') + "'");
    }

    void cutsALongValueAfterEightyCharacters() {
        const std::string huge(10000, 'A');
        QCOMPARE(inQuotes(huge), "'" + std::string(80, 'A') + "…' (10000 characters)");
        QCOMPARE(inQuotes(std::string(81, 'b')), "'" + std::string(80, 'b') + "…' (81 characters)");
    }

    void clipsABareValueTheSameWay() {
        QCOMPARE(clipped("GROWHT"), std::string("GROWHT"));
        QCOMPARE(clipped(std::string(10000, 'A')), std::string(80, 'A') + "… (10000 characters)");
    }

    void cutsBetweenCharactersNeverInsideOne() {
        std::string euros;
        for (int i = 0; i < 100; ++i) euros += "€";  // three bytes each
        std::string first;
        for (int i = 0; i < 80; ++i) first += "€";
        QCOMPARE(inQuotes(euros), "'" + first + "…' (100 characters)");
    }
};

QTEST_GUILESS_MAIN(TestQuoting)
#include "tst_quoting.moc"

#include "util/csv.h"

#include <QTest>

using namespace ob;

class TestCsv final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsHeaderInAnyCaseAndOrder() {
        auto table = CsvTable::parse("Symbol, QTY ,side\nAAPL,100,BUY\r\nMSFT , 5 ,SELL\n");
        QVERIFY(table.ok());
        QCOMPARE(table->rows().size(), std::size_t(2));
        QCOMPARE(table->field(table->rows()[0], "qty"), std::string("100"));
        QCOMPARE(table->field(table->rows()[1], "SYMBOL"), std::string("MSFT"));
        QCOMPARE(table->field(table->rows()[1], "Qty"), std::string("5"));
        QCOMPARE(table->rows()[1].line, 3);
        QCOMPARE(table->field(table->rows()[0], "missing"), std::string());
    }

    void handlesQuotesAndEmbeddedSeparators() {
        auto table = CsvTable::parse("name,text\n\"Johnson & Johnson, Inc.\",\"said \"\"hi\"\"\nthen left\"\nlast,\"\"\n");
        QVERIFY(table.ok());
        QCOMPARE(table->rows().size(), std::size_t(2));
        QCOMPARE(table->rows()[0].fields[0], std::string("Johnson & Johnson, Inc."));
        QCOMPARE(table->rows()[0].fields[1], std::string("said \"hi\"\nthen left"));
        QCOMPARE(table->rows()[1].line, 4);  // the quoted line break counts
        QCOMPARE(table->rows()[1].fields[1], std::string());
    }

    void skipsBlankLinesAndByteOrderMark() {
        auto table = CsvTable::parse(
            "\xEF\xBB\xBF"
            "a,b\n\n1,2\n\n");
        QVERIFY(table.ok());
        QCOMPARE(table->headers()[0], std::string("a"));
        QCOMPARE(table->rows().size(), std::size_t(1));
        QCOMPARE(table->rows()[0].line, 3);
        auto noNewline = CsvTable::parse("a,b\n1,2");
        QCOMPARE(noNewline->rows().size(), std::size_t(1));
    }

    void reportsBrokenFilesWithTheLine() {
        auto open = CsvTable::parse("a,b\n1,\"unterminated\n");
        QVERIFY(!open.ok());
        QCOMPARE(open.error(), std::string("line 2: a quoted field is not closed"));
        auto wide = CsvTable::parse("a,b\n1,2\n1,2,3\n");
        QVERIFY(!wide.ok());
        QCOMPARE(wide.error(), std::string("line 3: 3 fields, but the header has 2"));
        QVERIFY(!CsvTable::parse("").ok());
        QVERIFY(!CsvTable::readFile("/nonexistent/file.csv").ok());
    }

    void refusesAColumnNamedTwice() {
        // A spreadsheet's second "qty" would otherwise be read or ignored by chance.
        auto twice = CsvTable::parse("\nsymbol,qty,side, QTY \nAAPL,1,BUY,2\n");
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error(), std::string("line 2: the column 'QTY' appears twice in the header"));
        // Columns without a name are never read: a spreadsheet's trailing empty ones stay harmless.
        auto unnamed = CsvTable::parse("symbol,qty,,\nAAPL,1,,\n");
        QVERIFY2(unnamed.ok(), unnamed.ok() ? "" : unnamed.error().c_str());
        QCOMPARE(unnamed->field(unnamed->rows()[0], "qty"), std::string("1"));
    }

    void namesMissingColumns() {
        auto table = CsvTable::parse("symbol,qty\n");
        auto status = table->requireColumns({"symbol", "side", "qty", "type"});
        QVERIFY(!status.ok());
        QCOMPARE(status.error(), std::string("the header lacks the column(s) side, type"));
    }

    void quotesFieldsOnWrite() {
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(csvField("say \"x\""), std::string("\"say \"\"x\"\"\""));
        QCOMPARE(csvField("two\nlines"), std::string("\"two\nlines\""));
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"

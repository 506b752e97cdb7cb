#include "formats/orderoperations.h"

#include "decimalprint.h"

#include <QTest>

using namespace ob;

namespace {

Result<std::vector<OrderOperation>> parse(std::string_view text, OrderOperationKind kind) {
    auto table = CsvTable::parse(text);
    if (!table) return Error{"the CSV does not parse: " + table.error()};
    return parseOrderOperations(*table, kind);
}

Instrument lotsOfTen() {
    Instrument instrument;
    instrument.symbol = "AAA";
    instrument.lotSize = Qty::of("10");
    instrument.tickSize = Price::of("0.05");
    return instrument;
}

OrderTerms limitOrder() { return {Qty::of("100"), OrdType::Limit, Price::of("10"), std::nullopt, TimeInForce::Day, {}}; }

}  // namespace

class TestOrderOperations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsOrdersByEitherIdentifier() {
        auto read = parse("Order_Id , CL_ORD_ID,account\n12,,GROWTH-PB\n,DESK-1,\n7,DESK-2,\n", OrderOperationKind::Cancel);
        QVERIFY2(read, read ? "" : read.error().c_str());
        QCOMPARE(read->size(), std::size_t(3));
        QCOMPARE((*read)[0].line, 2);
        QCOMPARE((*read)[0].order.orderId, std::optional<OrderId>(12));
        QVERIFY((*read)[0].order.clOrdId.empty());
        QCOMPARE((*read)[1].order.orderId, std::optional<OrderId>());
        QCOMPARE((*read)[1].order.clOrdId, std::string("DESK-1"));
        QCOMPARE((*read)[2].order.describe(), std::string("order_id 7, cl_ord_id DESK-2"));
        QVERIFY((*read)[2].change.isEmpty());
    }

    void aCancelFileIgnoresTheTermsColumns() {
        // An orders export names the terms each order has: a cancel file made from one cancels them.
        auto read = parse("cl_ord_id,qty,limit_price,tif\nDESK-1,100,10.5,DAY\n", OrderOperationKind::Cancel);
        QVERIFY2(read, read ? "" : read.error().c_str());
        QVERIFY(read->front().change.isEmpty());
    }

    void readsAnAmendEmptyMeaningUnchanged() {
        auto read =
            parse("cl_ord_id,qty,limit_price,stop_price,tif\nDESK-1,150,,,\nDESK-2,,10.25,,gtc\n", OrderOperationKind::Amend);
        QVERIFY2(read, read ? "" : read.error().c_str());
        const auto& first = (*read)[0].change;
        QCOMPARE(first.quantity, std::optional<Qty>(Qty::of("150")));
        QVERIFY(!first.limitPrice && !first.stopPrice && !first.timeInForce);
        const auto& second = (*read)[1].change;
        QVERIFY(!second.quantity);
        QCOMPARE(second.limitPrice, std::optional<Price>(Price::of("10.25")));
        QCOMPARE(second.timeInForce, std::optional<TimeInForce>(TimeInForce::GoodTillCancel));
    }

    void namesEveryBadRowAndReturnsNothing() {
        const auto read = parse(
            "order_id,cl_ord_id,qty,limit_price,stop_price,tif\n"
            "1,,100,,,\n"       // good
            ",,100,,,\n"        // no order
            "x1,,100,,,\n"      // not a desk order number
            "0,,100,,,\n"       // not from 1
            "2,,,,,\n"          // nothing to amend
            "3,,-5,,,\n"        // quantity
            "4,,,abc,,\n"       // price
            "5,,,,0,\n"         // stop price
            "6,,,,,GTD\n"       // tif
            "1,,200,,,\n"       // the same order again
            ",DESK-9,,10,,\n"   // good
            ",DESK-9,,11,,\n",  // the same order again
            OrderOperationKind::Amend);
        QVERIFY(!read);
        const QString error = QString::fromStdString(read.error());
        for (const char* expected : {
                 "line 3: give the order's cl_ord_id or order_id",
                 "line 4: order_id 'x1' is not an order number of the desk",
                 "line 5: order_id '0' is not an order number of the desk",
                 "line 6: nothing to amend: give qty, limit_price, stop_price or tif",
                 "line 7: qty must be positive, got '-5'",
                 "line 8: limit_price 'abc'",
                 "line 9: stop_price must be positive, got '0'",
                 "line 10: tif 'GTD' is not DAY, GTC, IOC or FOK",
                 "line 11: order_id 1 is named on line 2 too: one request per order",
                 "line 13: cl_ord_id DESK-9 is named on line 12 too",
             })
            QVERIFY2(error.contains(QString::fromUtf8(expected)),
                     qPrintable(QString::fromUtf8(expected) + QStringLiteral(" not in:\n") + error));
        QVERIFY2(!error.contains(QStringLiteral("line 2:")) && !error.contains(QStringLiteral("line 12:")), qPrintable(error));
        QCOMPARE(error.count(QLatin1Char('\n')), 9);  // one line per bad row, ten of them
    }

    void quotesAtMostEightyCharactersOfABadValue() {
        const std::string huge(500, '9');
        const auto read = parse("order_id\n" + huge + "x\n", OrderOperationKind::Cancel);
        QVERIFY(!read);
        QVERIFY2(read.error().size() < 200, read.error().c_str());
    }

    void refusesAFileWithoutIdentifiersOrRows() {
        const auto noColumn = parse("account,qty\nGROWTH-PB,100\n", OrderOperationKind::Cancel);
        QVERIFY(!noColumn);
        QCOMPARE(noColumn.error(), std::string("the file needs a cl_ord_id or an order_id column to name each order"));
        const auto noRows = parse("cl_ord_id\n", OrderOperationKind::Cancel);
        QVERIFY(!noRows);
        QCOMPARE(noRows.error(), std::string("the file names no orders"));
    }

    void amendsTheTermsGiven() {
        TermsChange change;
        change.quantity = Qty::of("150");
        change.timeInForce = TimeInForce::GoodTillCancel;
        const auto lots = lotsOfTen();
        auto terms = amendedTerms(limitOrder(), change, &lots);
        QVERIFY2(terms, terms ? "" : terms.error().c_str());
        QCOMPARE(terms->quantity, Qty::of("150"));
        QCOMPARE(terms->limitPrice, std::optional<Price>(Price::of("10")));
        QCOMPARE(terms->timeInForce, TimeInForce::GoodTillCancel);
    }

    void refusesTermsTheOrderCannotTake() {
        const auto lots = lotsOfTen();
        auto refusal = [&](TermsChange change) {
            auto terms = amendedTerms(limitOrder(), change, &lots);
            return terms ? std::string("accepted") : terms.error();
        };
        QCOMPARE(refusal({Qty::of("155"), {}, {}, {}}), std::string("qty 155 is not a multiple of AAA's lot of 10"));
        QCOMPARE(refusal({{}, Price::of("10.01"), {}, {}}), std::string("limit_price 10.01 is not on AAA's tick of 0.05"));
        QCOMPARE(refusal({{}, {}, Price::of("9"), {}}), std::string("a Limit order takes no stop price"));
        QCOMPARE(refusal({Qty::of("100"), Price::of("10"), {}, TimeInForce::Day}),
                 std::string("the order already has these terms"));
        auto market = limitOrder();
        market.type = OrdType::Market;
        market.limitPrice.reset();
        const auto priced = amendedTerms(market, {{}, Price::of("10"), {}, {}}, nullptr);
        QVERIFY(!priced);
        QCOMPARE(priced.error(), std::string("a Market order takes no limit price"));
    }
};

QTEST_GUILESS_MAIN(TestOrderOperations)
#include "tst_orderoperations.moc"

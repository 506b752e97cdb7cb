#include "portfolio/positionbook.h"

#include <QTest>

using namespace ob;

namespace {

ExecutionRecord trade(const std::string& execId, Side side, std::string_view qty, std::string_view px,
                      std::string symbol = "ACME") {
    ExecutionRecord record;
    record.execId = execId;
    record.execType = ExecType::Trade;
    record.symbol = std::move(symbol);
    record.side = side;
    record.lastQty = Qty::of(qty);
    record.lastPx = Price::of(px);
    return record;
}

ExecutionRecord bust(const std::string& execId, const std::string& ref, Side side) {
    auto record = trade(execId, side, "0", "0");
    record.execType = ExecType::TradeCancel;
    record.execRefId = ref;
    return record;
}

ExecutionRecord correction(const std::string& execId, const std::string& ref, Side side, std::string_view qty,
                           std::string_view px) {
    auto record = trade(execId, side, qty, px);
    record.execType = ExecType::TradeCorrect;
    record.execRefId = ref;
    return record;
}

}  // namespace

/// P&L by average cost on sequences of fills: adds, partial closes,
/// reversals through zero, shorts, busts and corrections.
class TestPositionBook final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void buysAverageTheirCost() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "10"), "A1");
        const auto* position = book.apply(trade("E2", Side::Buy, "300", "12"), "A1");
        QVERIFY(position);
        QCOMPARE(position->quantity, Qty::of("400"));
        QCOMPARE(position->cost, Money::of("4600"));
        QCOMPARE(position->averageCost(), Price::of("11.5"));
        QCOMPARE(position->realised, Money{});
        QCOMPARE(position->marketValue(Price::of("12.25")), Money::of("4900"));
        QCOMPARE(position->unrealised(Price::of("12.25")), Money::of("300"));
        QCOMPARE(position->bought, Qty::of("400"));
        QCOMPARE(position->trades, 2);
    }

    void aPartialCloseRealisesAgainstTheAverage() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "10"), "A1");
        book.apply(trade("E2", Side::Buy, "300", "12"), "A1");
        const auto* position = book.apply(trade("E3", Side::Sell, "100", "13"), "A1");
        QCOMPARE(position->quantity, Qty::of("300"));
        QCOMPARE(position->realised, Money::of("150"));  // 100 × (13 − 11.5)
        QCOMPARE(position->cost, Money::of("3450"));
        QCOMPARE(position->averageCost(), Price::of("11.5"));
        QCOMPARE(position->sold, Qty::of("100"));
    }

    void aRoundTripRealisesExactlyProceedsMinusCost() {
        // 1/3 has no exact decimal: the average is rounded, the full close settles the residue.
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "1", "10"), "A1");
        book.apply(trade("E2", Side::Buy, "1", "10"), "A1");
        book.apply(trade("E3", Side::Buy, "1", "10.01"), "A1");
        book.apply(trade("E4", Side::Sell, "1", "11"), "A1");
        const auto* position = book.apply(trade("E5", Side::Sell, "2", "9"), "A1");
        QCOMPARE(position->quantity, Qty{});
        QCOMPARE(position->cost, Money{});
        QCOMPARE(position->realised, Money::of("-1.01"));  // proceeds 11 + 2 × 9 = 29 less cost 10 + 10 + 10.01 = 30.01
    }

    void aSaleThroughZeroReversesToAShort() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "10"), "A1");
        const auto* position = book.apply(trade("E2", Side::Sell, "250", "11"), "A1");
        QCOMPARE(position->quantity, Qty::of("-150"));
        QCOMPARE(position->realised, Money::of("100"));
        QCOMPARE(position->cost, Money::of("-1650"));
        QCOMPARE(position->averageCost(), Price::of("11"));
        // The short gains when the price falls.
        QCOMPARE(position->unrealised(Price::of("10")), Money::of("150"));
        position = book.apply(trade("E3", Side::Buy, "50", "9"), "A1");
        QCOMPARE(position->quantity, Qty::of("-100"));
        QCOMPARE(position->realised, Money::of("200"));
        position = book.apply(trade("E4", Side::Buy, "200", "12"), "A1");
        QCOMPARE(position->quantity, Qty::of("100"));
        QCOMPARE(position->realised, Money::of("100"));  // lost 100 × (12 − 11) closing the short
        QCOMPARE(position->averageCost(), Price::of("12"));
    }

    void sellShortOpensAShort() {
        PositionBook book;
        const auto* position = book.apply(trade("E1", Side::SellShort, "10", "50"), "A1");
        QCOMPARE(position->quantity, Qty::of("-10"));
        QCOMPARE(position->cost, Money::of("-500"));
    }

    void accountsAndSymbolsAreSeparate() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "10", "5"), "A1");
        book.apply(trade("E2", Side::Buy, "20", "5"), "A2");
        book.apply(trade("E3", Side::Sell, "30", "7", "OTHER"), "A1");
        QCOMPARE(book.size(), std::size_t(3));
        QCOMPARE(book.find("A1", "ACME")->quantity, Qty::of("10"));
        QCOMPARE(book.find("A2", "ACME")->quantity, Qty::of("20"));
        QCOMPARE(book.find("A1", "OTHER")->quantity, Qty::of("-30"));
        QVERIFY(!book.find("A2", "OTHER"));
        QCOMPARE(book.indexOf("A1", "OTHER"), 2);
    }

    void aDuplicateExecutionIsIgnored() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "10", "5"), "A1");
        QVERIFY(!book.apply(trade("E1", Side::Buy, "10", "5"), "A1"));
        QCOMPARE(book.find("A1", "ACME")->quantity, Qty::of("10"));
    }

    void aBustRebuildsAsIfTheTradeNeverHappened() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "10"), "A1");
        book.apply(trade("E2", Side::Sell, "50", "12"), "A1");
        book.apply(trade("E3", Side::Buy, "100", "11"), "A1");
        const auto* position = book.apply(bust("E4", "E2", Side::Sell), "A1");
        QCOMPARE(position->quantity, Qty::of("200"));
        QCOMPARE(position->realised, Money{});
        QCOMPARE(position->cost, Money::of("2100"));
        QCOMPARE(position->sold, Qty{});
        QCOMPARE(position->trades, 2);
    }

    void aCorrectionReplacesQuantityAndPrice() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "10"), "A1");
        book.apply(trade("E2", Side::Sell, "50", "12"), "A1");
        const auto* position = book.apply(correction("E3", "E2", Side::Sell, "40", "12.5"), "A1");
        QCOMPARE(position->quantity, Qty::of("60"));
        QCOMPARE(position->realised, Money::of("100"));  // 40 × (12.5 − 10)
    }

    void aBustOfAnUnknownTradeChangesNothing() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "10"), "A1");
        QVERIFY(!book.apply(bust("E9", "NOPE", Side::Buy), "A1"));
        QCOMPARE(book.find("A1", "ACME")->quantity, Qty::of("100"));
    }

    void reportsThatAreNotTradesChangeNothing() {
        PositionBook book;
        auto accepted = trade("E1", Side::Buy, "0", "0");
        accepted.execType = ExecType::New;
        QVERIFY(!book.apply(accepted, "A1"));
        QCOMPARE(book.size(), std::size_t(0));
    }

    void restateAddsATradeTheFirstTime() {
        PositionBook book;
        const auto* position = book.restate("F1", "ACME", "T1", Qty::of("100"), Price::of("10"));
        QVERIFY(position);
        QCOMPARE(position->account, std::string("F1"));
        QCOMPARE(position->quantity, Qty::of("100"));
        QCOMPARE(position->cost, Money::of("1000"));
        QCOMPARE(position->bought, Qty::of("100"));
        QCOMPARE(position->trades, 1);
        QCOMPARE(book.find("F1", "ACME"), position);
    }

    void restatingATradeReplacesItsQuantityAndPrice() {
        PositionBook book;
        book.restate("F1", "ACME", "T1", Qty::of("100"), Price::of("10"));
        // Up: still one trade, now of 150.
        const auto* position = book.restate("F1", "ACME", "T1", Qty::of("150"), Price::of("10"));
        QCOMPARE(position->quantity, Qty::of("150"));
        QCOMPARE(position->cost, Money::of("1500"));
        QCOMPARE(position->bought, Qty::of("150"));
        QCOMPARE(position->trades, 1);
        // The same quantity at another price.
        position = book.restate("F1", "ACME", "T1", Qty::of("150"), Price::of("11"));
        QCOMPARE(position->quantity, Qty::of("150"));
        QCOMPARE(position->cost, Money::of("1650"));
        QCOMPARE(position->averageCost(), Price::of("11"));
        // To zero: as if it never traded.
        position = book.restate("F1", "ACME", "T1", Qty{}, Price::of("11"));
        QCOMPARE(position->quantity, Qty{});
        QCOMPARE(position->cost, Money{});
        QCOMPARE(position->realised, Money{});
        QCOMPARE(position->bought, Qty{});
        QCOMPARE(position->trades, 0);
        QCOMPARE(book.size(), std::size_t(1));
    }

    void restatingATradeRebuildsTheTradesAfterIt() {
        PositionBook book;
        book.restate("F1", "ACME", "T1", Qty::of("100"), Price::of("10"));
        const auto* position = book.apply(trade("E1", Side::Sell, "50", "12"), "F1");
        QCOMPARE(position->realised, Money::of("100"));
        // The sale now closes 50 of 200 bought at 10: the same realised P&L, a larger position.
        position = book.restate("F1", "ACME", "T1", Qty::of("200"), Price::of("10"));
        QCOMPARE(position->quantity, Qty::of("150"));
        QCOMPARE(position->cost, Money::of("1500"));
        QCOMPARE(position->realised, Money::of("100"));
        // Bought at 11 instead, the sale realises less.
        position = book.restate("F1", "ACME", "T1", Qty::of("200"), Price::of("11"));
        QCOMPARE(position->realised, Money::of("50"));
        QCOMPARE(position->cost, Money::of("1650"));
        // Without the restated trade, the sale alone opens a short.
        position = book.restate("F1", "ACME", "T1", Qty{}, Price::of("11"));
        QCOMPARE(position->quantity, Qty::of("-50"));
        QCOMPARE(position->cost, Money::of("-600"));
        QCOMPARE(position->realised, Money{});
        QCOMPARE(position->trades, 1);
    }

    void aTradeRestatedFirstGoesBeforeTheOthers() {
        PositionBook book;
        book.apply(trade("E1", Side::Buy, "100", "20"), "F1");
        book.apply(trade("E2", Side::Sell, "100", "20"), "F1");
        // 100 at 10 first: the sale closes 100 of 200 at an average of 15.
        const auto* position = book.restate("F1", "ACME", "OPEN", Qty::of("100"), Price::of("10"), true);
        QCOMPARE(position->quantity, Qty::of("100"));
        QCOMPARE(position->realised, Money::of("500"));
        QCOMPARE(position->cost, Money::of("1500"));
        QCOMPARE(position->trades, 3);
        // Restated again, it keeps its place.
        position = book.restate("F1", "ACME", "OPEN", Qty::of("100"), Price::of("12"), true);
        QCOMPARE(position->realised, Money::of("400"));
        QCOMPARE(position->cost, Money::of("1600"));
    }

    void aNegativeRestatementIsASale() {
        PositionBook book;
        const auto* position = book.restate("F1", "ACME", "T1", Qty::of("-40"), Price::of("5"));
        QCOMPARE(position->quantity, Qty::of("-40"));
        QCOMPARE(position->cost, Money::of("-200"));
        QCOMPARE(position->sold, Qty::of("40"));
    }
};

QTEST_GUILESS_MAIN(TestPositionBook)
#include "tst_positionbook.moc"

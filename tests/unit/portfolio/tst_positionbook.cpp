#include "portfolio/positionbook.h"

#include "domain/fixenums.h"

#include <QTest>

using namespace ob;

namespace {

/// A fill as the ledger books it: trade `id` of (account, symbol) at a signed quantity.
const Position* fill(PositionBook& book, const std::string& account, const std::string& id, Side side, std::string_view qty,
                     std::string_view px, const std::string& symbol = "ACME") {
    const Qty quantity = Qty::of(qty);
    return book.restate(account, symbol, id, side == Side::Buy ? quantity : -quantity, Price::of(px));
}

}  // namespace

/// P&L by average cost on sequences of fills: adds, partial closes,
/// reversals through zero, shorts, busts and corrections.
class TestPositionBook final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void buysAverageTheirCost() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "100", "10");
        const auto* position = fill(book, "A1", "E2", Side::Buy, "300", "12");
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
        fill(book, "A1", "E1", Side::Buy, "100", "10");
        fill(book, "A1", "E2", Side::Buy, "300", "12");
        const auto* position = fill(book, "A1", "E3", Side::Sell, "100", "13");
        QCOMPARE(position->quantity, Qty::of("300"));
        QCOMPARE(position->realised, Money::of("150"));  // 100 × (13 − 11.5)
        QCOMPARE(position->cost, Money::of("3450"));
        QCOMPARE(position->averageCost(), Price::of("11.5"));
        QCOMPARE(position->sold, Qty::of("100"));
    }

    void aRoundTripRealisesExactlyProceedsMinusCost() {
        // 1/3 has no exact decimal: the average is rounded, the full close settles the residue.
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "1", "10");
        fill(book, "A1", "E2", Side::Buy, "1", "10");
        fill(book, "A1", "E3", Side::Buy, "1", "10.01");
        fill(book, "A1", "E4", Side::Sell, "1", "11");
        const auto* position = fill(book, "A1", "E5", Side::Sell, "2", "9");
        QCOMPARE(position->quantity, Qty{});
        QCOMPARE(position->cost, Money{});
        QCOMPARE(position->realised, Money::of("-1.01"));  // proceeds 11 + 2 × 9 = 29 less cost 10 + 10 + 10.01 = 30.01
    }

    void aSaleThroughZeroReversesToAShort() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "100", "10");
        const auto* position = fill(book, "A1", "E2", Side::Sell, "250", "11");
        QCOMPARE(position->quantity, Qty::of("-150"));
        QCOMPARE(position->realised, Money::of("100"));
        QCOMPARE(position->cost, Money::of("-1650"));
        QCOMPARE(position->averageCost(), Price::of("11"));
        // The short gains when the price falls.
        QCOMPARE(position->unrealised(Price::of("10")), Money::of("150"));
        position = fill(book, "A1", "E3", Side::Buy, "50", "9");
        QCOMPARE(position->quantity, Qty::of("-100"));
        QCOMPARE(position->realised, Money::of("200"));
        position = fill(book, "A1", "E4", Side::Buy, "200", "12");
        QCOMPARE(position->quantity, Qty::of("100"));
        QCOMPARE(position->realised, Money::of("100"));  // lost 100 × (12 − 11) closing the short
        QCOMPARE(position->averageCost(), Price::of("12"));
    }

    void sellShortOpensAShort() {
        PositionBook book;
        const auto* position = fill(book, "A1", "E1", Side::SellShort, "10", "50");
        QCOMPARE(position->quantity, Qty::of("-10"));
        QCOMPARE(position->cost, Money::of("-500"));
    }

    void accountsAndSymbolsAreSeparate() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "10", "5");
        fill(book, "A2", "E2", Side::Buy, "20", "5");
        fill(book, "A1", "E3", Side::Sell, "30", "7", "OTHER");
        QCOMPARE(book.size(), std::size_t(3));
        QCOMPARE(book.find("A1", "ACME")->quantity, Qty::of("10"));
        QCOMPARE(book.find("A2", "ACME")->quantity, Qty::of("20"));
        QCOMPARE(book.find("A1", "OTHER")->quantity, Qty::of("-30"));
        QVERIFY(!book.find("A2", "OTHER"));
        QCOMPARE(book.indexOf("A1", "OTHER"), 2);
    }

    void aBustRebuildsAsIfTheTradeNeverHappened() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "100", "10");
        fill(book, "A1", "E2", Side::Sell, "50", "12");
        fill(book, "A1", "E3", Side::Buy, "100", "11");
        const auto* position = book.restate("A1", "ACME", "E2", Qty{}, Price::of("12"));
        QCOMPARE(position->quantity, Qty::of("200"));
        QCOMPARE(position->realised, Money{});
        QCOMPARE(position->cost, Money::of("2100"));
        QCOMPARE(position->sold, Qty{});
        QCOMPARE(position->trades, 2);
    }

    void aCorrectionReplacesQuantityAndPrice() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "100", "10");
        fill(book, "A1", "E2", Side::Sell, "50", "12");
        const auto* position = book.restate("A1", "ACME", "E2", Qty::of("-40"), Price::of("12.5"));
        QCOMPARE(position->quantity, Qty::of("60"));
        QCOMPARE(position->realised, Money::of("100"));  // 40 × (12.5 − 10)
    }

    void restatingATradeAsItStandsChangesNothing() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "10", "5");
        const auto* position = fill(book, "A1", "E1", Side::Buy, "10", "5");
        QCOMPARE(position->quantity, Qty::of("10"));
        QCOMPARE(position->trades, 1);
    }

    void aTrialTellsTheOutcomeAndChangesNothing() {
        PositionBook book;
        fill(book, "A1", "E1", Side::Buy, "100", "10");
        fill(book, "A1", "E2", Side::Sell, "50", "12");
        // A new fill, and a bust of E2, tried without being booked.
        const auto added = book.trial("A1", "ACME", "E3", Qty::of("100"), Price::of("11"));
        QCOMPARE(added.quantity, Qty::of("150"));
        QCOMPARE(added.cost, Money::of("1600"));  // 50 left at 10, then 100 at 11
        const auto busted = book.trial("A1", "ACME", "E2", Qty{}, Price::of("12"));
        QCOMPARE(busted.quantity, Qty::of("100"));
        QCOMPARE(busted.realised, Money{});
        const auto opened = book.trial("A2", "ACME", "E4", Qty::of("-5"), Price::of("9"));
        QCOMPARE(opened.quantity, Qty::of("-5"));
        QCOMPARE(book.find("A1", "ACME")->quantity, Qty::of("50"));
        QCOMPARE(book.find("A1", "ACME")->realised, Money::of("100"));
        QVERIFY(!book.find("A2", "ACME"));
        QCOMPARE(book.size(), std::size_t(1));
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
        const auto* position = fill(book, "F1", "E1", Side::Sell, "50", "12");
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
        fill(book, "F1", "E1", Side::Buy, "100", "20");
        fill(book, "F1", "E2", Side::Sell, "100", "20");
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

#include "portfolio/fundholdings.h"

#include "decimalprint.h"

#include <QTest>

using namespace ob;

namespace {

/// Two funds in dollars: GROWTH books account ACC1, INCOME books ACC2.
FundHoldings twoFunds() {
    FundHoldings holdings;
    holdings.setFunds({{"GROWTH", "Growth", "USD"}, {"INCOME", "Income", "USD"}});
    holdings.setAccounts({{"ACC1", "Growth main", "GROWTH"}, {"ACC2", "Income main", "INCOME"}});
    return holdings;
}

OpeningPosition opening(std::string fund, std::string symbol, std::string_view quantity, std::optional<Price> price = {}) {
    return {std::move(fund), std::move(symbol), Qty::of(quantity), price};
}

OpeningPosition cash(std::string fund, std::string_view amount) {
    return {std::move(fund), OpeningPosition::kCash, Qty::of(amount), std::nullopt};
}

ExecutionRecord trade(const std::string& execId, Side side, std::string_view qty, std::string_view px) {
    ExecutionRecord record;
    record.execId = execId;
    record.execType = ExecType::Trade;
    record.symbol = "ACME";
    record.side = side;
    record.lastQty = Qty::of(qty);
    record.lastPx = Price::of(px);
    return record;
}

Money cashOf(const FundHoldings& holdings, const std::string& fund, const std::string& currency = "USD") {
    const auto* found = holdings.find(fund);
    if (!found) return {};
    const auto it = found->cash.find(currency);
    return it == found->cash.end() ? Money{} : it->second;
}

const Position* positionOf(const FundHoldings& holdings, const std::string& fund, const std::string& symbol) {
    for (const auto* position : holdings.positionsOf(fund))
        if (position->symbol == symbol) return position;
    return nullptr;
}

}  // namespace

/// What each fund holds: its opening positions and cash, and the fills booked
/// to its accounts, with P&L by average cost from the opening valuation.
class TestFundHoldings final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void openingPositionsEnterAtTheirOpeningPrice() {
        auto holdings = twoFunds();
        holdings.setOpening({opening("GROWTH", "ACME", "100", Price::of("10")), cash("GROWTH", "25000"),
                             opening("INCOME", "ACME", "40", Price::of("10")), cash("INCOME", "5000")});
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("100"));
        QCOMPARE(holdings.quantity("INCOME", "ACME"), Qty::of("40"));
        const auto* position = positionOf(holdings, "GROWTH", "ACME");
        QVERIFY(position);
        QCOMPARE(position->cost, Money::of("1000"));
        QCOMPARE(position->averageCost(), Price::of("10"));
        QCOMPARE(position->realised, Money{});
        QCOMPARE(position->unrealised(Price::of("10.5")), Money::of("50"));
        // The opening position costs its opening value: it moves no cash.
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("25000"));
        QCOMPARE(holdings.find("GROWTH")->openingCash, Money::of("25000"));
        QCOMPARE(cashOf(holdings, "INCOME"), Money::of("5000"));
        QCOMPARE(holdings.openingPrice("ACME"), std::optional<Price>(Price::of("10")));
        QCOMPARE(holdings.openingPrice("OTHER"), std::optional<Price>());
        QCOMPARE(holdings.fundOf("ACC2"), std::string("INCOME"));
        QCOMPARE(holdings.fundOf("NOPE"), std::string());
    }

    void fillsCarryPnlQuantityAndCashThroughACloseAndAReversal() {
        auto holdings = twoFunds();
        holdings.setOpening({opening("GROWTH", "ACME", "100", Price::of("10")), cash("GROWTH", "50000")});

        const auto* fund = holdings.apply(trade("E1", Side::Buy, "100", "12"), "ACC1", "USD");
        QVERIFY(fund);
        QCOMPARE(*fund, std::string("GROWTH"));
        const auto* position = positionOf(holdings, "GROWTH", "ACME");
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("200"));
        QCOMPARE(position->cost, Money::of("2200"));
        QCOMPARE(position->averageCost(), Price::of("11"));
        QCOMPARE(position->realised, Money{});
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("48800"));

        // A partial close realises against the average of the opening price and the buy.
        holdings.apply(trade("E2", Side::Sell, "50", "13"), "ACC1", "USD");
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("150"));
        QCOMPARE(position->cost, Money::of("1650"));
        QCOMPARE(position->realised, Money::of("100"));
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("49450"));

        // Through zero: 150 closed at a loss of 150, then short 100 at 10.
        holdings.apply(trade("E3", Side::Sell, "250", "10"), "ACC1", "USD");
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("-100"));
        QCOMPARE(position->cost, Money::of("-1000"));
        QCOMPARE(position->realised, Money::of("-50"));
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("51950"));

        // Buying the short back at 9 gains 100 and leaves the fund flat in ACME.
        holdings.apply(trade("E4", Side::Buy, "100", "9"), "ACC1", "USD");
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty{});
        QVERIFY(!holdings.find("GROWTH")->quantities.count("ACME"));
        QCOMPARE(position->cost, Money{});
        QCOMPARE(position->realised, Money::of("50"));
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("51050"));
        // The flat position is still listed, with its P&L.
        QCOMPARE(holdings.positionsOf("GROWTH").size(), std::size_t(1));
        // The other fund saw none of it.
        QCOMPARE(holdings.quantity("INCOME", "ACME"), Qty{});
        QCOMPARE(cashOf(holdings, "INCOME"), Money{});
    }

    void openingPositionsImportedAfterTheDaysFillsStillComeFirst() {
        // The positions file arrives after the fund has bought 100 at 20 and sold them at 20.
        auto holdings = twoFunds();
        holdings.apply(trade("E1", Side::Buy, "100", "20"), "ACC1", "USD");
        holdings.apply(trade("E2", Side::Sell, "100", "20"), "ACC1", "USD");
        holdings.setOpening({opening("GROWTH", "ACME", "100", Price::of("10")), cash("GROWTH", "50000")});
        // As if the opening 100 at 10 came first: the sale at 20 closed 100 of 200 at an average of 15.
        const auto* position = positionOf(holdings, "GROWTH", "ACME");
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("100"));
        QCOMPARE(position->realised, Money::of("500"));
        QCOMPARE(position->cost, Money::of("1500"));
        QCOMPARE(position->trades, 3);
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("50000"));
    }

    void aFillOnAnUnknownAccountChangesNoFund() {
        auto holdings = twoFunds();
        QVERIFY(!holdings.apply(trade("E1", Side::Buy, "100", "12"), "NOPE", "USD"));
        QVERIFY(holdings.positionsOf("GROWTH").empty());
        QCOMPARE(holdings.find("GROWTH")->version, std::uint64_t(0));
    }

    void openingAgainReplacesTheFundsOpeningPositionsAndCash() {
        auto holdings = twoFunds();
        holdings.setOpening({opening("GROWTH", "ACME", "100", Price::of("10")), cash("GROWTH", "50000"),
                             opening("INCOME", "ACME", "40", Price::of("10")), cash("INCOME", "5000")});
        holdings.apply(trade("E1", Side::Buy, "10", "12"), "ACC1", "USD");
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("110"));
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("49880"));
        const auto versionBefore = holdings.find("GROWTH")->version;

        holdings.setOpening({opening("GROWTH", "OTHER", "20", Price::of("5")), cash("GROWTH", "30000")});
        // ACME's opening position is gone; the fill on top of it stays.
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("10"));
        QCOMPARE(positionOf(holdings, "GROWTH", "ACME")->cost, Money::of("120"));
        QCOMPARE(holdings.quantity("GROWTH", "OTHER"), Qty::of("20"));
        QCOMPARE(positionOf(holdings, "GROWTH", "OTHER")->cost, Money::of("100"));
        QCOMPARE(holdings.find("GROWTH")->openingCash, Money::of("30000"));
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("29880"));
        QVERIFY(holdings.find("GROWTH")->version > versionBefore);
        // A fund not named keeps what it had.
        QCOMPARE(holdings.quantity("INCOME", "ACME"), Qty::of("40"));
        QCOMPARE(cashOf(holdings, "INCOME"), Money::of("5000"));

        // Opened again with no ACME and no cash: only the fill is left.
        holdings.setOpening({opening("GROWTH", "OTHER", "20", Price::of("5"))});
        QCOMPARE(holdings.quantity("GROWTH", "ACME"), Qty::of("10"));
        QCOMPARE(cashOf(holdings, "GROWTH"), Money::of("-120"));
        QCOMPARE(holdings.find("GROWTH")->openingCash, Money{});
    }
};

QTEST_APPLESS_MAIN(TestFundHoldings)
#include "tst_fundholdings.moc"

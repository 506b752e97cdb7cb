#include "portfolio/ledger.h"

#include "decimalprint.h"

#include <QTest>

using namespace ob;

namespace {

/// Two dollar funds: GROWTH books account ACC1, INCOME books ACC2; ACME trades in dollars.
Ledger twoFunds() {
    Ledger ledger;
    ReferenceData reference;
    reference.funds = {{"GROWTH", "Growth", "USD"}, {"INCOME", "Income", "USD"}};
    reference.accounts = {{"ACC1", "Growth main", "GROWTH"}, {"ACC2", "Income main", "INCOME"}};
    Instrument acme;
    acme.symbol = "ACME";
    acme.currency = "USD";
    reference.instruments = {acme};
    ledger.setReference(reference);
    return ledger;
}

OrderState order(OrderId id, const std::string& account, Side side, std::string_view quantity) {
    OrderState state;
    state.id = id;
    state.account = account;
    state.symbol = "ACME";
    state.side = side;
    state.terms.quantity = Qty::of(quantity);
    return state;
}

/// A fill of the order as the order book holds it once applied.
ExecutionEntry fill(const std::string& execId, std::string_view qty, std::string_view px) {
    return {execId, {}, ExecType::Trade, false, Qty::of(qty), Price::of(px), Qty::of(qty), Price::of(px)};
}

/// A block buy of 1,000 ACME: 600 for ACC1 (GROWTH) and 400 for ACC2 (INCOME).
OrderState blockBuy() {
    auto state = order(7, "ACC1", Side::Buy, "1000");
    state.allocations = {{"ACC1", Qty::of("600")}, {"ACC2", Qty::of("400")}};
    return state;
}

void book(Ledger& ledger, const OrderState& state, ExecType type, const ExecutionEntry* trade) {
    auto booking = ledger.plan(state, type, trade);
    QVERIFY2(booking.ok(), booking.ok() ? "" : booking.error().c_str());
    ledger.commit(*booking);
}

Money cashOf(const Ledger& ledger, const std::string& fund) {
    const auto* held = ledger.funds().find(fund);
    const auto it = held ? held->cash.find("USD") : decltype(held->cash)::const_iterator{};
    return held && it != held->cash.end() ? it->second : Money{};
}

}  // namespace

/// The desk's one book of positions and cash: each fill the order book accepted, booked once by its order
/// and ExecID, to the account and its fund; nothing booked when a figure would go beyond the limits.
class TestLedger final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aFillIsBookedToItsAccountAndFund() {
        auto ledger = twoFunds();
        ledger.setOpening({{"GROWTH", OpeningPosition::kCash, Qty::of("10000"), std::nullopt}});
        const auto buy = order(1, "ACC1", Side::Buy, "100");
        const auto e1 = fill("E1", "100", "12");
        auto booking = ledger.plan(buy, ExecType::Trade, &e1);
        QVERIFY(booking.ok());
        const auto changed = ledger.commit(*booking);
        QCOMPARE(changed.accountPositions.size(), std::size_t(1));
        QCOMPARE(changed.accountPositions[0].account, std::string("ACC1"));
        QCOMPARE(changed.accountPositions[0].quantity, Qty::of("100"));
        QCOMPARE(changed.fundPositions.size(), std::size_t(1));
        QCOMPARE(changed.fundPositions[0].account, std::string("GROWTH"));
        QCOMPARE(changed.cash, (std::vector<FundCash>{{"GROWTH", "USD", Money::of("8800")}}));  // 10,000 − 100 × 12
        QCOMPARE(ledger.accountPositions().find("ACC1", "ACME")->cost, Money::of("1200"));
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("100"));
    }

    void theSameExecIdOnTwoOrdersIsTwoFills() {
        // A sell side that restarted numbers its ExecIDs from the start again: each order's E1 is its own fill.
        auto ledger = twoFunds();
        const auto first = order(1, "ACC1", Side::Sell, "5000");
        const auto second = order(2, "ACC1", Side::Sell, "7495");
        const auto e1 = fill("E00000001", "5000", "200");
        const auto again = fill("E00000001", "7495", "201");
        book(ledger, first, ExecType::Trade, &e1);
        book(ledger, second, ExecType::Trade, &again);
        QCOMPARE(ledger.accountPositions().find("ACC1", "ACME")->quantity, Qty::of("-12495"));
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("-12495"));
        QCOMPARE(cashOf(ledger, "GROWTH"), Money::of("2506495"));  // 5,000 × 200 + 7,495 × 201
    }

    void aCorrectionAndABustRestateTheTradeTheyName() {
        auto ledger = twoFunds();
        const auto buy = order(1, "ACC1", Side::Buy, "300");
        auto e1 = fill("E1", "100", "10");
        auto e2 = fill("E2", "200", "11");
        book(ledger, buy, ExecType::Trade, &e1);
        book(ledger, buy, ExecType::Trade, &e2);
        // The order book has corrected E1 to 150 at 10 and busted E2: the ledger books the trades as they now stand.
        e1.quantity = Qty::of("150");
        book(ledger, buy, ExecType::TradeCorrect, &e1);
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("350"));
        e2.busted = true;
        book(ledger, buy, ExecType::TradeCancel, &e2);
        QCOMPARE(ledger.accountPositions().find("ACC1", "ACME")->quantity, Qty::of("150"));
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("150"));
        QCOMPARE(cashOf(ledger, "GROWTH"), Money::of("-1500"));
    }

    void aReportThatIsNotAFillBooksNothing() {
        auto ledger = twoFunds();
        auto booking = ledger.plan(order(1, "ACC1", Side::Buy, "100"), ExecType::New, nullptr);
        QVERIFY(booking.ok());
        QVERIFY(booking->empty());
        QCOMPARE(ledger.accountPositions().size(), std::size_t(0));
    }

    void aFillBeyondTheLimitsIsRefusedAndChangesNothing() {
        // An opening position at the limit of ten billion units: one more share would pass it.
        auto ledger = twoFunds();
        ledger.setOpening({{"GROWTH", "ACME", Qty::of("10000000000"), Price::of("1")}});
        const auto e1 = fill("E1", "1000", "10");
        auto booking = ledger.plan(order(1, "ACC1", Side::Buy, "1000"), ExecType::Trade, &e1);
        QVERIFY(!booking.ok());
        QVERIFY2(booking.error().find("fund GROWTH's position in ACME 10000001000 is beyond the limit of 10000000000") !=
                     std::string::npos,
                 booking.error().c_str());
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("10000000000"));
        QVERIFY(!ledger.accountPositions().find("ACC1", "ACME"));
        QCOMPARE(cashOf(ledger, "GROWTH"), Money{});
    }

    void openingPositionsBeyondTheLimitsAreNamed() {
        const auto checked = Ledger::checkOpening({{"GROWTH", "ACME", Qty::of("92200000000"), Price::of("1")}});
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error(),
                 std::string("fund GROWTH's opening ACME 92200000000 is beyond the limit of 10000000000 units"));
        QVERIFY(!Ledger::checkOpening({{"GROWTH", "ACME", Qty::of("100"), Price::of("-1")}}).ok());
        QVERIFY(Ledger::checkOpening({{"GROWTH", "ACME", Qty::of("-100"), Price::of("10")}}).ok());
    }

    void aBlockOrderBooksEachAccountAndFundItsAllocationAsItFillsAndIsBusted() {
        auto ledger = twoFunds();
        ledger.setOpening({{"GROWTH", OpeningPosition::kCash, Qty::of("100000"), std::nullopt},
                           {"INCOME", OpeningPosition::kCash, Qty::of("50000"), std::nullopt}});
        auto block = blockBuy();

        // 101 at 10: 60.6 and 40.4, the unit left to the larger remainder.
        block.cumQty = Qty::of("101");
        block.notional = Money::of("1010");
        book(ledger, block, ExecType::Trade, nullptr);
        QCOMPARE(ledger.accountPositions().find("ACC1", "ACME")->quantity, Qty::of("61"));
        QCOMPARE(ledger.accountPositions().find("ACC2", "ACME")->quantity, Qty::of("40"));
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("61"));
        QCOMPARE(ledger.funds().quantity("INCOME", "ACME"), Qty::of("40"));
        QCOMPARE(cashOf(ledger, "GROWTH"), Money::of("99390"));
        QCOMPARE(cashOf(ledger, "INCOME"), Money::of("49600"));

        // 99 more at 11: 200 for 2,099, split 120 / 80 at the average of 10.495.
        block.cumQty = Qty::of("200");
        block.notional = Money::of("2099");
        book(ledger, block, ExecType::Trade, nullptr);
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("120"));
        QCOMPARE(ledger.funds().quantity("INCOME", "ACME"), Qty::of("80"));
        QCOMPARE(cashOf(ledger, "GROWTH"), Money::of("98740.6"));  // 100,000 − 120 × 10.495
        QCOMPARE(cashOf(ledger, "INCOME"), Money::of("49160.4"));   // 50,000 − 80 × 10.495
        // Each account holds one trade of its part, restated as the block filled.
        const auto* growth = ledger.accountPositions().find("ACC1", "ACME");
        QCOMPARE(growth->trades, 1);
        QCOMPARE(growth->cost, Money::of("1259.4"));
        QCOMPARE(growth->averageCost(), Price::of("10.495"));

        // The first fill is busted: 99 at 11 is left, 59.4 and 39.6, the unit now to INCOME.
        block.cumQty = Qty::of("99");
        block.notional = Money::of("1089");
        book(ledger, block, ExecType::TradeCancel, nullptr);
        QCOMPARE(ledger.funds().quantity("GROWTH", "ACME"), Qty::of("59"));
        QCOMPARE(ledger.funds().quantity("INCOME", "ACME"), Qty::of("40"));
        QCOMPARE(cashOf(ledger, "GROWTH"), Money::of("99351"));  // 100,000 − 59 × 11
        QCOMPARE(cashOf(ledger, "INCOME"), Money::of("49560"));  // 50,000 − 40 × 11
        QCOMPARE(ledger.accountPositions().find("ACC1", "ACME")->cost, Money::of("649"));
        QCOMPARE(ledger.accountPositions().find("ACC2", "ACME")->cost, Money::of("440"));
    }

    void aBlockAccountNotYetFilledHasNoPosition() {
        // 1 share of a 1,000 block: all of it to one account, none yet to the other.
        auto ledger = twoFunds();
        auto block = blockBuy();
        block.cumQty = Qty::of("1");
        block.notional = Money::of("10");
        book(ledger, block, ExecType::Trade, nullptr);
        QVERIFY(ledger.accountPositions().find("ACC1", "ACME"));
        QVERIFY(!ledger.accountPositions().find("ACC2", "ACME"));
    }
};

QTEST_APPLESS_MAIN(TestLedger)
#include "tst_ledger.moc"

#include "formats/basket.h"

#include "decimalprint.h"

#include <QTest>

using namespace ob;

namespace {

const std::string kSession = "FIX.4.4:BUYSIDE->BROKER1";

/// One instrument and three accounts of two funds.
ReferenceData reference() {
    ReferenceData data;
    Instrument aaa;
    aaa.symbol = "AAA";
    aaa.name = "AAA common";
    aaa.issuer = "AAA Corp";
    aaa.sector = "Technology";
    aaa.country = "US";
    aaa.currency = "USD";
    aaa.referencePrice = Price::of("10");
    data.instruments = {aaa};
    data.funds = {{"GROWTH", "Growth", "USD"}, {"INCOME", "Income", "USD"}};
    data.accounts = {{"GROWTH-PB", "Growth prime", "GROWTH"},
                     {"GROWTH-2", "Growth second", "GROWTH"},
                     {"INCOME-PB", "Income prime", "INCOME"}};
    return data;
}

/// Every broker (named or not) is the one session.
std::optional<std::string> oneBroker(std::string_view) { return kSession; }

Result<std::vector<NewOrderRequest>> parse(std::string_view text) {
    auto table = CsvTable::parse(text);
    if (!table) return Error{"the CSV does not parse: " + table.error()};
    return parseBasket(*table, reference(), oneBroker);
}

const char* kHeader = "account,symbol,side,qty,type,limit_price,tif,allocations\n";

std::vector<Allocation> allocations(const char* first, const char* second) {
    return {{"GROWTH-PB", Qty::of(first)}, {"INCOME-PB", Qty::of(second)}};
}

}  // namespace

class TestBasket final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsARowWithoutAllocations() {
        auto orders = parse(std::string(kHeader) + "GROWTH-PB,AAA,BUY,1000,LMT,10.5,DAY,\n");
        QVERIFY2(orders, orders ? "" : orders.error().c_str());
        QCOMPARE(orders->size(), std::size_t(1));
        const auto& order = orders->front();
        QCOMPARE(order.account, std::string("GROWTH-PB"));
        QCOMPARE(order.symbol, std::string("AAA"));
        QCOMPARE(order.side, Side::Buy);
        QCOMPARE(order.terms.quantity, Qty::of("1000"));
        QCOMPARE(order.terms.limitPrice, std::optional<Price>(Price::of("10.5")));
        QCOMPARE(order.session, kSession);
        QVERIFY(order.allocations.empty());
    }

    void allocatesByQuantity() {
        // The account column empty: the block's account is its first allocation's.
        auto orders = parse(std::string(kHeader) + ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;INCOME-PB=400\n");
        QVERIFY2(orders, orders ? "" : orders.error().c_str());
        QCOMPARE(orders->size(), std::size_t(1));
        const auto& order = orders->front();
        QCOMPARE(order.account, std::string("GROWTH-PB"));
        QCOMPARE(order.terms.quantity, Qty::of("1000"));
        QVERIFY(order.allocations == allocations("600", "400"));

        // Or the account column gives the first allocation's account.
        auto named = parse(std::string(kHeader) + "GROWTH-PB,AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;INCOME-PB=400\n");
        QVERIFY2(named, named ? "" : named.error().c_str());
        QCOMPARE(named->front().account, std::string("GROWTH-PB"));
        QVERIFY(named->front().allocations == allocations("600", "400"));
    }

    void allocatesByPercentageWithTheLargestRemainder() {
        // 60% of 1,001 is 600.6 and 40% is 400.4: the one unit left goes to the larger remainder, GROWTH-PB.
        auto orders = parse(std::string(kHeader) + ",AAA,BUY,1001,LMT,10,DAY,GROWTH-PB=60%;INCOME-PB=40%\n");
        QVERIFY2(orders, orders ? "" : orders.error().c_str());
        const auto& order = orders->front();
        QCOMPARE(order.account, std::string("GROWTH-PB"));
        QCOMPARE(order.allocations.size(), std::size_t(2));
        QCOMPARE(order.allocations[0].account, std::string("GROWTH-PB"));
        QCOMPARE(order.allocations[0].quantity, Qty::of("601"));
        QCOMPARE(order.allocations[1].account, std::string("INCOME-PB"));
        QCOMPARE(order.allocations[1].quantity, Qty::of("400"));

        // 30% of 1,001 is 300.3 and 70% is 700.7: here the unit goes to the second.
        auto second = parse(std::string(kHeader) + ",AAA,BUY,1001,LMT,10,DAY,GROWTH-PB=30%;INCOME-PB=70%\n");
        QVERIFY2(second, second ? "" : second.error().c_str());
        QVERIFY(second->front().allocations == allocations("300", "701"));

        // Equal remainders (500.5 each) and equal weights: the first in the row takes the unit.
        auto even = parse(std::string(kHeader) + ",AAA,BUY,1001,LMT,10,DAY,GROWTH-PB=50%;INCOME-PB=50%\n");
        QVERIFY2(even, even ? "" : even.error().c_str());
        QVERIFY(even->front().allocations == allocations("501", "500"));

        // Fractional percentages: 33.5% of 1,000 is 335, 66.5% is 665.
        auto fractional = parse(std::string(kHeader) + ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=33.5%;INCOME-PB=66.5%\n");
        QVERIFY2(fractional, fractional ? "" : fractional.error().c_str());
        QVERIFY(fractional->front().allocations == allocations("335", "665"));
    }

    void refusesBadAllocationsWithTheirLines() {
        auto orders = parse(std::string(kHeader) +
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=60%;INCOME-PB=30%\n"           // line 2
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=60%;INCOME-PB=400\n"           // line 3
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;NOPE=400\n"                // line 4
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;INCOME-PB=300\n"           // line 5
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB\n"                             // line 6
                            "GROWTH-PB,AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;INCOME-PB=400\n"  // line 7: fine
                            "\n"                                                               // line 8
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;INCOME-PB=0\n"             // line 9
                            "GROWTH-2,AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;INCOME-PB=400\n"   // line 10
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=1000\n"                        // line 11
                            ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=600;GROWTH-PB=400\n");         // line 12
        QVERIFY(!orders);
        QCOMPARE(orders.error(), std::string("line 2: allocations: the percentages add up to 90, not 100\n"
                                             "line 3: allocations: give every allocation as a quantity or every one as a "
                                             "percentage\n"
                                             "line 4: allocations: unknown account 'NOPE'\n"
                                             "line 5: allocations: the allocations add up to 900, the order is for 1000\n"
                                             "line 6: allocations: 'GROWTH-PB' is not ACCOUNT=QTY or ACCOUNT=PERCENT%\n"
                                             "line 9: allocations: the quantity of INCOME-PB is not positive: 0\n"
                                             "line 10: allocations: a block order's account is its first allocation's\n"
                                             "line 11: allocations: a block order needs at least two accounts\n"
                                             "line 12: allocations: account GROWTH-PB is allocated twice"));
    }

    void refusesAGoodTillCancelBlockBeforeAnythingIsSent() {
        // The engine refuses a GTC block; were the basket to pass it, the rows before it would go and it would not.
        auto orders = parse(std::string(kHeader) +
                            "GROWTH-PB,AAA,BUY,1000,LMT,10,GTC,\n"                      // line 2: one account, GTC is fine
                            ",AAA,BUY,1000,LMT,10,GTC,GROWTH-PB=600;INCOME-PB=400\n"    // line 3
                            ",AAA,BUY,1000,LMT,10,IOC,GROWTH-PB=60%;INCOME-PB=40%\n");  // line 4: IOC is within the day
        QVERIFY(!orders);
        QCOMPARE(orders.error(), std::string("line 3: allocations: a block order lasts the day (DAY, IOC or FOK): its fills "
                                             "are allocated to the funds within the day"));

        auto fine = parse(std::string(kHeader) + "GROWTH-PB,AAA,BUY,1000,LMT,10,GTC,\n" +
                          ",AAA,BUY,1000,LMT,10,FOK,GROWTH-PB=600;INCOME-PB=400\n");
        QVERIFY2(fine, fine ? "" : fine.error().c_str());
        QCOMPARE(fine->size(), std::size_t(2));
        QCOMPARE(fine->at(0).terms.timeInForce, TimeInForce::GoodTillCancel);
        QCOMPARE(fine->at(1).terms.timeInForce, TimeInForce::FillOrKill);
        QVERIFY(fine->at(1).allocations == allocations("600", "400"));
    }

    void refusesPercentagesOverOneHundred() {
        auto orders = parse(std::string(kHeader) + ",AAA,BUY,1000,LMT,10,DAY,GROWTH-PB=60%;INCOME-PB=50%\n");
        QVERIFY(!orders);
        QCOMPARE(orders.error(), std::string("line 2: allocations: the percentages add up to 110, not 100"));
    }

    void quotesAtMostEightyCharactersOfABadValue() {
        const std::string huge(10000, 'Z');
        const std::string shown = "'" + std::string(80, 'Z') + "…' (10000 characters)";
        auto orders = parse(std::string(kHeader) + huge + "," + huge + "," + huge + ",1000,LMT,10,DAY,\n");
        QVERIFY(!orders);
        QCOMPARE(orders.error(), "line 2: unknown account " + shown + "\nline 2: unknown symbol " + shown + "\nline 2: side " +
                                     shown + " is not BUY, SELL or SHORT");
    }
};

QTEST_GUILESS_MAIN(TestBasket)
#include "tst_basket.moc"

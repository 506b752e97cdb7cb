#include "portfolio/blockallocation.h"

#include "decimalprint.h"

#include <QTest>

using namespace ob;

namespace {

/// Allocations named A, B, C… with the quantities given, in that order.
std::vector<Allocation> allocations(std::initializer_list<std::string_view> quantities) {
    std::vector<Allocation> result;
    char account = 'A';
    for (const auto quantity : quantities) result.push_back({std::string(1, account++), Qty::of(quantity)});
    return result;
}

std::vector<Qty> quantities(std::initializer_list<std::string_view> values) {
    std::vector<Qty> result;
    for (const auto value : values) result.push_back(Qty::of(value));
    return result;
}

Qty sum(const std::vector<Qty>& parts) {
    Qty total;
    for (const auto part : parts) total += part;
    return total;
}

}  // namespace

/// A block order's fills split across its accounts: pro rata, whole units, the
/// remainder by a fixed rule, always adding up to what was filled.
class TestBlockAllocation final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anExactShareNeedsNoRounding() {
        QCOMPARE(splitProRata(allocations({"600", "400"}), Qty::of("500")), quantities({"300", "200"}));
        QCOMPARE(splitProRata(allocations({"100", "200", "300"}), Qty::of("300")), quantities({"50", "100", "150"}));
    }

    void theUnitLeftOverGoesToTheFirstListedOfEqualAccounts() {
        // 1,000 / 3 = 333⅓ each: every remainder is the same, so list order decides.
        QCOMPARE(splitProRata(allocations({"100", "100", "100"}), Qty::of("1000")), quantities({"334", "333", "333"}));
    }

    void theLargestRemainderWinsBeforeTheLargestAllocation() {
        // Shares 4.2, 2.1 and 0.7: the smallest account has the largest remainder.
        QCOMPARE(splitProRata(allocations({"600", "300", "100"}), Qty::of("7")), quantities({"4", "2", "1"}));
    }

    void equalRemaindersGoToTheLargerAllocationThenTheFirstListed() {
        // Shares 0.5 and 1.5: the same remainder, the larger allocation is listed second.
        QCOMPARE(splitProRata(allocations({"100", "300"}), Qty::of("2")), quantities({"0", "2"}));
        // Shares 0.5, 0.5 and 1: A and B tie on remainder and size; A is listed first.
        QCOMPARE(splitProRata(allocations({"100", "100", "200"}), Qty::of("2")), quantities({"1", "0", "1"}));
        // Shares 0.75, 1.5 and 0.75: two units left go to A and C (0.75) before B (0.5).
        QCOMPARE(splitProRata(allocations({"100", "200", "100"}), Qty::of("3")), quantities({"1", "1", "1"}));
    }

    void aFractionalQuantityGoesToTheNextAccountInOrder() {
        // Shares 3.5 each: 9 whole units, then 1.5 left: a unit to A, the half to B.
        QCOMPARE(splitProRata(allocations({"100", "100", "100"}), Qty::of("10.5")), quantities({"4", "3.5", "3"}));
        // Shares 5.25 each: only the quarter-units are left, and they go to A.
        QCOMPARE(splitProRata(allocations({"100", "100"}), Qty::of("10.5")), quantities({"5.5", "5"}));
    }

    void thePartsAlwaysAddUpToTheFilledQuantity() {
        const std::vector<std::vector<Allocation>> blocks{
            allocations({"1", "1", "1"}),
            allocations({"600", "400"}),
            allocations({"333", "333", "334"}),
            allocations({"7", "11", "13", "17", "19"}),
            allocations({"0.5", "1000000", "2.25"}),
        };
        const char* fills[]{"1", "2", "3", "7", "10.5", "99.99999999", "1000", "12345.678", "0.00000001"};
        for (const auto& block : blocks) {
            for (const char* filled : fills) {
                const auto parts = splitProRata(block, Qty::of(filled));
                QCOMPARE(parts.size(), block.size());
                QCOMPARE(sum(parts), Qty::of(filled));
                for (const auto part : parts) QVERIFY2(!part.isNegative(), filled);
            }
        }
    }

    void nothingFilledSplitsIntoZeros() {
        QCOMPARE(splitProRata(allocations({"600", "400"}), Qty{}), quantities({"0", "0"}));
        QCOMPARE(splitProRata({}, Qty::of("100")), std::vector<Qty>{});
    }

    void weightsSplitATotalIntoWholeUnits() {
        const auto split = allocateByWeight(
            {{"GROWTH", Money::of("0.5")}, {"INCOME", Money::of("0.3")}, {"CORE", Money::of("0.2")}}, Qty::of("1001"));
        QVERIFY2(split.ok(), split.ok() ? "" : split.error().c_str());
        // Shares 500.5, 300.3 and 200.2: the one unit left goes to the largest remainder.
        const std::vector<Allocation> expected{{"GROWTH", Qty::of("501")}, {"INCOME", Qty::of("300")}, {"CORE", Qty::of("200")}};
        QVERIFY(*split == expected);
    }

    void aWeightThatIsNotPositiveIsRefused() {
        const auto zero = allocateByWeight({{"GROWTH", Money::of("0.5")}, {"INCOME", Money::of("0")}}, Qty::of("100"));
        QVERIFY(!zero.ok());
        QCOMPARE(zero.error(), std::string("the weight of INCOME must be positive, not 0"));
        const auto negative = allocateByWeight({{"GROWTH", Money::of("-0.25")}}, Qty::of("100"));
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error(), std::string("the weight of GROWTH must be positive, not -0.25"));
    }

    void fillsSplitAtTheBlocksAveragePrice() {
        OrderState order;
        order.account = "ACC1";
        order.terms.quantity = Qty::of("1000");
        order.allocations = {{"ACC1", Qty::of("600")}, {"ACC2", Qty::of("400")}};
        // 101 at 10 and 99 at 11: 200 for 2,099, an average of 10.495.
        order.cumQty = Qty::of("200");
        order.notional = Money::of("2099");
        const auto fills = allocatedFills(order);
        QCOMPARE(fills.size(), std::size_t(2));
        QCOMPARE(fills[0].account, std::string("ACC1"));
        QCOMPARE(fills[0].quantity, Qty::of("120"));
        QCOMPARE(fills[0].price, Price::of("10.495"));
        QCOMPARE(fills[1].account, std::string("ACC2"));
        QCOMPARE(fills[1].quantity, Qty::of("80"));
        QCOMPARE(fills[1].price, Price::of("10.495"));
    }

    void theAveragePriceIsRoundedHalfEvenToEightPlaces() {
        OrderState order;
        order.allocations = {{"ACC1", Qty::of("2")}, {"ACC2", Qty::of("1")}};
        order.cumQty = Qty::of("3");
        order.notional = Money::of("31");  // 10.333…
        const auto fills = allocatedFills(order);
        QCOMPARE(fills.size(), std::size_t(2));
        QCOMPARE(fills[0].quantity, Qty::of("2"));
        QCOMPARE(fills[1].quantity, Qty::of("1"));
        QCOMPARE(fills[0].price, Price::of("10.33333333"));
    }

    void anOrderWithoutFillsOrAllocationsHasNoAllocatedFills() {
        OrderState block;
        block.allocations = {{"ACC1", Qty::of("600")}, {"ACC2", Qty::of("400")}};
        const auto unfilled = allocatedFills(block);
        QCOMPARE(unfilled.size(), std::size_t(2));
        QCOMPARE(unfilled[0].quantity, Qty{});
        QCOMPARE(unfilled[1].quantity, Qty{});
        QCOMPARE(unfilled[0].price, Price{});

        OrderState single;
        single.account = "ACC1";
        single.cumQty = Qty::of("100");
        single.notional = Money::of("1000");
        QVERIFY(allocatedFills(single).empty());
    }
};

QTEST_APPLESS_MAIN(TestBlockAllocation)
#include "tst_blockallocation.moc"

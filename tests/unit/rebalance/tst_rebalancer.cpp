// The rebalance rules on worked examples small enough to check by hand.
#include "rebalance/rebalancer.h"

#include <QTest>

#include <map>

using namespace ob;

namespace {

/// A: lot 1 at 100. B: lot 100 at 10. C: lot 1 at 50. X: lot 1 at 25.
const std::map<std::string, Instrument> kInstruments = {
    {"A", {"A", "A", "A", "Tech", "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of("100"), {}}},
    {"B", {"B", "B", "B", "Energy", "US", "USD", Qty::of("100"), Price::of("0.01"), Price::of("10"), {}}},
    {"C", {"C", "C", "C", "Energy", "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of("50"), {}}},
    {"X", {"X", "X", "X", "Energy", "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of("25"), {}}},
};

Result<RebalanceProposal> propose(const FundPosition& fund, std::vector<std::pair<std::string, const char*>> weights,
                                  RebalanceOptions options = {}) {
    ModelPortfolio model;
    for (const auto& [symbol, weight] : weights) model.weights.emplace_back(symbol, Money::of(weight));
    return proposeRebalance(
        fund, model, options,
        [](const std::string& symbol) {
            const auto found = kInstruments.find(symbol);
            return found == kInstruments.end() ? nullptr : &found->second;
        },
        [](const std::string& symbol) {
            const auto found = kInstruments.find(symbol);
            return found == kInstruments.end() ? std::nullopt : found->second.referencePrice;
        });
}

/// NAV 100,000: A 100 (10%), B 1,000 (10%), X 200 (5%), cash 75,000.
FundPosition fund() { return {{{"A", Qty::of("100")}, {"B", Qty::of("1000")}, {"X", Qty::of("200")}}, Money::of("75000")}; }

const ProposedTrade* tradeOf(const RebalanceProposal& proposal, const std::string& symbol) {
    for (const auto& trade : proposal.trades)
        if (trade.symbol == symbol) return &trade;
    return nullptr;
}

std::string whyLeft(const RebalanceProposal& proposal, const std::string& symbol) {
    for (const auto& left : proposal.leftAlone)
        if (left.symbol == symbol) return left.why;
    return {};
}

}  // namespace

class TestRebalancer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tradesEverythingToTargetInWholeLots() {
        // B's target of 5.3% is 530 shares: selling 470 rounds toward zero to 400, four lots of 100.
        const auto proposal = propose(fund(), {{"A", "0.15"}, {"B", "0.053"}, {"C", "0.10"}});
        QVERIFY2(proposal, proposal ? "" : proposal.error().c_str());
        QCOMPARE(proposal->nav, Money::of("100000"));
        QCOMPARE(proposal->trades.size(), std::size_t(4));
        // Sells first, then buys, each by symbol.
        QCOMPARE(proposal->trades[0].symbol, std::string("B"));
        QCOMPARE(proposal->trades[0].side, Side::Sell);
        QCOMPARE(proposal->trades[0].quantity, Qty::of("400"));
        QCOMPARE(proposal->trades[0].weightAfter, Money::of("0.06"));
        QCOMPARE(proposal->trades[1].symbol, std::string("X"));  // not in the model: a full exit, the whole holding
        QCOMPARE(proposal->trades[1].quantity, Qty::of("200"));
        QCOMPARE(proposal->trades[1].weightAfter, Money::of("0"));
        QCOMPARE(proposal->trades[2].symbol, std::string("A"));
        QCOMPARE(proposal->trades[2].side, Side::Buy);
        QCOMPARE(proposal->trades[2].quantity, Qty::of("50"));
        QCOMPARE(proposal->trades[2].weightBefore, Money::of("0.1"));
        QCOMPARE(proposal->trades[2].weightAfter, Money::of("0.15"));
        QCOMPARE(proposal->trades[2].targetWeight, Money::of("0.15"));
        QCOMPARE(proposal->trades[3].symbol, std::string("C"));  // a new name
        QCOMPARE(proposal->trades[3].quantity, Qty::of("200"));
        // 75,000 + 4,000 + 5,000 − 5,000 − 10,000.
        QCOMPARE(proposal->cashAfter, Money::of("69000"));
    }

    void leavesHoldingsWithinTheirBand() {
        // A at 10% against 10.5% is inside ±1 point; B at 10% against 8% is outside and goes back to 8%.
        const auto proposal =
            propose(fund(), {{"A", "0.105"}, {"B", "0.08"}, {"X", "0.05"}}, {Money::of("1"), {}, {}, true, true});
        QVERIFY(proposal);
        QCOMPARE(proposal->trades.size(), std::size_t(1));
        QCOMPARE(proposal->trades[0].symbol, std::string("B"));
        QCOMPARE(proposal->trades[0].quantity, Qty::of("200"));
        QCOMPARE(whyLeft(*proposal, "A"), std::string("within its band"));
        QCOMPARE(whyLeft(*proposal, "X"), std::string("within its band"));
        // Exactly on the band's edge is inside it: 10% against 11% with a band of 1 point.
        const auto edge = propose(fund(), {{"A", "0.11"}, {"B", "0.10"}, {"X", "0.05"}}, {Money::of("1"), {}, {}, true, true});
        QVERIFY(edge);
        QVERIFY(edge->trades.empty());
    }

    void scalesBuysDownWhenCashIsShort() {
        // NAV 100,000, no cash: A 500 (50%), B 5,000 (50%). The model exits B and wants A 70%, C 30%.
        const FundPosition invested{{{"A", Qty::of("500")}, {"B", Qty::of("5000")}}, Money{}};
        const auto exact = propose(invested, {{"A", "0.7"}, {"C", "0.3"}});
        QVERIFY(exact);
        QCOMPARE(tradeOf(*exact, "B")->quantity, Qty::of("5000"));  // sells fund buys: 50,000
        QCOMPARE(tradeOf(*exact, "A")->quantity, Qty::of("200"));
        QCOMPARE(tradeOf(*exact, "C")->quantity, Qty::of("600"));
        QCOMPARE(exact->cashAfter, Money::of("0"));

        // A 10-point cash buffer keeps 10,000: the 50,000 of buys shrink to 40,000, both by 0.8.
        const auto buffered = propose(invested, {{"A", "0.7"}, {"C", "0.3"}}, {{}, Money::of("10"), {}, true, true});
        QVERIFY(buffered);
        QCOMPARE(tradeOf(*buffered, "A")->quantity, Qty::of("160"));
        QCOMPARE(tradeOf(*buffered, "C")->quantity, Qty::of("480"));
        QCOMPARE(buffered->cashAfter, Money::of("10000"));

        // What the sale of A frees (10,000) is all the buffer keeps: nothing is left to buy C.
        const FundPosition onlyA{{{"A", Qty::of("1000")}}, Money{}};
        const auto starved = propose(onlyA, {{"A", "0.9"}, {"C", "0.1"}}, {{}, Money::of("10"), {}, true, true});
        QVERIFY(starved);
        QCOMPARE(tradeOf(*starved, "A")->quantity, Qty::of("100"));
        QVERIFY(!tradeOf(*starved, "C"));
        QCOMPARE(whyLeft(*starved, "C"), std::string("no cash above the buffer for it"));
    }

    void keepsToNewNamesAndFullExitsWhenTold() {
        const auto noNewNames = propose(fund(), {{"A", "0.1"}, {"B", "0.1"}, {"C", "0.1"}}, {{}, {}, {}, false, true});
        QVERIFY(noNewNames);
        QVERIFY(!tradeOf(*noNewNames, "C"));
        QCOMPARE(whyLeft(*noNewNames, "C"), std::string("a new name, and new names are not allowed"));
        QVERIFY(tradeOf(*noNewNames, "X"));  // still exits X
        const auto noExits = propose(fund(), {{"A", "0.1"}, {"B", "0.1"}}, {{}, {}, {}, true, false});
        QVERIFY(noExits);
        QVERIFY(!tradeOf(*noExits, "X"));
        QCOMPARE(whyLeft(*noExits, "X"), std::string("not in the model, and full exits are not allowed"));
    }

    void dropsTradesBelowTheMinimum() {
        // A buy of 5,000 and X's sale of 5,000 are below 5,001; B's sale of 4,000 too.
        const auto proposal =
            propose(fund(), {{"A", "0.15"}, {"B", "0.053"}, {"C", "0.10"}}, {{}, {}, Money::of("5001"), true, true});
        QVERIFY(proposal);
        QCOMPARE(proposal->trades.size(), std::size_t(1));
        QCOMPARE(proposal->trades[0].symbol, std::string("C"));
        QCOMPARE(whyLeft(*proposal, "X"), std::string("a sale below the minimum trade"));
        QCOMPARE(whyLeft(*proposal, "A"), std::string("a purchase below the minimum trade"));
    }

    void refusesWhatCannotBeRebalanced() {
        auto over = propose(fund(), {{"A", "0.6"}, {"B", "0.5"}});
        QVERIFY(!over);
        QCOMPARE(over.error(), std::string("the model's weights add up to 1.1, more than 1"));
        const FundPosition unknown{{{"Z", Qty::of("10")}}, Money::of("1000")};
        auto unpriced = propose(unknown, {{"A", "0.5"}});
        QVERIFY(!unpriced);
        QCOMPARE(unpriced.error(),
                 std::string("no price or exchange rate for Z, which the fund holds: the fund cannot be valued"));
        auto empty = propose({{}, Money{}}, {{"A", "0.5"}});
        QVERIFY(!empty);
    }
};

QTEST_APPLESS_MAIN(TestRebalancer)
#include "tst_rebalancer.moc"

// Finding 1 of the book of record, end to end: a sell side that numbers its ExecIDs from E…00000001 again after
// each of its restarts, and a desk restarted with it. Every fill counts once in the account's position, the
// fund's position and cash, and the post-trade compliance view: the figures are worked out by hand.
#include "decimalprint.h"
#include "reusedidsdesk.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;

namespace {

const Position* positionOf(const std::vector<Position>& positions, const char* account) {
    for (const auto& position : positions)
        if (position.account == account && position.symbol == "TSLA") return &position;
    return nullptr;
}

Money cashOf(const BookSnapshot& book) {
    for (const auto& cash : book.fundCash)
        if (cash.fund == "GROWTH" && cash.currency == "USD") return cash.amount;
    return Money::of("-1");
}

std::vector<Breach> postTradeBreaches(const BookSnapshot& book) {
    std::vector<Breach> found;
    for (const auto& breach : book.breaches)
        if (breach.stage == BreachStage::PostTrade) found.push_back(breach);
    return found;
}

/// The account's position, the fund's position and the fund's cash as the engine's book holds them.
void compareBook(const BookSnapshot& book, const char* accountQty, const char* accountCost, const char* accountRealised,
                 int accountTrades, const char* fundQty, const char* fundCost, const char* fundRealised, const char* cash) {
    const auto* account = positionOf(book.positions, "GROWTH-PB");
    QVERIFY(account);
    QCOMPARE(account->quantity, Qty::of(accountQty));
    QCOMPARE(account->cost, Money::of(accountCost));
    QCOMPARE(account->realised, Money::of(accountRealised));
    QCOMPARE(account->trades, accountTrades);
    const auto* fund = positionOf(book.fundPositions, "GROWTH");
    QVERIFY(fund);
    QCOMPARE(fund->quantity, Qty::of(fundQty));
    QCOMPARE(fund->cost, Money::of(fundCost));
    QCOMPARE(fund->realised, Money::of(fundRealised));
    QCOMPARE(cashOf(book), Money::of(cash));
}

}  // namespace

class TestReusedExecIds final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsEveryFillOfABrokerThatReusesItsExecIds() {
        QTemporaryDir dir;
        test::ReusedIdsDesk desk(dir.path().toStdString());
        const std::vector<std::string> firstIds{"ER-00000002", "ER-00000003", "ER-00000004"};

        desk.open("250");
        const auto buy = desk.trade(Side::Buy, "100");  // 33, 33 and 34 at 250
        QCOMPARE(desk.fillIds(buy.id), firstIds);
        desk.close();

        desk.open("260");
        const auto sell = desk.trade(Side::Sell, "12995");  // 4,331, 4,332 and 4,332 at 260, under the same ExecIDs
        QCOMPARE(desk.fillIds(sell.id), firstIds);
        QCOMPARE(sell.cumQty, Qty::of("12995"));
        // The account bought 100 at 250 and sold 12,995 at 260: 1,000 realised on the 100, 12,895 short at 260.
        // The fund's 500 at 240 and the 100 at 250 cost 145,000 and close at 260 for 156,000: 11,000 realised,
        // 12,395 short at 260. Cash: 1,000,000 - 25,000 + 3,378,700.
        auto book = desk.desk->engine->snapshot().get();
        compareBook(book, "-12895", "-3352700", "1000", 6, "-12395", "-3222700", "11000", "4353700");
        // Post-trade compliance reads the same book: 12,395 short is beyond the limit of 12,392.
        auto breaches = postTradeBreaches(book);
        QCOMPARE(breaches.size(), std::size_t(1));
        QCOMPARE(breaches[0].state, BreachState::Open);
        QCOMPARE(breaches[0].finding.after, Money::of("12395"));
        desk.close();

        desk.open("255");
        const auto cover = desk.trade(Side::Buy, "5");  // 1, 2 and 2 at 255, the same ExecIDs a third time
        QCOMPARE(desk.fillIds(cover.id), firstIds);
        // Each short of 260 covered at 255 realises 5: 25 more for the account and the fund; cash pays 1,275.
        book = desk.desk->engine->snapshot().get();
        compareBook(book, "-12890", "-3351400", "1025", 9, "-12390", "-3221400", "11025", "4352425");
        // 12,390 short is within the limit again: the breach is resolved.
        breaches = postTradeBreaches(book);
        QCOMPARE(breaches.size(), std::size_t(1));
        QCOMPARE(breaches[0].state, BreachState::Resolved);

        // And once more from the store alone.
        desk.close();
        desk.open("255");
        book = desk.desk->engine->snapshot().get();
        compareBook(book, "-12890", "-3351400", "1025", 9, "-12390", "-3221400", "11025", "4352425");
        QCOMPARE(book.executions.size(), std::size_t(12));  // each order's New and three fills
        QCOMPARE(postTradeBreaches(book).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestReusedExecIds)
#include "tst_reusedexecids.moc"

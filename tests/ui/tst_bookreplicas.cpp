// The desk's windows keep copies of the engine's one book of fills: the positions blotter's model and the funds'
// book, fed through the engine feed. Against a broker that reuses its ExecIDs after each restart, they show
// every fill once, with the same figures as the engine's book (finding 1 of the book of record).
#include "decimalprint.h"
#include "enginefeed.h"
#include "market/marketprices.h"
#include "models/executionstablemodel.h"
#include "models/instrumentdirectory.h"
#include "models/orderstablemodel.h"
#include "models/portfoliobook.h"
#include "models/positionstablemodel.h"
#include "models/stagedlistsmodel.h"
#include "reusedidsdesk.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;

namespace {

/// The models of the desk's windows, following one engine as the main window's do.
struct Replicas {
    Replicas(OrderEngine& engine, const ReferenceData& reference, const MarketPrices& prices)
        : instruments(reference.instruments)
        , orders(instruments)
        , executions(instruments, [this](OrderId id) { return orders.accountOf(id); })
        , positions(instruments, reference.accounts)
        , funds(reference, prices)
        , lists(reference.fxRates, [](const std::string&) { return std::string("USD"); })
        , feed(engine) {
        lists.follow(feed);
        orders.follow(feed);
        executions.follow(feed);
        positions.follow(feed);
        funds.follow(feed);
    }

    const Position* position(const char* account, const char* symbol) const {
        for (int row = 0; row < positions.rowCount(); ++row)
            if (const auto* position = positions.positionAt(row); position->account == account && position->symbol == symbol)
                return position;
        return nullptr;
    }
    Qty fundHolding(const char* symbol) const {
        for (const auto& row : funds.currentHoldings("GROWTH"))
            if (row.symbol == symbol) return row.quantity;
        return Qty::of("-1");
    }

    ui::InstrumentDirectory instruments;
    ui::OrdersTableModel orders;
    ui::ExecutionsTableModel executions;
    ui::PositionsTableModel positions;
    ui::PortfolioBook funds;
    ui::StagedListsModel lists;
    ui::EngineFeed feed;
};

}  // namespace

class TestBookReplicas final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showEveryFillOfABrokerThatReusesItsExecIds() {
        QTemporaryDir dir;
        const auto reference = test::ReusedIdsDesk::reference();
        MarketPrices prices;
        std::unique_ptr<Replicas> replicas;
        test::ReusedIdsDesk desk(dir.path().toStdString());
        // Each start of the desk makes its windows anew, before its engine runs.
        desk.beforeStart = [&](OrderEngine& engine) {
            replicas.reset();
            replicas = std::make_unique<Replicas>(engine, reference, prices);
        };

        desk.open("250");
        replicas->feed.start();
        desk.trade(Side::Buy, "100");
        desk.close();
        desk.open("260");
        replicas->feed.start();
        desk.trade(Side::Sell, "12995");  // three fills under the ExecIDs of the buy's
        QVERIFY(desk.desk->engine->sync(std::chrono::seconds(10)));
        desk.desk->engine->snapshot().get();  // every change set of the fills is published by now
        replicas->feed.drain();
        // Bought 100 at 250, sold 12,995 at 260: 12,895 short at 260 and 1,000 realised.
        const auto* account = replicas->position("GROWTH-PB", "TSLA");
        QVERIFY(account);
        QCOMPARE(account->quantity, Qty::of("-12895"));
        QCOMPARE(account->cost, Money::of("-3352700"));
        QCOMPARE(account->realised, Money::of("1000"));
        QCOMPARE(account->trades, 6);
        QCOMPARE(replicas->positions.data(replicas->positions.index(0, ui::PositionsTableModel::Quantity),
                                          ui::PositionsTableModel::RawValueRole),
                 QVariant(qlonglong(Qty::of("-12895").raw())));
        // The fund's 500 at 240 and the 100 bought at 250 close at 260 (11,000 realised); 12,395 short remain;
        // cash: 1,000,000 - 25,000 + 3,378,700.
        QCOMPARE(replicas->fundHolding("TSLA"), Qty::of("-12395"));
        QCOMPARE(replicas->fundHolding("CASH"), Qty::of("4353700"));
        QCOMPARE(replicas->funds.value("GROWTH").realised, Money::of("11000"));
        desk.close();

        // Restarted once more, the windows start from the engine's snapshot: the same figures.
        desk.open("260");
        replicas->feed.start();
        account = replicas->position("GROWTH-PB", "TSLA");
        QVERIFY(account);
        QCOMPARE(account->quantity, Qty::of("-12895"));
        QCOMPARE(account->realised, Money::of("1000"));
        QCOMPARE(replicas->fundHolding("TSLA"), Qty::of("-12395"));
        QCOMPARE(replicas->fundHolding("CASH"), Qty::of("4353700"));
    }
};

QTEST_MAIN(TestBookReplicas)
#include "tst_bookreplicas.moc"

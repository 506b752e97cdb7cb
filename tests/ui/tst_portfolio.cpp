// The portfolio manager's desk and the path of a rebalance, driven as users
// drive them on a real desk (its simulated broker over loopback FIX, a real
// SQLite file): a PM rebalances a fund of 500 holdings to a model, sees the
// what-if compliance, edits and approves; a trader releases the staged list;
// the fills move the fund's weights to the targets. Also block orders
// allocated to two funds, the model editor and the positions import.
#include "deskwindow.h"

#include "dialogs/modelsdialog.h"
#include "dialogs/rebalancedialog.h"
#include "engine/orderengine.h"
#include "enginefeed.h"
#include "fix/fixgateway.h"
#include "fix/messagelog.h"
#include "formats/rulesfile.h"
#include "models/fundholdingsmodel.h"
#include "models/orderstablemodel.h"
#include "models/portfoliobook.h"
#include "models/positionstablemodel.h"
#include "models/stagedlistsmodel.h"
#include "panels/fundspanel.h"
#include "panels/stagedlistspanel.h"
#include "store/sqlitestore.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace ob;

namespace {

const Actor kManager{"pm", Role::PortfolioManager};
constexpr int kHoldings = 500;
constexpr const char* kRestricted = "S0007";  ///< on the restricted list: a buy of it is blocked

std::string symbolOf(int i) { return QStringLiteral("S%1").arg(i, 4, 10, QLatin1Char('0')).toStdString(); }

/// A data directory holding one fund of 500 holdings, each off its equal-weight target by a
/// different amount, and the equal-weight model; the desk opens on it as an existing desk.
void prepareBigFund(const QString& directory) {
    auto store = store::SqliteStore::open(std::filesystem::path(directory.toStdString()) / "openblotter.db");
    if (!store) qFatal("%s", store.error().c_str());
    ReferenceData reference;
    reference.funds.push_back({"BIG", "Big equal-weight fund", "USD"});
    reference.accounts.push_back({"BIG-PB", "Big fund, prime broker", "BIG"});
    reference.fxRates.set("USD", Price::fromInteger(1));
    std::vector<OpeningPosition> positions;
    ModelPortfolio model{"EQUAL-500", {}};
    for (int i = 1; i <= kHoldings; ++i) {
        const auto symbol = symbolOf(i);
        const Price price = Price::fromInteger(20 + i % 80);
        reference.instruments.push_back({symbol, "Company " + symbol, "Issuer " + symbol, "Sector " + std::to_string(i % 11),
                                         i % 3 ? "US" : "CA", "USD", Qty::fromInteger(1), Price::of("0.01"), price});
        // Targets are 0.19% of a 100,000,000 NAV (190,000 each); holdings range from about 60% to 140% of that.
        const std::int64_t value = 190'000 * (60 + (i * 37) % 81) / 100;
        positions.push_back({"BIG", symbol, Qty::fromInteger(value / (20 + i % 80)), price});
        model.weights.emplace_back(symbol, Money::of("0.0019"));
    }
    positions.push_back({"BIG", OpeningPosition::kCash, Qty::fromInteger(5'000'000), std::nullopt});
    if (auto saved = (*store)->saveReferenceData(reference); !saved) qFatal("%s", saved.error().c_str());
    if (auto saved = (*store)->saveOpeningPositions(positions); !saved) qFatal("%s", saved.error().c_str());
    if (auto saved = (*store)->saveModel(model, {0, nowUtc(), "test", Role::Administrator, "model.save", "model EQUAL-500", ""});
        !saved)
        qFatal("%s", saved.error().c_str());
}

void setRules(test::DeskWindow& desk, const char* json) {
    auto rules = parseRulesFile(json);
    if (!rules) qFatal("%s", rules.error().c_str());
    if (auto set = desk.desk->engine().setRules(*rules, {"admin", Role::Administrator}, "test rules").get(); !set)
        qFatal("%s", set.error().c_str());
}

/// The main window of another user on the same desk.
std::unique_ptr<ui::MainWindow> windowFor(test::DeskWindow& desk, Actor actor) {
    auto window = std::make_unique<ui::MainWindow>(ui::DeskServices{
        desk.desk->engine(), desk.desk->gateway(), desk.desk->store(),
        [store = &desk.desk->store()] { return store->loadModels(); }, desk.desk->prices(), desk.desk->referenceData(),
        [raw = desk.desk.get()](const ReferenceData& reference) { raw->takeReference(reference); }, QStringLiteral("Test desk"),
        QString(), std::move(actor)});
    window->start();
    return window;
}

void waitForModels(ui::MainWindow& window) {
    auto* models = window.fundsPanel()->findChild<QComboBox*>(QStringLiteral("modelCombo"));
    QVERIFY(QTest::qWaitFor([models] { return models->count() > 1; }, 5000));
}

int rowOf(QTableWidget* table, int column, const QString& text) {
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, column)->text() == text) return row;
    return -1;
}

Money weightOf(const FundValuation& valuation, const std::string& symbol) {
    for (const auto& holding : valuation.holdings)
        if (holding.symbol == symbol) return holding.weight;
    return {};
}

Money distance(Money weight, Money target) {
    const Money gap = weight - target;
    return gap.isNegative() ? Money{} - gap : gap;
}

/// Releases the whole list from the trader's panel and waits until every order is finished.
void releaseAndWaitForFills(ui::MainWindow& trader, std::int64_t listId, int expectedSent) {
    QVERIFY(QTest::qWaitFor([&] { return trader.listsModel().rowOf(listId) >= 0; }, 5000));
    auto* panel = trader.stagedListsPanel();
    panel->selectList(listId);
    QCOMPARE(panel->currentList(), listId);
    QSignalSpy released(panel, &ui::StagedListsPanel::released);
    panel->releaseAll();
    QVERIFY(released.wait(20000));
    QCOMPARE(released.at(0).at(0).toInt(), expectedSent);
    QCOMPARE(released.at(0).at(2).toInt(), 0);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     const auto progress = trader.listsModel().progress(listId);
                     return progress.orders == expectedSent && progress.staged == 0 && progress.done == progress.orders;
                 },
                 60000),
             "the released orders did not finish");
}

}  // namespace

class TestPortfolio : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings("tst_portfolio"); }

    void pmRebalancesAFundOf500HoldingsAndATraderReleasesIt() {
        QTemporaryDir dir;
        prepareBigFund(dir.path());
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kManager);
        setRules(desk, R"({"format": "openblotter-rules", "version": 1, "rules": [
            {"id": 1, "name": "Restricted list", "kind": "restricted_list", "severity": "block",
             "restriction": "no_buy", "symbols": ["S0007"]}]})");
        auto& pm = *desk.window;
        waitForModels(pm);
        QVERIFY(QTest::qWaitFor([&] { return pm.portfolioBook().version("BIG") > 0; }, 5000));
        const auto before = pm.portfolioBook().value("BIG");
        QCOMPARE(int(before.holdings.size()), kHoldings);
        QCOMPARE(before.cash, Money::of("5000000"));
        // At the opening prices the fund is worth 99,994,745: 5,000,000 cash and 94,994,745 in the 500 holdings,
        // each the whole shares that its value in prepareBigFund buys at its price (summed apart from the
        // program). The simulated broker moves prices by a cent or two a second: the valuation may be a little off.
        QVERIFY2(distance(before.nav, Money::of("99994745")) < Money::of("100000"), before.nav.toString().c_str());

        // The PM proposes: band 0.02 points, no cash buffer to speak of, no minimum trade.
        auto* dialog = pm.openRebalance();
        QVERIFY(dialog);
        dialog->chooseFunds({QStringLiteral("BIG")});
        dialog->chooseModel(QStringLiteral("EQUAL-500"));
        dialog->setLimits(0.02, 0.5, 0);
        QSignalSpy proposed(dialog, &ui::RebalanceDialog::proposed);
        dialog->propose();
        QVERIFY2(proposed.wait(60000), qPrintable(dialog->statusText()));
        auto* table = dialog->table();
        const Money target = Money::of("0.0019");
        const Money band = Money::of("0.0002");
        int outside = 0;
        for (const auto& holding : before.holdings) outside += distance(holding.weight, target) > band ? 1 : 0;
        QVERIFY(outside > 300);
        QCOMPARE(table->rowCount(), outside);

        // The what-if compliance marks the buy of the restricted name, and only it.
        const int restricted = rowOf(table, ui::RebalanceDialog::Symbol, QString::fromLatin1(kRestricted));
        QVERIFY(restricted >= 0);
        QCOMPARE(table->item(restricted, ui::RebalanceDialog::SideColumn)->text(), QStringLiteral("Buy"));
        QCOMPARE(table->item(restricted, ui::RebalanceDialog::ComplianceVerdict)->text(), QStringLiteral("Block"));
        QVERIFY(
            table->item(restricted, ui::RebalanceDialog::ComplianceVerdict)->toolTip().contains(QStringLiteral("Restricted")));
        int blocked = 0;
        for (int row = 0; row < table->rowCount(); ++row)
            blocked += table->item(row, ui::RebalanceDialog::ComplianceVerdict)->text() == QStringLiteral("Pass") ? 0 : 1;
        QCOMPARE(blocked, 1);

        // The PM drops it, halves another order, checks again and approves.
        table->item(restricted, ui::RebalanceDialog::Include)->setCheckState(Qt::Unchecked);
        const int halved = restricted == 0 ? 1 : 0;
        const auto halvedSymbol = table->item(halved, ui::RebalanceDialog::Symbol)->text().toStdString();
        const Qty proposedQty =
            *Qty::parse(table->item(halved, ui::RebalanceDialog::Quantity)->text().remove(QLatin1Char(',')).toStdString());
        const Qty half = Qty::fromRaw(proposedQty.raw() / 2 / Qty::kOne * Qty::kOne);
        table->item(halved, ui::RebalanceDialog::Quantity)->setText(QString::fromStdString(half.toString()));
        QCOMPARE(table->item(halved, ui::RebalanceDialog::Quantity)->text().remove(QLatin1Char(',')),
                 QString::fromStdString(half.toString()));
        QSignalSpy checked(dialog, &ui::RebalanceDialog::checked);
        dialog->checkAgain();
        QVERIFY(checked.wait(30000));
        QCOMPARE(table->item(restricted, ui::RebalanceDialog::ComplianceVerdict)->text(), QStringLiteral("Pass"));  // dropped
        // What the dialog proposed, before it closes on approval.
        std::vector<std::string> proposedSymbols;
        for (int row = 0; row < table->rowCount(); ++row)
            if (row != restricted) proposedSymbols.push_back(table->item(row, ui::RebalanceDialog::Symbol)->text().toStdString());
        QSignalSpy staged(dialog, &ui::RebalanceDialog::staged);
        dialog->approve();
        QVERIFY(staged.wait(20000));
        const auto list = staged.at(0).at(0).value<OrderList>();
        QCOMPARE(staged.at(0).at(1).toInt(), outside - 1);
        QCOMPARE(list.createdBy, kManager.user);
        QCOMPARE(list.fund, std::string("BIG"));

        // Nothing went to the broker: the list waits, staged, carrying the PM's name.
        auto trader = windowFor(desk, test::trader());
        QVERIFY(QTest::qWaitFor([&] { return trader->listsModel().rowOf(list.id) >= 0; }, 5000));
        const auto listRow = trader->listsModel().rowOf(list.id);
        QCOMPARE(trader->listsModel().index(listRow, ui::StagedListsModel::Manager).data().toString(), QStringLiteral("pm"));
        QCOMPARE(trader->listsModel().progress(list.id).staged, outside - 1);
        QCOMPARE(trader->listsModel().progress(list.id).sent, 0);

        releaseAndWaitForFills(*trader, list.id, outside - 1);
        const auto progress = trader->listsModel().progress(list.id);
        QCOMPARE(progress.filled, progress.quantity);
        QVERIFY(progress.notionalDone.isPositive());

        // The fund's weights moved to the targets as the fills arrived: each traded holding is
        // nearer its target, the full-size orders within a hair of it (prices moved a little).
        pm.feed().drain();
        const auto after = pm.portfolioBook().value("BIG");
        int traded = 0;
        for (const auto& symbol : proposedSymbols) {
            ++traded;
            const Money was = distance(weightOf(before, symbol), target);
            const Money now = distance(weightOf(after, symbol), target);
            QVERIFY2(now < was, symbol.c_str());
            if (symbol != halvedSymbol) QVERIFY2(now < Money::of("0.0001"), symbol.c_str());
        }
        QCOMPARE(traded, outside - 1);
        QCOMPARE(weightOf(after, kRestricted).isPositive(), true);
        QVERIFY(distance(weightOf(after, kRestricted), target) > band);  // dropped: left where it was
    }

    void aBlockOrderSplitsItsFillsBetweenTheFunds() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kManager);
        auto& pm = *desk.window;
        waitForModels(pm);
        const auto growthBefore = pm.portfolioBook().currentHoldings("GROWTH");
        auto* dialog = pm.openRebalance();
        dialog->chooseFunds({QStringLiteral("GROWTH"), QStringLiteral("INCOME")});
        dialog->chooseModel(QStringLiteral("US-CORE"));
        dialog->setLimits(0.5, 1, 1000);
        dialog->setBlocks(true);
        QSignalSpy proposed(dialog, &ui::RebalanceDialog::proposed);
        dialog->propose();
        QVERIFY2(proposed.wait(30000), qPrintable(dialog->statusText()));
        // What each fund is to trade of each symbol, signed.
        std::map<std::pair<std::string, std::string>, Qty> wanted;
        auto* table = dialog->table();
        for (int row = 0; row < table->rowCount(); ++row) {
            const auto fund = table->item(row, ui::RebalanceDialog::Fund)->text().toStdString();
            const auto symbol = table->item(row, ui::RebalanceDialog::Symbol)->text().toStdString();
            Qty quantity =
                *Qty::parse(table->item(row, ui::RebalanceDialog::Quantity)->text().remove(QLatin1Char(',')).toStdString());
            if (table->item(row, ui::RebalanceDialog::SideColumn)->text() == QStringLiteral("Sell")) quantity = Qty{} - quantity;
            wanted[{fund, symbol}] = quantity;
        }
        // A symbol both funds trade the same way goes out as one block order.
        std::string common;
        for (const auto& [key, quantity] : wanted)
            if (key.first == "GROWTH" && common.empty())
                if (const auto other = wanted.find({"INCOME", key.second});
                    other != wanted.end() && other->second.isNegative() == quantity.isNegative())
                    common = key.second;
        QVERIFY(!common.empty());
        QSignalSpy staged(dialog, &ui::RebalanceDialog::staged);
        dialog->approve();
        QVERIFY(staged.wait(20000));
        const auto list = staged.at(0).at(0).value<OrderList>();
        QCOMPARE(list.fund, std::string("GROWTH,INCOME"));
        QVERIFY(staged.at(0).at(1).toInt() < int(wanted.size()));  // blocks took the place of pairs of orders

        // That order is one block for both funds' accounts, each with its part.
        pm.feed().drain();
        const OrderState* block = nullptr;
        for (int row = 0; row < pm.ordersModel().rowCount(); ++row)
            if (const auto* order = pm.ordersModel().orderAt(row); order->listId == list.id && order->symbol == common)
                block = order;
        QVERIFY(block);
        const auto allocations = block->allocations;  // the model's rows change as the order does
        QCOMPARE(allocations.size(), std::size_t(2));
        QCOMPARE(allocations[0].account, std::string("GROWTH-PB"));
        QCOMPARE(allocations[1].account, std::string("INCOME-PB"));
        const Qty growthPart =
            wanted[{"GROWTH", common}].isNegative() ? Qty{} - wanted[{"GROWTH", common}] : wanted[{"GROWTH", common}];
        QCOMPARE(allocations[0].quantity, growthPart);

        auto trader = windowFor(desk, test::trader());
        releaseAndWaitForFills(*trader, list.id, staged.at(0).at(1).toInt());
        // The broker was told the pre-allocation: NoAllocs with each account and its quantity.
        ob::MessageLog::Filter sent;
        sent.msgType = "D";
        sent.direction = 2;
        sent.contains = "|55=" + common + "|";
        const auto newOrders = desk.desk->gateway().messageLog().query(sent);
        QCOMPARE(newOrders.size(), std::size_t(1));
        std::string allocation = "|78=2|79=GROWTH-PB|80=" + allocations[0].quantity.toString() +
                                 "|79=INCOME-PB|80=" + allocations[1].quantity.toString() + "|";
        std::replace(allocation.begin(), allocation.end(), '|', '\x01');
        QVERIFY2(newOrders[0].text.find(allocation) != std::string::npos, newOrders[0].text.c_str());
        // Each fund now holds what it held plus exactly its part of each order.
        pm.feed().drain();
        std::map<std::string, Qty> growthHeld;
        for (const auto& row : growthBefore) growthHeld[row.symbol] = row.quantity;
        for (const auto& [key, quantity] : wanted) {
            if (key.first != "GROWTH") continue;
            Qty now;
            for (const auto& held : pm.portfolioBook().currentHoldings("GROWTH"))
                if (held.symbol == key.second) now = held.quantity;
            QCOMPARE(now, growthHeld[key.second] + quantity);
        }
        // The positions panel shows the block's fills in each fund's account.
        const auto& positions = trader->positionsModel();
        std::map<std::string, Qty> byAccount;
        for (int row = 0; row < positions.rowCount(); ++row)
            if (const auto* position = positions.positionAt(row); position->symbol == common)
                byAccount[position->account] = position->quantity;
        const Qty growthTraded = wanted[{"GROWTH", common}];
        const Qty incomeTraded = wanted[{"INCOME", common}];
        QCOMPARE(byAccount["GROWTH-PB"], growthTraded);
        QCOMPARE(byAccount["INCOME-PB"], incomeTraded);
    }

    void theFundsViewShowsWeightsAgainstAModel() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kManager);
        auto& pm = *desk.window;
        waitForModels(pm);
        auto* panel = pm.fundsPanel();
        panel->showFund(QStringLiteral("GROWTH"));
        panel->findChild<QComboBox*>(QStringLiteral("modelCombo"))->setCurrentText(QStringLiteral("US-CORE"));
        panel->refresh();
        const auto& holdings = panel->holdings();
        QCOMPARE(holdings.rowCount(), 21);
        const auto valuation = holdings.valuation();
        QVERIFY(valuation.nav.isPositive());
        Money sum = valuation.cash;
        for (const auto& holding : valuation.holdings) sum += holding.marketValue;
        QCOMPARE(sum, valuation.nav);
        for (int row = 0; row < holdings.rowCount(); ++row) {
            const auto symbol = holdings.index(row, ui::FundHoldingsModel::Symbol).data().toString();
            const auto targetText = holdings.index(row, ui::FundHoldingsModel::Target).data().toString();
            if (symbol == QStringLiteral("AAPL")) QCOMPARE(targetText, QStringLiteral("8.00"));
            if (symbol == QStringLiteral("TSLA")) QCOMPARE(targetText, QStringLiteral("0.00"));  // not in the model
        }
        QVERIFY(valuation.bySector.count("Information Technology"));
    }

    void modelsAreImportedCheckedAndSaved() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kManager);
        auto* dialog = desk.window->openModels();
        const auto bad = dir.filePath(QStringLiteral("bad-model.csv"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("symbol,target_weight\nAAPL,0.5\nMSFT,lots\n");
        file.close();
        QVERIFY(!dialog->importFile(bad));
        QVERIFY2(dialog->statusText().contains(QStringLiteral("line 3")), qPrintable(dialog->statusText()));

        const auto good = dir.filePath(QStringLiteral("TECH.csv"));
        QFile goodFile(good);
        QVERIFY(goodFile.open(QIODevice::WriteOnly));
        goodFile.write("Target_Weight,Symbol,Note\n0.6,AAPL,core\n0.35,MSFT,\n");
        goodFile.close();
        QVERIFY(dialog->importFile(good));
        // An unknown symbol typed in the editor is refused, naming the row.
        auto* weights = dialog->weightsTable();
        weights->insertRow(2);
        weights->setItem(2, 0, new QTableWidgetItem(QStringLiteral("NOPE")));
        weights->setItem(2, 1, new QTableWidgetItem(QStringLiteral("1")));
        dialog->saveCurrent();
        QCOMPARE(dialog->statusText(), QStringLiteral("Not saved: row 3: NOPE is not an instrument of this desk"));
        weights->removeRow(2);
        QSignalSpy saved(dialog, &ui::ModelsDialog::saved);
        dialog->saveCurrent();
        QVERIFY2(saved.wait(5000), qPrintable(dialog->statusText()));
        const auto models = desk.desk->store().loadModels();
        QVERIFY(models.ok());
        const auto tech = std::find_if(models->begin(), models->end(), [](const ModelPortfolio& m) { return m.name == "TECH"; });
        QVERIFY(tech != models->end());
        QCOMPARE(tech->weights.size(), std::size_t(2));
        QCOMPARE(tech->weights[0], (std::pair<std::string, Money>{"AAPL", Money::of("0.6")}));
        QCOMPARE(tech->weights[1], (std::pair<std::string, Money>{"MSFT", Money::of("0.35")}));
        // The engine wrote the model with its audit record, and refuses anyone but a portfolio manager.
        const auto audit = desk.desk->store().auditTrail(1);
        QVERIFY(audit.ok() && !audit->empty());
        QCOMPARE(audit->front().action, std::string("model.save"));
        QCOMPARE(audit->front().subject, std::string("model TECH"));
        QCOMPARE(audit->front().details, std::string("2 weights"));
        const auto refused = desk.desk->engine().saveModel(*tech, test::trader()).get();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string("trader1 (Trader) may not save model portfolios"));

        // A trader reads the models but cannot change them.
        auto trader = windowFor(desk, test::trader());
        auto* readOnly = trader->openModels();
        QVERIFY(!readOnly->findChild<QPushButton*>(QStringLiteral("saveModel"))->isEnabled());
        QVERIFY(!trader->findChild<QAction*>(QStringLiteral("actionRebalance"))->isEnabled());
    }

    void openingPositionsAreImportedIntoTheRunningDesk() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kManager);
        auto& pm = *desk.window;
        const auto path = dir.filePath(QStringLiteral("positions.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("fund,symbol,qty,price\nEUROPE,SAP.DE,1000,140\nEUROPE,MSFT,500,\nEUROPE,CASH,250000,\n");
        file.close();
        QVERIFY(pm.importPositions(path, false).ok());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto held = pm.portfolioBook().currentHoldings("EUROPE");
                return held.size() == 3;
            },
            5000));
        std::map<std::string, Qty> held;
        for (const auto& row : pm.portfolioBook().currentHoldings("EUROPE")) held[row.symbol] = row.quantity;
        QCOMPARE(held["SAP.DE"], Qty::fromInteger(1000));
        QCOMPARE(held["MSFT"], Qty::fromInteger(500));  // priced at its reference price
        QCOMPARE(held["CASH"], Qty::fromInteger(250000));

        const auto bad = dir.filePath(QStringLiteral("bad-positions.csv"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("fund,symbol,qty,price\nEUROPE,ZZZZ,10,\n");
        badFile.close();
        const auto refused = pm.importPositions(bad, false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string("line 2: ZZZZ (fund EUROPE) is not an instrument of this desk"));
        // The audit trail has the import.
        const auto audit = desk.desk->store().auditTrail(5);
        QVERIFY(audit.ok());
        QCOMPARE(audit->front().action, std::string("positions.import"));
        QCOMPARE(audit->front().user, std::string("pm"));
    }
};

QTEST_MAIN(TestPortfolio)
#include "tst_portfolio.moc"

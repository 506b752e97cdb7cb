#include "deskwindow.h"
#include "fixdesk.h"
#include "waits.h"

#include "demoorders.h"
#include "engine/orderengine.h"
#include "enginefeed.h"
#include "fix/fixgateway.h"
#include "market/marketprices.h"
#include "models/alertsmodel.h"
#include "models/executionstablemodel.h"
#include "models/messagelogmodel.h"
#include "models/orderstablemodel.h"
#include "models/positionstablemodel.h"
#include "models/sessionstablemodel.h"
#include "orderactions.h"
#include "panels/fixsessionspanel.h"
#include "panels/positionspanel.h"
#include "widgets/blotterwidget.h"
#include "widgets/fixmessageview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

#include <algorithm>

using namespace ob;
using namespace std::chrono_literals;

namespace {

QString cell(const QAbstractItemModel& model, int row, int column) { return model.index(row, column).data().toString(); }

QSet<QString> statusesIn(const ui::OrdersTableModel& orders) {
    QSet<QString> seen;
    for (int row = 0; row < orders.rowCount(); ++row) seen.insert(cell(orders, row, ui::OrdersTableModel::Status));
    return seen;
}

OrderState submit(app::Desk& desk, const char* symbol, Side side, const char* qty, OrdType type = OrdType::Market,
                  std::optional<Price> limit = {}, const char* account = "GROWTH-PB") {
    NewOrderRequest request{
        desk.gateway().defaultSession(), account, symbol, side, {Qty::of(qty), type, limit, {}, TimeInForce::Day, {}}};
    auto order = desk.engine().submit(request, test::trader()).get();
    if (!order) qFatal("%s", order.error().c_str());
    return *order;
}

/// Answers the next message box with the button whose text starts with `button`, keeping the box's text.
/// It looks every 100 ms; after 10 s it gives up and closes a box without such a button, so that the test
/// goes on to fail instead of waiting for ever. The test checks answered() once the box is gone.
class MessageBoxAnswer {
public:
    explicit MessageBoxAnswer(QString button) : button_(std::move(button)) {
        QObject::connect(&timer_, &QTimer::timeout, &timer_, [this] { look(); });
        timer_.start(100);
    }
    bool answered() const { return answered_; }
    QString text() const { return text_; }
    QString failure() const {
        QString failure = QStringLiteral("no message box with a button '%1…' was answered").arg(button_);
        if (!buttonsSeen_.isEmpty())
            failure += QStringLiteral("; the box shown had only: ") + buttonsSeen_.join(QStringLiteral(", "));
        return failure;
    }

private:
    void look() {
        const bool lastLook = ++looks_ == kLooks;
        if (lastLook) timer_.stop();
        for (auto* widget : QApplication::topLevelWidgets()) {
            auto* box = qobject_cast<QMessageBox*>(widget);
            if (!box || !box->isVisible()) continue;
            text_ = box->text();
            buttonsSeen_.clear();
            for (auto* candidate : box->buttons()) {
                if (candidate->text().startsWith(button_)) {
                    timer_.stop();
                    answered_ = true;
                    return candidate->click();
                }
                buttonsSeen_ << candidate->text();
            }
            if (lastLook) box->reject();
        }
    }

    static constexpr int kLooks = 100;
    QString button_;
    QTimer timer_;
    int looks_ = 0;
    bool answered_ = false;
    QString text_;
    QStringList buttonsSeen_;
};

}  // namespace

/// The desktop on a real store and engine, with the simulated broker over loopback FIX.
class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings("tst_mainwindow"); }

    void opensOnTheDemoDesk() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo);
        auto& orders = desk.window->ordersModel();
        QAbstractItemModelTester tester(&orders, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(desk.desk->referenceData().instruments.size(), std::size_t(40));
        QCOMPARE(app::seedDemoOrders(desk.desk->engine(), desk.desk->referenceData(), desk.desk->gateway().defaultSession()), 26);
        desk.show();

        auto* view = desk.window->ordersBlotter()->view();
        QTRY_COMPARE(view->model()->rowCount(), 27);  // with the order compliance holds
        // The simulated broker answers: fills, resting orders, a cancel, a reject.
        for (const char* status : {"New", "Filled", "Canceled", "Rejected", "Held"})
            QTRY_VERIFY2_WITH_TIMEOUT(statusesIn(orders).contains(QString::fromLatin1(status)), status, 10000);
        QTRY_VERIFY(desk.window->executionsModel().rowCount() > 25);
        test::awaitBooksAgree(desk.desk->engine());

        auto* counts = desk.window->statusBar()->findChildren<QLabel*>().at(2);
        QTRY_VERIFY2(counts->text().startsWith(QStringLiteral("27 orders")), qPrintable(counts->text()));
        auto* user = desk.window->findChild<QLabel*>(QStringLiteral("userLabel"));
        QCOMPARE(user->text(), QStringLiteral("trader1 · Trader"));
        auto* sessions = desk.window->findChild<QLabel*>(QStringLiteral("sessionsLabel"));
        QTRY_VERIFY2(sessions->text().contains(QStringLiteral("SIM LoggedOn")), qPrintable(sessions->text()));
        QVERIFY(!desk.window->findChild<QLabel*>(QStringLiteral("clockLabel"))->text().isEmpty());

        // The reject reason stays on the order.
        int rejected = -1;
        for (int row = 0; row < orders.rowCount(); ++row)
            if (cell(orders, row, ui::OrdersTableModel::Status) == QLatin1String("Rejected")) rejected = row;
        QVERIFY(rejected >= 0);
        QVERIFY2(cell(orders, rejected, ui::OrdersTableModel::Text).contains(QStringLiteral("lot")),
                 qPrintable(cell(orders, rejected, ui::OrdersTableModel::Text)));
        QCOMPARE(orders.index(rejected, ui::OrdersTableModel::Status).data(Qt::ToolTipRole).toString(),
                 cell(orders, rejected, ui::OrdersTableModel::Text));
    }

    void filtersByTextStatusSideAccountSymbolAndStage() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        submit(*desk.desk, "AAPL", Side::Buy, "100", OrdType::Limit, Price::of("100"), "GROWTH-PB");
        submit(*desk.desk, "AAPL", Side::Sell, "200", OrdType::Limit, Price::of("300"), "INCOME-PB");
        submit(*desk.desk, "MSFT", Side::Buy, "300", OrdType::Market, {}, "GROWTH-PB");
        auto* blotter = desk.window->ordersBlotter();
        auto* shown = blotter->view()->model();
        QTRY_COMPARE(shown->rowCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(desk.window->ordersModel().counts().filled, 1, 10000);

        QTest::keyClicks(blotter->filterEdit(), QStringLiteral("msft"));
        QCOMPARE(shown->rowCount(), 1);
        blotter->filterEdit()->clear();
        blotter->sideCombo()->setCurrentIndex(blotter->sideCombo()->findText(QStringLiteral("Sell")));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, ui::OrdersTableModel::Quantity).data().toString(), QStringLiteral("200"));
        blotter->sideCombo()->setCurrentIndex(0);
        blotter->accountCombo()->setCurrentIndex(blotter->accountCombo()->findText(QStringLiteral("GROWTH-PB")));
        QCOMPARE(shown->rowCount(), 2);
        blotter->symbolCombo()->setEditText(QStringLiteral("aapl"));
        QCOMPARE(shown->rowCount(), 1);
        blotter->symbolCombo()->setEditText(QString());
        blotter->accountCombo()->setCurrentIndex(0);
        blotter->stageCombo()->setCurrentIndex(blotter->stageCombo()->findText(QStringLiteral("Working")));
        QCOMPARE(shown->rowCount(), 2);
        blotter->stageCombo()->setCurrentIndex(blotter->stageCombo()->findText(QStringLiteral("Done")));
        QCOMPARE(shown->rowCount(), 1);
        blotter->stageCombo()->setCurrentIndex(0);
        blotter->statusCombo()->setCurrentIndex(blotter->statusCombo()->findText(QStringLiteral("Filled")));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, ui::OrdersTableModel::Symbol).data().toString(), QStringLiteral("MSFT"));
        blotter->statusCombo()->setCurrentIndex(0);
        QCOMPARE(shown->rowCount(), 3);

        // The executions blotter filters the same way.
        auto* executions = desk.window->executionsBlotter();
        QTRY_VERIFY(executions->view()->model()->rowCount() >= 3);
        executions->symbolCombo()->setEditText(QStringLiteral("MSFT"));
        for (int row = 0; row < executions->view()->model()->rowCount(); ++row)
            QCOMPARE(executions->view()->model()->index(row, ui::ExecutionsTableModel::Symbol).data().toString(),
                     QStringLiteral("MSFT"));
        QVERIFY(executions->view()->model()->rowCount() >= 1);
    }

    void exportsAndCopiesTheRowsInView() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        submit(*desk.desk, "AAPL", Side::Buy, "1500", OrdType::Limit, Price::of("100.25"));
        submit(*desk.desk, "MSFT", Side::Buy, "10", OrdType::Limit, Price::of("100"));
        auto* blotter = desk.window->ordersBlotter();
        QTRY_COMPARE(blotter->view()->model()->rowCount(), 2);
        QTest::keyClicks(blotter->filterEdit(), QStringLiteral("AAPL"));
        blotter->view()->horizontalHeader()->setSectionHidden(ui::OrdersTableModel::BrokerOrderId, true);

        const auto path = dir.filePath(QStringLiteral("orders.csv"));
        QVERIFY(blotter->exportCsv(path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);  // the header and the one row in view
        QVERIFY(lines[0].startsWith(QStringLiteral("Time,ClOrdID,Account,Symbol,Side,Qty,Type,Limit")));
        QVERIFY(!lines[0].contains(QStringLiteral("Broker ID")));
        QVERIFY2(lines[1].contains(QStringLiteral(",AAPL,Buy,1500,Limit,100.25,")),
                 qPrintable(lines[1]));  // exact, no separators

        blotter->view()->selectAll();
        blotter->copySelection();
        const auto copied = QApplication::clipboard()->text();
        QVERIFY2(copied.contains(QStringLiteral("AAPL\tBuy\t1,500")), qPrintable(copied));
        QCOMPARE(copied.count(QLatin1Char('\n')), 2);
    }

    void cancelAllSaysHowManyAndHowMuchFirst() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        desk.show();
        submit(*desk.desk, "AAPL", Side::Buy, "100", OrdType::Limit, Price::of("50"));
        submit(*desk.desk, "AAPL", Side::Buy, "200", OrdType::Limit, Price::of("40"));
        submit(*desk.desk, "VOD.L", Side::Sell, "1000", OrdType::Limit, Price::of("5"));
        auto& orders = desk.window->ordersModel();
        QTRY_COMPARE(orders.counts().working, 3);
        auto* blotter = desk.window->ordersBlotter();
        QTRY_COMPARE_WITH_TIMEOUT(statusesIn(orders), QSet<QString>{QStringLiteral("New")}, 10000);

        // Only the orders in view: filter to AAPL. Keeping them changes nothing.
        QTest::keyClicks(blotter->filterEdit(), QStringLiteral("AAPL"));
        MessageBoxAnswer keep(QStringLiteral("Keep"));
        desk.window->orderActions()->cancelAllInView()->trigger();
        QVERIFY2(keep.answered(), qPrintable(keep.failure()));
        QVERIFY2(keep.text().contains(QStringLiteral("2 working orders")), qPrintable(keep.text()));
        QVERIFY2(keep.text().contains(QStringLiteral("USD 13,000.00")), qPrintable(keep.text()));  // 100 × 50 + 200 × 40
        // No cancel was asked for: it would have been by the time the box closed, and the engine
        // answers this snapshot after whatever was asked of it before.
        for (const auto& order : desk.desk->engine().snapshot().get().orders) QVERIFY2(!order.pending, order.clOrdId.c_str());
        QCOMPARE(orders.counts().working, 3);

        MessageBoxAnswer cancel(QStringLiteral("Cancel 2"));
        desk.window->orderActions()->cancelAllInView()->trigger();
        QVERIFY2(cancel.answered(), qPrintable(cancel.failure()));
        QTRY_COMPARE_WITH_TIMEOUT(orders.counts().working, 1, 10000);
        blotter->filterEdit()->clear();
        QCOMPARE(cell(orders, orders.rowOf(3), ui::OrdersTableModel::Status), QStringLiteral("New"));
        QCOMPARE(cell(orders, orders.rowOf(1), ui::OrdersTableModel::Status), QStringLiteral("Canceled"));
    }

    void positionsFollowFillsAndPrices() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        auto& positions = desk.window->positionsModel();
        QAbstractItemModelTester tester(&positions, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto brokerPrice = [&](const char* price) {
            desk.desk->simulator()->call([price](SimulatedBroker& broker) { broker.setPrice("MSFT", Price::of(price)); });
        };
        brokerPrice("400");
        const auto buy = submit(*desk.desk, "MSFT", Side::Buy, "300");
        QTRY_COMPARE_WITH_TIMEOUT(positions.rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(positions, 0, ui::PositionsTableModel::Quantity), QStringLiteral("300"), 10000);
        QCOMPARE(cell(positions, 0, ui::PositionsTableModel::Fund), QStringLiteral("GROWTH"));
        const auto* position = positions.positionAt(0);
        QVERIFY(position);
        QCOMPARE(position->quantity, Qty::of("300"));

        // A price move marks the position again: unrealised P&L = 300 × (new last − average cost).
        const auto average = position->averageCost();
        const auto moved = average + Price::of("2");
        desk.desk->prices().update("MSFT", {}, {}, moved, nowUtc());
        desk.window->refreshPrices();
        QCOMPARE(cell(positions, 0, ui::PositionsTableModel::Unrealised), QStringLiteral("600.00"));  // 300 × 2
        auto* totals = desk.window->positionsPanel()->totalsLabel();
        QVERIFY2(totals->text().contains(QStringLiteral("USD")), qPrintable(totals->text()));
        QVERIFY2(totals->text().contains(QStringLiteral("600.00")), qPrintable(totals->text()));

        // Bought at about 400 and half sold at about 410: the broker's price drifts by a cent or two a second
        // while the orders fill in parts, so the exact figures are summed from the fills themselves. The
        // position costs what its buys paid, and the sale realises its proceeds less half that cost, give or
        // take the rounding of the average cost to 8 places (150 × 0.000000005 = 0.00000075; compared doubled,
        // so that half the cost needs no division): about 150 × 10 = 1,500.
        const Money costBefore = positions.positionAt(0)->cost;
        brokerPrice("410");
        const auto sale = submit(*desk.desk, "MSFT", Side::Sell, "150");
        QTRY_COMPARE_WITH_TIMEOUT(cell(positions, 0, ui::PositionsTableModel::Quantity), QStringLiteral("150"), 10000);
        Money paid;
        Money proceeds;
        const auto& executions = desk.window->executionsModel();
        for (int row = 0; row < executions.rowCount(); ++row) {
            const auto* execution = executions.executionAt(row);
            if (execution->execType != ExecType::Trade) continue;
            if (execution->orderId == buy.id) paid += execution->lastQty * execution->lastPx;
            if (execution->orderId == sale.id) proceeds += execution->lastQty * execution->lastPx;
        }
        QCOMPARE(costBefore, paid);
        const auto* after = positions.positionAt(0);
        const Money twiceTheGap = after->realised + after->realised - (proceeds + proceeds - paid);
        QVERIFY2(twiceTheGap <= Money::of("0.0000015") && -twiceTheGap <= Money::of("0.0000015"),
                 qPrintable(QString::fromStdString(after->realised.toString() + " realised of " + proceeds.toString() +
                                                   " proceeds and " + paid.toString() + " paid")));
        QVERIFY2(after->realised > Money::of("1450") && after->realised < Money::of("1550"), after->realised.toString().c_str());
        QVERIFY((after->averageCost() - average).abs() <= Price::of("0.00000001"));
    }

    void showsSessionsAndDecodedMessages() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        auto* panel = desk.window->sessionsPanel();
        QTRY_COMPARE(panel->sessionsModel()->rowCount(), 1);
        QTRY_COMPARE(cell(*panel->sessionsModel(), 0, ui::SessionsTableModel::State), QStringLiteral("LoggedOn"));
        QVERIFY(panel->sessionsModel()->index(0, ui::SessionsTableModel::NextOut).data().toInt() > 1);
        submit(*desk.desk, "AAPL", Side::Buy, "100");
        panel->poll();
        QTRY_VERIFY(panel->messagesModel()->rowCount() > 0);

        // Only outgoing NewOrderSingles.
        panel->directionFilter()->setCurrentIndex(2);
        panel->typeFilter()->setCurrentIndex(panel->typeFilter()->findData(QStringLiteral("D")));
        QTRY_COMPARE(panel->messagesModel()->rowCount(), 1);
        auto& messages = *panel->messagesModel();
        QCOMPARE(cell(messages, 0, ui::MessageLogModel::Type), QStringLiteral("NewOrderSingle"));
        QCOMPARE(cell(messages, 0, ui::MessageLogModel::Direction), QStringLiteral("Out"));
        QVERIFY2(cell(messages, 0, ui::MessageLogModel::Summary).contains(QStringLiteral("Side=Buy")),
                 qPrintable(cell(messages, 0, ui::MessageLogModel::Summary)));

        panel->messagesView()->selectRow(0);
        auto* decoded = panel->messageView();
        QVERIFY(decoded->rowCount() > 5);
        bool sawOrdType = false;
        for (int row = 0; row < decoded->rowCount(); ++row)
            if (decoded->item(row, 1)->text() == QLatin1String("OrdType"))
                sawOrdType = decoded->item(row, 3)->text() == QLatin1String("Market");
        QVERIFY(sawOrdType);

        // Incoming execution reports for the order, and none outgoing.
        panel->directionFilter()->setCurrentIndex(1);
        panel->typeFilter()->setCurrentIndex(panel->typeFilter()->findData(QStringLiteral("8")));
        auto onlyIncomingReports = [&] {
            for (int row = 0; row < messages.rowCount(); ++row)
                if (cell(messages, row, ui::MessageLogModel::Direction) != QLatin1String("In") ||
                    cell(messages, row, ui::MessageLogModel::Type) != QLatin1String("ExecutionReport"))
                    return false;
            return messages.rowCount() >= 1;
        };
        QTRY_VERIFY(onlyIncomingReports());

        // Disconnect and connect again from the panel.
        panel->sessionsView()->selectRow(0);
        panel->findChild<QPushButton*>(QStringLiteral("sessionDisconnect"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(cell(*panel->sessionsModel(), 0, ui::SessionsTableModel::State), QStringLiteral("Disconnected"),
                                  10000);
        panel->findChild<QPushButton*>(QStringLiteral("sessionConnect"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(cell(*panel->sessionsModel(), 0, ui::SessionsTableModel::State), QStringLiteral("LoggedOn"),
                                  15000);
    }

    void showsWhatTheBookCouldNotApply() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        // An execution report for an order the desk never sent goes to the quarantine, and to the trader.
        auto* sim = desk.desk->simulator();
        QVERIFY(
            sim->sendRaw(sim->sessions().front().session,
                         test::fixMessage("FIX.4.4", "SIM", "OPENBLOTTER", 1,
                                          "35=8|37=X1|11=NOT-OURS|17=E-STRAY|150=0|39=0|55=AAPL|54=1|38=100|151=100|14=0|6=0|")));
        QTRY_COMPARE_WITH_TIMEOUT(desk.window->alertsModel().rowCount(), 1, 10000);
        const auto message = cell(desk.window->alertsModel(), 0, ui::AlertsModel::Message);
        QVERIFY2(message.contains(QStringLiteral("NOT-OURS")), qPrintable(message));
        QTRY_VERIFY(
            desk.window->findChild<QLabel*>(QStringLiteral("alertCountLabel"))->text().contains(QStringLiteral("1 alert")));
    }

    void resolvesAnOrderTheBrokerDoesNotConfirm() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        desk.show();
        const auto order = submit(*desk.desk, "AAPL", Side::Buy, "100", OrdType::Limit, Price::of("50"));
        auto& orders = desk.window->ordersModel();
        QTRY_COMPARE_WITH_TIMEOUT(cell(orders, orders.rowOf(order.id), ui::OrdersTableModel::Status), QStringLiteral("New"),
                                  10000);
        auto* actions = desk.window->orderActions();
        QVERIFY(!actions->resolveAsRejected()->isVisible());

        // The broker answers where the order stands as if it had never had it.
        auto* sim = desk.desk->simulator();
        QVERIFY(sim->sendRaw(sim->sessions().front().session,
                             test::fixMessage("FIX.4.4", "SIM", "OPENBLOTTER", 1,
                                              "35=8|37=NONE|11=" + order.clOrdId +
                                                  "|17=0|150=I|39=8|55=AAPL|54=1|38=100|151=0|14=0|6=0|")));
        const auto status = [&] { return cell(orders, orders.rowOf(order.id), ui::OrdersTableModel::Status); };
        QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("Unconfirmed"), 10000);
        QVERIFY(orders.index(orders.rowOf(order.id), ui::OrdersTableModel::Status)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("resolve it")));

        auto* blotter = desk.window->ordersBlotter();
        blotter->view()->selectRow(blotter->proxy()->mapFromSource(orders.index(orders.rowOf(order.id), 0)).row());
        QVERIFY(actions->resolveAsRejected()->isVisible());
        QVERIFY(actions->resolveAsRejected()->isEnabled());
        QVERIFY(actions->resolveByCancel()->isEnabled());
        QVERIFY(!actions->amend()->isEnabled());
        QVERIFY(!actions->cancel()->isEnabled());  // resolved by its own actions

        MessageBoxAnswer keep(QStringLiteral("Keep"));
        actions->resolveAsRejected()->trigger();
        QVERIFY2(keep.answered(), qPrintable(keep.failure()));
        QVERIFY2(keep.text().contains(QString::fromStdString(order.clOrdId)), qPrintable(keep.text()));
        QVERIFY(desk.desk->engine().order(order.id).get()->state.unconfirmed);

        MessageBoxAnswer reject(QStringLiteral("Mark rejected"));
        actions->resolveAsRejected()->trigger();
        QVERIFY2(reject.answered(), qPrintable(reject.failure()));
        QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("Rejected"), 10000);
        QVERIFY(!actions->resolveAsRejected()->isVisible());
        desk.desk->engine().sync(10s);
        const auto trail = desk.desk->store().auditTrail(10);
        QVERIFY(trail);
        QVERIFY(std::any_of(trail->begin(), trail->end(), [&](const AuditRecord& record) {
            return record.action == "order.unconfirmed.mark-rejected" && record.user == "trader1" &&
                   record.subject == "order " + std::to_string(order.id);
        }));
    }

    void saysAtOnceWhenTheDeskStops() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        desk.show();
        QVERIFY(!desk.window->findChild<QLabel*>(QStringLiteral("haltBanner")));

        // Another program holds the database for longer than the store waits: the store stops writing.
        const auto database = desk.desk->dataDirectory() / "openblotter.db";
        sqlite3* other = nullptr;
        QCOMPARE(sqlite3_open(database.c_str(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        submit(*desk.desk, "AAPL", Side::Buy, "100", OrdType::Limit, Price::of("50"));
        QTRY_VERIFY_WITH_TIMEOUT(desk.desk->store().failure().has_value(), 20000);
        sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(other);

        NewOrderRequest request{desk.desk->gateway().defaultSession(), "GROWTH-PB", "AAPL", Side::Buy,
                                {Qty::of("100"), OrdType::Limit, Price::of("50"), {}, TimeInForce::Day, {}}};
        const auto refused = desk.desk->engine().submit(request, test::trader()).get();
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("stopped taking orders") != std::string::npos, refused.error().c_str());
        QLabel* banner = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((banner = desk.window->findChild<QLabel*>(QStringLiteral("haltBanner"))), 10000);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("database is locked")), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QStringLiteral("start the desk again")), qPrintable(banner->text()));
    }

    void layoutAndThemePersistBetweenRuns() {
        QTemporaryDir dir;
        {
            test::DeskWindow desk(dir.path());
            desk.show();
            auto* executionsDock = desk.window->findChild<QDockWidget*>(QStringLiteral("executionsDock"));
            QVERIFY(executionsDock);
            desk.window->removeDockWidget(executionsDock);
            desk.window->addDockWidget(Qt::RightDockWidgetArea, executionsDock);
            executionsDock->show();
            desk.window->ordersBlotter()->view()->horizontalHeader()->moveSection(ui::OrdersTableModel::Symbol, 0);
            desk.window->ordersBlotter()->view()->horizontalHeader()->setSectionHidden(ui::OrdersTableModel::Text, true);
            desk.window->setTheme(ui::Theme::Dark);
            desk.window->close();  // saves the layout
        }
        QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(), QStringLiteral("dark"));
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 64);
        test::DeskWindow desk(dir.path());
        desk.window->restoreLayout();
        desk.show();
        auto* executionsDock = desk.window->findChild<QDockWidget*>(QStringLiteral("executionsDock"));
        QCOMPARE(desk.window->dockWidgetArea(executionsDock), Qt::RightDockWidgetArea);
        auto* header = desk.window->ordersBlotter()->view()->horizontalHeader();
        QCOMPARE(header->visualIndex(ui::OrdersTableModel::Symbol), 0);
        QVERIFY(header->isSectionHidden(ui::OrdersTableModel::Text));
        for (const char* name : {"ordersDock", "positionsDock", "fixSessionsDock", "alertsDock"})
            QVERIFY2(desk.window->findChild<QDockWidget*>(QString::fromLatin1(name))->toggleViewAction()->isChecked(), name);
        desk.window->setTheme(ui::Theme::Light);
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() > 200);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

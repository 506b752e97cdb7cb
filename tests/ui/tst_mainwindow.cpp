#include "demoorders.h"
#include "desk.h"
#include "enginefeed.h"
#include "mainwindow.h"
#include "models/executionstablemodel.h"
#include "models/instrumentdirectory.h"
#include "models/orderstablemodel.h"
#include "widgets/blotterwidget.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using namespace std::chrono_literals;

/// The desktop on a real store and engine in a temporary data directory.
class TestMainWindow final : public QObject {
    Q_OBJECT

    struct Fixture {
        explicit Fixture(const QString& directory) {
            auto opened = app::Desk::open({directory.toStdString(), "warn"});
            if (!opened) qFatal("%s", opened.error().c_str());
            desk = std::move(*opened);
            instruments = ui::InstrumentDirectory(desk->referenceData().instruments);
            orders = std::make_unique<ui::OrdersTableModel>(instruments);
            executions = std::make_unique<ui::ExecutionsTableModel>(instruments);
            feed = std::make_unique<ui::EngineFeed>(desk->engine(), *orders, *executions);
            if (auto started = desk->start(); !started) qFatal("%s", started.error().c_str());
        }
        std::unique_ptr<app::Desk> desk;
        ui::InstrumentDirectory instruments;
        std::unique_ptr<ui::OrdersTableModel> orders;
        std::unique_ptr<ui::ExecutionsTableModel> executions;
        std::unique_ptr<ui::EngineFeed> feed;
    };

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OpenBlotterTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
    }

    void opensOnTheDemoDesk() {
        QTemporaryDir dir;
        Fixture fixture(dir.path());
        QCOMPARE(fixture.desk->referenceData().instruments.size(), std::size_t(40));
        QCOMPARE(app::seedDemoOrders(fixture.desk->engine(), fixture.desk->referenceData()), 30);
        QCOMPARE(app::seedDemoOrders(fixture.desk->engine(), fixture.desk->referenceData()), 0);  // only into an empty book

        ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Demo"), dir.path()});
        QAbstractItemModelTester ordersTester(fixture.orders.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        fixture.feed->start();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto* view = window.ordersBlotter()->view();
        QCOMPARE(view->model()->rowCount(), 30);
        QCOMPARE(window.executionsBlotter()->view()->model()->rowCount(), fixture.executions->rowCount());
        QVERIFY(fixture.executions->rowCount() > 30);
        // Every state the demo promises is there.
        QSet<QString> statuses;
        for (int row = 0; row < fixture.orders->rowCount(); ++row)
            statuses.insert(fixture.orders->data(fixture.orders->index(row, ui::OrdersTableModel::Status)).toString());
        for (const char* status : {"PendingNew", "New", "PartiallyFilled", "Filled", "Canceled", "Rejected"})
            QVERIFY2(statuses.contains(QString::fromLatin1(status)), status);

        const auto* counts = window.statusBar()->findChildren<QLabel*>().at(1);
        QVERIFY2(counts->text().startsWith(QStringLiteral("30 orders")), qPrintable(counts->text()));

        // Typing in the filter narrows the rows.
        QTest::keyClicks(window.ordersBlotter()->filterEdit(), QStringLiteral("Rejected"));
        QCOMPARE(view->model()->rowCount(), 2);
        window.ordersBlotter()->filterEdit()->clear();
        QCOMPARE(view->model()->rowCount(), 30);

        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), window.size() * window.devicePixelRatio());
    }

    void followsTheEngineLive() {
        QTemporaryDir dir;
        Fixture fixture(dir.path());
        ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Test"), dir.path()});
        fixture.feed->start();
        QCOMPARE(fixture.orders->rowCount(), 0);

        NewOrderRequest request{
            "S", "GROWTH-PB", "MSFT", Side::Buy, {Qty::of("300"), OrdType::Limit, Price::of("378.8"), {}, TimeInForce::Day, {}}};
        auto order = fixture.desk->engine().submit(request).get();
        QVERIFY(order.ok());
        ExecutionReport fill;
        fill.session = "S";
        fill.clOrdId = order->clOrdId;
        fill.execId = "F1";
        fill.execType = ExecType::Trade;
        fill.lastQty = Qty::of("300");
        fill.lastPx = Price::of("378.75");
        fill.receivedAt = nowUtc();
        fixture.desk->engine().post(fill);
        QVERIFY(fixture.desk->engine().sync(10s));

        // The timer brings the changes to the GUI thread.
        QTRY_COMPARE(fixture.orders->rowCount(), 1);
        QTRY_COMPARE(fixture.orders->data(fixture.orders->index(0, ui::OrdersTableModel::Status)).toString(),
                     QStringLiteral("Filled"));
        QCOMPARE(fixture.orders->data(fixture.orders->index(0, ui::OrdersTableModel::AvgPx)).toString(),
                 QStringLiteral("378.75"));
        QCOMPARE(fixture.executions->rowCount(), 1);
        QCOMPARE(fixture.executions->data(fixture.executions->index(0, ui::ExecutionsTableModel::LastPx)).toString(),
                 QStringLiteral("378.75"));
    }

    void layoutPersistsBetweenRuns() {
        QTemporaryDir dir;
        Fixture fixture(dir.path());
        fixture.feed->start();
        QByteArray saved;
        {
            ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Test"), dir.path()});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* executionsDock = window.findChild<QDockWidget*>(QStringLiteral("executionsDock"));
            QVERIFY(executionsDock);
            window.removeDockWidget(executionsDock);
            window.addDockWidget(Qt::RightDockWidgetArea, executionsDock);
            executionsDock->show();
            window.ordersBlotter()->view()->horizontalHeader()->moveSection(ui::OrdersTableModel::Symbol, 0);
            window.close();  // saves the layout
            saved = window.saveState();
        }
        ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Test"), dir.path()});
        window.restoreLayout();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* executionsDock = window.findChild<QDockWidget*>(QStringLiteral("executionsDock"));
        QCOMPARE(window.dockWidgetArea(executionsDock), Qt::RightDockWidgetArea);
        QCOMPARE(window.ordersBlotter()->view()->horizontalHeader()->visualIndex(ui::OrdersTableModel::Symbol), 0);
        QCOMPARE(window.saveState(), saved);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

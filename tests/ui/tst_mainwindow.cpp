#include "demoorders.h"
#include "desk.h"
#include "enginefeed.h"
#include "format.h"
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
            auto opened = app::Desk::open({directory.toStdString(), "warn", {}});
            if (!opened) qFatal("%s", opened.error().c_str());
            desk = std::move(*opened);
            instruments = ui::InstrumentDirectory(desk->referenceData().instruments);
            orders = std::make_unique<ui::OrdersTableModel>(instruments);
            executions = std::make_unique<ui::ExecutionsTableModel>(instruments);
            feed = std::make_unique<ui::EngineFeed>(desk->engine(), *orders, *executions);
            if (auto started = desk->start(); !started) qFatal("%s", started.error().c_str());
            if (!desk->gateway().waitForLogon(std::chrono::seconds(10))) qFatal("the desk did not log on to its simulator");
        }
        int seed() { return app::seedDemoOrders(desk->engine(), desk->referenceData(), desk->gateway().defaultSession()); }
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
        QCOMPARE(fixture.seed(), 25);
        QCOMPARE(fixture.seed(), 0);  // only into an empty book

        ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Demo"), dir.path(), {}});
        QAbstractItemModelTester ordersTester(fixture.orders.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        fixture.feed->start();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto* view = window.ordersBlotter()->view();
        QCOMPARE(view->model()->rowCount(), 25);
        // The simulated broker answers: fills, resting orders, a cancel, a reject.
        auto statuses = [&] {
            QSet<QString> seen;
            for (int row = 0; row < fixture.orders->rowCount(); ++row)
                seen.insert(fixture.orders->data(fixture.orders->index(row, ui::OrdersTableModel::Status)).toString());
            return seen;
        };
        for (const char* status : {"New", "Filled", "Canceled", "Rejected"})
            QTRY_VERIFY2_WITH_TIMEOUT(statuses().contains(QString::fromLatin1(status)), status, 10000);
        QTRY_COMPARE(window.executionsBlotter()->view()->model()->rowCount(), fixture.executions->rowCount());
        QVERIFY(fixture.executions->rowCount() > 25);

        const auto* counts = window.statusBar()->findChildren<QLabel*>().at(1);
        QVERIFY2(counts->text().startsWith(QStringLiteral("25 orders")), qPrintable(counts->text()));

        // Typing in the filter narrows the rows.
        QTest::keyClicks(window.ordersBlotter()->filterEdit(), QStringLiteral("Rejected"));
        QCOMPARE(view->model()->rowCount(), 1);
        window.ordersBlotter()->filterEdit()->clear();
        QCOMPARE(view->model()->rowCount(), 25);

        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QCOMPARE(shot.size(), window.size() * window.devicePixelRatio());
    }

    void followsTheEngineLive() {
        QTemporaryDir dir;
        Fixture fixture(dir.path());
        ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Test"), dir.path(), {}});
        fixture.feed->start();
        QCOMPARE(fixture.orders->rowCount(), 0);

        // A market order to the simulated broker: the blotter follows it to Filled.
        NewOrderRequest request{fixture.desk->gateway().defaultSession(), "GROWTH-PB", "MSFT", Side::Buy,
                                {Qty::of("300"), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        auto order = fixture.desk->engine().submit(request).get();
        QVERIFY(order.ok());
        QTRY_COMPARE(fixture.orders->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(fixture.orders->data(fixture.orders->index(0, ui::OrdersTableModel::Status)).toString(),
                                  QStringLiteral("Filled"), 10000);
        QVERIFY(fixture.desk->engine().sync(10s));
        const auto filled = fixture.desk->engine().snapshot().get().orders.front();
        QCOMPARE(fixture.orders->data(fixture.orders->index(0, ui::OrdersTableModel::Filled)).toString(), QStringLiteral("300"));
        QCOMPARE(fixture.orders->data(fixture.orders->index(0, ui::OrdersTableModel::AvgPx)).toString(),
                 ui::formatAveragePrice(filled.avgPx(), 2));
        QTRY_COMPARE(fixture.executions->rowCount(), int(fixture.desk->engine().snapshot().get().executions.size()));
    }

    void layoutPersistsBetweenRuns() {
        QTemporaryDir dir;
        Fixture fixture(dir.path());
        fixture.feed->start();
        QByteArray saved;
        {
            ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Test"), dir.path(), {}});
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
        ui::MainWindow window(*fixture.orders, *fixture.executions, {QStringLiteral("Test"), dir.path(), {}});
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

#include "deskwindow.h"

#include "engine/orderengine.h"
#include "models/alertsmodel.h"
#include "store/sqlite.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ob;

/// What the consistency check finds when the desk starts is shown at the desk, as alerts.
class TestBookAlerts final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings("tst_bookalerts"); }

    void showsWhatTheCheckAtStartFound() {
        QTemporaryDir dir;
        std::string clOrdId;
        {
            test::DeskWindow desk(dir.path());
            auto& engine = desk.desk->engine();
            NewOrderRequest request;
            request.session = desk.desk->gateway().defaultSession();
            request.account = "GROWTH-PB";
            request.symbol = "AAPL";
            request.side = Side::Buy;
            request.terms.quantity = Qty::of("10");
            request.terms.type = OrdType::Market;
            const auto order = engine.submit(request, test::trader()).get();
            QVERIFY2(order.ok(), order ? "" : order.error().c_str());
            clOrdId = order->clOrdId;
            QTRY_VERIFY_WITH_TIMEOUT(engine.order(order->id).get()->state.isFilled(), 15000);
            QCOMPARE(desk.window->alertsModel().rowCount(), 0);
        }
        // The figure no start reads back: the check names it.
        sqlite::Database::open(dir.filePath(QStringLiteral("openblotter.db")).toStdString(), sqlite::Database::Mode::ReadWrite)
            .execute("UPDATE orders SET avg_px = 100000000 WHERE id = 1");

        test::DeskWindow desk(dir.path());
        auto& alerts = desk.window->alertsModel();
        QTRY_COMPARE_WITH_TIMEOUT(alerts.rowCount(), 1, 10000);
        QCOMPARE(alerts.data(alerts.index(0, ui::AlertsModel::Severity)).toString(), QStringLiteral("Error"));
        QCOMPARE(alerts.data(alerts.index(0, ui::AlertsModel::Order)).toString(), QStringLiteral("1"));
        const auto message = alerts.data(alerts.index(0, ui::AlertsModel::Message)).toString();
        QVERIFY2(message.startsWith(
                     QString::fromStdString("books differ: order 1 (" + clOrdId + "): AvgPx as stored is 1, recomputed ")),
                 qPrintable(message));
    }
};

QTEST_MAIN(TestBookAlerts)
#include "tst_bookalerts.moc"

#include "deskwindow.h"

#include "dialogs/orderdetaildialog.h"
#include "dialogs/orderticket.h"
#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "market/marketprices.h"
#include "models/orderstablemodel.h"
#include "orderactions.h"
#include "widgets/blotterwidget.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using namespace std::chrono_literals;

namespace {

ui::OrderTicket* openTicket() {
    for (auto* widget : QApplication::topLevelWidgets())
        if (auto* ticket = qobject_cast<ui::OrderTicket*>(widget); ticket && ticket->isVisible()) return ticket;
    return nullptr;
}

QString status(const ui::OrdersTableModel& orders, OrderId id) {
    return orders.index(orders.rowOf(id), ui::OrdersTableModel::Status).data().toString();
}

/// Types into a field as a trader would: select what is there, then the keys.
void type(QWidget* field, const QString& text) {
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

void selectOrder(test::DeskWindow& desk, OrderId id) {
    desk.window->activateWindow();  // a closed ticket may have taken the focus with it
    if (!QTest::qWaitForWindowActive(desk.window.get())) qFatal("the main window is not active");
    auto* blotter = desk.window->ordersBlotter();
    const auto source = desk.window->ordersModel().index(desk.window->ordersModel().rowOf(id), 0);
    blotter->view()->setFocus();
    blotter->view()->selectRow(blotter->proxy()->mapFromSource(source).row());
}

OrderState restingBuy(test::DeskWindow& desk) {
    NewOrderRequest request{desk.desk->gateway().defaultSession(),
                            "GROWTH-PB",
                            "AAPL",
                            Side::Buy,
                            {Qty::of("100"), OrdType::Limit, Price::of("50"), {}, TimeInForce::Day, {}}};
    auto order = desk.desk->engine().submit(request, test::trader()).get();
    if (!order) qFatal("%s", order.error().c_str());
    const bool acknowledged =
        QTest::qWaitFor([&] { return status(desk.window->ordersModel(), order->id) == QLatin1String("New"); }, 10000);
    if (!acknowledged) qFatal("the simulated broker did not acknowledge the order");
    return *order;
}

}  // namespace

/// The trader's keyboard: tickets, amendments, cancels and the detail view,
/// against the simulated broker.
class TestOrderTicket final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<test::DeskWindow> desk_;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings("tst_orderticket"); }

    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        desk_ = std::make_unique<test::DeskWindow>(dir_->path());
        desk_->show();
        desk_->window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk_->window.get()));
    }

    void cleanup() {
        if (auto* ticket = openTicket()) ticket->close();
        desk_.reset();
        dir_.reset();
    }

    void entersAnOrderWithKeysAndSeesItFill() {
        QTest::keyClick(desk_->window.get(), Qt::Key_F2);
        auto* ticket = openTicket();
        QVERIFY(ticket);
        QVERIFY(!ticket->isAmendment());
        QCOMPARE(ticket->sideCombo()->currentText(), QStringLiteral("Buy"));

        type(ticket->symbolEdit(), QStringLiteral("msft"));
        QCOMPARE(ticket->symbolEdit()->text(), QStringLiteral("MSFT"));
        type(ticket->quantityEdit(), QStringLiteral("2,500"));
        ticket->typeCombo()->setFocus();
        QTest::keyClicks(ticket->typeCombo(), QStringLiteral("Market"));
        QCOMPARE(ticket->typeCombo()->currentText(), QStringLiteral("Market"));
        QVERIFY(!ticket->limitEdit()->isEnabled());
        QVERIFY2(ticket->problems().empty(), qPrintable(ticket->problemsLabel()->text()));
        QTRY_VERIFY2(ticket->sendButton()->isEnabled(),
                     qPrintable(ticket->sendButton()->toolTip() + QLatin1Char(' ') + ticket->complianceLabel()->text()));
        QVERIFY(ticket->findChild<QLabel*>(QStringLiteral("ticketMarket"))->text().contains(QStringLiteral("Last")));
        QVERIFY(ticket->findChild<QLabel*>(QStringLiteral("ticketNotional"))->text().contains(QStringLiteral("USD")));

        QTest::keyClick(ticket->quantityEdit(), Qt::Key_Return);  // Enter sends
        QTRY_VERIFY(!openTicket());
        auto& orders = desk_->window->ordersModel();
        QTRY_COMPARE(orders.rowCount(), 1);
        const auto* order = orders.orderAt(0);
        QCOMPARE(order->symbol, std::string("MSFT"));
        QCOMPARE(order->terms.quantity, Qty::of("2500"));
        QCOMPARE(order->terms.type, OrdType::Market);
        QTRY_COMPARE_WITH_TIMEOUT(status(orders, order->id), QStringLiteral("Filled"), 10000);
        QCOMPARE(orders.index(0, ui::OrdersTableModel::Progress).data(ui::OrdersTableModel::FillRatioRole).toDouble(), 1.0);
    }

    void refusesBadInputAndSaysWhy() {
        QTest::keyClick(desk_->window.get(), Qt::Key_F3);
        auto* ticket = openTicket();
        QVERIFY(ticket);
        QCOMPARE(ticket->sideCombo()->currentText(), QStringLiteral("Sell"));
        auto problems = [ticket] { return ticket->problemsLabel()->text(); };

        type(ticket->symbolEdit(), QStringLiteral("NOPE"));
        QVERIFY2(problems().contains(QStringLiteral("unknown symbol 'NOPE'")), qPrintable(problems()));
        type(ticket->symbolEdit(), QStringLiteral("7203.T"));  // lot 100, tick 1
        type(ticket->quantityEdit(), QStringLiteral("150"));
        type(ticket->limitEdit(), QStringLiteral("2800.5"));
        QVERIFY2(problems().contains(QStringLiteral("quantity 150 is not a multiple of 7203.T's lot of 100")),
                 qPrintable(problems()));
        QVERIFY2(problems().contains(QStringLiteral("limit price 2800.5 is not on 7203.T's tick of 1")), qPrintable(problems()));
        QVERIFY(!ticket->sendButton()->isEnabled());
        // Enter does not send an invalid ticket: the engine, asked after the key, has no order.
        QTest::keyClick(ticket->quantityEdit(), Qt::Key_Return);
        QVERIFY(desk_->desk->engine().snapshot().get().orders.empty());
        QVERIFY(openTicket());
        QCOMPARE(desk_->window->ordersModel().rowCount(), 0);

        type(ticket->quantityEdit(), QStringLiteral("abc"));
        QVERIFY2(problems().contains(QStringLiteral("quantity 'abc' is not a number")), qPrintable(problems()));

        // A sell stop above the last price would trigger at once.
        type(ticket->quantityEdit(), QStringLiteral("200"));
        ticket->typeCombo()->setCurrentIndex(ticket->typeCombo()->findText(QStringLiteral("Stop")));
        QVERIFY(!ticket->limitEdit()->isEnabled());
        const auto last = desk_->desk->prices().last("7203.T");
        QVERIFY(last.has_value());
        type(ticket->stopEdit(), QString::number(last->toDouble() + 50, 'f', 0));
        QVERIFY2(problems().contains(QStringLiteral("a sell stop must be below the last price")), qPrintable(problems()));
        type(ticket->stopEdit(), QString::number(last->toDouble() - 50, 'f', 0));
        QVERIFY2(ticket->problems().empty(), qPrintable(problems()));
        QTRY_VERIFY2(ticket->sendButton()->isEnabled(),
                     qPrintable(ticket->sendButton()->toolTip() + QLatin1Char(' ') + ticket->complianceLabel()->text()));
        QTest::keyClick(ticket, Qt::Key_Escape);  // Esc closes without sending
        QTRY_VERIFY(!openTicket());
        QCOMPARE(desk_->window->ordersModel().rowCount(), 0);
    }

    void amendsAnOrder() {
        const auto order = restingBuy(*desk_);
        selectOrder(*desk_, order.id);
        QTRY_VERIFY(desk_->window->orderActions()->amend()->isEnabled());
        QTest::keyClick(desk_->window.get(), Qt::Key_F4);
        auto* ticket = openTicket();
        QVERIFY(ticket);
        QVERIFY(ticket->isAmendment());
        QVERIFY(!ticket->symbolEdit()->isEnabled());
        QCOMPARE(ticket->quantityEdit()->text(), QStringLiteral("100"));
        QVERIFY2(ticket->problemsLabel()->text().contains(QStringLiteral("nothing changed")),
                 qPrintable(ticket->problemsLabel()->text()));

        type(ticket->quantityEdit(), QStringLiteral("250"));
        type(ticket->limitEdit(), QStringLiteral("51.5"));
        QVERIFY2(ticket->problems().empty(), qPrintable(ticket->problemsLabel()->text()));
        QTest::keyClick(ticket->limitEdit(), Qt::Key_Return);
        QTRY_VERIFY(!openTicket());

        auto& orders = desk_->window->ordersModel();
        QTRY_COMPARE_WITH_TIMEOUT(orders.find(order.id)->terms.quantity, Qty::of("250"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status(orders, order.id), QStringLiteral("New"), 10000);
        QCOMPARE(orders.find(order.id)->terms.limitPrice, std::optional(Price::of("51.5")));
        QVERIFY(orders.find(order.id)->clOrdId != order.clOrdId);  // the replace's ClOrdID is in force

        // The detail view shows the chain and the history.
        selectOrder(*desk_, order.id);
        QTest::keyClick(desk_->window.get(), Qt::Key_D, Qt::ControlModifier);
        ui::OrderDetailDialog* detail = nullptr;
        QTRY_VERIFY((detail = desk_->window->findChild<ui::OrderDetailDialog*>()) != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(detail->isLoaded(), 10000);
        QCOMPARE(detail->chainTable()->rowCount(), 2);
        QCOMPARE(detail->chainTable()->item(0, 2)->text(), QStringLiteral("Accepted"));
        QCOMPARE(detail->chainTable()->item(1, 1)->text(), QStringLiteral("Replace"));
        QStringList what;
        for (int row = 0; row < detail->historyTable()->rowCount(); ++row) what << detail->historyTable()->item(row, 1)->text();
        QVERIFY2(what.join(QLatin1Char(',')).contains(QStringLiteral("ReplaceRequested")),
                 qPrintable(what.join(QLatin1Char(','))));
        QVERIFY2(what.join(QLatin1Char(',')).contains(QStringLiteral("Replaced")), qPrintable(what.join(QLatin1Char(','))));
        QStringList types;
        for (int row = 0; row < detail->messagesTable()->rowCount(); ++row)
            types << detail->messagesTable()->item(row, 3)->text();
        QVERIFY2(types.contains(QStringLiteral("NewOrderSingle")) && types.contains(QStringLiteral("OrderCancelReplaceRequest")),
                 qPrintable(types.join(QLatin1Char(','))));
        detail->close();
    }

    void cancelsAnOrder() {
        const auto order = restingBuy(*desk_);
        selectOrder(*desk_, order.id);
        QTRY_VERIFY(desk_->window->orderActions()->cancel()->isEnabled());
        QTest::keyClick(desk_->window.get(), Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(status(desk_->window->ordersModel(), order.id), QStringLiteral("Canceled"), 10000);
        // A finished order cannot be amended or cancelled again.
        QTRY_VERIFY(!desk_->window->orderActions()->cancel()->isEnabled());
        QVERIFY(!desk_->window->orderActions()->amend()->isEnabled());
    }

    void showsTheRejectReasonOnTheOrder() {
        // The simulated broker rejects quantities off the lot; the ticket would refuse them, the engine does not know lots.
        NewOrderRequest request{desk_->desk->gateway().defaultSession(),
                                "GROWTH-PB",
                                "7203.T",
                                Side::Buy,
                                {Qty::of("101"), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        const auto order = desk_->desk->engine().submit(request, test::trader()).get();
        QVERIFY(order.ok());
        auto& orders = desk_->window->ordersModel();
        QTRY_COMPARE_WITH_TIMEOUT(status(orders, order->id), QStringLiteral("Rejected"), 10000);
        const auto text = orders.index(orders.rowOf(order->id), ui::OrdersTableModel::Text).data().toString();
        QVERIFY2(text.contains(QStringLiteral("lot")), qPrintable(text));
    }
};

QTEST_MAIN(TestOrderTicket)
#include "tst_orderticket.moc"

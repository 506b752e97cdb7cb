// The compliance officer's desk and the trader's view of compliance, driven
// as users drive them: a breach raised by a trader's order appears live in
// the officer's panel and is overridden or rejected there; the ticket shows
// warnings, asks for a reason and shows the headroom; the rules are edited in
// their dialog; each role sees only the actions it may take.
#include "deskwindow.h"

#include "auth/login.h"
#include "dialogs/auditdialog.h"
#include "dialogs/basketdialog.h"
#include "dialogs/logindialog.h"
#include "dialogs/orderticket.h"
#include "dialogs/rulesdialog.h"
#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "models/breachestablemodel.h"
#include "models/orderstablemodel.h"
#include "orderactions.h"
#include "panels/compliancepanel.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <set>

using namespace ob;

namespace {

const Actor kOfficer{"compliance", Role::ComplianceOfficer};

OrderState submit(test::DeskWindow& desk, const char* symbol, const char* qty, std::string reason = {}) {
    NewOrderRequest request{desk.desk->gateway().defaultSession(),
                            "GROWTH-PB",
                            symbol,
                            Side::Buy,
                            {Qty::of(qty), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
    auto order = desk.desk->engine().submit(request, test::trader(), std::move(reason)).get();
    if (!order) qFatal("%s", order.error().c_str());
    return *order;
}

std::int64_t breachOf(const ui::BreachesTableModel& breaches, OrderId order) {
    for (int row = 0; row < breaches.rowCount(); ++row)
        if (breaches.breachAt(row)->orderId == order) return breaches.breachAt(row)->id;
    return 0;
}

template <typename T>
T* openWindow() {
    for (auto* widget : QApplication::topLevelWidgets())
        if (auto* found = qobject_cast<T*>(widget); found && found->isVisible()) return found;
    return nullptr;
}

void type(QWidget* field, const QString& text) {
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

}  // namespace

class TestCompliance final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings("tst_compliance"); }

    void logsInWithTheDemoUsers() {
        QTemporaryDir dir;
        auto opened = app::Desk::open({dir.path().toStdString(), "warn", {}});
        QVERIFY(opened);
        auto& store = (*opened)->store();
        ui::LoginDialog login(
            [&store](const std::string& user, const std::string& password) { return logIn(store, user, password, "test"); },
            ui::LoginDialog::demoHint());
        login.show();
        type(login.userEdit(), QStringLiteral("compliance"));
        type(login.passwordEdit(), QStringLiteral("trader-demo"));
        QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
        QCOMPARE(login.errorLabel()->text(), QStringLiteral("Not logged in: unknown user or wrong password"));
        QVERIFY(login.passwordEdit()->text().isEmpty());
        QVERIFY(!login.actor());
        type(login.passwordEdit(), QStringLiteral("compliance-demo"));
        QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
        QVERIFY(login.actor());
        QCOMPARE(login.actor()->role, Role::ComplianceOfficer);
        QCOMPARE(login.result(), int(QDialog::Accepted));
        auto audit = store.auditTrail(2);
        QVERIFY(audit);
        QCOMPARE(audit->at(0).action, std::string("login"));
        QCOMPARE(audit->at(1).action, std::string("login.failed"));
    }

    void officerOverridesABlockRaisedByATrader() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo, kOfficer);
        desk.show();
        auto* panel = desk.window->compliancePanel();
        auto& breaches = desk.window->breachesModel();

        // A trader buys a name on the restricted list: held, and the breach appears here live.
        const auto order = submit(desk, "BA", "500");
        QVERIFY(order.held);
        QTRY_VERIFY(breachOf(breaches, order.id) != 0);
        const auto breachId = breachOf(breaches, order.id);
        QVERIFY(panel->select(breachId));
        QVERIFY2(panel->details()->toPlainText().contains(QStringLiteral("Restricted list")),
                 qPrintable(panel->details()->toPlainText()));
        QVERIFY(panel->details()->toPlainText().contains(QStringLiteral("Buy 500 BA Market")));
        QCOMPARE(desk.window->ordersModel()
                     .index(desk.window->ordersModel().rowOf(order.id), ui::OrdersTableModel::Status)
                     .data()
                     .toString(),
                 QStringLiteral("Held"));

        // An override needs a reason.
        auto* overrideButton = panel->button(BreachDecision::Override);
        QVERIFY(!overrideButton->isEnabled());
        QVERIFY2(overrideButton->toolTip().contains(QStringLiteral("give a reason")), qPrintable(overrideButton->toolTip()));
        QVERIFY(panel->button(BreachDecision::Acknowledge)->isEnabled());
        type(panel->reasonEdit(), QStringLiteral("Wall-crossing ended this morning"));
        QVERIFY(overrideButton->isEnabled());
        QTest::mouseClick(overrideButton, Qt::LeftButton);

        QTRY_COMPARE(breaches.find(breachId)->state, BreachState::Overridden);
        QCOMPARE(breaches.find(breachId)->decidedBy, std::string("compliance"));
        QCOMPARE(breaches.find(breachId)->reason, std::string("Wall-crossing ended this morning"));
        QTRY_VERIFY2(panel->outcomeLabel()->text().contains(QStringLiteral("overridden by compliance")),
                     qPrintable(panel->outcomeLabel()->text()));
        // Released to the broker, which fills it.
        auto& orders = desk.window->ordersModel();
        QTRY_COMPARE_WITH_TIMEOUT(orders.index(orders.rowOf(order.id), ui::OrdersTableModel::Status).data().toString(),
                                  QStringLiteral("Filled"), 15000);
        QCOMPARE(orders.find(order.id)->compliance, ComplianceMark::Overridden);

        // The default filter shows what is not closed: the overridden breach leaves the list.
        QTRY_VERIFY(!panel->select(breachId));
        panel->stateFilter()->setCurrentIndex(panel->stateFilter()->findData(2));
        QVERIFY(panel->select(breachId));

        // The audit trail has the whole story.
        QVERIFY(desk.desk->engine().sync(std::chrono::seconds(10)));
        auto audit = desk.desk->store().auditTrail(100);
        QVERIFY(audit);
        QStringList story;
        for (auto it = audit->rbegin(); it != audit->rend(); ++it)
            if (it->subject.find("order " + std::to_string(order.id)) != std::string::npos)
                story << QString::fromStdString(it->user + " " + it->action);
        QCOMPARE(story, (QStringList{QStringLiteral("trader1 order.held"), QStringLiteral("compliance breach.override"),
                                     QStringLiteral("compliance order.release")}));
        // The officer reads it in the window too, filtered to the override.
        desk.window->findChild<QAction*>(QStringLiteral("actionAudit"))->trigger();
        ui::AuditDialog* trail = nullptr;
        QTRY_VERIFY((trail = openWindow<ui::AuditDialog>()));
        type(trail->filterEdit(), QStringLiteral("breach.override"));
        int shown = 0;
        for (int row = 0; row < trail->table()->rowCount(); ++row)
            if (!trail->table()->isRowHidden(row)) {
                ++shown;
                QCOMPARE(trail->table()->item(row, 1)->text(), QStringLiteral("compliance"));
                QVERIFY(trail->table()->item(row, 5)->text().contains(QStringLiteral("Wall-crossing ended this morning")));
            }
        QCOMPARE(shown, 1);
        trail->close();

        // A compliance officer does not trade.
        QVERIFY(!desk.window->orderActions()->buy()->isEnabled());
    }

    void officerRejectsABlockedOrder() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo, kOfficer);
        desk.show();
        auto* panel = desk.window->compliancePanel();
        const auto order = submit(desk, "BA", "100");
        QTRY_VERIFY(breachOf(desk.window->breachesModel(), order.id) != 0);
        QVERIFY(panel->select(breachOf(desk.window->breachesModel(), order.id)));
        type(panel->reasonEdit(), QStringLiteral("Insider list: not before the announcement"));
        QTest::mouseClick(panel->button(BreachDecision::Reject), Qt::LeftButton);
        auto& orders = desk.window->ordersModel();
        QTRY_COMPARE(orders.index(orders.rowOf(order.id), ui::OrdersTableModel::Status).data().toString(),
                     QStringLiteral("Rejected"));
        QCOMPARE(orders.find(order.id)->text,
                 std::string("rejected by compliance (compliance): Insider list: not before the announcement"));
        QVERIFY(orders.find(order.id)->brokerOrderId.empty());  // the broker never saw it
    }

    void traderSeesWarningsAndHeadroomInTheTicket() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo);
        desk.show();
        // Traders cannot decide breaches.
        const auto held = submit(desk, "BA", "100");
        QTRY_VERIFY(breachOf(desk.window->breachesModel(), held.id) != 0);
        auto* panel = desk.window->compliancePanel();
        QVERIFY(panel->select(breachOf(desk.window->breachesModel(), held.id)));
        type(panel->reasonEdit(), QStringLiteral("please"));
        for (auto decision : {BreachDecision::Acknowledge, BreachDecision::Override, BreachDecision::Reject}) {
            QVERIFY(!panel->button(decision)->isEnabled());
            QVERIFY2(panel->button(decision)->toolTip().contains(QStringLiteral("only a compliance officer may")),
                     qPrintable(panel->button(decision)->toolTip()));
        }

        desk.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
        QTest::keyClick(desk.window.get(), Qt::Key_F2);
        auto* ticket = openWindow<ui::OrderTicket>();
        QVERIFY(ticket);
        ticket->accountCombo()->setCurrentIndex(ticket->accountCombo()->findData(QStringLiteral("GROWTH-PB")));
        type(ticket->symbolEdit(), QStringLiteral("TSLA"));  // on the demo grey list: buys warn
        type(ticket->quantityEdit(), QStringLiteral("100"));
        ticket->typeCombo()->setCurrentIndex(ticket->typeCombo()->findData(int(OrdType::Market)));
        QTRY_COMPARE(ticket->complianceVerdict(), std::optional(Verdict::Warn));
        QVERIFY2(ticket->complianceLabel()->text().contains(QStringLiteral("WARN: Grey list: no new buys")),
                 qPrintable(ticket->complianceLabel()->text()));
        QVERIFY2(ticket->headroomLabel()->text().contains(QStringLiteral("Issuer concentration up to")),
                 qPrintable(ticket->headroomLabel()->text()));
        QVERIFY(ticket->reasonEdit()->isVisible());
        QVERIFY(!ticket->sendButton()->isEnabled());
        QVERIFY2(ticket->sendButton()->toolTip().contains(QStringLiteral("Give a reason")),
                 qPrintable(ticket->sendButton()->toolTip()));

        // The headroom is exact: one lot more than it says warns or blocks.
        const auto whatIf = desk.desk->engine()
                                .whatIf({desk.desk->gateway().defaultSession(),
                                         "GROWTH-PB",
                                         "TSLA",
                                         Side::Buy,
                                         {Qty::of("100"), OrdType::Market, {}, {}, TimeInForce::Day, {}}},
                                        test::trader())
                                .get();
        for (const auto& room : whatIf.headroom) {
            auto at = [&](Qty quantity) {
                return desk.desk->engine()
                    .whatIf({desk.desk->gateway().defaultSession(),
                             "GROWTH-PB",
                             "TSLA",
                             Side::Buy,
                             {quantity, OrdType::Market, {}, {}, TimeInForce::Day, {}}},
                            test::trader())
                    .get()
                    .check;
            };
            auto names = [](const CheckResult& check) {
                std::set<std::string> rules;
                for (const auto& finding : check.findings) rules.insert(finding.ruleName);
                return rules;
            };
            QVERIFY2(!names(at(room.quantity)).count(room.ruleName), room.ruleName.c_str());
            QVERIFY2(names(at(room.quantity + Qty::of("1"))).count(room.ruleName), room.ruleName.c_str());
        }

        type(ticket->reasonEdit(), QStringLiteral("Index rebalance"));
        QTRY_VERIFY(ticket->sendButton()->isEnabled());
        QTest::mouseClick(ticket->sendButton(), Qt::LeftButton);
        QTRY_VERIFY(!openWindow<ui::OrderTicket>());
        auto& orders = desk.window->ordersModel();
        const OrderState* sent = nullptr;
        QTRY_VERIFY((sent = [&]() -> const OrderState* {
            for (int row = 0; row < orders.rowCount(); ++row)
                if (orders.orderAt(row)->symbol == "TSLA") return orders.orderAt(row);
            return nullptr;
        }()));
        QCOMPARE(sent->compliance, ComplianceMark::Warn);
        QTRY_VERIFY(breachOf(desk.window->breachesModel(), sent->id) != 0);
        const auto* breach = desk.window->breachesModel().find(breachOf(desk.window->breachesModel(), sent->id));
        QCOMPARE(breach->state, BreachState::Acknowledged);
        QCOMPARE(breach->reason, std::string("Index rebalance"));
    }

    void checksABasketBeforeSendingIt() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo);
        desk.show();
        const auto path = dir.filePath(QStringLiteral("basket.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "account,symbol,side,qty,type,limit_price,tif\n"
            "GROWTH-PB,AAPL,BUY,100,MKT,,DAY\n"
            "GROWTH-PB,TSLA,BUY,100,MKT,,DAY\n"
            "GROWTH-PB,BA,BUY,100,MKT,,DAY\n");
        file.close();
        auto* basket = desk.window->openBasket(path);
        QTRY_VERIFY(basket->isChecked());
        QCOMPARE(basket->table()->rowCount(), 3);
        QCOMPARE(basket->table()->item(0, 7)->text(), QStringLiteral("Pass"));
        QCOMPARE(basket->table()->item(1, 7)->text(), QStringLiteral("Warn"));
        QCOMPARE(basket->table()->item(2, 7)->text(), QStringLiteral("Block"));
        QVERIFY(basket->table()->item(2, 8)->text().contains(QStringLiteral("Restricted list")));
        QVERIFY2(basket->summaryLabel()->text().contains(QStringLiteral("1 pass, 1 with warnings, 1 blocked")),
                 qPrintable(basket->summaryLabel()->text()));
        QVERIFY(!basket->sendButton()->isEnabled());  // a warning needs a reason
        type(basket->reasonEdit(), QStringLiteral("Model portfolio trade"));
        QVERIFY(basket->sendButton()->isEnabled());
        QTest::mouseClick(basket->sendButton(), Qt::LeftButton);
        auto& orders = desk.window->ordersModel();
        QTRY_COMPARE(orders.rowCount(), 3);
        std::map<std::string, const OrderState*> bySymbol;
        for (int row = 0; row < orders.rowCount(); ++row) bySymbol[orders.orderAt(row)->symbol] = orders.orderAt(row);
        QCOMPARE(bySymbol.at("AAPL")->compliance, ComplianceMark::Pass);
        QCOMPARE(bySymbol.at("TSLA")->compliance, ComplianceMark::Warn);
        QVERIFY(bySymbol.at("BA")->held);

        // A bad file sends nothing and says why.
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("account,symbol,side,qty,type,limit_price,tif\nGROWTH-PB,NOPE,BUY,100,MKT,,DAY\n");
        file.close();
        auto* bad = desk.window->openBasket(path);
        QVERIFY2(bad->summaryLabel()->text().contains(QStringLiteral("line 2: unknown symbol 'NOPE'")),
                 qPrintable(bad->summaryLabel()->text()));
        QVERIFY(!bad->sendButton()->isEnabled());
        bad->close();
    }

    void officerEditsTheRules() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo, kOfficer);
        desk.show();
        desk.window->findChild<QAction*>(QStringLiteral("actionRules"))->trigger();
        ui::RulesDialog* rules = nullptr;
        QTRY_VERIFY((rules = openWindow<ui::RulesDialog>()));
        QCOMPARE(rules->rulesTable()->rowCount(), 15);
        QVERIFY(rules->saveButton()->isEnabled());
        rules->rulesTable()->selectRow(2);
        QCOMPARE(rules->nameEdit()->text(), QStringLiteral("Max order quantity"));
        QCOMPARE(rules->limitEdit()->text(), QStringLiteral("250000"));
        rules->warnAtEdit()->clear();
        type(rules->limitEdit(), QStringLiteral("abc"));
        QTest::mouseClick(rules->saveButton(), Qt::LeftButton);
        QVERIFY2(rules->problemLabel()->text().contains(QStringLiteral("The limit 'abc' is not a decimal")),
                 qPrintable(rules->problemLabel()->text()));
        type(rules->limitEdit(), QStringLiteral("50"));
        QTest::mouseClick(rules->saveButton(), Qt::LeftButton);
        QTRY_VERIFY(!openWindow<ui::RulesDialog>());

        // In force at once: 100 shares now exceed the limit.
        const auto check = desk.desk->engine()
                               .whatIf({desk.desk->gateway().defaultSession(),
                                        "GROWTH-PB",
                                        "AAPL",
                                        Side::Buy,
                                        {Qty::of("100"), OrdType::Market, {}, {}, TimeInForce::Day, {}}},
                                       test::trader())
                               .get()
                               .check;
        QCOMPARE(check.verdict, Verdict::Block);
        QCOMPARE(check.findings.front().ruleName, std::string("Max order quantity"));
        QVERIFY(desk.desk->engine().sync(std::chrono::seconds(10)));
        auto audit = desk.desk->store().auditTrail(10);
        QVERIFY(audit);
        QCOMPARE(audit->front().user, std::string("compliance"));
        QCOMPARE(audit->front().action, std::string("rule.change"));
        QVERIFY2(
            audit->front().details.find(
                "limit 250000, warn at 100000 → max_order_quantity, block, active, scope firm, limit 50") != std::string::npos,
            audit->front().details.c_str());
    }

    void traderSeesTheRulesReadOnly() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::Demo);
        desk.show();
        desk.window->findChild<QAction*>(QStringLiteral("actionRules"))->trigger();
        ui::RulesDialog* rules = nullptr;
        QTRY_VERIFY((rules = openWindow<ui::RulesDialog>()));
        QVERIFY(!rules->saveButton()->isEnabled());
        QVERIFY(!rules->limitEdit()->isEnabled());
        QVERIFY2(rules->problemLabel()->text().contains(QStringLiteral("may not change compliance rules")),
                 qPrintable(rules->problemLabel()->text()));
        rules->close();
        QVERIFY(!desk.window->findChild<QAction*>(QStringLiteral("actionAudit"))->isEnabled());
    }
};

QTEST_MAIN(TestCompliance)
#include "tst_compliance.moc"

#include "deskwindow.h"

#include "dialogs/orderticket.h"
#include "dialogs/referencedatadialog.h"
#include "engine/orderengine.h"
#include "formats/rulesfile.h"
#include "enginefeed.h"
#include "models/orderstablemodel.h"
#include "models/referencetablemodel.h"
#include "programs.h"
#include "store/sqlitestore.h"
#include "widgets/blotterwidget.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;

namespace {

const Actor kAdministrator{"admin", Role::Administrator};

ui::OrderTicket* openTicket() {
    for (auto* widget : QApplication::topLevelWidgets())
        if (auto* ticket = qobject_cast<ui::OrderTicket*>(widget); ticket && ticket->isVisible()) return ticket;
    return nullptr;
}

void type(QWidget* field, const QString& text) {
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

/// Waits for the dialog's answer and returns whether the change went through.
bool answered(QSignalSpy& done) {
    if (done.isEmpty() && !done.wait(10000)) qFatal("the reference data dialog got no answer");
    const bool changed = done.takeFirst().at(0).toBool();
    return changed;
}

bool hasInstrument(const app::Desk& desk, const std::string& symbol) {
    const auto& instruments = desk.referenceData().instruments;
    return std::any_of(instruments.begin(), instruments.end(), [&](const Instrument& i) { return i.symbol == symbol; });
}

}  // namespace

/// Administration → Reference data on a running desk: what an administrator imports or changes, the trader's
/// ticket, the blotters and the simulated broker take at once.
class TestReferenceData final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<test::DeskWindow> desk_;

private Q_SLOTS:
    void initTestCase() {
        test::isolateSettings("tst_referencedata");
        dir_ = std::make_unique<QTemporaryDir>();
        desk_ = std::make_unique<test::DeskWindow>(dir_->filePath(QStringLiteral("desk")));
        desk_->show();
    }
    void cleanupTestCase() { desk_.reset(); }

    void aBannerSaysWhileNoComplianceRuleIsActive() {
        auto& desk = *desk_;  // its rules were cleared, as a new desk of real brokers has none
        QLabel* banner = nullptr;
        QTRY_VERIFY((banner = desk.window->findChild<QLabel*>(QStringLiteral("uncheckedBanner"))));
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("every order goes to the broker unchecked")), qPrintable(banner->text()));
        auto rules = parseRulesFile(
            R"({"format": "openblotter-rules", "version": 1, "rules": [{"id": 1, "name": "Max order quantity", )"
            R"("kind": "max_order_quantity", "severity": "block", "limit": "1000000"}]})");
        QVERIFY2(rules.ok(), rules.ok() ? "" : rules.error().c_str());
        QVERIFY(desk.desk->engine().setRules(*rules, kAdministrator, "a rule in force").get().ok());
        QTRY_VERIFY(!banner->isVisible());
        rules->rules[0].mode = RuleMode::Disabled;
        QVERIFY(desk.desk->engine().setRules(*rules, kAdministrator, "disabled").get().ok());
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(desk.desk->engine().setRules({}, kAdministrator, "tests of the desk, not of compliance").get().ok());
    }

    void aTraderTradesAnInstrumentTheAdministratorJustImported() {
        auto& desk = *desk_;
        QVERIFY(!hasInstrument(*desk.desk, "IBM"));
        ui::ReferenceDataDialog dialog(desk.desk->engine(), desk.desk->referenceData(), desk.window->feed(), kAdministrator);
        QSignalSpy done(&dialog, &ui::ReferenceDataDialog::done);
        const auto file = test::writeFile(*dir_, "instruments.csv",
                                          QStringLiteral("symbol,name,issuer,sector,country,currency,lot_size,tick_size,price,"
                                                         "isin\nIBM,International Business Machines,IBM,Information "
                                                         "Technology,US,USD,1,0.01,181.50,US4592001014\n"));
        dialog.importFile(ReferenceKind::Instruments, file);
        QVERIFY2(answered(done), qPrintable(dialog.outcome()));
        QVERIFY2(dialog.outcome().contains(QStringLiteral("1 added, 0 changed, 0 unchanged")), qPrintable(dialog.outcome()));
        // The window takes the change from the engine's feed, and so does the dialog's table.
        QTRY_VERIFY(hasInstrument(*desk.desk, "IBM"));
        QTRY_VERIFY(dialog.table(ReferenceKind::Instruments).rowOf(QStringLiteral("IBM")) >= 0);

        QTest::keyClick(desk.window.get(), Qt::Key_F2);
        auto* ticket = openTicket();
        QVERIFY(ticket);
        type(ticket->symbolEdit(), QStringLiteral("IBM"));
        type(ticket->quantityEdit(), QStringLiteral("100"));
        type(ticket->limitEdit(), QStringLiteral("190"));
        QVERIFY2(ticket->problems().empty(), qPrintable(ticket->problemsLabel()->text()));
        QTRY_VERIFY(ticket->sendButton()->isEnabled());
        QTest::keyClick(ticket->quantityEdit(), Qt::Key_Return);
        QTRY_VERIFY(!openTicket());
        auto& orders = desk.window->ordersModel();
        QTRY_COMPARE(orders.rowCount(), 1);
        QCOMPARE(orders.orderAt(0)->symbol, std::string("IBM"));
        // The simulated broker in the desk trades IBM from now on: the order fills rather than being refused.
        QTRY_COMPARE_WITH_TIMEOUT(orders.index(0, ui::OrdersTableModel::Status).data().toString(), QStringLiteral("Filled"),
                                  10000);
    }

    void aDeactivatedInstrumentTakesNoNewOrderAndIsAudited() {
        auto& desk = *desk_;
        ui::ReferenceDataDialog dialog(desk.desk->engine(), desk.desk->referenceData(), desk.window->feed(), kAdministrator);
        QSignalSpy done(&dialog, &ui::ReferenceDataDialog::done);
        dialog.setActive(ReferenceKind::Instruments, QStringLiteral("MSFT"), false);
        QVERIFY2(answered(done), qPrintable(dialog.outcome()));
        QVERIFY2(dialog.outcome().contains(QStringLiteral("0 added, 1 changed")), qPrintable(dialog.outcome()));
        QTRY_VERIFY(!dialog.table(ReferenceKind::Instruments)
                         .isActive(dialog.table(ReferenceKind::Instruments).rowOf(QStringLiteral("MSFT"))));

        QTest::keyClick(desk.window.get(), Qt::Key_F2);
        auto* ticket = openTicket();
        QVERIFY(ticket);
        type(ticket->symbolEdit(), QStringLiteral("MSFT"));
        QTRY_VERIFY2(ticket->problemsLabel()->text().contains(QStringLiteral("MSFT is inactive: it takes no new order")),
                     qPrintable(ticket->problemsLabel()->text()));
        ticket->close();
        // The engine refuses it too, whatever the window shows.
        NewOrderRequest request{desk.desk->gateway().defaultSession(),
                                "GROWTH-PB",
                                "MSFT",
                                Side::Buy,
                                {Qty::of("100"), OrdType::Market, {}, {}, TimeInForce::Day, {}}};
        auto refused = desk.desk->engine().submit(request, test::trader()).get();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error(), std::string("instrument MSFT is inactive: it takes no new order"));

        const auto trail = desk.desk->store().auditTrail(50).value();
        const auto deactivated = std::find_if(trail.begin(), trail.end(), [](const AuditRecord& record) {
            return record.action == "instrument.deactivate" && record.subject == "instrument MSFT";
        });
        QVERIFY(deactivated != trail.end());
        QCOMPARE(deactivated->user, std::string("admin"));
        QCOMPARE(deactivated->details, std::string("active '1' → '0'"));
    }

    void aFormRefusesAWrongIdentifierAndChangesNothing() {
        auto& desk = *desk_;
        ui::ReferenceDataDialog dialog(desk.desk->engine(), desk.desk->referenceData(), desk.window->feed(), kAdministrator);
        QSignalSpy done(&dialog, &ui::ReferenceDataDialog::done);
        auto& accounts = dialog.table(ReferenceKind::Accounts);
        QCOMPARE(accounts.headers(),
                 (QStringList{QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("fund"), QStringLiteral("active")}));
        dialog.saveRow(ReferenceKind::Accounts, {QStringLiteral("GROWTH-NEW"), QStringLiteral("New account"),
                                                 QStringLiteral("GROWHT"), QStringLiteral("1")});
        QVERIFY(!answered(done));
        QVERIFY2(dialog.outcome().contains(QStringLiteral("fund 'GROWHT' is not a fund of the desk")),
                 qPrintable(dialog.outcome()));
        QVERIFY(dialog.outcome().contains(QStringLiteral("nothing was changed")));
        dialog.saveRow(ReferenceKind::Accounts, {QStringLiteral("GROWTH-NEW"), QStringLiteral("New account"),
                                                 QStringLiteral("GROWTH"), QStringLiteral("1")});
        QVERIFY2(answered(done), qPrintable(dialog.outcome()));
        QTRY_VERIFY(accounts.rowOf(QStringLiteral("GROWTH-NEW")) >= 0);
        // The blotters' account filter offers it at once.
        auto* filter = desk.window->ordersBlotter()->findChild<QComboBox*>(QStringLiteral("ordersAccount"));
        QVERIFY(filter);
        QTRY_VERIFY(filter->findData(QStringLiteral("GROWTH-NEW")) >= 0);
    }
};

QTEST_MAIN(TestReferenceData)
#include "tst_referencedata.moc"

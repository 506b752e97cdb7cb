// Takes the README's screenshots of the desktop on the demo desk: the login,
// the main window in the light and the dark theme, an order ticket (valid,
// invalid, with a compliance warning), an order's detail view, the FIX
// sessions panel, the compliance officer's breaches panel and rules, the administrator's users, and the
// portfolio manager's funds and rebalance with the list the trader releases. Run it under a display (scripts/screenshots.sh
// runs it under Xvfb); it writes PNG files into the directory it is given.
#include "demoorders.h"
#include "desk.h"
#include "deskwindows.h"
#include "dialogs/changepassworddialog.h"
#include "dialogs/logindialog.h"
#include "dialogs/orderdetaildialog.h"
#include "dialogs/orderticket.h"
#include "dialogs/rebalancedialog.h"
#include "dialogs/referencedatadialog.h"
#include "dialogs/rulesdialog.h"
#include "dialogs/userformdialog.h"
#include "dialogs/usersdialog.h"
#include "dialogs/welcomedialog.h"
#include "enginefeed.h"
#include "fix/fixgateway.h"
#include "goinglive.h"
#include "mainwindow.h"
#include "models/breachestablemodel.h"
#include "models/orderstablemodel.h"
#include "models/stagedlistsmodel.h"
#include "models/userstablemodel.h"
#include "orderactions.h"
#include "panels/compliancepanel.h"
#include "panels/fixsessionspanel.h"
#include "panels/fundspanel.h"
#include "panels/stagedlistspanel.h"
#include "theme.h"
#include "widgets/blotterwidget.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace ob;

namespace {

void save(QWidget* widget, const QDir& out, const char* name) {
    QApplication::processEvents();
    const auto path = out.filePath(QString::fromLatin1(name));
    if (!widget->grab().save(path)) qFatal("cannot write %s", qPrintable(path));
    std::printf("wrote %s\n", qPrintable(path));
}

OrderId firstWith(const ui::OrdersTableModel& orders, const char* status) {
    for (int row = 0; row < orders.rowCount(); ++row)
        if (orders.index(row, ui::OrdersTableModel::Status).data().toString() == QLatin1String(status))
            return orders.orderAt(row)->id;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: openblotter-screenshots OUTPUT-DIRECTORY\n");
        return 1;
    }
    QStandardPaths::setTestModeEnabled(true);  // no settings from the user's own desk
    QCoreApplication::setOrganizationName(QStringLiteral("OpenBlotterScreenshots"));
    QSettings().clear();
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QTemporaryDir data;
    ui::applyTheme(ui::Theme::Light);

    auto opened = app::Desk::open({data.path().toStdString(), "warn", {}});
    if (!opened) qFatal("%s", opened.error().c_str());
    auto& desk = **opened;
    ui::MainWindow window(app::windowServices(desk, Actor{"trader", Role::Trader}));
    if (auto started = desk.start(); !started) qFatal("%s", started.error().c_str());
    if (!desk.gateway().waitForLogon(std::chrono::seconds(10))) qFatal("no logon to the simulated broker");
    app::seedDemoOrders(desk.engine(), desk.referenceData(), desk.gateway().defaultSession());
    window.start();
    window.resize(1500, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) qFatal("the window was not shown");
    QTest::qWait(6000);  // the simulated broker fills in parts over a few seconds

    auto& orders = window.ordersModel();
    if (const OrderId working =
            firstWith(orders, "PartiallyFilled") ? firstWith(orders, "PartiallyFilled") : firstWith(orders, "New")) {
        const auto index = window.ordersBlotter()->proxy()->mapFromSource(orders.index(orders.rowOf(working), 0));
        window.ordersBlotter()->view()->selectRow(index.row());
    }
    save(&window, out, "main-window.png");

    ui::WelcomeDialog welcome(true, data.path());
    welcome.show();
    if (!QTest::qWaitForWindowExposed(&welcome)) qFatal("the welcome was not shown");
    save(&welcome, out, "welcome.png");
    welcome.hide();

    auto* ticket = window.orderActions()->openTicket(Side::Buy);
    ticket->symbolEdit()->setText(QStringLiteral("MSFT"));
    ticket->quantityEdit()->setText(QStringLiteral("1,500"));
    ticket->limitEdit()->setText(QStringLiteral("378.55"));
    QTest::qWait(300);
    save(ticket, out, "order-ticket.png");
    ticket->quantityEdit()->setText(QStringLiteral("1,550"));
    ticket->limitEdit()->setText(QStringLiteral("378.555"));
    save(ticket, out, "order-ticket-invalid.png");
    ticket->close();

    auto* warned = window.orderActions()->openTicket(Side::Buy);
    warned->symbolEdit()->setText(QStringLiteral("TSLA"));
    warned->quantityEdit()->setText(QStringLiteral("2,000"));
    warned->limitEdit()->setText(QStringLiteral("240.10"));
    if (!QTest::qWaitFor([warned] { return warned->complianceVerdict().has_value(); }, 5000)) qFatal("no compliance check");
    warned->reasonEdit()->setText(QStringLiteral("Rebalancing into the index weight"));
    save(warned, out, "order-ticket-compliance.png");
    warned->close();

    if (const OrderId filled = firstWith(orders, "Filled")) {
        auto* detail = qobject_cast<ui::OrderDetailDialog*>(window.orderActions()->openDetails(filled));
        if (!QTest::qWaitFor([detail] { return detail->isLoaded(); }, 5000)) qFatal("the order detail did not load");
        save(detail, out, "order-detail.png");
        detail->close();
    }

    window.findChild<QDockWidget*>(QStringLiteral("fixSessionsDock"))->raise();
    QTest::qWait(800);
    auto* messages = window.sessionsPanel()->messagesView();
    messages->selectRow(messages->model()->rowCount() - 1);
    save(&window, out, "fix-sessions.png");
    window.findChild<QDockWidget*>(QStringLiteral("executionsDock"))->raise();

    window.setTheme(ui::Theme::Dark);
    QTest::qWait(300);
    save(&window, out, "main-window-dark.png");
    window.setTheme(ui::Theme::Light);
    window.hide();

    ui::LoginDialog login([](const std::string&, const std::string&) -> Result<Actor> { return Error{"not in a screenshot"}; },
                          ui::LoginDialog::demoHint());
    login.userEdit()->setText(QStringLiteral("compliance"));
    login.passwordEdit()->setText(QStringLiteral("compliance-demo"));
    login.show();
    if (!QTest::qWaitForWindowExposed(&login)) qFatal("the login was not shown");
    save(&login, out, "login.png");
    login.hide();

    // The same desk as its compliance officer sees it.
    ui::MainWindow officer(app::windowServices(desk, Actor{"compliance", Role::ComplianceOfficer}));
    officer.start();
    officer.resize(1500, 900);
    officer.show();
    if (!QTest::qWaitForWindowExposed(&officer)) qFatal("the window was not shown");
    QTest::qWait(500);
    // The breach the restricted list raised on the demo's BA order, ready to be overridden.
    auto* panel = officer.compliancePanel();
    const auto& breaches = officer.breachesModel();
    for (int row = 0; row < breaches.rowCount(); ++row)
        if (const auto* breach = breaches.breachAt(row); breach->symbol == "BA" && breach->state == BreachState::Open)
            panel->select(breach->id);
    panel->reasonEdit()->setText(QStringLiteral("Wall-crossing ended this morning; the name is cleared"));
    QTest::qWait(300);
    save(&officer, out, "compliance-panel.png");

    auto loaded = desk.store().loadCompliance(nowUtc());
    if (!loaded) qFatal("%s", loaded.error().c_str());
    ui::RulesDialog rules(loaded->rules, desk.engine(), Actor{"compliance", Role::ComplianceOfficer});
    rules.show();
    if (!QTest::qWaitForWindowExposed(&rules)) qFatal("the rules were not shown");
    rules.rulesTable()->selectRow(6);
    QTest::qWait(300);
    save(&rules, out, "compliance-rules.png");
    rules.hide();
    officer.hide();

    // The administrator's users.
    ui::UsersDialog users(desk.engine(), Actor{"admin", Role::Administrator});
    users.show();
    if (!QTest::qWaitForWindowExposed(&users)) qFatal("the users were not shown");
    if (!QTest::qWaitFor([&users] { return users.model().rowCount() > 0; }, 5000)) qFatal("the users did not load");
    users.selectUser("trader2");
    QTest::qWait(300);
    save(&users, out, "users.png");
    auto* form = users.addUser();
    form->nameEdit()->setText(QStringLiteral("ann"));
    form->fullNameEdit()->setText(QStringLiteral("Ann Officer"));
    form->roleCombo()->setCurrentIndex(form->roleCombo()->findData(int(Role::ComplianceOfficer)));
    if (!QTest::qWaitForWindowExposed(form)) qFatal("the user form was not shown");
    save(form, out, "user-form.png");
    form->reject();
    users.hide();

    // A first login with a one-time password.
    ui::ChangePasswordDialog change(desk.engine(), Actor{"trader2", Role::Trader}, true);
    change.show();
    if (!QTest::qWaitForWindowExposed(&change)) qFatal("the password change was not shown");
    save(&change, out, "change-password.png");
    change.hide();

    // The same desk as its portfolio manager sees it: a fund against a model, then a rebalance to it.
    ui::MainWindow manager(app::windowServices(desk, Actor{"pm", Role::PortfolioManager}));
    manager.start();
    manager.resize(1500, 900);
    manager.show();
    if (!QTest::qWaitForWindowExposed(&manager)) qFatal("the window was not shown");
    auto* modelCombo = manager.fundsPanel()->findChild<QComboBox*>(QStringLiteral("modelCombo"));
    if (!QTest::qWaitFor([modelCombo] { return modelCombo->count() > 1; }, 5000)) qFatal("the models did not load");
    manager.fundsPanel()->showFund(QStringLiteral("GROWTH"));
    modelCombo->setCurrentText(QStringLiteral("US-CORE"));
    QTest::qWait(500);
    save(&manager, out, "funds.png");

    auto* rebalance = manager.openRebalance();
    rebalance->chooseFunds({QStringLiteral("GROWTH"), QStringLiteral("INCOME")});
    rebalance->chooseModel(QStringLiteral("US-CORE"));
    rebalance->setLimits(0.5, 1, 1000);
    rebalance->setBlocks(true);
    QSignalSpy proposed(rebalance, &ui::RebalanceDialog::proposed);
    rebalance->propose();
    if (!proposed.wait(10000)) qFatal("no rebalance proposal: %s", qPrintable(rebalance->statusText()));
    QTest::qWait(300);
    save(rebalance, out, "rebalance.png");
    QSignalSpy staged(rebalance, &ui::RebalanceDialog::staged);
    rebalance->approve();
    if (!staged.wait(10000)) qFatal("the rebalance was not staged: %s", qPrintable(rebalance->statusText()));
    manager.hide();

    // The trader receives the list and releases it to the simulated broker.
    window.show();
    window.findChild<QDockWidget*>(QStringLiteral("stagedListsDock"))->raise();
    auto* lists = window.stagedListsPanel();
    const auto listId = staged.at(0).at(0).value<OrderList>().id;
    if (!QTest::qWaitFor([&] { return window.listsModel().rowOf(listId) >= 0; }, 5000)) qFatal("the list did not arrive");
    lists->selectList(listId);
    lists->findChild<QLineEdit*>(QStringLiteral("releaseReason"))->setText(QStringLiteral("Rebalance approved by the PM"));
    QSignalSpy released(lists, &ui::StagedListsPanel::released);
    lists->releaseAll();
    if (!released.wait(10000)) qFatal("the list was not released");
    QTest::qWait(2500);  // some fills arrive
    save(&window, out, "staged-lists.png");
    window.hide();

    // The administrator's reference data, with the instruments a real desk's samples add.
    const Actor administrator{"admin", Role::Administrator};
    ui::ReferenceDataDialog reference(desk.engine(), desk.referenceData(), window.feed(), administrator);
    QSignalSpy imported(&reference, &ui::ReferenceDataDialog::done);
    QTemporaryDir samples;
    if (auto written = app::writeSampleFiles(samples.path().toStdString()); !written) qFatal("%s", written.error().c_str());
    reference.importFile(ReferenceKind::Instruments, samples.filePath(QStringLiteral("instruments.csv")));
    if (!imported.wait(10000)) qFatal("the sample instruments were not imported");
    window.feed().drain();
    reference.resize(1600, 560);
    reference.findChild<QLineEdit*>(QStringLiteral("referenceFilter_0"))->setText(QStringLiteral("Information Technology"));
    reference.show();
    if (!QTest::qWaitForWindowExposed(&reference)) qFatal("the reference data was not shown");
    QTest::qWait(300);
    save(&reference, out, "reference-data.png");
    reference.hide();

    // A new desk of real brokers says what to import, in what order, from where.
    ui::WelcomeDialog realDesk(false, QStringLiteral("/srv/desk"),
                               QString::fromStdString(app::goingLiveSteps("/srv/desk", "/etc/openblotter/broker.cfg")));
    realDesk.show();
    if (!QTest::qWaitForWindowExposed(&realDesk)) qFatal("the welcome was not shown");
    save(&realDesk, out, "welcome-real-desk.png");
    realDesk.hide();

    // Without an active compliance rule, as a new desk of real brokers starts, a banner says so.
    if (auto cleared = desk.engine().setRules({}, administrator, "the banner of a desk without rules").get(); !cleared)
        qFatal("%s", cleared.error().c_str());
    window.show();
    window.feed().drain();
    if (!QTest::qWaitFor([&window] { return window.findChild<QLabel*>(QStringLiteral("uncheckedBanner")); }, 5000))
        qFatal("no banner without rules");
    QTest::qWait(300);
    save(&window, out, "no-rules-banner.png");
    return 0;
}

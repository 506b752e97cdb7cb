// User administration in the desktop, on the demo desk with its real store and engine: the Users dialog adds a user
// with a one-time password that must be replaced at the first login, resets a password, disables a user and keeps
// the last administrator; the login dialog slows down and locks a user an administrator then unlocks; log out and
// a second user's window on the same running desk; each desk user's own workspace.
#include "deskwindow.h"

#include "auth/login.h"
#include "deskwindows.h"
#include "dialogs/changepassworddialog.h"
#include "dialogs/logindialog.h"
#include "dialogs/userformdialog.h"
#include "dialogs/usersdialog.h"
#include "models/orderstablemodel.h"
#include "models/userstablemodel.h"
#include "waits.h"
#include "widgets/blotterwidget.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;
using namespace std::chrono_literals;

namespace {

const Actor kAdmin{"admin", Role::Administrator};

void type(QWidget* field, const QString& text) {
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
}

QPushButton* button(QWidget* dialog, const char* name) {
    auto* found = dialog->findChild<QPushButton*>(QString::fromLatin1(name));
    if (!found) qFatal("no button %s", name);
    return found;
}

QString cell(const ui::UsersDialog& dialog, const char* user, int column) {
    const int row = dialog.model().rowOf(user);
    return row < 0 ? QStringLiteral("(no row)") : dialog.model().index(row, column).data().toString();
}

/// Clicks `name` in the Users dialog with `user` selected, and waits for the list to be read again.
void clickFor(ui::UsersDialog& dialog, const char* user, const char* name) {
    QVERIFY(dialog.selectUser(user));
    QSignalSpy refreshed(&dialog, &ui::UsersDialog::refreshed);
    QTest::mouseClick(button(&dialog, name), Qt::LeftButton);
    QVERIFY(refreshed.wait(10000));
}

Result<Actor> logInAs(app::Desk& desk, const std::string& user, const std::string& password) {
    return logIn(desk.store(), user, password, "test");
}

}  // namespace

class TestUsers final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings("tst_users"); }

    void administratorAddsResetsAndDisablesAUser() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kAdmin);
        desk.show();
        auto* action = desk.window->findChild<QAction*>(QStringLiteral("actionUsers"));
        QVERIFY(action && action->isEnabled());
        auto* dialog = desk.window->openUsers();
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->model().rowCount(), 5, 10000);  // the demo users
        QCOMPARE(cell(*dialog, "pm", ui::UsersTableModel::DeskRole), QStringLiteral("Portfolio manager"));

        // Add: the form, then a one-time password shown once.
        QSignalSpy issued(dialog, &ui::UsersDialog::passwordReset);
        QTest::mouseClick(button(dialog, "usersAdd"), Qt::LeftButton);
        auto* form = dialog->findChild<ui::UserFormDialog*>();
        QVERIFY(form);
        type(form->nameEdit(), QStringLiteral("ann"));
        type(form->fullNameEdit(), QStringLiteral("Ann Officer"));
        form->roleCombo()->setCurrentIndex(form->roleCombo()->findData(int(Role::ComplianceOfficer)));
        form->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(issued.wait(10000));
        QCOMPARE(issued.at(0).at(0).toString(), QStringLiteral("ann"));
        const auto oneTime = issued.at(0).at(1).toString().toStdString();
        QCOMPARE(oneTime.size(), std::size_t(16));
        QTRY_COMPARE(cell(*dialog, "ann", ui::UsersTableModel::OneTimePassword), QStringLiteral("One-time"));
        QCOMPARE(cell(*dialog, "ann", ui::UsersTableModel::DeskRole), QStringLiteral("Compliance officer"));
        QCOMPARE(cell(*dialog, "ann", ui::UsersTableModel::FullName), QStringLiteral("Ann Officer"));
        auto* box = dialog->findChild<QWidget*>(QStringLiteral("oneTimePasswordBox"));
        QVERIFY(box && box->isVisible());
        box->close();

        // The first login with it must choose a new password first.
        QVERIFY(logInAs(*desk.desk, "ann", oneTime));
        QCOMPARE(*mustChangePassword(desk.desk->store(), "ann"), true);
        ui::ChangePasswordDialog change(desk.desk->engine(), {"ann", Role::ComplianceOfficer}, true);
        change.show();
        type(change.currentEdit(), QString::fromStdString(oneTime));
        type(change.newEdit(), QStringLiteral("my-ann-password"));
        type(change.repeatEdit(), QStringLiteral("my-ann-password"));
        QTest::keyClick(change.repeatEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(change.errorLabel()->text(), QStringLiteral("Not changed: the password contains the user name"),
                                  10000);
        type(change.newEdit(), QStringLiteral("harbour-lantern-7"));
        type(change.repeatEdit(), QStringLiteral("harbour-lantern-7"));
        QTest::keyClick(change.repeatEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(change.result(), int(QDialog::Accepted), 10000);
        QCOMPARE(*mustChangePassword(desk.desk->store(), "ann"), false);
        QVERIFY(logInAs(*desk.desk, "ann", "harbour-lantern-7"));

        // Reset: the user's own password stops working; the new one-time password must be replaced again.
        clickFor(*dialog, "ann", "usersResetPassword");
        QTRY_COMPARE(issued.count(), 2);
        const auto second = issued.at(1).at(1).toString().toStdString();
        QVERIFY(second != oneTime);
        QVERIFY(!logInAs(*desk.desk, "ann", "harbour-lantern-7"));
        QVERIFY(logInAs(*desk.desk, "ann", second));
        QCOMPARE(*mustChangePassword(desk.desk->store(), "ann"), true);

        // Disable, and the last administrator refused.
        clickFor(*dialog, "ann", "usersToggleActive");
        QCOMPARE(cell(*dialog, "ann", ui::UsersTableModel::Active), QStringLiteral("Disabled"));
        QCOMPARE(logInAs(*desk.desk, "ann", second).error(), std::string("the account ann is disabled"));
        QCOMPARE(button(dialog, "usersToggleActive")->text(), QStringLiteral("&Enable"));
        clickFor(*dialog, "admin", "usersToggleActive");
        QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("admin is the desk's last active administrator")),
                 qPrintable(dialog->messageLabel()->text()));
        QCOMPARE(cell(*dialog, "admin", ui::UsersTableModel::Active), QStringLiteral("Active"));

        // Audited with old and new values, never a password.
        test::awaitCommitted(desk.desk->engine());
        auto trail = desk.desk->store().auditTrail(100);
        QVERIFY(trail);
        std::vector<std::string> changes;
        for (auto it = trail->rbegin(); it != trail->rend(); ++it) {
            QVERIFY(it->details.find(oneTime) == std::string::npos && it->details.find(second) == std::string::npos);
            if (it->subject == "user ann" && it->action != "login" && it->action != "login.failed")
                changes.push_back(it->action + ": " + it->details);
        }
        const std::vector<std::string> expected{"user.add: added: role ComplianceOfficer, one-time password",
                                                "user.password: changed their own password",
                                                "user.change: changed: one-time password", "user.change: changed: disabled"};
        QCOMPARE(changes, expected);
    }

    void loginSlowsDownThenLocksUntilUnlocked() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path(), test::DeskWindow::Rules::None, kAdmin);
        LoginThrottle throttle({3, 300ms, 1000ms});
        ui::LoginDialog login(
            [&](const std::string& user, const std::string& password) {
                return throttle.logIn(desk.desk->store(), user, password, "test");
            },
            {});
        login.setWaitFor([&throttle](const std::string& user) { return throttle.waitFor(user); });
        login.show();
        type(login.userEdit(), QStringLiteral("trader"));
        for (int failure = 1; failure <= 3; ++failure) {
            QTRY_VERIFY_WITH_TIMEOUT(login.logInButton()->isEnabled(), 5000);
            type(login.passwordEdit(), QStringLiteral("not-my-password"));
            QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
            // Held off without blocking: the button is disabled and the event loop runs on.
            QVERIFY(!login.logInButton()->isEnabled());
            QVERIFY2(login.errorLabel()->text().contains(QStringLiteral("Try again in 1 s.")),
                     qPrintable(login.errorLabel()->text()));
        }
        QVERIFY2(login.errorLabel()->text().contains(QStringLiteral("locked after too many failed logins: ask an administrator")),
                 qPrintable(login.errorLabel()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(login.logInButton()->isEnabled(), 5000);
        type(login.passwordEdit(), QStringLiteral("trader-demo"));
        QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
        QVERIFY(!login.actor());
        QVERIFY(login.errorLabel()->text().contains(QStringLiteral("ask an administrator")));

        auto* dialog = desk.window->openUsers();
        QTRY_COMPARE_WITH_TIMEOUT(cell(*dialog, "trader", ui::UsersTableModel::Locked),
                                  QStringLiteral("Locked (3 failed logins)"), 10000);
        QVERIFY(dialog->selectUser("trader"));
        QVERIFY(button(dialog, "usersUnlock")->isEnabled());
        clickFor(*dialog, "trader", "usersUnlock");
        QCOMPARE(cell(*dialog, "trader", ui::UsersTableModel::Locked), QString());
        QVERIFY(!button(dialog, "usersUnlock")->isEnabled());

        QTRY_VERIFY_WITH_TIMEOUT(login.logInButton()->isEnabled(), 5000);
        type(login.passwordEdit(), QStringLiteral("trader-demo"));
        QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
        QVERIFY(login.actor());
        QCOMPARE(login.actor()->user, std::string("trader"));
    }

    void logsOutAndAnotherUserGetsTheirOwnWorkspace() {
        QTemporaryDir dir;
        const Actor pm{"pm", Role::PortfolioManager};
        test::DeskWindow desk(dir.path());  // trader1
        desk.show();
        QVERIFY(!desk.window->findChild<QAction*>(QStringLiteral("actionUsers"))->isEnabled());
        QVERIFY(!desk.window->openUsers());
        desk.window->ordersBlotter()->filterEdit()->setText(QStringLiteral("AAPL"));
        desk.window->ordersBlotter()->sideCombo()->setCurrentIndex(
            desk.window->ordersBlotter()->sideCombo()->findData(int(Side::Sell)));
        desk.window->ordersBlotter()->view()->horizontalHeader()->setSectionHidden(ui::OrdersTableModel::Text, true);
        desk.window->setTheme(ui::Theme::Dark);

        // Log out: the window saves the workspace and closes; the desk runs on.
        QSignalSpy loggedOut(desk.window.get(), &ui::MainWindow::logOutRequested);
        QSignalSpy closed(desk.window.get(), &ui::MainWindow::closed);
        desk.window->findChild<QAction*>(QStringLiteral("actionLogOut"))->trigger();
        QCOMPARE(loggedOut.count(), 1);
        QCOMPARE(closed.count(), 1);
        QVERIFY(!desk.window->isVisible());
        const int orders = desk.window->ordersModel().rowCount();
        desk.window.reset();

        // The next user's window on the same running desk: the book, their role, their (default) workspace.
        auto second = std::make_unique<ui::MainWindow>(app::windowServices(*desk.desk, pm));
        second->start();
        second->restoreLayout();
        QCOMPARE(second->ordersModel().rowCount(), orders);
        QVERIFY(second->findChild<QAction*>(QStringLiteral("actionRebalance"))->isEnabled());
        QCOMPARE(second->ordersBlotter()->filterEdit()->text(), QString());
        QVERIFY(!second->ordersBlotter()->view()->horizontalHeader()->isSectionHidden(ui::OrdersTableModel::Text));
        QCOMPARE(ui::currentTheme(), ui::Theme::Light);
        second->ordersBlotter()->filterEdit()->setText(QStringLiteral("MSFT"));
        second->close();
        second.reset();

        // Back to the first user: their workspace again.
        auto third = std::make_unique<ui::MainWindow>(app::windowServices(*desk.desk, test::trader()));
        third->start();
        third->restoreLayout();
        QCOMPARE(third->ordersBlotter()->filterEdit()->text(), QStringLiteral("AAPL"));
        QCOMPARE(third->ordersBlotter()->sideCombo()->currentData().toInt(), int(Side::Sell));
        QVERIFY(third->ordersBlotter()->view()->horizontalHeader()->isSectionHidden(ui::OrdersTableModel::Text));
        QCOMPARE(ui::currentTheme(), ui::Theme::Dark);
        QCOMPARE(QSettings()
                     .value(ui::MainWindow::workspaceKey("pm", QStringLiteral("mainWindow/ordersFilters")))
                     .toMap()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("MSFT"));
        QVERIFY(!third->findChild<QLabel*>(QStringLiteral("deskWarningLabel")));  // no demo users on a real broker here
        third->setTheme(ui::Theme::Light);
        third.reset();
    }

    void warnsOfDemoUsersOnARealBrokerInTheStatusBar() {
        QTemporaryDir dir;
        test::DeskWindow desk(dir.path());
        auto services = app::windowServices(*desk.desk, test::trader());
        services.warning = QStringLiteral("Demo users on a real broker");
        ui::MainWindow window(services);
        window.show();
        auto* warning = window.findChild<QLabel*>(QStringLiteral("deskWarningLabel"));
        QVERIFY(warning);
        QCOMPARE(warning->text(), QStringLiteral("⚠ Demo users on a real broker"));
        QVERIFY(warning->isVisible());
        // Permanent: a message in the status bar does not hide it.
        window.statusBar()->showMessage(QStringLiteral("something else"), 1000);
        QVERIFY(warning->isVisible());
    }
};

QTEST_MAIN(TestUsers)
#include "tst_users.moc"

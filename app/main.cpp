#include "auth/login.h"
#include "commandline.h"
#include "demoorders.h"
#include "desk.h"
#include "deskwindows.h"
#include "dialogs/changepassworddialog.h"
#include "dialogs/logindialog.h"
#include "dialogs/welcomedialog.h"
#include "headless.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
#include <QEventLoop>
#include <QMessageBox>
#include <QSettings>

#include <sys/stat.h>
#include <cstdio>
#include <memory>

using namespace ob;

namespace {

void describeApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("OpenBlotter"));
    QCoreApplication::setApplicationName(QStringLiteral("openblotter"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPENBLOTTER_VERSION));
}

int failStart(const std::string& reason) {
    std::fprintf(stderr, "openblotter: %s\n", reason.c_str());
    QMessageBox::critical(nullptr, QObject::tr("OpenBlotter cannot start"), QString::fromStdString(reason));
    return 1;
}

/// One user's time at the desk, from their login to their log out (true) or the window's closing (false).
/// `first` logs in before the desk runs: the desk starts once someone has logged in.
Result<bool> runSession(app::Desk& desk, LoginThrottle& throttle, bool first) {
    ui::LoginDialog login(
        [&desk, &throttle](const std::string& user, const std::string& password) {
            return throttle.logIn(desk.store(), user, password, "desktop");
        },
        desk.simulator() ? ui::LoginDialog::demoHint() : QString());
    login.setWaitFor([&throttle](const std::string& user) { return throttle.waitFor(user); });
    if (login.exec() != QDialog::Accepted) return false;
    const Actor actor = *login.actor();

    if (first) {
        if (auto started = desk.start(); !started) return Error{started.error()};
        if (desk.simulator() && desk.gateway().waitForLogon(std::chrono::seconds(5)))
            app::seedDemoOrders(desk.engine(), desk.referenceData(), desk.gateway().defaultSession());
    }
    auto oneTime = mustChangePassword(desk.store(), actor.user);
    if (!oneTime) return Error{oneTime.error()};
    if (*oneTime) {
        ui::ChangePasswordDialog change(desk.engine(), actor, true);
        if (change.exec() != QDialog::Accepted) return true;  // back to the login
    }

    ui::MainWindow window(app::windowServices(desk, actor));
    window.start();
    window.restoreLayout();
    window.show();
    if (first && (desk.isNewDirectory() || !desk.firstStartSteps().empty())) {
        auto* welcome = new ui::WelcomeDialog(desk.simulator() != nullptr, QString::fromStdString(desk.dataDirectory().string()),
                                              QString::fromStdString(desk.firstStartSteps()), &window);
        welcome->setAttribute(Qt::WA_DeleteOnClose);
        welcome->show();
    }
    QEventLoop session;
    bool loggedOut = false;
    QObject::connect(&window, &ui::MainWindow::logOutRequested, &session, [&loggedOut] { loggedOut = true; });
    QObject::connect(&window, &ui::MainWindow::closed, &session, &QEventLoop::quit);
    session.exec();
    return loggedOut;
}

int runDesktop(int argc, char** argv) {
    QApplication application(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("OpenBlotter"));
    QApplication::setDesktopFileName(QStringLiteral("openblotter"));
    // Between one user's log out and the next login no window is open: the desk runs on.
    QApplication::setQuitOnLastWindowClosed(false);
    ui::applyTheme(ui::themeFromName(QSettings().value(QStringLiteral("appearance/theme")).toString()));

    const auto options = app::parseCommandLine(QApplication::arguments());
    if (options.exitNow) return options.exitCode;

    auto opened = app::Desk::open({options.dataDirectory, options.logLevel, options.fixSettings, "openblotter (desktop)"});
    if (!opened) return failStart(opened.error());
    auto& desk = **opened;
    LoginThrottle throttle(desk.loginPolicy());
    for (bool first = true;; first = false) {
        auto loggedOut = runSession(desk, throttle, first);
        if (!loggedOut) return failStart(loggedOut.error());
        if (!*loggedOut) return 0;
        ui::applyTheme(ui::themeFromName(QSettings().value(QStringLiteral("appearance/theme")).toString()));
    }
}

int runBatch(int argc, char** argv) {
    QCoreApplication application(argc, argv);
    describeApplication();
    const auto options = app::parseCommandLine(QCoreApplication::arguments());
    if (options.exitNow) return options.exitCode;
    return app::runHeadless(options);
}

}  // namespace

int main(int argc, char** argv) {
    ::umask(077);  // the database, logs, FIX files and exports it creates are its owner's alone
    // The batch mode needs no display: decide before any GUI object exists.
    return app::wantsHeadless(argc, argv) ? runBatch(argc, argv) : runDesktop(argc, argv);
}

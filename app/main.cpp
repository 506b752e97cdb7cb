#include "auth/login.h"
#include "commandline.h"
#include "demoorders.h"
#include "desk.h"
#include "deskwindows.h"
#include "dialogs/logindialog.h"
#include "dialogs/welcomedialog.h"
#include "headless.h"
#include "mainwindow.h"
#include "theme.h"

#include <QApplication>
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

int runDesktop(int argc, char** argv) {
    QApplication application(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("OpenBlotter"));
    QApplication::setDesktopFileName(QStringLiteral("openblotter"));
    ui::applyTheme(ui::themeFromName(QSettings().value(QStringLiteral("appearance/theme")).toString()));

    const auto options = app::parseCommandLine(QApplication::arguments());
    if (options.exitNow) return options.exitCode;

    auto opened = app::Desk::open({options.dataDirectory, options.logLevel, options.fixSettings, "openblotter (desktop)"});
    if (!opened) return failStart(opened.error());
    auto& desk = **opened;

    ui::LoginDialog login(
        [&desk](const std::string& user, const std::string& password) { return logIn(desk.store(), user, password, "desktop"); },
        desk.simulator() ? ui::LoginDialog::demoHint() : QString());
    if (login.exec() != QDialog::Accepted) return 0;
    const Actor actor = *login.actor();

    ui::MainWindow window(app::windowServices(desk, actor));
    if (auto started = desk.start(); !started) return failStart(started.error());
    if (desk.simulator() && desk.gateway().waitForLogon(std::chrono::seconds(5)))
        app::seedDemoOrders(desk.engine(), desk.referenceData(), desk.gateway().defaultSession());
    window.start();
    window.restoreLayout();
    window.show();
    if (desk.isNewDirectory() || !desk.firstStartSteps().empty()) {
        auto* welcome = new ui::WelcomeDialog(desk.simulator() != nullptr, QString::fromStdString(desk.dataDirectory().string()),
                                              QString::fromStdString(desk.firstStartSteps()), &window);
        welcome->setAttribute(Qt::WA_DeleteOnClose);
        welcome->show();
    }
    return QApplication::exec();
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

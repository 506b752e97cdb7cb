#include "commandline.h"
#include "demoorders.h"
#include "desk.h"
#include "enginefeed.h"
#include "format.h"
#include "headless.h"
#include "mainwindow.h"
#include "models/executionstablemodel.h"
#include "models/instrumentdirectory.h"
#include "models/orderstablemodel.h"

#include <QApplication>
#include <QMessageBox>

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

QString sessionSummary(FixGateway& gateway) {
    QStringList parts;
    for (const auto& session : gateway.sessions())
        parts << QStringLiteral("%1: %2").arg(QString::fromStdString(session.alias), ui::toQString(nameOf(session.state)));
    return parts.join(QStringLiteral(" · "));
}

int runDesktop(int argc, char** argv) {
    QApplication application(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("OpenBlotter"));
    QApplication::setDesktopFileName(QStringLiteral("openblotter"));

    const auto options = app::parseCommandLine(QApplication::arguments());
    if (options.exitNow) return options.exitCode;

    auto desk = app::Desk::open({options.dataDirectory, options.logLevel, options.fixSettings});
    if (!desk) return failStart(desk.error());

    ui::InstrumentDirectory instruments((*desk)->referenceData().instruments);
    ui::OrdersTableModel orders(instruments);
    ui::ExecutionsTableModel executions(instruments);
    ui::EngineFeed feed((*desk)->engine(), orders, executions);
    if (auto started = (*desk)->start(); !started) return failStart(started.error());
    if ((*desk)->simulator() && (*desk)->gateway().waitForLogon(std::chrono::seconds(5)))
        app::seedDemoOrders((*desk)->engine(), (*desk)->referenceData(), (*desk)->gateway().defaultSession());

    ui::MainWindow window(orders, executions,
                          {QString::fromStdString((*desk)->mode()), QString::fromStdString((*desk)->dataDirectory().string()),
                           [gateway = &(*desk)->gateway()] { return sessionSummary(*gateway); }});
    feed.start();
    window.restoreLayout();
    window.show();
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
    // The batch mode needs no display: decide before any GUI object exists.
    return app::wantsHeadless(argc, argv) ? runBatch(argc, argv) : runDesktop(argc, argv);
}

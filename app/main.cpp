#include "commandline.h"
#include "demoorders.h"
#include "desk.h"
#include "enginefeed.h"
#include "mainwindow.h"
#include "models/executionstablemodel.h"
#include "models/instrumentdirectory.h"
#include "models/orderstablemodel.h"

#include <QApplication>
#include <QMessageBox>

#include <cstdio>

using namespace ob;

namespace {

int failStart(const std::string& reason) {
    std::fprintf(stderr, "openblotter: %s\n", reason.c_str());
    QMessageBox::critical(nullptr, QObject::tr("OpenBlotter cannot start"), QString::fromStdString(reason));
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OpenBlotter"));
    QApplication::setApplicationName(QStringLiteral("openblotter"));
    QApplication::setApplicationDisplayName(QStringLiteral("OpenBlotter"));
    QApplication::setApplicationVersion(QStringLiteral(OPENBLOTTER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("openblotter"));

    const auto options = app::parseCommandLine(QApplication::arguments());
    if (options.exitNow) return options.exitCode;

    auto desk = app::Desk::open({options.dataDirectory, options.logLevel});
    if (!desk) return failStart(desk.error());

    ui::InstrumentDirectory instruments((*desk)->referenceData().instruments);
    ui::OrdersTableModel orders(instruments);
    ui::ExecutionsTableModel executions(instruments);
    ui::EngineFeed feed((*desk)->engine(), orders, executions);
    if (auto started = (*desk)->start(); !started) return failStart(started.error());
    app::seedDemoOrders((*desk)->engine(), (*desk)->referenceData());

    ui::MainWindow window(
        orders, executions,
        {QObject::tr("Demo data: no broker connected"), QString::fromStdString((*desk)->dataDirectory().string())});
    feed.start();
    window.restoreLayout();
    window.show();
    return QApplication::exec();
}

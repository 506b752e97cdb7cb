#include "deskwindow.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace ob::test {

DeskWindow::DeskWindow(const QString& directory, Rules rules, Actor actor) {
    auto opened = app::Desk::open({directory.toStdString(), "warn", {}});
    if (!opened) qFatal("%s", opened.error().c_str());
    desk = std::move(*opened);
    window = std::make_unique<ui::MainWindow>(ui::DeskServices{
        desk->engine(), desk->gateway(), desk->store(), [store = &desk->store()] { return store->loadModels(); }, desk->prices(),
        desk->referenceData(), [desk = desk.get()](const ReferenceData& reference) { desk->takeReference(reference); },
        QStringLiteral("Test desk"), directory, std::move(actor)});
    if (auto started = desk->start(); !started) qFatal("%s", started.error().c_str());
    if (rules == Rules::None)
        if (auto cleared =
                desk->engine().setRules({}, {"admin", Role::Administrator}, "tests of the desk, not of compliance").get();
            !cleared)
            qFatal("%s", cleared.error().c_str());
    if (!desk->gateway().waitForLogon(std::chrono::seconds(10))) qFatal("the desk did not log on to its simulator");
    window->start();
}

DeskWindow::~DeskWindow() {
    window.reset();  // before the desk it watches
    desk.reset();
}

void DeskWindow::show() {
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) qFatal("the main window was not shown");
}

void isolateSettings(const char* application) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenBlotterTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(application));
    QSettings().clear();
}

}  // namespace ob::test

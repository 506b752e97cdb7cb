#pragma once

#include "desk.h"
#include "mainwindow.h"

#include <QString>

#include <memory>

namespace ob::test {

/// The desktop as the application builds it: a desk on a temporary data
/// directory with its simulated broker over loopback FIX, and the main
/// window following it.
struct DeskWindow {
    explicit DeskWindow(const QString& directory);
    ~DeskWindow();

    /// Shows the window and waits until it is on screen.
    void show();

    std::unique_ptr<app::Desk> desk;
    std::unique_ptr<ui::MainWindow> window;
};

/// Test settings in a fresh place, so that no layout leaks between tests.
void isolateSettings(const char* application);

}  // namespace ob::test

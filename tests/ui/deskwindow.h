#pragma once

#include "desk.h"
#include "mainwindow.h"
#include "reports.h"

#include <QString>

#include <memory>

namespace ob::test {

/// The desktop as the application builds it: a desk on a temporary data
/// directory with its simulated broker over loopback FIX, and the main
/// window following it, for a user with `actor`'s role.
struct DeskWindow {
    /// The demo desk's compliance rules hold orders far from the market (the price
    /// collar): tests of the blotter run without rules unless they ask for them.
    enum class Rules { None, Demo };

    explicit DeskWindow(const QString& directory, Rules rules = Rules::None, Actor actor = test::trader());
    ~DeskWindow();

    /// Shows the window and waits until it is on screen.
    void show();

    std::unique_ptr<app::Desk> desk;
    std::unique_ptr<ui::MainWindow> window;
};

/// Test settings in a fresh place, so that no layout leaks between tests.
void isolateSettings(const char* application);

}  // namespace ob::test

#pragma once

#include <QDialog>

namespace ob::ui {

/// Shown once, when the desktop opens a data directory it has just created: what the demo desk
/// is (the simulated broker, a user per role, the demo funds and instruments) and how to connect
/// a real broker instead; on a new desk of real brokers, what to import, in what order, from where.
class WelcomeDialog final : public QDialog {
    Q_OBJECT

public:
    /// `firstStartSteps`: a new desk of real brokers' steps (app::goingLiveSteps), shown as they are.
    WelcomeDialog(bool simulatedBroker, const QString& dataDirectory, const QString& firstStartSteps = {},
                  QWidget* parent = nullptr);

    /// The explanation, as rich text.
    static QString text(bool simulatedBroker, const QString& dataDirectory, const QString& firstStartSteps = {});
};

}  // namespace ob::ui

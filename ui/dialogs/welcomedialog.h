#pragma once

#include <QDialog>

namespace ob::ui {

/// Shown once, when the desktop opens a data directory it has just created: what the demo desk
/// is (the simulated broker, a user per role, the demo funds and instruments) and how to connect
/// a real broker instead.
class WelcomeDialog final : public QDialog {
    Q_OBJECT

public:
    WelcomeDialog(bool simulatedBroker, const QString& dataDirectory, QWidget* parent = nullptr);

    /// The explanation, as rich text.
    static QString text(bool simulatedBroker, const QString& dataDirectory);
};

}  // namespace ob::ui

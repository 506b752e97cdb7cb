#pragma once

#include "auth/access.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ob {
class OrderEngine;
}

namespace ob::ui {

/// A user replaces their own password: the current one, the new one twice. The check of the current password,
/// the policy and the hashing run off the GUI thread (changeOwnPassword); the engine stores it, audited. Forced, it
/// follows a login with a one-time password and says why; cancelling it then cancels the login.
class ChangePasswordDialog final : public QDialog {
    Q_OBJECT

public:
    ChangePasswordDialog(OrderEngine& engine, Actor actor, bool forced, QWidget* parent = nullptr);

    QLineEdit* currentEdit() const { return current_; }
    QLineEdit* newEdit() const { return new_; }
    QLineEdit* repeatEdit() const { return repeat_; }
    QLabel* errorLabel() const { return error_; }

public Q_SLOTS:
    void attempt();

private:
    void refuse(const QString& why);

    OrderEngine& engine_;
    Actor actor_;
    QLineEdit* current_;
    QLineEdit* new_;
    QLineEdit* repeat_;
    QLabel* error_;
    QPushButton* ok_;
};

}  // namespace ob::ui

#pragma once

#include "auth/access.h"
#include "domain/result.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ob::ui {

/// The login at start: a user name and a password, checked by `logIn`
/// (which also records the attempt). A refusal is shown and the password
/// cleared; the dialog closes with the user once one is accepted.
class LoginDialog final : public QDialog {
    Q_OBJECT

public:
    using LogIn = std::function<Result<Actor>(const std::string& user, const std::string& password)>;

    /// `hint` is shown under the fields: on a demo desk, the demo users and their passwords.
    LoginDialog(LogIn logIn, const QString& hint, QWidget* parent = nullptr);

    /// What the login shows on the demo desk: its users, one per role, and their
    /// passwords (resources/demo/users.csv).
    static QString demoHint();

    /// The user logged in, once accepted.
    const std::optional<Actor>& actor() const { return actor_; }
    QLineEdit* userEdit() const { return user_; }
    QLineEdit* passwordEdit() const { return password_; }
    QLabel* errorLabel() const { return error_; }

public Q_SLOTS:
    void attempt();

private:
    LogIn logIn_;
    QLineEdit* user_;
    QLineEdit* password_;
    QLabel* error_;
    QPushButton* ok_;
    std::optional<Actor> actor_;
};

}  // namespace ob::ui

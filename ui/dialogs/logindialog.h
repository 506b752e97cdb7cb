#pragma once

#include "auth/access.h"
#include "domain/result.h"

#include <QDialog>

#include <chrono>
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
    /// How long `user` must wait before the next attempt (LoginThrottle::waitFor).
    using WaitFor = std::function<std::chrono::milliseconds(const std::string& user)>;

    /// `hint` is shown under the fields: on a demo desk, the demo users and their passwords.
    LoginDialog(LogIn logIn, const QString& hint, QWidget* parent = nullptr);

    /// What the login shows on the demo desk: its users, one per role, and their
    /// passwords (resources/demo/users.csv).
    static QString demoHint();

    /// After a refusal, the Log in button stays disabled, with a countdown, for as long as `waitFor` says: the GUI
    /// thread is never put to sleep.
    void setWaitFor(WaitFor waitFor) { waitFor_ = std::move(waitFor); }

    /// The user logged in, once accepted.
    const std::optional<Actor>& actor() const { return actor_; }
    QLineEdit* userEdit() const { return user_; }
    QLineEdit* passwordEdit() const { return password_; }
    QLabel* errorLabel() const { return error_; }
    QPushButton* logInButton() const { return ok_; }

public Q_SLOTS:
    void attempt();

private:
    /// Keeps the button disabled while `user` must wait, showing `refusal` and the seconds left.
    void holdOff(const std::string& user, const QString& refusal);

    LogIn logIn_;
    WaitFor waitFor_;
    QLineEdit* user_;
    QLineEdit* password_;
    QLabel* error_;
    QPushButton* ok_;
    std::optional<Actor> actor_;
};

}  // namespace ob::ui

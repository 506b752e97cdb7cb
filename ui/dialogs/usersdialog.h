#pragma once

#include "auth/access.h"
#include "auth/users.h"
#include "domain/result.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace ob {
class OrderEngine;
}

namespace ob::ui {

class UserFormDialog;
class UsersTableModel;

/// An administrator's users: the list (name, full name, role, active, locked, one-time password) and the changes,
/// each through the engine, which audits it with its old and new values: add a user, change a role or full name,
/// disable or enable, reset a password to a one-time password (shown once, here), unlock a user failed logins
/// locked. The engine's refusals (the last administrator, a user not locked) are shown under the list.
class UsersDialog final : public QDialog {
    Q_OBJECT

public:
    UsersDialog(OrderEngine& engine, Actor administrator, QWidget* parent = nullptr);

    UsersTableModel& model() const { return *model_; }
    QTableView* view() const { return view_; }
    QLabel* messageLabel() const { return message_; }
    /// Selects the user `name` in the list; false when there is none.
    bool selectUser(const std::string& name);

    /// Opens the form for a new user; once accepted the user is added with a one-time password.
    UserFormDialog* addUser();
    /// Opens the form for the selected user's full name and role.
    UserFormDialog* changeUser();
    void toggleActive();
    void resetPassword();
    void unlock();

public Q_SLOTS:
    /// Reads the users again, once the engine's changes so far are committed.
    void refresh();

Q_SIGNALS:
    /// The users were read again (after each change).
    void refreshed();
    /// A one-time password was given to `user`; it is shown once, in a message box.
    void passwordReset(const QString& user, const QString& oneTimePassword);

private:
    void updateButtons();
    /// Shows the answer to a change and reads the users again.
    void answered(const Status& status, const QString& done);
    /// Gives `user` a new one-time password, adding the user if new, and shows it.
    void issueOneTimePassword(const User& user, bool added);

    OrderEngine& engine_;
    Actor administrator_;
    UsersTableModel* model_;
    QTableView* view_;
    QLabel* message_;
    QPushButton* add_;
    QPushButton* change_;
    QPushButton* toggleActive_;
    QPushButton* reset_;
    QPushButton* unlock_;
};

}  // namespace ob::ui

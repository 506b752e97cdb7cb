#include "usersdialog.h"

#include "dialogs/userformdialog.h"
#include "engine/orderengine.h"
#include "engine/passwordchanges.h"
#include "format.h"
#include "futures.h"
#include "models/userstablemodel.h"
#include "theme.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ob::ui {

namespace {

QPushButton* button(QWidget* parent, const QString& text, const QString& name, const QString& tip) {
    auto* pushButton = new QPushButton(text, parent);
    pushButton->setObjectName(name);
    pushButton->setToolTip(tip);
    pushButton->setAutoDefault(false);
    return pushButton;
}

}  // namespace

UsersDialog::UsersDialog(OrderEngine& engine, Actor administrator, QWidget* parent)
    : QDialog(parent), engine_(engine), administrator_(std::move(administrator)) {
    setObjectName(QStringLiteral("usersDialog"));
    setWindowTitle(tr("Users"));
    model_ = new UsersTableModel(this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("usersView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("usersMessage"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    add_ = button(this, tr("&Add…"), QStringLiteral("usersAdd"), tr("Add a user, with a one-time password"));
    change_ = button(this, tr("&Change…"), QStringLiteral("usersChange"), tr("Change the user's full name or role"));
    toggleActive_ = button(this, tr("&Disable"), QStringLiteral("usersToggleActive"),
                           tr("A disabled user may not log in; enabling lets them again"));
    reset_ = button(this, tr("&Reset password"), QStringLiteral("usersResetPassword"),
                    tr("Give the user a one-time password, shown once here; they choose their own at the next login"));
    unlock_ = button(this, tr("&Unlock"), QStringLiteral("usersUnlock"), tr("Let a user locked by failed logins log in again"));
    connect(add_, &QPushButton::clicked, this, &UsersDialog::addUser);
    connect(change_, &QPushButton::clicked, this, &UsersDialog::changeUser);
    connect(toggleActive_, &QPushButton::clicked, this, &UsersDialog::toggleActive);
    connect(reset_, &QPushButton::clicked, this, &UsersDialog::resetPassword);
    connect(unlock_, &QPushButton::clicked, this, &UsersDialog::unlock);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersDialog::updateButtons);
    connect(view_, &QTableView::doubleClicked, this, &UsersDialog::changeUser);

    auto* actions = new QVBoxLayout;
    for (auto* pushButton : {add_, change_, toggleActive_, reset_, unlock_}) actions->addWidget(pushButton);
    actions->addStretch(1);
    auto* body = new QHBoxLayout;
    body->addWidget(view_, 1);
    body->addLayout(actions);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(message_);
    layout->addWidget(buttons);
    resize(820, 420);
    updateButtons();
    refresh();
}

bool UsersDialog::selectUser(const std::string& name) {
    const int row = model_->rowOf(name);
    if (row < 0) return false;
    view_->selectRow(row);
    return true;
}

void UsersDialog::refresh() {
    auto& engine = engine_;
    whenReady(this, inBackground([&engine] {
                  // After a change, so that a lock lifted or a user added shows as committed.
                  engine.sync(std::chrono::seconds(5));
                  return engine.users().get();
              }),
              [this](Result<std::vector<User>> users) {
                  if (!users) {
                      message_->setText(tr("Cannot read the users: %1").arg(toQString(users.error())));
                      return;
                  }
                  const auto* selected = model_->userAt(view_->currentIndex().row());
                  const std::string keep = selected ? selected->name : std::string();
                  model_->setUsers(std::move(*users));
                  if (!keep.empty()) selectUser(keep);
                  view_->resizeColumnsToContents();
                  updateButtons();
                  Q_EMIT refreshed();
              });
}

void UsersDialog::updateButtons() {
    const auto rows = view_->selectionModel()->selectedRows();
    const auto* user = rows.isEmpty() ? nullptr : model_->userAt(rows.first().row());
    for (auto* pushButton : {change_, toggleActive_, reset_}) pushButton->setEnabled(user != nullptr);
    unlock_->setEnabled(user && user->locked);
    toggleActive_->setText(user && !user->active ? tr("&Enable") : tr("&Disable"));
}

void UsersDialog::answered(const Status& status, const QString& done) {
    QPalette palette = message_->palette();
    palette.setColor(QPalette::WindowText, status ? palette.color(QPalette::Text) : profitColor(false));
    message_->setPalette(palette);
    message_->setText(status ? done : tr("Refused: %1").arg(toQString(status.error())));
    refresh();
}

UserFormDialog* UsersDialog::addUser() {
    auto* form = new UserFormDialog(std::nullopt, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &QDialog::accepted, this, [this, form] {
        const User user{form->name(), form->fullName(), form->role(), {}, true};
        if (model_->rowOf(user.name) >= 0) return answered(Error{"there is a user " + user.name + " already"}, {});
        issueOneTimePassword(user, true);
    });
    form->open();
    return form;
}

UserFormDialog* UsersDialog::changeUser() {
    const auto* user = model_->userAt(view_->currentIndex().row());
    if (!user) return nullptr;
    auto* form = new UserFormDialog(*user, this);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &QDialog::accepted, this, [this, form, known = *user] {
        UserChange change{known.name, form->role(), form->fullName(), known.active, std::nullopt};
        whenReady(this, engine_.setUser(std::move(change), administrator_), [this](Result<UserUpdate> update) {
            answered(update ? Status{} : Status{Error{update.error()}},
                     update ? tr("User %1 %2").arg(toQString(update->user.name), toQString(update->details)) : QString());
        });
    });
    form->open();
    return form;
}

void UsersDialog::toggleActive() {
    const auto* user = model_->userAt(view_->currentIndex().row());
    if (!user) return;
    UserChange change{user->name, user->role, user->fullName, !user->active, std::nullopt};
    whenReady(this, engine_.setUser(std::move(change), administrator_), [this](Result<UserUpdate> update) {
        answered(update ? Status{} : Status{Error{update.error()}},
                 update ? tr("User %1 %2").arg(toQString(update->user.name), toQString(update->details)) : QString());
    });
}

void UsersDialog::resetPassword() {
    const auto* user = model_->userAt(view_->currentIndex().row());
    if (user) issueOneTimePassword(*user, false);
}

void UsersDialog::unlock() {
    const auto* user = model_->userAt(view_->currentIndex().row());
    if (!user) return;
    const auto name = toQString(user->name);
    whenReady(this, engine_.unlockUser(user->name, administrator_),
              [this, name](Status status) { answered(status, tr("User %1 unlocked").arg(name)); });
}

void UsersDialog::issueOneTimePassword(const User& user, bool added) {
    message_->setText(tr("Making a one-time password for %1…").arg(toQString(user.name)));
    auto& engine = engine_;
    whenReady(this, inBackground([&engine, administrator = administrator_, user] {
                  return ob::resetPassword(engine, administrator, user);
              }),
              [this, name = toQString(user.name), added](Result<std::string> password) {
                  if (!password) return answered(Error{password.error()}, {});
                  const auto oneTime = toQString(*password);
                  answered({}, added ? tr("User %1 added").arg(name) : tr("Password of %1 reset").arg(name));
                  // Non-modal, and never written anywhere: the administrator hands it over.
                  auto* box = new QMessageBox(QMessageBox::Information, tr("One-time password"),
                                              tr("The one-time password of <b>%1</b> is<br><br><code>%2</code><br><br>It is "
                                                 "shown only now. %1 logs in with it once and then chooses their own.")
                                                  .arg(name.toHtmlEscaped(), oneTime.toHtmlEscaped()),
                                              QMessageBox::Ok, this);
                  box->setObjectName(QStringLiteral("oneTimePasswordBox"));
                  box->setTextInteractionFlags(Qt::TextSelectableByMouse);
                  box->setAttribute(Qt::WA_DeleteOnClose);
                  box->open();
                  Q_EMIT passwordReset(name, oneTime);
              });
}

}  // namespace ob::ui

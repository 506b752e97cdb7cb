#include "changepassworddialog.h"

#include "auth/passwordpolicy.h"
#include "engine/passwordchanges.h"
#include "format.h"
#include "futures.h"
#include "theme.h"
#include "widgets/errorlabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ob::ui {

namespace {

QLineEdit* passwordEdit(QWidget* parent, const QString& name) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

}  // namespace

ChangePasswordDialog::ChangePasswordDialog(OrderEngine& engine, Actor actor, bool forced, QWidget* parent)
    : QDialog(parent), engine_(engine), actor_(std::move(actor)) {
    setObjectName(QStringLiteral("changePasswordDialog"));
    setWindowTitle(tr("Change password"));
    current_ = passwordEdit(this, QStringLiteral("currentPassword"));
    new_ = passwordEdit(this, QStringLiteral("newPassword"));
    repeat_ = passwordEdit(this, QStringLiteral("repeatPassword"));
    error_ = newErrorLabel(QStringLiteral("changePasswordError"), this);

    auto* explanation = new QLabel(forced ? tr("%1, you logged in with a one-time password. Choose your own password to go on.")
                                                .arg(toQString(actor_.user).toHtmlEscaped())
                                          : tr("Your new password replaces the current one at once."),
                                   this);
    explanation->setWordWrap(true);
    auto* rules = new QLabel(
        tr("At least %1 characters, not containing your user name, not a published demo password.").arg(kMinimumPasswordLength),
        this);
    rules->setWordWrap(true);
    QPalette mutedPalette = rules->palette();
    mutedPalette.setColor(QPalette::WindowText, mutedColor());
    rules->setPalette(mutedPalette);

    auto* form = new QFormLayout;
    form->addRow(forced ? tr("&One-time password") : tr("&Current password"), current_);
    form->addRow(tr("&New password"), new_);
    form->addRow(tr("&Repeat"), repeat_);
    auto* buttons = new QDialogButtonBox(this);
    ok_ = buttons->addButton(tr("Change password"), QDialogButtonBox::AcceptRole);
    ok_->setDefault(true);
    buttons->addButton(forced ? tr("Log out") : tr("Cancel"), QDialogButtonBox::RejectRole);
    connect(ok_, &QPushButton::clicked, this, &ChangePasswordDialog::attempt);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(rules);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    current_->setFocus();
}

void ChangePasswordDialog::attempt() {
    if (new_->text() != repeat_->text()) return refuse(tr("The new password and its repetition differ."));
    ok_->setEnabled(false);
    error_->setText(tr("Checking…"));
    auto& engine = engine_;
    whenReady(
        this,
        inBackground([&engine, actor = actor_, current = current_->text().toStdString(), chosen = new_->text().toStdString()] {
            return changeOwnPassword(engine, actor, current, chosen);
        }),
        [this](Status changed) {
            ok_->setEnabled(true);
            if (!changed) return refuse(tr("Not changed: %1").arg(toQString(changed.error())));
            accept();
        },
        [this](const QString& failure) {
            ok_->setEnabled(true);
            refuse(failure);
        });
}

void ChangePasswordDialog::refuse(const QString& why) {
    error_->setText(why);
    new_->clear();
    repeat_->clear();
    new_->setFocus();
}

}  // namespace ob::ui

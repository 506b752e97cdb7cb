#include "logindialog.h"

#include "format.h"
#include "theme.h"
#include "widgets/errorlabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace ob::ui {

namespace {
const QString kLastUserKey = QStringLiteral("login/lastUser");
}

LoginDialog::LoginDialog(LogIn logIn, const QString& hint, QWidget* parent) : QDialog(parent), logIn_(std::move(logIn)) {
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Log in to OpenBlotter"));

    auto* heading = new QLabel(tr("OpenBlotter"), this);
    QFont font = heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.5);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);

    user_ = new QLineEdit(QSettings().value(kLastUserKey).toString(), this);
    user_->setObjectName(QStringLiteral("loginUser"));
    password_ = new QLineEdit(this);
    password_->setObjectName(QStringLiteral("loginPassword"));
    password_->setEchoMode(QLineEdit::Password);
    error_ = newErrorLabel(QStringLiteral("loginError"), this);

    auto* form = new QFormLayout;
    form->addRow(tr("&User"), user_);
    form->addRow(tr("&Password"), password_);

    auto* buttons = new QDialogButtonBox(this);
    ok_ = buttons->addButton(tr("Log in"), QDialogButtonBox::AcceptRole);
    ok_->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(ok_, &QPushButton::clicked, this, &LoginDialog::attempt);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(error_);
    if (!hint.isEmpty()) {
        auto* hintLabel = new QLabel(hint, this);
        hintLabel->setObjectName(QStringLiteral("loginHint"));
        hintLabel->setWordWrap(true);
        hintLabel->setTextFormat(Qt::RichText);
        hintLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QPalette palette = hintLabel->palette();
        palette.setColor(QPalette::WindowText, mutedColor());
        hintLabel->setPalette(palette);
        layout->addWidget(hintLabel);
    }
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    (user_->text().isEmpty() ? user_ : password_)->setFocus();
}

QString LoginDialog::demoHint() {
    return tr(
        "<p>Demo desk with its simulated broker. A user per role:</p>"
        "<table cellspacing=2><tr><td>trader, trader2</td><td>&nbsp;Trader</td></tr>"
        "<tr><td>pm</td><td>&nbsp;Portfolio manager</td></tr>"
        "<tr><td>compliance</td><td>&nbsp;Compliance officer</td></tr>"
        "<tr><td>admin</td><td>&nbsp;Administrator</td></tr></table>"
        "<p>The password is the user's name followed by <b>-demo</b>, e.g. trader-demo.</p>");
}

void LoginDialog::attempt() {
    const auto name = user_->text().trimmed().toStdString();
    if (name.empty()) {
        error_->setText(tr("Enter your user name."));
        user_->setFocus();
        return;
    }
    auto result = logIn_(name, password_->text().toStdString());
    password_->clear();
    if (!result) {
        const auto refusal = tr("Not logged in: %1").arg(toQString(result.error()));
        error_->setText(refusal);
        password_->setFocus();
        if (waitFor_) holdOff(name, refusal);
        return;
    }
    QSettings().setValue(kLastUserKey, user_->text().trimmed());
    actor_ = *result;
    accept();
}

void LoginDialog::holdOff(const std::string& user, const QString& refusal) {
    const auto wait = waitFor_(user);
    if (wait.count() <= 0) {
        ok_->setEnabled(true);
        error_->setText(refusal);
        return;
    }
    ok_->setEnabled(false);
    error_->setText(tr("%1\nTry again in %n s.", nullptr, int((wait.count() + 999) / 1000)).arg(refusal));
    QTimer::singleShot(std::min<std::chrono::milliseconds>(wait, std::chrono::milliseconds(250)), this,
                       [this, user, refusal] { holdOff(user, refusal); });
}

}  // namespace ob::ui

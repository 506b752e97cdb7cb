#include "userformdialog.h"

#include "format.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ob::ui {

UserFormDialog::UserFormDialog(const std::optional<User>& existing, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("userFormDialog"));
    setWindowTitle(existing ? tr("Change user %1").arg(toQString(existing->name)) : tr("Add a user"));
    name_ = new QLineEdit(existing ? toQString(existing->name) : QString(), this);
    name_->setObjectName(QStringLiteral("userName"));
    name_->setReadOnly(existing.has_value());
    fullName_ = new QLineEdit(existing ? toQString(existing->fullName) : QString(), this);
    fullName_->setObjectName(QStringLiteral("userFullName"));
    role_ = new QComboBox(this);
    role_->setObjectName(QStringLiteral("userRole"));
    for (const auto role : {Role::Trader, Role::PortfolioManager, Role::ComplianceOfficer, Role::Administrator})
        role_->addItem(roleName(role), int(role));
    role_->setCurrentIndex(role_->findData(int(existing ? existing->role : Role::Trader)));

    auto* form = new QFormLayout;
    form->addRow(tr("&User name"), name_);
    form->addRow(tr("&Full name"), fullName_);
    form->addRow(tr("&Role"), role_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(existing ? tr("Change") : tr("Add"));
    ok->setEnabled(existing.has_value());
    connect(name_, &QLineEdit::textChanged, ok, [ok](const QString& text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 48);
}

std::string UserFormDialog::name() const { return name_->text().trimmed().toStdString(); }

std::string UserFormDialog::fullName() const { return fullName_->text().trimmed().toStdString(); }

ob::Role UserFormDialog::role() const { return ob::Role(role_->currentData().toInt()); }

}  // namespace ob::ui

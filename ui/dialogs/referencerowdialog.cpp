#include "referencerowdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace ob::ui {

ReferenceRowDialog::ReferenceRowDialog(const QString& title, const QStringList& headers, const QStringList& fields, Check check,
                                       QWidget* parent)
    : QDialog(parent), headers_(headers), check_(std::move(check)) {
    setWindowTitle(title);
    setObjectName(QStringLiteral("referenceRowDialog"));
    auto* form = new QFormLayout;
    activeColumn_ = int(headers.indexOf(QStringLiteral("active")));
    for (int column = 0; column < headers.size(); ++column) {
        const auto value = fields.value(column);
        if (column == activeColumn_) {
            active_ = new QCheckBox(tr("Takes new orders"), this);
            active_->setObjectName(QStringLiteral("referenceField_active"));
            active_->setChecked(value != QStringLiteral("0"));
            form->addRow(QStringLiteral("active"), active_);
            edits_.push_back(nullptr);
            continue;
        }
        auto* edit = new QLineEdit(value, this);
        edit->setObjectName(QStringLiteral("referenceField_") + headers[column]);
        // The key names the item in the book for ever: a new key is a new item.
        if (column == 0 && !fields.isEmpty()) edit->setReadOnly(true);
        form->addRow(headers[column], edit);
        edits_.push_back(edit);
    }
    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("referenceRowProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #c62828;"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReferenceRowDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
}

QStringList ReferenceRowDialog::fields() const {
    QStringList values;
    for (std::size_t column = 0; column < edits_.size(); ++column)
        values << (int(column) == activeColumn_ ? (active_->isChecked() ? QStringLiteral("1") : QStringLiteral("0"))
                                                : edits_[column]->text().trimmed());
    return values;
}

void ReferenceRowDialog::refuse(const QString& why) { problem_->setText(why); }

void ReferenceRowDialog::tryAccept() {
    const auto why = check_(fields());
    if (!why.isEmpty()) return refuse(why);
    accept();
}

}  // namespace ob::ui

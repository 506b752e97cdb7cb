#include "auditdialog.h"

#include "format.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ob::ui {

AuditDialog::AuditDialog(std::vector<AuditRecord> records, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(tr("Audit trail"));
    filter_ = new QLineEdit(this);
    filter_->setObjectName(QStringLiteral("auditFilter"));
    filter_->setPlaceholderText(tr("Filter: user, action, order, rule, any text"));
    filter_->setClearButtonEnabled(true);
    count_ = new QLabel(this);

    table_ = new QTableWidget(int(records.size()), 6, this);
    table_->setObjectName(QStringLiteral("auditTable"));
    table_->setHorizontalHeaderLabels({tr("Time"), tr("User"), tr("Role"), tr("Action"), tr("Subject"), tr("Details")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < int(records.size()); ++row) {
        const auto& r = records[std::size_t(row)];
        const QStringList cells{formatTime(r.at) + QLatin1Char(' ') + toQString(toIsoString(r.at)).left(10),
                                toQString(r.user),
                                roleName(r.role),
                                toQString(r.action),
                                toQString(r.subject),
                                toQString(r.details)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setToolTip(cells[column]);
            table_->setItem(row, column, item);
        }
    }
    table_->resizeColumnsToContents();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(filter_, &QLineEdit::textChanged, this, &AuditDialog::applyFilter);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filter_);
    layout->addWidget(table_, 1);
    layout->addWidget(count_);
    layout->addWidget(buttons);
    resize(1100, 560);
    applyFilter();
}

void AuditDialog::applyFilter() {
    const auto text = filter_->text().trimmed();
    int shown = 0;
    for (int row = 0; row < table_->rowCount(); ++row) {
        bool match = text.isEmpty();
        for (int column = 0; !match && column < table_->columnCount(); ++column)
            match = table_->item(row, column)->text().contains(text, Qt::CaseInsensitive);
        table_->setRowHidden(row, !match);
        shown += match ? 1 : 0;
    }
    count_->setText(tr("%1 of %2 records (newest first)").arg(shown).arg(table_->rowCount()));
}

}  // namespace ob::ui

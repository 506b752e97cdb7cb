#include "fixmessageview.h"

#include "fix/fixdictionary.h"
#include "format.h"
#include "widgets/tablestyle.h"

#include <QHeaderView>

namespace ob::ui {

FixMessageView::FixMessageView(QWidget* parent) : QTableWidget(0, 4, parent) {
    setObjectName(QStringLiteral("fixMessageView"));
    setHorizontalHeaderLabels({tr("Tag"), tr("Field"), tr("Value"), tr("Meaning")});
    setEditTriggers(NoEditTriggers);
    styleTable(this);
}

void FixMessageView::showMessage(const std::string& text) {
    const auto fields = FixDictionary::decode(text);
    setRowCount(int(fields.size()));
    for (int row = 0; row < int(fields.size()); ++row) {
        const auto& field = fields[std::size_t(row)];
        auto* tag = new QTableWidgetItem(QString::number(field.tag));
        tag->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setItem(row, 0, tag);
        setItem(row, 1, new QTableWidgetItem(toQString(field.name)));
        setItem(row, 2, new QTableWidgetItem(toQString(field.value)));
        setItem(row, 3, new QTableWidgetItem(toQString(field.valueName)));
    }
    resizeColumnsToContents();
}

}  // namespace ob::ui

#include "referencetablemodel.h"

#include "format.h"
#include "formats/referenceexport.h"
#include "util/csv.h"

#include <QColor>
#include <QPalette>

namespace ob::ui {

ReferenceTableModel::ReferenceTableModel(ReferenceKind kind, QObject* parent) : QAbstractTableModel(parent), kind_(kind) {}

int ReferenceTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ReferenceTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(headers_.size()); }

QVariant ReferenceTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto& row = rows_[std::size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole: return row.value(index.column());
        case Qt::ForegroundRole:
            if (!isActive(index.row())) return QPalette().color(QPalette::Disabled, QPalette::Text);
            return {};
        case Qt::ToolTipRole:
            if (!isActive(index.row())) return tr("Inactive: takes no new order; its orders and positions stay");
            return {};
        default: return {};
    }
}

QVariant ReferenceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return headers_.value(section);
}

void ReferenceTableModel::show(const ReferenceData& reference) {
    // The export's own text, read back: one definition of the columns and of how each value is written.
    auto table = CsvTable::parse(referenceCsv(kind_, reference));
    beginResetModel();
    headers_.clear();
    rows_.clear();
    if (table) {
        for (const auto& header : table->headers()) headers_ << toQString(header);
        rows_.reserve(table->rows().size());
        for (const auto& row : table->rows()) {
            QStringList fields;
            for (const auto& header : table->headers()) fields << toQString(table->field(row, header));
            rows_.push_back(std::move(fields));
        }
    }
    activeColumn_ = int(headers_.indexOf(QStringLiteral("active")));
    endResetModel();
}

int ReferenceTableModel::rowOf(const QString& key) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].value(0) == key) return int(i);
    return -1;
}

bool ReferenceTableModel::isActive(int row) const {
    return activeColumn_ < 0 || rows_.at(std::size_t(row)).value(activeColumn_) != QStringLiteral("0");
}

}  // namespace ob::ui

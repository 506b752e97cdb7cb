#pragma once

#include "domain/referencedata.h"
#include "formats/referencecsv.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace ob::ui {

/// One table of the desk's reference data (instruments, funds, accounts or FX rates) with the columns of its CSV
/// format, so that what the administrator sees is what an export writes and an import reads. Inactive rows are
/// shown greyed.
class ReferenceTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit ReferenceTableModel(ReferenceKind kind, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Shows the table of `reference`.
    void show(const ReferenceData& reference);

    ReferenceKind kind() const { return kind_; }
    const QStringList& headers() const { return headers_; }
    /// A row's fields, in the order of headers().
    const QStringList& rowAt(int row) const { return rows_.at(std::size_t(row)); }
    /// The row whose key (first column) is `key`, or -1.
    int rowOf(const QString& key) const;
    /// Whether the table has an `active` column: its items are deactivated rather than deleted.
    bool deactivates() const { return activeColumn_ >= 0; }
    bool isActive(int row) const;

private:
    ReferenceKind kind_;
    QStringList headers_;
    std::vector<QStringList> rows_;
    int activeColumn_ = -1;
};

}  // namespace ob::ui

#pragma once

#include "engine/changeset.h"
#include "models/columns.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

namespace ob::ui {

/// What the trader must see: messages the book could not apply (kept in the
/// quarantine), refused events and store failures, newest first.
class AlertsModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Severity, Order, Message, ColumnCount };
    enum Role { OrderIdRole = Qt::UserRole + 1 };

    explicit AlertsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void add(const std::vector<EngineAlert>& alerts);
    const EngineAlert* alertAt(int row) const;

private:
    static const std::array<ColumnSpec<EngineAlert>, ColumnCount> kColumns;

    std::vector<EngineAlert> alerts_;  ///< oldest first; row 0 shows the last
};

}  // namespace ob::ui

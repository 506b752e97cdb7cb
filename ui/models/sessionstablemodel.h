#pragma once

#include "fix/fixgateway.h"
#include "models/columns.h"

#include <QAbstractTableModel>

#include <array>
#include <unordered_map>
#include <vector>

namespace ob::ui {

/// The FIX sessions and their state, refreshed from the gateway.
class SessionsTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Broker, Session, State, NextOut, NextIn, LastEvent, LastError, ColumnCount };

    explicit SessionsTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Takes the sessions as they stand; signals only the rows that changed.
    void refresh(std::vector<FixSessionInfo> sessions);
    const FixSessionInfo* sessionAt(int row) const;

private:
    static const std::array<ColumnSpec<FixSessionInfo>, ColumnCount> kColumns;

    std::vector<FixSessionInfo> sessions_;
};

/// Each session's name on screen (its alias), by session id.
using SessionNames = std::unordered_map<std::string, QString>;
SessionNames sessionNames(const std::vector<FixSessionInfo>& sessions);

/// A colour for a session state: green logged on, amber connecting, red error, grey down.
QColor sessionStateColor(FixSessionInfo::State state);

}  // namespace ob::ui

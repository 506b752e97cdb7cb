#pragma once

#include "auth/users.h"
#include "models/columns.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

namespace ob::ui {

/// The desk's users for the administrator: name, full name, role, whether they may log in, whether failed logins
/// locked them and whether they hold a one-time password. Never a hash.
class UsersTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, FullName, DeskRole, Active, Locked, OneTimePassword, ColumnCount };

    explicit UsersTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Replaces the users shown (a handful: the whole table is reset).
    void setUsers(std::vector<User> users);
    const User* userAt(int row) const;
    /// The row of the user `name`, or -1.
    int rowOf(const std::string& name) const;

private:
    static const std::array<ColumnSpec<User>, ColumnCount> kColumns;

    std::vector<User> users_;
};

}  // namespace ob::ui

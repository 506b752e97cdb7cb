#include "userstablemodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

#include <algorithm>

namespace ob::ui {

namespace {

QVariant yesOrEmpty(bool yes, const QString& text) { return yes ? QVariant(text) : QVariant(); }

}  // namespace

const std::array<ColumnSpec<User>, UsersTableModel::ColumnCount> UsersTableModel::kColumns = {{
    {.title = "User",
     .tip = "The name the user logs in with",
     .display = [](const User& u) -> QVariant { return toQString(u.name); }},
    {.title = "Full name",
     .tip = "The user's full name",
     .display = [](const User& u) -> QVariant { return toQString(u.fullName); }},
    {.title = "Role",
     .tip = "What the user does at the desk, which decides what they may do",
     .display = [](const User& u) -> QVariant { return roleName(u.role); }},
    {.title = "Active",
     .tip = "Whether the user may log in (a disabled user may not)",
     .display = [](const User& u) -> QVariant { return u.active ? tr("Active") : tr("Disabled"); },
     .foreground = [](const User& u) -> QVariant { return u.active ? QVariant() : QBrush(mutedColor()); }},
    {.title = "Locked",
     .tip = "Locked by failed logins in a row until an administrator unlocks the user",
     .display = [](const User& u) -> QVariant {
         return u.locked ? tr("Locked (%1 failed logins)").arg(u.failedLogins) : QVariant();
     },
     .foreground = [](const User& u) -> QVariant { return u.locked ? QBrush(profitColor(false)) : QVariant(); }},
    {.title = "Password",
     .tip = "A one-time password: the user chooses their own at the next login",
     .display = [](const User& u) -> QVariant { return yesOrEmpty(u.mustChangePassword, tr("One-time")); }},
}};

UsersTableModel::UsersTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int UsersTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(users_.size()); }

int UsersTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const User* UsersTableModel::userAt(int row) const {
    return row >= 0 && row < int(users_.size()) ? &users_[std::size_t(row)] : nullptr;
}

int UsersTableModel::rowOf(const std::string& name) const {
    const auto found = std::find_if(users_.begin(), users_.end(), [&](const User& user) { return user.name == name; });
    return found == users_.end() ? -1 : int(found - users_.begin());
}

QVariant UsersTableModel::data(const QModelIndex& index, int role) const {
    const auto* user = userAt(index.row());
    if (!user || index.column() < 0 || index.column() >= ColumnCount) return {};
    return columnData(kColumns[std::size_t(index.column())], *user, role);
}

QVariant UsersTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<User>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
}

void UsersTableModel::setUsers(std::vector<User> users) {
    beginResetModel();
    users_ = std::move(users);
    // The windows never hold a password's hash.
    for (auto& user : users_) user.passwordHash.clear();
    endResetModel();
}

}  // namespace ob::ui

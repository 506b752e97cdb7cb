#pragma once

#include "auth/users.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLineEdit;

namespace ob::ui {

/// A user's name, full name and role, for a new user (`existing` empty) or a known one, whose name stays.
class UserFormDialog final : public QDialog {
    Q_OBJECT

public:
    explicit UserFormDialog(const std::optional<User>& existing, QWidget* parent = nullptr);

    QLineEdit* nameEdit() const { return name_; }
    QLineEdit* fullNameEdit() const { return fullName_; }
    QComboBox* roleCombo() const { return role_; }

    std::string name() const;
    std::string fullName() const;
    ob::Role role() const;

private:
    QLineEdit* name_;
    QLineEdit* fullName_;
    QComboBox* role_;
};

}  // namespace ob::ui

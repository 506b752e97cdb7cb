#pragma once

#include "auth/access.h"
#include "compliance/rule.h"

#include <QDialog>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ob {
class OrderEngine;
}

namespace ob::ui {

/// The compliance rules, their restricted lists and limits, and the locates:
/// a compliance officer or an administrator edits them and saves the whole
/// set, which the engine validates, applies and audits (old and new values).
/// Anyone else sees them read-only.
class RulesDialog final : public QDialog {
    Q_OBJECT

public:
    RulesDialog(RuleBook rules, OrderEngine& engine, Actor actor, QWidget* parent = nullptr);

    const RuleBook& rules() const { return rules_; }
    QTableWidget* rulesTable() const { return table_; }
    QTableWidget* locatesTable() const { return locates_; }
    QLineEdit* nameEdit() const { return name_; }
    QComboBox* kindCombo() const { return kind_; }
    QComboBox* severityCombo() const { return severity_; }
    QLineEdit* limitEdit() const { return limit_; }
    QLineEdit* warnAtEdit() const { return warnAt_; }
    QPlainTextEdit* symbolsEdit() const { return symbols_; }
    QPushButton* addButton() const { return add_; }
    QPushButton* removeButton() const { return remove_; }
    QPushButton* saveButton() const { return save_; }
    QLabel* problemLabel() const { return problem_; }

public Q_SLOTS:
    /// Validates every rule and hands the set to the engine; closes when it is applied.
    void save();

Q_SIGNALS:
    void saved();

private:
    void build();
    void fillTable();
    void showRule(int index);
    void showFieldsOfKind();
    /// Copies the form into the rule being edited; false with a reason shown if a field is unreadable.
    bool readForm();
    void readLocates();
    void refreshRow(int index);
    void setEditable(bool editable);

    RuleBook rules_;
    RuleBook loaded_;  ///< as opened: saving is refused if someone changed the rules since
    OrderEngine& engine_;
    Actor actor_;
    int current_ = -1;
    bool loading_ = false;
    QTableWidget* table_;
    QTableWidget* locates_;
    QFormLayout* form_;
    QLineEdit* name_;
    QComboBox* kind_;
    QComboBox* severity_;
    QComboBox* mode_;
    QComboBox* scope_;
    QLineEdit* scopeValue_;
    QLineEdit* limit_;
    QLineEdit* warnAt_;
    QComboBox* restriction_;
    QPlainTextEdit* symbols_;
    QPlainTextEdit* issuers_;
    QSpinBox* window_;
    QLineEdit* target_;
    QLineEdit* description_;
    QPushButton* add_;
    QPushButton* remove_;
    QPushButton* addLocate_;
    QPushButton* removeLocate_;
    QPushButton* save_;
    QLabel* problem_;
};

}  // namespace ob::ui

#pragma once

#include "auth/users.h"

#include <QDialog>

#include <vector>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace ob::ui {

/// The audit trail, newest first: who did what and when. Read-only, as the
/// database keeps it; a filter narrows it to the rows containing some text.
class AuditDialog final : public QDialog {
    Q_OBJECT

public:
    AuditDialog(std::vector<AuditRecord> records, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QLineEdit* filterEdit() const { return filter_; }

private:
    void applyFilter();

    QTableWidget* table_;
    QLineEdit* filter_;
    QLabel* count_;
};

}  // namespace ob::ui

#pragma once

#include "auth/access.h"
#include "domain/referencedata.h"
#include "formats/referencecsv.h"

#include <QDialog>

#include <array>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace ob {
class OrderEngine;
}

namespace ob::ui {

class EngineFeed;
class ReferenceTableModel;

/// Administration → Reference data: the desk's instruments, funds, accounts and FX rates, a tab each, with the
/// columns of their CSV formats. An administrator imports a file (all or nothing, every bad line named), exports
/// one, adds or edits an item in a form, and deactivates or reactivates an instrument or account; each change goes
/// through the engine, which audits it with the old and new values, and every window of the desk takes it at once.
class ReferenceDataDialog final : public QDialog {
    Q_OBJECT

public:
    ReferenceDataDialog(OrderEngine& engine, const ReferenceData& reference, const EngineFeed& feed, Actor actor,
                        QWidget* parent = nullptr);

    /// The table of `kind`, as shown.
    ReferenceTableModel& table(ReferenceKind kind) const;
    void showKind(ReferenceKind kind);

    /// Reads a file of `kind` and asks the engine to take it; the outcome arrives in the dialog (done()).
    void importFile(ReferenceKind kind, const QString& path);
    /// Writes the table of `kind` as it stands, recorded in the audit trail.
    void exportFile(ReferenceKind kind, const QString& path);
    /// Asks the engine to add or update one item from its fields (in the order of the table's columns).
    void saveRow(ReferenceKind kind, const QStringList& fields);
    /// Deactivates or reactivates the instrument or account of `key`.
    void setActive(ReferenceKind kind, const QString& key, bool active);

    /// What the last change or export came to: a summary, or why nothing changed.
    QString outcome() const;

Q_SIGNALS:
    /// The engine answered a change, or an export was written: outcome() says how it went.
    void done(bool changed);

private:
    ReferenceKind currentKind() const;
    void refresh();
    void updateButtons();
    void editSelected(bool newItem);
    void submit(ReferenceKind kind, ReferenceFile file, const QString& source);
    void report(bool ok, const QString& text);

    OrderEngine& engine_;
    const ReferenceData& reference_;
    Actor actor_;
    std::array<ReferenceTableModel*, 4> tables_{};
    std::array<QTableView*, 4> views_{};
    QTabWidget* tabs_;
    QPushButton* add_;
    QPushButton* edit_;
    QPushButton* activate_;
    QPushButton* import_;
    QPushButton* export_;
    QLabel* summary_;
    QPlainTextEdit* problems_;
};

}  // namespace ob::ui

#pragma once

#include "domain/result.h"
#include "models/blotterfilter.h"

#include <QVariantMap>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;

namespace ob::ui {

/// A live table with the trader's filters (text, working/done, side,
/// account, symbol, status), a column chooser, copy and CSV export of the
/// rows in view. The model, a FilterableTable, decides the order and the filter.
class BlotterWidget final : public QWidget {
    Q_OBJECT

public:
    struct Options {
        int exportRole = Qt::UserRole + 1;
        bool stageFilter = false;  ///< the Working / Done / All selector
        QStringList accounts;
        QStringList symbols;
    };

    BlotterWidget(QAbstractItemModel* model, const QString& objectName, const Options& options, QWidget* parent = nullptr);
    /// The accounts and symbols the filters offer, when the desk's reference data changed; the choices made stay.
    void setChoices(const QStringList& accounts, const QStringList& symbols);

    QTableView* view() const { return view_; }
    BlotterProxy* proxy() const { return proxy_; }
    QLineEdit* filterEdit() const { return text_; }
    QComboBox* stageCombo() const { return stage_; }
    QComboBox* sideCombo() const { return side_; }
    QComboBox* accountCombo() const { return account_; }
    QComboBox* symbolCombo() const { return symbol_; }
    QComboBox* statusCombo() const { return status_; }
    /// Fills a menu with the columns to show or hide, as checkable actions.
    void fillColumnsMenu(QMenu* menu) const;

    /// The source rows in view, top to bottom.
    std::vector<int> visibleSourceRows() const;
    /// The source rows selected, top to bottom.
    std::vector<int> selectedSourceRows() const;

    /// Writes the rows in view, the shown columns in their order, as CSV with exact figures.
    Status exportCsv(const QString& path) const;
    /// The selected rows as tab-separated text with a header line, as shown.
    QString selectionAsText() const;
    void copySelection() const;

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);
    /// The filters as chosen (text, stage, side, account, symbol, status), to keep in the user's workspace.
    QVariantMap saveFilters() const;
    /// Chooses the filters saved; a choice the blotter no longer offers (an account gone) is left at "any".
    void restoreFilters(const QVariantMap& filters);

Q_SIGNALS:
    void activated(int sourceRow);
    void contextMenuRequested(const QPoint& globalPosition);

private:
    void applyFilter();
    void updateCount();
    std::vector<int> shownColumns() const;

    Options options_;
    QLineEdit* text_;
    QComboBox* stage_ = nullptr;
    QComboBox* side_;
    QComboBox* account_;
    QComboBox* symbol_;
    QComboBox* status_;
    QLabel* count_;
    QTableView* view_;
    BlotterProxy* proxy_;
    QMenu* columnsMenu_;
    bool sized_ = false;  ///< columns fitted to the first rows, or restored from the settings
};

}  // namespace ob::ui

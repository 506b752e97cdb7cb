#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ob::ui {

/// A live table with a filter field: sorts numbers by their raw values
/// (through `sortRole`), never by their text.
class BlotterWidget final : public QWidget {
    Q_OBJECT

public:
    BlotterWidget(QAbstractItemModel* model, int sortRole, const QString& objectName, QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QLineEdit* filterEdit() const { return filter_; }

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);

private:
    void updateCount();

    QLineEdit* filter_;
    QLabel* count_;
    QTableView* view_;
    QSortFilterProxyModel* proxy_;
};

}  // namespace ob::ui

#pragma once

#include "deskservices.h"
#include "orders/order.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ob::ui {

class OrdersTableModel;
class StagedListsModel;

/// The traders' view of the lists portfolio managers approved: each list with its progress, its
/// orders below it, and the release of all or some of its staged orders to a broker.
class StagedListsPanel final : public QWidget {
    Q_OBJECT

public:
    StagedListsPanel(const DeskServices& desk, StagedListsModel& lists, OrdersTableModel& orders, QWidget* parent = nullptr);

    void selectList(std::int64_t listId);
    std::int64_t currentList() const;
    /// Releases the list's staged orders (all of them, or those selected below) to the broker chosen.
    void releaseAll();
    void releaseSelected();

Q_SIGNALS:
    void message(const QString& text);
    void released(int sent, int held, int refused);

private:
    void release(std::vector<OrderId> ids);
    void updateButtons();

    DeskServices desk_;
    StagedListsModel& lists_;
    OrdersTableModel& orders_;
    QTableView* listsView_;
    QSortFilterProxyModel* ordersProxy_;
    QTableView* ordersView_;
    QComboBox* broker_;
    QLineEdit* reason_;
    QPushButton* releaseAll_;
    QPushButton* releaseSelected_;
    QLabel* status_;
};

}  // namespace ob::ui

#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace ob::ui {

class PositionsTableModel;

/// Positions and P&L per fund/account and instrument, with totals per
/// currency underneath (amounts in different currencies are never added).
class PositionsPanel final : public QWidget {
    Q_OBJECT

public:
    explicit PositionsPanel(PositionsTableModel& model, QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    QLabel* totalsLabel() const { return totals_; }

private:
    void updateTotals();

    PositionsTableModel& model_;
    QSortFilterProxyModel* proxy_;
    QTableView* view_;
    QLabel* totals_;
};

}  // namespace ob::ui

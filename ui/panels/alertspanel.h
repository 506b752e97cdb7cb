#pragma once

#include <QWidget>

class QTableView;

namespace ob::ui {

class AlertsModel;

/// Messages the book could not apply and other things the trader must see.
class AlertsPanel final : public QWidget {
    Q_OBJECT

public:
    explicit AlertsPanel(AlertsModel& model, QWidget* parent = nullptr);
    QTableView* view() const { return view_; }

Q_SIGNALS:
    /// The trader asked to see the order an alert concerns.
    void orderRequested(qlonglong orderId);

private:
    QTableView* view_;
};

}  // namespace ob::ui

#pragma once

#include "compliance/breach.h"
#include "deskservices.h"
#include "orders/orderevents.h"

#include <QDialog>

#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace ob::ui {

/// A basket of orders from a CSV file, checked before anything is sent:
/// every row against the reference data (a bad row names its line and
/// reason, and then nothing can be sent), then every order against
/// compliance. The trader sees each order's verdict and findings, gives a
/// reason when some order has warnings, and sends the basket; blocked orders
/// are held for compliance.
class BasketDialog final : public QDialog {
    Q_OBJECT

public:
    BasketDialog(const DeskServices& desk, const QString& file, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QLabel* summaryLabel() const { return summary_; }
    QLineEdit* reasonEdit() const { return reason_; }
    QPushButton* sendButton() const { return send_; }
    /// Whether every order's compliance answer is in.
    bool isChecked() const { return checked_ == int(orders_.size()) && !orders_.empty(); }

public Q_SLOTS:
    void send();

Q_SIGNALS:
    /// The basket went: how many orders were sent and how many are held.
    void sent(int routed, int held);

private:
    void load(const QString& file);
    void showVerdict(int row, const CheckResult& check);
    void updateSend();

    const DeskServices& desk_;
    std::vector<NewOrderRequest> orders_;
    std::vector<Verdict> verdicts_;
    int checked_ = 0;
    bool sending_ = false;
    QTableWidget* table_;
    QLabel* summary_;
    QLineEdit* reason_;
    QPushButton* send_;
};

}  // namespace ob::ui

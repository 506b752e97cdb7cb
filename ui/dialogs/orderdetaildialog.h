#pragma once

#include "deskservices.h"
#include "orders/order.h"

#include <QDialog>

class QLabel;
class QTableWidget;
class QTabWidget;

namespace ob::ui {

class FixMessageView;
class InstrumentDirectory;

/// One order and its whole history: its terms and figures, every event and
/// execution (from the store, any day), the ClOrdID chain of its replaces and
/// cancels, and every FIX message about it, decoded. Loaded off the GUI thread.
class OrderDetailDialog final : public QDialog {
    Q_OBJECT

public:
    OrderDetailDialog(const DeskServices& desk, const InstrumentDirectory& instruments, const OrderState& order,
                      QWidget* parent = nullptr);

    QTableWidget* historyTable() const { return history_; }
    QTableWidget* chainTable() const { return chain_; }
    QTableWidget* messagesTable() const { return messages_; }
    /// True once the history, chain and messages are loaded.
    bool isLoaded() const { return loaded_ == 3; }

Q_SIGNALS:
    void loaded();

private:
    void showSummary(const OrderState& order);
    void loadHistory();
    void loadChain();
    void loadMessages(const std::vector<std::string>& clOrdIds);
    void partLoaded();

    const DeskServices& desk_;
    const InstrumentDirectory& instruments_;
    OrderState order_;
    QLabel* summary_;
    QTabWidget* tabs_;
    QTableWidget* history_;
    QTableWidget* chain_;
    QTableWidget* messages_;
    FixMessageView* messageView_;
    std::vector<std::string> messageTexts_;
    int loaded_ = 0;
};

}  // namespace ob::ui

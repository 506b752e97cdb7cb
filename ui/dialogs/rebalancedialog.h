#pragma once

#include "deskservices.h"
#include "models/instrumentdirectory.h"
#include "orders/orderlist.h"
#include "rebalance/rebalanceplan.h"

#include <QDialog>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace ob::ui {

class PortfolioBook;

/// The portfolio manager's rebalance, in two steps. First the funds, the model and the rules of
/// the rebalance (band, cash buffer, minimum trade, whole lots, new names, full exits, block
/// orders); then the proposal: every order with the fund's weights before and after, its target
/// and the what-if compliance of the portfolio it builds. The PM edits quantities, drops orders,
/// checks compliance again and approves: the orders go to the traders as one staged list.
class RebalanceDialog final : public QDialog {
    Q_OBJECT

public:
    enum Column {
        Include,
        Fund,
        Symbol,
        SideColumn,
        Quantity,
        EstimatedPrice,
        WeightBefore,
        WeightAfter,
        Target,
        DriftBefore,
        DriftAfter,
        ComplianceVerdict,
        ColumnCount
    };

    /// How many orders of a fund are staged or working: the proposal does not count them, so the PM is told.
    using OpenOrders = std::function<int(const std::string& fund)>;

    RebalanceDialog(const DeskServices& desk, PortfolioBook& book, std::vector<ModelPortfolio> models, OpenOrders openOrders,
                    QWidget* parent = nullptr);

    void chooseFunds(const QStringList& funds);
    void chooseModel(const QString& name);
    /// Band, cash buffer (percentage points) and minimum trade, as exact decimals.
    void setLimits(double bandPoints, double cashBufferPoints, double minTrade);
    void setBlocks(bool combine);
    /// Works the proposal out off the GUI thread; proposed() or failed() follows.
    void propose();
    /// Checks the orders as edited; checked() follows.
    void checkAgain();
    /// Stages the included orders as one list for the traders; staged() or failed() follows.
    void approve();

    QTableWidget* table() const { return table_; }
    QString statusText() const;

Q_SIGNALS:
    void proposed();
    void checked();
    void staged(const ob::OrderList& list, int orders);
    void failed(const QString& why);

private:
    struct Line {
        std::size_t plan = 0;   ///< which fund's plan
        std::size_t trade = 0;  ///< which of its trades
        bool included = true;
        Qty quantity;
        CheckResult check;
        bool checked = true;  ///< false once edited, until compliance is checked again
    };
    struct FundPlan {
        RebalanceRequest request;
        RebalancePlan plan;
    };

    void showProposal();
    void fillRow(int row);
    void quantityEdited(int row);
    /// The proposal of one fund as the PM left it: edited quantities, dropped orders left out.
    RebalanceProposal editedProposal(std::size_t plan) const;
    ComplianceEngine::PriceSource pricesNow(const std::vector<std::string>& funds) const;
    void setBusy(bool busy, const QString& status);

    DeskServices desk_;
    PortfolioBook& book_;
    InstrumentDirectory instruments_;
    std::vector<ModelPortfolio> models_;
    OpenOrders openOrders_;
    std::vector<FundPlan> plans_;
    std::vector<Line> lines_;
    ComplianceEngine::PriceSource prices_;
    bool filling_ = false;
    int generation_ = 0;  ///< numbers the proposals and checks: an answer to an older one is dropped

    QStackedWidget* pages_;
    QListWidget* funds_;
    QComboBox* model_;
    QDoubleSpinBox* band_;
    QDoubleSpinBox* cashBuffer_;
    QDoubleSpinBox* minTrade_;
    QCheckBox* wholeLots_;
    QCheckBox* newNames_;
    QCheckBox* fullExits_;
    QCheckBox* blocks_;
    QTableWidget* table_;
    QLabel* summary_;
    QLineEdit* listName_;
    QLabel* status_;
    QPushButton* back_;
    QPushButton* propose_;
    QPushButton* recheck_;
    QPushButton* approve_;
};

}  // namespace ob::ui

#pragma once

#include "portfolio/modelportfolio.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QChartView;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace ob::ui {

class FundHoldingsModel;
class PortfolioBook;

/// The portfolio view of one fund: NAV, cash and P&L; the holdings with their weights (against a
/// model's targets when one is chosen); and a chart of the fund's exposures by sector, country or
/// issuer. Refreshed at most once a second, and only when the fund or its prices changed.
class FundsPanel final : public QWidget {
    Q_OBJECT

public:
    explicit FundsPanel(PortfolioBook& book, QWidget* parent = nullptr);
    ~FundsPanel() override;

    void setModels(std::vector<ModelPortfolio> models);
    void showFund(const QString& fund);
    /// The desk's funds changed: the choice of fund offers them all, keeping the one shown.
    void updateFunds();
    QString currentFund() const;
    FundHoldingsModel& holdings() const { return *holdings_; }
    /// Values the fund now (tests call it instead of waiting for the timer).
    void refresh();

private:
    void refreshIfChanged();
    void updateTargets();
    void updateSummary();
    void updateChart();

    PortfolioBook& book_;
    FundHoldingsModel* holdings_;
    QSortFilterProxyModel* proxy_;
    QComboBox* fund_;
    QComboBox* model_;
    QComboBox* dimension_;
    QLabel* summary_;
    QTableView* view_;
    QChartView* chart_;
    std::vector<ModelPortfolio> models_;
    std::uint64_t seenVersion_ = 0;
    std::uint64_t seenPrices_ = 0;
};

}  // namespace ob::ui

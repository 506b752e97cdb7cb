#pragma once

#include "models/columns.h"
#include "portfolio/fundvaluation.h"

#include <QAbstractTableModel>

#include <array>
#include <unordered_map>

namespace ob::ui {

/// One fund's holdings, valued: what the portfolio view shows. Set whole from a valuation (once a
/// second at most); the rows are replaced only when the fund's symbols change, otherwise updated in place.
class FundHoldingsModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Symbol,
        Name,
        Sector,
        Country,
        Quantity,
        AverageCost,
        Price,
        MarketValue,
        Weight,
        Target,
        Drift,
        Unrealised,
        Realised,
        ColumnCount
    };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setValuation(FundValuation valuation);
    /// Target weights by symbol (a model's); empty for none.
    void setTargets(std::unordered_map<std::string, Money> targets);
    const FundValuation& valuation() const { return valuation_; }

private:
    struct Cell {
        const FundHoldingsModel& model;
        const HoldingValue& holding;
    };
    static const std::array<ColumnSpec<Cell>, ColumnCount> kColumns;

    std::optional<Money> targetOf(const std::string& symbol) const;

    FundValuation valuation_;
    std::unordered_map<std::string, Money> targets_;
};

}  // namespace ob::ui

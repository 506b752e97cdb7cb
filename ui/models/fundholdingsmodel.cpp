#include "fundholdingsmodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

QString percent(Money fraction) { return formatMoney(Money::fromRaw(fraction.raw() * 100), 2); }
int priceDecimals(const HoldingValue& holding) { return holding.instrument ? holding.instrument->priceDecimals() : 2; }
QVariant pnlColour(Money value) { return value.isZero() ? QVariant() : QVariant(QBrush(profitColor(value.isPositive()))); }

QVariant weightOrEmpty(const std::optional<Money>& weight) { return weight ? percent(*weight) : QString(); }

}  // namespace

const std::array<ColumnSpec<FundHoldingsModel::Cell>, FundHoldingsModel::ColumnCount> FundHoldingsModel::kColumns = {{
    {.title = "Symbol", .tip = "Instrument", .display = [](const Cell& c) -> QVariant { return toQString(c.holding.symbol); }},
    {.title = "Name",
     .tip = "Instrument name",
     .display = [](const Cell& c) -> QVariant {
         return c.holding.instrument ? toQString(c.holding.instrument->name) : QString();
     }},
    {.title = "Sector",
     .tip = "Sector",
     .display = [](const Cell& c) -> QVariant {
         return c.holding.instrument ? toQString(c.holding.instrument->sector) : QString();
     }},
    {.title = "Country",
     .tip = "Country of risk",
     .display = [](const Cell& c) -> QVariant {
         return c.holding.instrument ? toQString(c.holding.instrument->country) : QString();
     }},
    // Doubles in the raw values only to order the rows; the figures shown are exact.
    {.title = "Quantity",
     .tip = "Quantity held: opening position plus today's fills (block "
            "fills as allocated)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.holding.quantity); },
     .raw = [](const Cell& c) -> QVariant { return c.holding.quantity.toDouble(); }},
    {.title = "Avg Cost",
     .tip = "Average cost, the opening position counted at its opening "
            "price (instrument currency)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         return c.holding.quantity.isZero() ? QString() : formatAveragePrice(c.holding.averageCost, priceDecimals(c.holding));
     },
     .raw = [](const Cell& c) -> QVariant { return c.holding.averageCost.toDouble(); }},
    {.title = "Price",
     .tip = "Latest price: market data, else the opening price, else the "
            "reference price",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         return c.holding.price ? formatPrice(*c.holding.price, priceDecimals(c.holding)) : tr("—");
     },
     .raw = [](const Cell& c) -> QVariant { return c.holding.price ? c.holding.price->toDouble() : 0.0; },
     .foreground = [](const Cell& c) { return c.holding.price ? QVariant() : QVariant(QBrush(warningColor())); },
     .toolTip = [](const Cell& c) -> QVariant {
         return c.holding.price ? QVariant() : tr("No price: left out of NAV and weights");
     }},
    {.title = "Mkt Value",
     .tip = "Quantity × price, in the fund's currency",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatMoney(c.holding.marketValue, 2); },
     .raw = [](const Cell& c) -> QVariant { return c.holding.marketValue.toDouble(); }},
    {.title = "Weight %",
     .tip = "Market value as a percentage of NAV",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return percent(c.holding.weight); },
     .raw = [](const Cell& c) -> QVariant { return c.holding.weight.toDouble(); }},
    {.title = "Target %",
     .tip = "The model's target weight (choose a model above)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) { return weightOrEmpty(c.model.targetOf(c.holding.symbol)); },
     .raw = [](const Cell& c) -> QVariant { return c.model.targetOf(c.holding.symbol).value_or(Money{}).toDouble(); }},
    {.title = "Drift",
     .tip = "Weight minus target, in percentage points",
     .alignment = Qt::AlignRight,
     .display =
         [](const Cell& c) {
             const auto target = c.model.targetOf(c.holding.symbol);
             return weightOrEmpty(target ? std::optional<Money>(c.holding.weight - *target) : std::nullopt);
         },
     .raw = [](const Cell& c) -> QVariant {
         return (c.holding.weight - c.model.targetOf(c.holding.symbol).value_or(Money{})).toDouble();
     }},
    {.title = "Unrealised",
     .tip = "Market value minus the cost of the open quantity, in the "
            "fund's currency",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatMoney(c.holding.unrealised, 2); },
     .raw = [](const Cell& c) -> QVariant { return c.holding.unrealised.toDouble(); },
     .foreground = [](const Cell& c) { return pnlColour(c.holding.unrealised); }},
    {.title = "Realised",
     .tip = "P&L of what was closed today, against the average cost, in "
            "the fund's currency",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatMoney(c.holding.realised, 2); },
     .raw = [](const Cell& c) -> QVariant { return c.holding.realised.toDouble(); },
     .foreground = [](const Cell& c) { return pnlColour(c.holding.realised); }},
}};

int FundHoldingsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(valuation_.holdings.size());
}

int FundHoldingsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

void FundHoldingsModel::setValuation(FundValuation valuation) {
    bool sameRows = valuation.fund == valuation_.fund && valuation.holdings.size() == valuation_.holdings.size();
    for (std::size_t i = 0; sameRows && i < valuation.holdings.size(); ++i)
        sameRows = valuation.holdings[i].symbol == valuation_.holdings[i].symbol;
    if (sameRows) {
        valuation_ = std::move(valuation);
        if (!valuation_.holdings.empty()) Q_EMIT dataChanged(index(0, Quantity), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    valuation_ = std::move(valuation);
    endResetModel();
}

void FundHoldingsModel::setTargets(std::unordered_map<std::string, Money> targets) {
    targets_ = std::move(targets);
    if (!valuation_.holdings.empty()) Q_EMIT dataChanged(index(0, Target), index(rowCount() - 1, Drift));
    Q_EMIT headerDataChanged(Qt::Horizontal, Target, Drift);
}

std::optional<Money> FundHoldingsModel::targetOf(const std::string& symbol) const {
    if (targets_.empty()) return std::nullopt;
    const auto found = targets_.find(symbol);
    return found == targets_.end() ? Money{} : found->second;
}

QVariant FundHoldingsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const auto& column = kColumns[std::size_t(index.column())];
    const Cell cell{*this, valuation_.holdings[std::size_t(index.row())]};
    if (role == RawValueRole) return columnRaw(column, cell);
    return columnData(column, cell, role);
}

QVariant FundHoldingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Cell>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
}

}  // namespace ob::ui

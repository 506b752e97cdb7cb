#include "fundholdingsmodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

constexpr const char* kTitles[FundHoldingsModel::ColumnCount] = {"Symbol",   "Name",       "Sector",    "Country",  "Quantity",
                                                                 "Avg Cost", "Price",      "Mkt Value", "Weight %", "Target %",
                                                                 "Drift",    "Unrealised", "Realised"};
constexpr const char* kTips[FundHoldingsModel::ColumnCount] = {
    "Instrument",
    "Instrument name",
    "Sector",
    "Country of risk",
    "Quantity held: opening position plus today's fills (block fills as allocated)",
    "Average cost, the opening position counted at its opening price (instrument currency)",
    "Latest price: market data, else the opening price, else the reference price",
    "Quantity × price, in the fund's currency",
    "Market value as a percentage of NAV",
    "The model's target weight (choose a model above)",
    "Weight minus target, in percentage points",
    "Market value minus the cost of the open quantity, in the fund's currency",
    "P&L of what was closed today, against the average cost, in the fund's currency"};

QString percent(Money fraction) { return formatMoney(Money::fromRaw(fraction.raw() * 100), 2); }

}  // namespace

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
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const auto& holding = valuation_.holdings[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole: return display(holding, column);
        case RawValueRole: return raw(holding, column);
        case Qt::TextAlignmentRole:
            return column >= Quantity ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (column == Unrealised || column == Realised) {
                const Money value = column == Unrealised ? holding.unrealised : holding.realised;
                if (!value.isZero()) return QBrush(profitColor(value.isPositive()));
            }
            if (column == Price && !holding.price) return QBrush(warningColor());
            return {};
        case Qt::ToolTipRole:
            if (column == Price && !holding.price) return tr("No price: left out of NAV and weights");
            return {};
        default: return {};
    }
}

QVariant FundHoldingsModel::display(const HoldingValue& holding, int column) const {
    const int decimals = holding.instrument ? holding.instrument->priceDecimals() : 2;
    switch (column) {
        case Symbol: return toQString(holding.symbol);
        case Name: return holding.instrument ? toQString(holding.instrument->name) : QString();
        case Sector: return holding.instrument ? toQString(holding.instrument->sector) : QString();
        case Country: return holding.instrument ? toQString(holding.instrument->country) : QString();
        case Quantity: return formatQty(holding.quantity);
        case AverageCost: return holding.quantity.isZero() ? QString() : formatAveragePrice(holding.averageCost, decimals);
        case Price: return holding.price ? formatPrice(*holding.price, decimals) : tr("—");
        case MarketValue: return formatMoney(holding.marketValue, 2);
        case Weight: return percent(holding.weight);
        case Target: {
            const auto target = targetOf(holding.symbol);
            return target ? percent(*target) : QString();
        }
        case Drift: {
            const auto target = targetOf(holding.symbol);
            return target ? percent(holding.weight - *target) : QString();
        }
        case Unrealised: return formatMoney(holding.unrealised, 2);
        case Realised: return formatMoney(holding.realised, 2);
        default: return {};
    }
}

QVariant FundHoldingsModel::raw(const HoldingValue& holding, int column) const {
    switch (column) {
        case Quantity: return holding.quantity.toDouble();
        case AverageCost: return holding.averageCost.toDouble();
        case Price: return holding.price ? holding.price->toDouble() : 0.0;
        case MarketValue: return holding.marketValue.toDouble();
        case Weight: return holding.weight.toDouble();
        case Target: return targetOf(holding.symbol).value_or(Money{}).toDouble();
        case Drift: return (holding.weight - targetOf(holding.symbol).value_or(Money{})).toDouble();
        case Unrealised: return holding.unrealised.toDouble();
        case Realised: return holding.realised.toDouble();
        default: return display(holding, column);
    }
}

QVariant FundHoldingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return tr(kTitles[section]);
    if (role == Qt::ToolTipRole) return tr(kTips[section]);
    return {};
}

}  // namespace ob::ui

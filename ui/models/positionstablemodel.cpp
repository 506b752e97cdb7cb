#include "positionstablemodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

constexpr const char* kTitles[PositionsTableModel::ColumnCount] = {"Fund",      "Account", "Symbol",    "Ccy",        "Position",
                                                                   "Avg Cost",  "Last",    "Mkt Value", "Unrealised", "Realised",
                                                                   "Total P&L", "Bought",  "Sold"};
constexpr const char* kTips[PositionsTableModel::ColumnCount] = {
    "Fund the account belongs to",
    "Account",
    "Instrument",
    "Currency of the instrument: amounts are in it",
    "Net quantity from today's fills: long positive, short negative",
    "Average cost of the open quantity (average cost method)",
    "Latest price: market data, else the instrument's reference price",
    "Position × last price",
    "Market value minus the cost of the open quantity",
    "P&L of the quantity closed today, against the average cost",
    "Unrealised plus realised",
    "Quantity bought today",
    "Quantity sold today (sells and short sells)"};

bool isNumeric(int column) { return column >= PositionsTableModel::Quantity; }
bool isPnl(int column) {
    return column == PositionsTableModel::Unrealised || column == PositionsTableModel::Realised ||
           column == PositionsTableModel::TotalPnl;
}

}  // namespace

PositionsTableModel::PositionsTableModel(const InstrumentDirectory& instruments, const std::vector<ob::Account>& accounts,
                                         QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments) {
    for (const auto& account : accounts) fundOf_.insert(toQString(account.code), toQString(account.fundCode));
}

int PositionsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(book_.size()); }

int PositionsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const Position* PositionsTableModel::positionAt(int row) const {
    return row >= 0 && row < int(book_.size()) ? &book_.positions()[std::size_t(row)] : nullptr;
}

std::optional<Price> PositionsTableModel::lastPrice(const std::string& symbol) const {
    auto found = last_.constFind(toQString(symbol));
    return found == last_.constEnd() ? std::nullopt : std::optional<Price>(*found);
}

QString PositionsTableModel::currencyOf(const std::string& symbol) const {
    const auto* instrument = instruments_.find(toQString(symbol));
    return instrument ? toQString(instrument->currency) : QString();
}

QVariant PositionsTableModel::display(const Position& p, int column) const {
    const int decimals = instruments_.priceDecimals(p.symbol);
    const auto last = lastPrice(p.symbol);
    switch (column) {
        case Fund: return fundOf_.value(toQString(p.account));
        case Account: return toQString(p.account);
        case Symbol: return toQString(p.symbol);
        case Currency: return currencyOf(p.symbol);
        case Quantity: return formatQty(p.quantity);
        case AverageCost: return p.quantity.isZero() ? QString() : formatAveragePrice(p.averageCost(), decimals);
        case Last: return last ? formatPrice(*last, decimals) : QString();
        case MarketValue: return last ? formatMoney(p.marketValue(*last), 2) : QString();
        case Unrealised: return last ? formatMoney(p.unrealised(*last), 2) : QString();
        case Realised: return formatMoney(p.realised, 2);
        case TotalPnl: return last ? formatMoney(p.unrealised(*last) + p.realised, 2) : QString();
        case Bought: return formatQty(p.bought);
        case Sold: return formatQty(p.sold);
        default: return {};
    }
}

QVariant PositionsTableModel::raw(const Position& p, int column) const {
    const auto last = lastPrice(p.symbol).value_or(Price{});
    switch (column) {
        case Quantity: return qlonglong(p.quantity.raw());
        case AverageCost: return qlonglong(p.averageCost().raw());
        case Last: return qlonglong(last.raw());
        // Doubles only to order the rows; the figures shown are exact.
        case MarketValue: return p.marketValue(last).toDouble();
        case Unrealised: return p.unrealised(last).toDouble();
        case Realised: return p.realised.toDouble();
        case TotalPnl: return (p.unrealised(last) + p.realised).toDouble();
        case Bought: return qlonglong(p.bought.raw());
        case Sold: return qlonglong(p.sold.raw());
        default: return display(p, column);
    }
}

QVariant PositionsTableModel::data(const QModelIndex& index, int role) const {
    const auto* position = positionAt(index.row());
    if (!position || index.column() < 0 || index.column() >= ColumnCount) return {};
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole: return display(*position, column);
        case RawValueRole: return raw(*position, column);
        case Qt::TextAlignmentRole: return int((isNumeric(column) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        case Qt::ForegroundRole: {
            if (column == Quantity && !position->quantity.isZero())
                return QBrush(sideColor(position->quantity.isPositive() ? Side::Buy : Side::Sell));
            if (!isPnl(column)) return {};
            const auto value = raw(*position, column).toDouble();
            return value == 0.0 ? QVariant() : QVariant(QBrush(profitColor(value > 0)));
        }
        default: return {};
    }
}

QVariant PositionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return QString::fromLatin1(kTitles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(kTips[section]);
    if (role == Qt::TextAlignmentRole) return int((isNumeric(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    return {};
}

void PositionsTableModel::apply(const std::vector<Position>& positions) {
    for (const auto& position : positions) {
        const int row = book_.indexOf(position.account, position.symbol);
        if (row >= 0) {
            book_.replace(position);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        const int added = int(book_.size());
        beginInsertRows({}, added, added);
        book_.replace(position);
        rowsOf_.insert(toQString(position.symbol), added);
        endInsertRows();
    }
    if (!positions.empty()) Q_EMIT totalsChanged();
}

void PositionsTableModel::updatePrices(const std::vector<Quote>& quotes) {
    bool changed = false;
    for (const auto& quote : quotes) {
        if (!quote.last) continue;
        const auto symbol = toQString(quote.symbol);
        last_.insert(symbol, *quote.last);
        for (auto it = rowsOf_.constFind(symbol); it != rowsOf_.constEnd() && it.key() == symbol; ++it) {
            Q_EMIT dataChanged(index(*it, Last), index(*it, TotalPnl));
            changed = true;
        }
    }
    if (changed) Q_EMIT totalsChanged();
}

std::map<std::string, PositionsTableModel::Totals> PositionsTableModel::totalsByCurrency() const {
    std::map<std::string, Totals> totals;
    for (const auto& position : book_.positions()) {
        auto& total = totals[currencyOf(position.symbol).toStdString()];
        total.realised += position.realised;
        if (auto last = lastPrice(position.symbol)) {
            total.marketValue += position.marketValue(*last);
            total.unrealised += position.unrealised(*last);
        }
    }
    return totals;
}

}  // namespace ob::ui

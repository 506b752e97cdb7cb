#include "positionstablemodel.h"

#include "enginefeed.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

/// Green for a profit, red for a loss, none for nothing; doubles only to tell which.
QVariant pnlColour(double value) { return value == 0.0 ? QVariant() : QVariant(QBrush(profitColor(value > 0))); }

}  // namespace

const std::array<ColumnSpec<PositionsTableModel::Cell>, PositionsTableModel::ColumnCount> PositionsTableModel::kColumns = {{
    {.title = "Fund",
     .tip = "Fund the account belongs to",
     .display = [](const Cell& c) -> QVariant { return c.model.fundOf_.value(toQString(c.position.account)); }},
    {.title = "Account", .tip = "Account", .display = [](const Cell& c) -> QVariant { return toQString(c.position.account); }},
    {.title = "Symbol", .tip = "Instrument", .display = [](const Cell& c) -> QVariant { return toQString(c.position.symbol); }},
    {.title = "Ccy",
     .tip = "Currency of the instrument: amounts are in it",
     .display = [](const Cell& c) -> QVariant { return c.model.currencyOf(c.position.symbol); }},
    // Doubles in the raw values only to order the rows; the figures shown are exact.
    {.title = "Position",
     .tip = "Net quantity from today's fills: long positive, short negative",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.position.quantity); },
     .raw = [](const Cell& c) -> QVariant { return qlonglong(c.position.quantity.raw()); },
     .foreground = [](const Cell& c) -> QVariant {
         if (c.position.quantity.isZero()) return {};
         return QBrush(sideColor(c.position.quantity.isPositive() ? Side::Buy : Side::Sell));
     }},
    {.title = "Avg Cost",
     .tip = "Average cost of the open quantity (average cost method)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         return c.position.quantity.isZero() ? QString() : formatAveragePrice(c.position.averageCost(), c.decimals);
     },
     .raw = [](const Cell& c) -> QVariant { return qlonglong(c.position.averageCost().raw()); }},
    {.title = "Last",
     .tip = "Latest price: market data, else the instrument's reference price",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.last ? formatPrice(*c.last, c.decimals) : QString(); },
     .raw = [](const Cell& c) -> QVariant { return qlonglong(c.lastOrZero().raw()); }},
    {.title = "Mkt Value",
     .tip = "Position × last price",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.last ? formatMoney(c.position.marketValue(*c.last), 2) : QString(); },
     .raw = [](const Cell& c) -> QVariant { return c.position.marketValue(c.lastOrZero()).toDouble(); }},
    {.title = "Unrealised",
     .tip = "Market value minus the cost of the open quantity",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.last ? formatMoney(c.position.unrealised(*c.last), 2) : QString(); },
     .raw = [](const Cell& c) -> QVariant { return c.position.unrealised(c.lastOrZero()).toDouble(); },
     .foreground = [](const Cell& c) { return pnlColour(c.position.unrealised(c.lastOrZero()).toDouble()); }},
    {.title = "Realised",
     .tip = "P&L of the quantity closed today, against the average cost",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatMoney(c.position.realised, 2); },
     .raw = [](const Cell& c) -> QVariant { return c.position.realised.toDouble(); },
     .foreground = [](const Cell& c) { return pnlColour(c.position.realised.toDouble()); }},
    {.title = "Total P&L",
     .tip = "Unrealised plus realised",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant {
         return c.last ? formatMoney(c.position.unrealised(*c.last) + c.position.realised, 2) : QString();
     },
     .raw = [](const Cell& c) -> QVariant { return (c.position.unrealised(c.lastOrZero()) + c.position.realised).toDouble(); },
     .foreground =
         [](const Cell& c) { return pnlColour((c.position.unrealised(c.lastOrZero()) + c.position.realised).toDouble()); }},
    {.title = "Bought",
     .tip = "Quantity bought today",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.position.bought); },
     .raw = [](const Cell& c) -> QVariant { return qlonglong(c.position.bought.raw()); }},
    {.title = "Sold",
     .tip = "Quantity sold today (sells and short sells)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatQty(c.position.sold); },
     .raw = [](const Cell& c) -> QVariant { return qlonglong(c.position.sold.raw()); }},
}};

PositionsTableModel::PositionsTableModel(const InstrumentDirectory& instruments, const std::vector<ob::Account>& accounts,
                                         QObject* parent)
    : QAbstractTableModel(parent), instruments_(instruments) {
    setAccounts(accounts);
}

void PositionsTableModel::setAccounts(const std::vector<ob::Account>& accounts) {
    fundOf_.clear();
    for (const auto& account : accounts) fundOf_.insert(toQString(account.code), toQString(account.fundCode));
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
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

QVariant PositionsTableModel::data(const QModelIndex& index, int role) const {
    const auto* position = positionAt(index.row());
    if (!position || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto& column = kColumns[std::size_t(index.column())];
    const Cell cell{*this, *position, lastPrice(position->symbol), instruments_.priceDecimals(position->symbol)};
    if (role == RawValueRole) return columnRaw(column, cell);
    return columnData(column, cell, role);
}

QVariant PositionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Cell>(kColumns, section, orientation, role);
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

void PositionsTableModel::follow(const EngineFeed& feed) {
    connect(&feed, &EngineFeed::positionsChanged, this, &PositionsTableModel::apply);
}

}  // namespace ob::ui

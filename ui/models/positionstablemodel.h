#pragma once

#include "domain/fund.h"
#include "market/marketprices.h"
#include "models/columns.h"
#include "models/instrumentdirectory.h"
#include "portfolio/positionbook.h"

#include <QAbstractTableModel>
#include <QHash>

#include <array>
#include <map>
#include <vector>

namespace ob::ui {

class EngineFeed;

/// Positions per fund/account and instrument from the day's fills, as the
/// engine's ledger publishes them, marked to the latest prices. A changed
/// position updates its one row; a price move updates the rows of its instrument.
class PositionsTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Fund,
        Account,
        Symbol,
        Currency,
        Quantity,
        AverageCost,
        Last,
        MarketValue,
        Unrealised,
        Realised,
        TotalPnl,
        Bought,
        Sold,
        ColumnCount
    };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    /// Per currency: positions in different currencies are never added up.
    struct Totals {
        Money marketValue;
        Money unrealised;
        Money realised;
    };

    PositionsTableModel(const InstrumentDirectory& instruments, const std::vector<ob::Account>& accounts,
                        QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The desk's accounts changed: the fund column follows.
    void setAccounts(const std::vector<ob::Account>& accounts);
    /// Shows the accounts' positions the feed publishes.
    void follow(const EngineFeed& feed);
    /// Takes positions as the engine published them: each replaces the row of its account and instrument.
    void apply(const std::vector<Position>& positions);
    void updatePrices(const std::vector<Quote>& quotes);

    const Position* positionAt(int row) const;
    std::optional<Price> lastPrice(const std::string& symbol) const;
    std::map<std::string, Totals> totalsByCurrency() const;

Q_SIGNALS:
    void totalsChanged();

private:
    struct Cell {
        const PositionsTableModel& model;
        const Position& position;
        std::optional<Price> last;
        int decimals;
        Price lastOrZero() const { return last.value_or(Price{}); }
    };
    static const std::array<ColumnSpec<Cell>, ColumnCount> kColumns;

    QString currencyOf(const std::string& symbol) const;

    const InstrumentDirectory& instruments_;
    QHash<QString, QString> fundOf_;  ///< account code → fund code
    PositionBook book_;
    QHash<QString, Price> last_;
    QMultiHash<QString, int> rowsOf_;  ///< symbol → rows
};

}  // namespace ob::ui

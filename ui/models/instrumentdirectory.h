#pragma once

#include "domain/instrument.h"

#include <QHash>
#include <QString>

#include <vector>

namespace ob::ui {

/// The instruments by symbol, for the figures' precision and the ticket.
class InstrumentDirectory {
public:
    InstrumentDirectory() = default;
    explicit InstrumentDirectory(const std::vector<Instrument>& instruments);

    const Instrument* find(const QString& symbol) const;
    /// Decimals to show a price of the instrument: its tick's, at least two.
    int priceDecimals(const std::string& symbol) const;
    /// Every symbol, sorted; only those that take new orders when `activeOnly`.
    QStringList symbols(bool activeOnly = false) const;

private:
    QHash<QString, Instrument> bySymbol_;
};

}  // namespace ob::ui

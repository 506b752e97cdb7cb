#include "instrumentdirectory.h"

#include <algorithm>

namespace ob::ui {

InstrumentDirectory::InstrumentDirectory(const std::vector<Instrument>& instruments) {
    for (const auto& instrument : instruments) bySymbol_.insert(QString::fromStdString(instrument.symbol), instrument);
}

const Instrument* InstrumentDirectory::find(const QString& symbol) const {
    auto it = bySymbol_.constFind(symbol);
    return it == bySymbol_.constEnd() ? nullptr : &*it;
}

int InstrumentDirectory::priceDecimals(const std::string& symbol) const {
    const auto* instrument = find(QString::fromStdString(symbol));
    return instrument ? std::max(2, instrument->priceDecimals()) : 2;
}

QStringList InstrumentDirectory::symbols(bool activeOnly) const {
    QStringList list;
    for (auto it = bySymbol_.cbegin(); it != bySymbol_.cend(); ++it)
        if (!activeOnly || it.value().active) list << it.key();
    list.sort();
    return list;
}

}  // namespace ob::ui

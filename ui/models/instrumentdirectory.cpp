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

QStringList InstrumentDirectory::symbols() const {
    auto list = bySymbol_.keys();
    list.sort();
    return list;
}

}  // namespace ob::ui

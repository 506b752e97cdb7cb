#include "portfolio/openingpositions.h"

#include "refdata/referencecsv.h"

#include <set>
#include <unordered_map>

namespace ob {

Result<std::vector<OpeningPosition>> readOpeningPositions(const CsvTable& table, const ReferenceData& reference) {
    auto positions = parseOpeningPositions(table);
    if (!positions) return Error{positions.error()};
    std::set<std::string> funds;
    for (const auto& fund : reference.funds) funds.insert(fund.code);
    std::unordered_map<std::string, const Instrument*> instruments;
    for (const auto& instrument : reference.instruments) instruments.emplace(instrument.symbol, &instrument);
    for (auto& position : *positions) {
        if (!funds.count(position.fund)) return Error{"fund " + position.fund + " is not a fund of this desk"};
        if (position.symbol == OpeningPosition::kCash) continue;
        const auto found = instruments.find(position.symbol);
        if (found == instruments.end())
            return Error{position.symbol + " (fund " + position.fund + ") is not an instrument of this desk"};
        if (position.price) continue;
        if (!found->second->referencePrice)
            return Error{position.symbol + " (fund " + position.fund + ") has no price: give one in the price column"};
        position.price = found->second->referencePrice;
    }
    if (positions->empty()) return Error{"the file has no positions"};
    return positions;
}

}  // namespace ob

#include "formats/openingpositions.h"

#include "domain/quoting.h"
#include "formats/referencecsv.h"

#include <map>
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
    std::map<std::string, bool> hasCash;  ///< by fund named
    const auto& rows = table.rows();
    for (std::size_t i = 0; i < positions->size(); ++i) {
        auto& position = (*positions)[i];
        const std::string where = "line " + std::to_string(i < rows.size() ? rows[i].line : 0) + ": ";
        if (!funds.count(position.fund)) return Error{where + "fund " + clipped(position.fund) + " is not a fund of this desk"};
        hasCash[position.fund] = hasCash[position.fund] || position.symbol == OpeningPosition::kCash;
        if (position.symbol == OpeningPosition::kCash) continue;
        const auto found = instruments.find(position.symbol);
        if (found == instruments.end())
            return Error{where + clipped(position.symbol) + " (fund " + position.fund + ") is not an instrument of this desk"};
        if (position.price) continue;
        if (!found->second->referencePrice)
            return Error{where + position.symbol + " (fund " + position.fund + ") has no price: give one in the price column"};
        position.price = found->second->referencePrice;
    }
    if (positions->empty()) return Error{"the file has no positions"};
    // The file replaces each fund's cash too: a fund without a CASH row would be left with none.
    for (const auto& [fund, cash] : hasCash)
        if (!cash) return Error{"fund " + fund + " has no CASH row: give its cash (0 if it has none)"};
    return positions;
}

}  // namespace ob

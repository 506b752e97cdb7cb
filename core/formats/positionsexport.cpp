#include "positionsexport.h"

#include "util/csv.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace ob {

namespace {

struct Row {
    std::string fund;
    std::string account;  ///< empty for the fund's whole position
    const Position* position;
};

}  // namespace

std::string positionsCsv(const std::vector<Position>& fundPositions, const std::vector<Position>& accountPositions,
                         const ReferenceData& reference, const LastPrice& lastPrice) {
    std::unordered_map<std::string, std::string> fundOfAccount;
    for (const auto& account : reference.accounts) fundOfAccount.emplace(account.code, account.fundCode);
    std::unordered_map<std::string, std::string> currencyOf;
    for (const auto& instrument : reference.instruments) currencyOf.emplace(instrument.symbol, instrument.currency);

    std::vector<Row> rows;
    rows.reserve(fundPositions.size() + accountPositions.size());
    for (const auto& position : fundPositions) rows.push_back({position.account, {}, &position});
    for (const auto& position : accountPositions) {
        const auto fund = fundOfAccount.find(position.account);
        rows.push_back({fund == fundOfAccount.end() ? std::string() : fund->second, position.account, &position});
    }
    // Each fund's whole positions first, then its accounts', each by symbol.
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.fund, a.account, a.position->symbol) < std::tie(b.fund, b.account, b.position->symbol);
    });

    CsvWriter csv({"fund", "account", "symbol", "currency", "qty", "avg_cost", "last_price", "market_value", "unrealised_pnl",
                   "realised_pnl"});
    for (const auto& row : rows) {
        const Position& position = *row.position;
        const auto currency = currencyOf.find(position.symbol);
        csv.cell(row.fund).cell(row.account).cell(position.symbol);
        csv.cell(currency == currencyOf.end() ? std::string() : currency->second);
        csv.cell(position.quantity.toString());
        csv.cell(position.quantity.isZero() ? std::string() : position.averageCost().toString());
        if (const auto last = lastPrice(position.symbol))
            csv.cell(last->toString()).cell(position.marketValue(*last).toString()).cell(position.unrealised(*last).toString());
        else
            csv.cell({}).cell({}).cell({});
        csv.cell(position.realised.toString());
        csv.endRow();
    }
    return csv.take();
}

}  // namespace ob

#pragma once

#include "domain/decimal.h"
#include "domain/referencedata.h"
#include "portfolio/positionbook.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// The price a position is marked at, if any is known.
using LastPrice = std::function<std::optional<Price>(const std::string& symbol)>;

/// The book's positions as CSV (`fund,account,symbol,currency,qty,avg_cost,last_price,market_value,unrealised_pnl,
/// realised_pnl`), exact decimals. A row with an account holds the day's fills in that account; a row without
/// one holds the fund's whole position: its opening position plus the fills of all its accounts. Flat positions
/// still appear when they traded today (their realised P&L). Without a last price the three marked columns are empty.
std::string positionsCsv(const std::vector<Position>& fundPositions, const std::vector<Position>& accountPositions,
                         const ReferenceData& reference, const LastPrice& lastPrice);

}  // namespace ob

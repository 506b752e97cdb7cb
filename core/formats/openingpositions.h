#pragma once

#include "domain/referencedata.h"
#include "portfolio/fundholdings.h"
#include "util/csv.h"

#include <vector>

namespace ob {

/// A positions file (fund,symbol,qty,price; a CASH row carries each fund's cash) checked against
/// the desk: every fund and instrument known, a CASH row for every fund named (the file replaces
/// the fund's cash too), and every holding priced, a missing price taken from the instrument's
/// reference price, since a holding's P&L is measured from the price it opened at. The first
/// problem is named with its line; nothing is imported from a file with one.
Result<std::vector<OpeningPosition>> readOpeningPositions(const CsvTable& table, const ReferenceData& reference);

}  // namespace ob

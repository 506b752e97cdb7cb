#pragma once

#include "domain/fund.h"
#include "domain/instrument.h"
#include "domain/result.h"
#include "util/csv.h"

#include <vector>

namespace ob {

/// Reads reference data from CSV tables (header row, any column order, any
/// case, extra columns ignored). All rows are checked; the error lists every
/// bad row with its line number, and then nothing is returned.
///
///   instruments: symbol,name,issuer,sector,country,currency,lot_size,tick_size[,price]
///   funds:       code,name,base_currency
///   accounts:    code,name,fund
Result<std::vector<Instrument>> parseInstruments(const CsvTable& table);
Result<std::vector<Fund>> parseFunds(const CsvTable& table);
Result<std::vector<Account>> parseAccounts(const CsvTable& table);

}  // namespace ob

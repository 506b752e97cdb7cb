#pragma once

#include "domain/referencedata.h"
#include "formats/referencecsv.h"

#include <string>
#include <vector>

namespace ob {

/// The desk's reference data as CSV, in the formats parseInstruments, parseFunds, parseAccounts and parseFxRates
/// read (referencecsv.h): an export imported again changes nothing.
std::string instrumentsCsv(const std::vector<Instrument>& instruments);
std::string fundsCsv(const std::vector<Fund>& funds);
std::string accountsCsv(const std::vector<Account>& accounts);
std::string fxRatesCsv(const FxRates& rates);
/// The table of `kind` from `data`.
std::string referenceCsv(ReferenceKind kind, const ReferenceData& data);

}  // namespace ob

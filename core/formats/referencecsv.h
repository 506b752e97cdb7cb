#pragma once

#include "auth/users.h"
#include "domain/referencedata.h"
#include "domain/result.h"
#include "portfolio/fundholdings.h"
#include "rebalance/rebalancer.h"
#include "util/csv.h"

#include <map>
#include <string>
#include <vector>

namespace ob {

/// Reads reference data from CSV tables (header row, any column order, any
/// case, extra columns ignored). All rows are checked; the error lists every
/// bad row with its line number, and then nothing is returned.
///
///   instruments: symbol,name,issuer,sector,country,currency,lot_size,tick_size[,price][,voting_shares]
///                [,isin][,cusip][,sedol][,mic][,active]   (identifiers checked with their check digits;
///                active 1/0, true/false or yes/no, empty meaning active)
///   funds:       code,name,base_currency
///   accounts:    code,name,fund[,active]
///   positions:   fund,symbol,qty[,price]   (symbol CASH: the fund's cash, the amount in qty)
///   users:       name,full_name,role,password_hash   (the hash in PasswordHasher's stored form)
///   fx rates:    currency,rate_to_usd   (the value of one unit in USD; the column may also be called rate)
Result<std::vector<Instrument>> parseInstruments(const CsvTable& table);
Result<std::vector<Fund>> parseFunds(const CsvTable& table);
Result<std::vector<Account>> parseAccounts(const CsvTable& table);
Result<std::vector<OpeningPosition>> parseOpeningPositions(const CsvTable& table);
Result<std::vector<User>> parseUsers(const CsvTable& table);
Result<FxRates> parseFxRates(const CsvTable& table);

/// The tables of reference data the desk imports and exports, one kind per file.
enum class ReferenceKind : std::uint8_t { Instruments, Funds, Accounts, FxRates };
/// "instruments", "funds", "accounts", "fx rates".
const char* nameOf(ReferenceKind kind);

/// A reference data file read whole: its items, and the line each key came from (for planReferenceChange's reasons).
struct ReferenceFile {
    ReferenceData items;
    std::map<std::string, int> lines;
};
Result<ReferenceFile> parseReferenceFile(ReferenceKind kind, const CsvTable& table);
///   model:       symbol,target_weight   (fractions of NAV: 0.05 is 5%)
Result<ModelPortfolio> parseModel(const CsvTable& table);

}  // namespace ob

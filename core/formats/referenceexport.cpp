#include "referenceexport.h"

#include "util/csv.h"

namespace ob {

namespace {

template <typename T>
std::string optionalDecimal(const std::optional<T>& value) {
    return value ? value->toString() : std::string();
}

const char* activeText(bool active) { return active ? "1" : "0"; }

}  // namespace

std::string instrumentsCsv(const std::vector<Instrument>& instruments) {
    CsvWriter csv({"symbol", "name", "issuer", "sector", "country", "currency", "lot_size", "tick_size", "price", "isin", "cusip",
                   "sedol", "mic", "voting_shares", "active"});
    for (const auto& i : instruments) {
        csv.cell(i.symbol).cell(i.name).cell(i.issuer).cell(i.sector).cell(i.country).cell(i.currency);
        csv.cell(i.lotSize.toString()).cell(i.tickSize.toString()).cell(optionalDecimal(i.referencePrice));
        csv.cell(i.isin).cell(i.cusip).cell(i.sedol).cell(i.mic).cell(optionalDecimal(i.votingShares)).cell(activeText(i.active));
        csv.endRow();
    }
    return csv.take();
}

std::string fundsCsv(const std::vector<Fund>& funds) {
    CsvWriter csv({"code", "name", "base_currency"});
    for (const auto& fund : funds) {
        csv.cell(fund.code).cell(fund.name).cell(fund.baseCurrency);
        csv.endRow();
    }
    return csv.take();
}

std::string accountsCsv(const std::vector<Account>& accounts) {
    CsvWriter csv({"code", "name", "fund", "active"});
    for (const auto& account : accounts) {
        csv.cell(account.code).cell(account.name).cell(account.fundCode).cell(activeText(account.active));
        csv.endRow();
    }
    return csv.take();
}

std::string fxRatesCsv(const FxRates& rates) {
    CsvWriter csv({"currency", "rate_to_usd"});
    for (const auto& [currency, rate] : rates.rates()) {
        csv.cell(currency).cell(rate.toString());
        csv.endRow();
    }
    return csv.take();
}

std::string referenceCsv(ReferenceKind kind, const ReferenceData& data) {
    switch (kind) {
        case ReferenceKind::Instruments: return instrumentsCsv(data.instruments);
        case ReferenceKind::Funds: return fundsCsv(data.funds);
        case ReferenceKind::Accounts: return accountsCsv(data.accounts);
        case ReferenceKind::FxRates: return fxRatesCsv(data.fxRates);
    }
    return {};
}

}  // namespace ob

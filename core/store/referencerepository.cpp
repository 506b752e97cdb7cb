#include "referencerepository.h"

namespace ob::store {

ReferenceData ReferenceRepository::load() {
    ReferenceData data;
    auto instruments = db_.prepare(
        "SELECT symbol, name, issuer, sector, country, currency, lot_size, tick_size, reference_price, voting_shares, isin, "
        "cusip, sedol, mic, active FROM instruments ORDER BY symbol");
    while (instruments.step()) {
        Instrument instrument;
        instrument.symbol = instruments.text(0);
        instrument.name = instruments.text(1);
        instrument.issuer = instruments.text(2);
        instrument.sector = instruments.text(3);
        instrument.country = instruments.text(4);
        instrument.currency = instruments.text(5);
        instrument.lotSize = Qty::fromRaw(instruments.int64(6));
        instrument.tickSize = Price::fromRaw(instruments.int64(7));
        if (auto raw = instruments.optionalInt64(8)) instrument.referencePrice = Price::fromRaw(*raw);
        if (auto raw = instruments.optionalInt64(9)) instrument.votingShares = Qty::fromRaw(*raw);
        instrument.isin = instruments.text(10);
        instrument.cusip = instruments.text(11);
        instrument.sedol = instruments.text(12);
        instrument.mic = instruments.text(13);
        instrument.active = instruments.int64(14) != 0;
        data.instruments.push_back(std::move(instrument));
    }
    auto funds = db_.prepare("SELECT code, name, base_currency FROM funds ORDER BY code");
    while (funds.step()) data.funds.push_back({funds.text(0), funds.text(1), funds.text(2)});
    auto accounts = db_.prepare("SELECT code, name, fund_code, active FROM accounts ORDER BY code");
    while (accounts.step())
        data.accounts.push_back({accounts.text(0), accounts.text(1), accounts.text(2), accounts.int64(3) != 0});
    auto rates = db_.prepare("SELECT currency, rate FROM fx_rates ORDER BY currency");
    while (rates.step()) data.fxRates.set(rates.text(0), Price::fromRaw(rates.int64(1)));
    return data;
}

void ReferenceRepository::save(const ReferenceData& data) {
    auto instrument = db_.prepare(
        "INSERT INTO instruments (symbol, name, issuer, sector, country, currency, lot_size, tick_size, reference_price, "
        "voting_shares, isin, cusip, sedol, mic, active) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15) "
        "ON CONFLICT(symbol) DO UPDATE SET name=?2, issuer=?3, sector=?4, country=?5, currency=?6, lot_size=?7, "
        "tick_size=?8, reference_price=?9, voting_shares=?10, isin=?11, cusip=?12, sedol=?13, mic=?14, active=?15");
    for (const auto& i : data.instruments) {
        instrument.bind(1, i.symbol).bind(2, i.name).bind(3, i.issuer).bind(4, i.sector).bind(5, i.country).bind(6, i.currency);
        instrument.bind(7, i.lotSize.raw()).bind(8, i.tickSize.raw());
        if (i.referencePrice) instrument.bind(9, i.referencePrice->raw());
        if (i.votingShares) instrument.bind(10, i.votingShares->raw());
        instrument.bind(11, i.isin).bind(12, i.cusip).bind(13, i.sedol).bind(14, i.mic).bind(15, std::int64_t{i.active});
        instrument.execute();
    }
    auto fund = db_.prepare(
        "INSERT INTO funds (code, name, base_currency) VALUES (?1,?2,?3) "
        "ON CONFLICT(code) DO UPDATE SET name=?2, base_currency=?3");
    for (const auto& f : data.funds) fund.bind(1, f.code).bind(2, f.name).bind(3, f.baseCurrency).execute();
    auto account = db_.prepare(
        "INSERT INTO accounts (code, name, fund_code, active) VALUES (?1,?2,?3,?4) "
        "ON CONFLICT(code) DO UPDATE SET name=?2, fund_code=?3, active=?4");
    for (const auto& a : data.accounts)
        account.bind(1, a.code).bind(2, a.name).bind(3, a.fundCode).bind(4, std::int64_t{a.active}).execute();
    auto rate =
        db_.prepare("INSERT INTO fx_rates (currency, rate) VALUES (?1, ?2) ON CONFLICT(currency) DO UPDATE SET rate = ?2");
    for (const auto& [currency, value] : data.fxRates.rates()) rate.bind(1, currency).bind(2, value.raw()).execute();
}

}  // namespace ob::store

#include "referencecsv.h"

#include "domain/limits.h"
#include "domain/quoting.h"
#include "domain/securityids.h"

#include <algorithm>
#include <set>

namespace ob {

namespace {

/// Collects the problems of a whole file so that the user fixes them in one go.
class Problems {
public:
    void add(int line, const std::string& message) {
        if (!text_.empty()) text_ += '\n';
        text_ += "line " + std::to_string(line) + ": " + message;
    }
    bool empty() const { return text_.empty(); }
    Error error() const { return Error{text_}; }

private:
    std::string text_;
};

/// A decimal the column must hold: positive, and within the desk's limits when `limit` says what they are.
template <typename T>
std::optional<T> positiveDecimal(const std::string& text, const char* column, int line, Problems& problems,
                                 std::optional<std::string> (*limit)(T) = nullptr) {
    auto value = T::parse(text);
    if (!value) {
        problems.add(line, std::string(column) + " " + value.error());
        return std::nullopt;
    }
    if (!value->isPositive()) {
        problems.add(line, std::string(column) + " must be positive, got " + value->toString());
        return std::nullopt;
    }
    if (auto problem = limit ? limit(*value) : std::nullopt) {
        problems.add(line, std::string(column) + " " + *problem);
        return std::nullopt;
    }
    return *value;
}

bool required(const std::string& value, const char* column, int line, Problems& problems) {
    if (!value.empty()) return true;
    problems.add(line, std::string(column) + " is empty");
    return false;
}

/// An ISO code of `length` upper-case letters (currency 3, country 2), when the column is filled.
bool isoCode(const std::string& value, std::size_t length, const char* column, int line, Problems& problems) {
    bool ok = value.size() == length;
    for (char c : value) ok = ok && c >= 'A' && c <= 'Z';
    if (ok || value.empty()) return true;
    problems.add(line, std::string(column) + " " + inQuotes(value) + " is not " + std::to_string(length) +
                           " upper-case letters (ISO " + (length == 3 ? "4217" : "3166") + ")");
    return false;
}

/// An optional identifier column: empty, or a value `check` finds nothing wrong with.
bool identifier(const std::string& value, const char* column, std::optional<std::string> (*check)(std::string_view), int line,
                Problems& problems) {
    if (value.empty()) return true;
    if (auto problem = check(value)) {
        problems.add(line, std::string(column) + " " + inQuotes(value) + " " + *problem);
        return false;
    }
    return true;
}

/// The optional `active` column: empty means active.
std::optional<bool> activeFlag(const std::string& value, int line, Problems& problems) {
    std::string lower;
    for (char c : value) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower.empty() || lower == "1" || lower == "true" || lower == "yes" || lower == "y") return true;
    if (lower == "0" || lower == "false" || lower == "no" || lower == "n") return false;
    problems.add(line, "active " + inQuotes(value) + " is not 1 or 0 (true or false, yes or no)");
    return std::nullopt;
}

bool unique(std::set<std::string>& seen, const std::string& key, const char* what, int line, Problems& problems) {
    if (seen.insert(key).second) return true;
    problems.add(line, std::string("duplicate ") + what + " " + inQuotes(key));
    return false;
}

/// A key of the desk's reference data, once in its store, is named in FIX messages and files, where a space or a
/// control character would change what it names.
bool uniqueKey(std::set<std::string>& seen, const std::string& key, const char* what, int line, Problems& problems) {
    if (std::any_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; })) {
        problems.add(line, std::string(what) + " " + inQuotes(key) + " may not hold spaces or control characters");
        return false;
    }
    return unique(seen, key, what, line, problems);
}

}  // namespace

Result<std::vector<Instrument>> parseInstruments(const CsvTable& table) {
    if (auto columns =
            table.requireColumns({"symbol", "name", "issuer", "sector", "country", "currency", "lot_size", "tick_size"});
        !columns)
        return Error{columns.error()};
    std::vector<Instrument> instruments;
    std::set<std::string> symbols;
    Problems problems;
    for (const auto& row : table.rows()) {
        Instrument instrument;
        instrument.symbol = table.field(row, "symbol");
        instrument.name = table.field(row, "name");
        instrument.issuer = table.field(row, "issuer");
        instrument.sector = table.field(row, "sector");
        instrument.country = table.field(row, "country");
        instrument.currency = table.field(row, "currency");
        bool ok = required(instrument.symbol, "symbol", row.line, problems) &&
                  uniqueKey(symbols, instrument.symbol, "symbol", row.line, problems);
        ok = required(instrument.currency, "currency", row.line, problems) &&
             isoCode(instrument.currency, 3, "currency", row.line, problems) && ok;
        ok = isoCode(instrument.country, 2, "country", row.line, problems) && ok;
        instrument.isin = table.field(row, "isin");
        instrument.cusip = table.field(row, "cusip");
        instrument.sedol = table.field(row, "sedol");
        instrument.mic = table.field(row, "mic");
        ok = identifier(instrument.isin, "isin", isinProblem, row.line, problems) && ok;
        ok = identifier(instrument.cusip, "cusip", cusipProblem, row.line, problems) && ok;
        ok = identifier(instrument.sedol, "sedol", sedolProblem, row.line, problems) && ok;
        ok = identifier(instrument.mic, "mic", micProblem, row.line, problems) && ok;
        const auto active = activeFlag(table.field(row, "active"), row.line, problems);
        ok = ok && active.has_value();
        instrument.active = active.value_or(true);
        auto lot = positiveDecimal<Qty>(table.field(row, "lot_size"), "lot_size", row.line, problems, limits::quantityProblem);
        auto tick = positiveDecimal<Price>(table.field(row, "tick_size"), "tick_size", row.line, problems, limits::priceProblem);
        std::optional<Price> price;
        if (const auto text = table.field(row, "price"); !text.empty()) {
            price = positiveDecimal<Price>(text, "price", row.line, problems, limits::priceProblem);
            ok = ok && price.has_value();
        }
        if (const auto text = table.field(row, "voting_shares"); !text.empty()) {
            instrument.votingShares = positiveDecimal<Qty>(text, "voting_shares", row.line, problems);
            ok = ok && instrument.votingShares.has_value();
        }
        if (!ok || !lot || !tick) continue;
        instrument.lotSize = *lot;
        instrument.tickSize = *tick;
        instrument.referencePrice = price;
        instruments.push_back(std::move(instrument));
    }
    if (!problems.empty()) return problems.error();
    return instruments;
}

Result<std::vector<Fund>> parseFunds(const CsvTable& table) {
    if (auto columns = table.requireColumns({"code", "name", "base_currency"}); !columns) return Error{columns.error()};
    std::vector<Fund> funds;
    std::set<std::string> codes;
    Problems problems;
    for (const auto& row : table.rows()) {
        Fund fund{table.field(row, "code"), table.field(row, "name"), table.field(row, "base_currency")};
        bool ok = required(fund.code, "code", row.line, problems) && uniqueKey(codes, fund.code, "fund code", row.line, problems);
        ok = required(fund.baseCurrency, "base_currency", row.line, problems) &&
             isoCode(fund.baseCurrency, 3, "base_currency", row.line, problems) && ok;
        if (ok) funds.push_back(std::move(fund));
    }
    if (!problems.empty()) return problems.error();
    return funds;
}

Result<std::vector<Account>> parseAccounts(const CsvTable& table) {
    if (auto columns = table.requireColumns({"code", "name", "fund"}); !columns) return Error{columns.error()};
    std::vector<Account> accounts;
    std::set<std::string> codes;
    Problems problems;
    for (const auto& row : table.rows()) {
        Account account{table.field(row, "code"), table.field(row, "name"), table.field(row, "fund")};
        bool ok = required(account.code, "code", row.line, problems) &&
                  uniqueKey(codes, account.code, "account code", row.line, problems);
        ok = required(account.fundCode, "fund", row.line, problems) && ok;
        const auto active = activeFlag(table.field(row, "active"), row.line, problems);
        account.active = active.value_or(true);
        if (ok && active) accounts.push_back(std::move(account));
    }
    if (!problems.empty()) return problems.error();
    return accounts;
}

Result<std::vector<OpeningPosition>> parseOpeningPositions(const CsvTable& table) {
    if (auto columns = table.requireColumns({"fund", "symbol", "qty"}); !columns) return Error{columns.error()};
    std::vector<OpeningPosition> positions;
    std::set<std::string> seen;
    Problems problems;
    for (const auto& row : table.rows()) {
        OpeningPosition position{table.field(row, "fund"), table.field(row, "symbol"), {}, std::nullopt};
        bool ok = required(position.fund, "fund", row.line, problems);
        ok = required(position.symbol, "symbol", row.line, problems) && ok;
        if (ok) ok = unique(seen, position.fund + " " + position.symbol, "position", row.line, problems);
        auto quantity = Qty::parse(table.field(row, "qty"));
        if (!quantity) {
            problems.add(row.line, "qty " + quantity.error());
            ok = false;
        } else if (auto problem = position.symbol == OpeningPosition::kCash
                                      ? limits::amountProblem(Money::product(*quantity, Price::fromInteger(1)))
                                      : limits::positionProblem(*quantity)) {
            problems.add(row.line, "qty " + *problem);
            ok = false;
        }
        if (const auto text = table.field(row, "price"); !text.empty() && position.symbol != OpeningPosition::kCash) {
            position.price = positiveDecimal<Price>(text, "price", row.line, problems, limits::priceProblem);
            ok = ok && position.price.has_value();
        }
        if (!ok) continue;
        position.quantity = *quantity;
        positions.push_back(std::move(position));
    }
    if (!problems.empty()) return problems.error();
    return positions;
}

Result<FxRates> parseFxRates(const CsvTable& table) {
    // `rate_to_usd` says what the rate is; `rate` is the name the first files used.
    const char* rateColumn = table.column("rate_to_usd") ? "rate_to_usd" : "rate";
    if (auto columns = table.requireColumns({"currency", rateColumn}); !columns)
        return Error{table.column("currency") ? "missing column: rate_to_usd" : columns.error()};
    FxRates rates;
    std::set<std::string> currencies;
    Problems problems;
    for (const auto& row : table.rows()) {
        const auto currency = table.field(row, "currency");
        bool ok = required(currency, "currency", row.line, problems) && isoCode(currency, 3, "currency", row.line, problems) &&
                  unique(currencies, currency, "currency", row.line, problems);
        const auto rate = positiveDecimal<Price>(table.field(row, rateColumn), rateColumn, row.line, problems);
        if (ok && rate && currency == FxRates::kReportingCurrency && *rate != Price::fromInteger(1)) {
            problems.add(row.line, std::string("the rate of ") + FxRates::kReportingCurrency +
                                       ", the reporting currency, is 1, got " + rate->toString());
            ok = false;
        }
        if (ok && rate) rates.set(currency, *rate);
    }
    if (!problems.empty()) return problems.error();
    return rates;
}

Result<ModelPortfolio> parseModel(const CsvTable& table) {
    if (auto columns = table.requireColumns({"symbol", "target_weight"}); !columns) return Error{columns.error()};
    // Saved, an empty model would replace the one of its name with nothing, and a rebalance would sell the fund.
    if (table.rows().empty()) return Error{"the file has a header and no rows: a model needs at least one symbol"};
    ModelPortfolio model;
    std::set<std::string> symbols;
    Problems problems;
    Money total;
    for (const auto& row : table.rows()) {
        const auto symbol = table.field(row, "symbol");
        bool ok = required(symbol, "symbol", row.line, problems) && unique(symbols, symbol, "symbol", row.line, problems);
        const auto weight = Money::parse(table.field(row, "target_weight"));
        if (!weight) {
            problems.add(row.line, "target_weight " + weight.error());
            ok = false;
        } else if (weight->isNegative() || *weight > Money::fromInteger(1)) {
            problems.add(row.line, "target_weight must lie between 0 and 1 (a fraction of NAV), got " + weight->toString());
            ok = false;
        }
        if (!ok) continue;
        total += *weight;
        model.weights.emplace_back(symbol, *weight);
    }
    if (total > Money::fromInteger(1)) problems.add(0, "the target weights add up to " + total.toString() + ", more than 1");
    if (!problems.empty()) return problems.error();
    return model;
}

Result<std::vector<User>> parseUsers(const CsvTable& table) {
    if (auto columns = table.requireColumns({"name", "full_name", "role", "password_hash"}); !columns)
        return Error{columns.error()};
    std::vector<User> users;
    std::set<std::string> names;
    Problems problems;
    for (const auto& row : table.rows()) {
        User user{table.field(row, "name"), table.field(row, "full_name"), Role::Trader, table.field(row, "password_hash"), true};
        bool ok = required(user.name, "name", row.line, problems) && unique(names, user.name, "user", row.line, problems);
        ok = required(user.passwordHash, "password_hash", row.line, problems) && ok;
        const auto role = enumFromName<Role>(table.field(row, "role"));
        if (!role) {
            problems.add(row.line, "role " + inQuotes(table.field(row, "role")) +
                                       " is not Trader, PortfolioManager, ComplianceOfficer or Administrator");
            ok = false;
        }
        if (!ok) continue;
        user.role = *role;
        users.push_back(std::move(user));
    }
    if (!problems.empty()) return problems.error();
    return users;
}

const char* nameOf(ReferenceKind kind) {
    switch (kind) {
        case ReferenceKind::Instruments: return "instruments";
        case ReferenceKind::Funds: return "funds";
        case ReferenceKind::Accounts: return "accounts";
        case ReferenceKind::FxRates: return "fx rates";
    }
    return "?";
}

Result<ReferenceFile> parseReferenceFile(ReferenceKind kind, const CsvTable& table) {
    ReferenceFile file;
    // A table that parses keeps every row, in order: item i came from row i.
    auto keep = [&](auto parsed, auto& into, auto key) -> Status {
        if (!parsed) return Error{parsed.error()};
        into = std::move(*parsed);
        for (std::size_t i = 0; i < into.size(); ++i) file.lines.emplace(into[i].*key, table.rows()[i].line);
        return {};
    };
    Status read;
    switch (kind) {
        case ReferenceKind::Instruments: read = keep(parseInstruments(table), file.items.instruments, &Instrument::symbol); break;
        case ReferenceKind::Funds: read = keep(parseFunds(table), file.items.funds, &Fund::code); break;
        case ReferenceKind::Accounts: read = keep(parseAccounts(table), file.items.accounts, &Account::code); break;
        case ReferenceKind::FxRates: {
            auto rates = parseFxRates(table);
            if (!rates) return Error{rates.error()};
            file.items.fxRates = std::move(*rates);
            for (const auto& row : table.rows()) file.lines.emplace(table.field(row, "currency"), row.line);
            break;
        }
    }
    if (!read) return Error{read.error()};
    if (table.rows().empty()) return Error{std::string("the file has a header and no rows: no ") + nameOf(kind) + " to import"};
    return file;
}

}  // namespace ob

#include "referencecsv.h"

#include "domain/limits.h"
#include "domain/quoting.h"

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

bool unique(std::set<std::string>& seen, const std::string& key, const char* what, int line, Problems& problems) {
    if (seen.insert(key).second) return true;
    problems.add(line, std::string("duplicate ") + what + " " + inQuotes(key));
    return false;
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
                  unique(symbols, instrument.symbol, "symbol", row.line, problems);
        ok = required(instrument.currency, "currency", row.line, problems) && ok;
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
        bool ok = required(fund.code, "code", row.line, problems) && unique(codes, fund.code, "fund code", row.line, problems);
        ok = required(fund.baseCurrency, "base_currency", row.line, problems) && ok;
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
        bool ok =
            required(account.code, "code", row.line, problems) && unique(codes, account.code, "account code", row.line, problems);
        ok = required(account.fundCode, "fund", row.line, problems) && ok;
        if (ok) accounts.push_back(std::move(account));
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
    if (auto columns = table.requireColumns({"currency", "rate"}); !columns) return Error{columns.error()};
    FxRates rates;
    std::set<std::string> currencies;
    Problems problems;
    for (const auto& row : table.rows()) {
        const auto currency = table.field(row, "currency");
        bool ok =
            required(currency, "currency", row.line, problems) && unique(currencies, currency, "currency", row.line, problems);
        const auto rate = positiveDecimal<Price>(table.field(row, "rate"), "rate", row.line, problems);
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

}  // namespace ob

#include "basket.h"

#include "domain/limits.h"
#include "domain/quoting.h"

#include "portfolio/blockallocation.h"

#include <map>

namespace ob {

namespace {

std::string upper(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

/// "GROWTH-PB=600;INCOME-PB=400" or "GROWTH-PB=60%;INCOME-PB=40%" for an order of `total`.
Result<std::vector<Allocation>> parseAllocations(std::string_view text, Qty total, const std::map<std::string, bool>& accounts) {
    std::vector<std::pair<std::string, std::string>> parts;
    while (!text.empty()) {
        const auto end = text.find(';');
        const auto part = text.substr(0, end);
        const auto equals = part.find('=');
        if (equals == std::string_view::npos || equals == 0 || equals + 1 == part.size())
            return Error{inQuotes(part) + " is not ACCOUNT=QTY or ACCOUNT=PERCENT%"};
        const std::string account(part.substr(0, equals));
        const auto known = accounts.find(account);
        if (known == accounts.end()) return Error{"unknown account " + inQuotes(account)};
        if (!known->second) return Error{"account " + inQuotes(account) + " is inactive: it takes no new order"};
        parts.emplace_back(account, std::string(part.substr(equals + 1)));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    const bool byWeight = !parts.empty() && parts.front().second.back() == '%';
    std::vector<Allocation> allocations;
    std::vector<std::pair<std::string, Money>> weights;
    Money percent;
    for (const auto& [account, amount] : parts) {
        if ((amount.back() == '%') != byWeight) return Error{"give every allocation as a quantity or every one as a percentage"};
        if (byWeight) {
            auto weight = Money::parse(std::string_view(amount).substr(0, amount.size() - 1));
            if (!weight || !weight->isPositive())
                return Error{"the share of " + account + " is not a positive percentage: " + clipped(amount)};
            percent += *weight;
            weights.emplace_back(account, Money::fromRaw(weight->raw() / 100));
        } else {
            auto quantity = Qty::parse(amount);
            if (!quantity || !quantity->isPositive())
                return Error{"the quantity of " + account + " is not positive: " + clipped(amount)};
            allocations.push_back({account, *quantity});
        }
    }
    if (!byWeight) return allocations;
    if (percent != Money::fromInteger(100)) return Error{"the percentages add up to " + percent.toString() + ", not 100"};
    return allocateByWeight(weights, total);
}

}  // namespace

Result<std::vector<NewOrderRequest>> parseBasket(const CsvTable& table, const ReferenceData& reference,
                                                 const BrokerResolver& resolveBroker) {
    if (auto columns = table.requireColumns({"account", "symbol", "side", "qty", "type", "limit_price", "tif"}); !columns)
        return Error{columns.error()};
    std::map<std::string, const Instrument*> instruments;
    for (const auto& instrument : reference.instruments) instruments.emplace(instrument.symbol, &instrument);
    std::map<std::string, bool> accounts;  ///< whether each is active
    for (const auto& account : reference.accounts) accounts.emplace(account.code, account.active);

    std::vector<NewOrderRequest> orders;
    std::string problems;
    auto problem = [&](int line, const std::string& text) {
        if (!problems.empty()) problems += '\n';
        problems += "line " + std::to_string(line) + ": " + text;
    };
    if (table.rows().empty()) return Error{"the basket has no orders"};

    for (const auto& row : table.rows()) {
        const auto before = problems.size();
        NewOrderRequest order;
        order.account = table.field(row, "account");
        order.symbol = table.field(row, "symbol");
        const auto allocations = table.field(row, "allocations");
        if (!allocations.empty() && order.account.empty()) order.account = allocations.substr(0, allocations.find('='));
        if (order.account.empty())
            problem(row.line, "account is empty");
        else if (!accounts.contains(order.account))
            problem(row.line, "unknown account " + inQuotes(order.account));
        else if (!accounts.at(order.account))
            problem(row.line, "account " + inQuotes(order.account) + " is inactive: it takes no new order");
        const Instrument* instrument = nullptr;
        if (auto it = instruments.find(order.symbol); it == instruments.end())
            problem(row.line, order.symbol.empty() ? "symbol is empty" : "unknown symbol " + inQuotes(order.symbol));
        else if (!it->second->active)
            problem(row.line, "instrument " + inQuotes(order.symbol) + " is inactive: it takes no new order");
        else
            instrument = it->second;

        const auto sideText = upper(table.field(row, "side"));
        if (auto side = enumFromName<Side>(sideText); side && sideText == std::string(aliasOf(*side)))
            order.side = *side;
        else
            problem(row.line, "side " + inQuotes(table.field(row, "side")) + " is not BUY, SELL or SHORT");

        const auto typeText = upper(table.field(row, "type"));
        const auto type = enumFromName<OrdType>(typeText);
        const bool typeKnown = type && typeText == std::string(aliasOf(*type));
        if (typeKnown)
            order.terms.type = *type;
        else
            problem(row.line, "type " + inQuotes(table.field(row, "type")) + " is not MKT, LMT, STP or STPLMT");

        const auto tifText = upper(table.field(row, "tif"));
        auto tif = enumFromName<TimeInForce>(tifText);
        if (tif && tifText == std::string(aliasOf(*tif)) && *tif != TimeInForce::GoodTillDate)
            order.terms.timeInForce = *tif;
        else
            problem(row.line, "tif " + inQuotes(table.field(row, "tif")) + " is not DAY, GTC, IOC or FOK");

        if (auto qty = Qty::parse(table.field(row, "qty")); !qty) {
            problem(row.line, "qty " + qty.error());
        } else if (!qty->isPositive()) {
            problem(row.line, "qty must be positive, got " + qty->toString());
        } else if (auto beyond = limits::quantityProblem(*qty)) {
            problem(row.line, "qty " + *beyond);
        } else {
            order.terms.quantity = *qty;
            if (instrument && !qty->isMultipleOf(instrument->lotSize))
                problem(row.line, "qty " + qty->toString() + " is not a multiple of " + order.symbol + "'s lot of " +
                                      instrument->lotSize.toString());
        }

        auto price = [&](const char* column, bool needed, std::optional<Price>& target) {
            const auto text = table.field(row, column);
            if (!needed) {
                if (!text.empty()) problem(row.line, std::string(column) + " must be empty for a " + typeText + " order");
                return;
            }
            if (text.empty()) return problem(row.line, std::string(column) + " is needed for a " + typeText + " order");
            auto parsed = Price::parse(text);
            if (!parsed) return problem(row.line, std::string(column) + " " + parsed.error());
            if (!parsed->isPositive())
                return problem(row.line, std::string(column) + " must be positive, got " + parsed->toString());
            if (auto beyond = limits::priceProblem(*parsed)) return problem(row.line, std::string(column) + " " + *beyond);
            if (instrument && !parsed->isMultipleOf(instrument->tickSize))
                return problem(row.line, std::string(column) + " " + parsed->toString() + " is not on " + order.symbol +
                                             "'s tick of " + instrument->tickSize.toString());
            target = *parsed;
        };
        if (typeKnown) {
            const OrdType t = order.terms.type;
            price("limit_price", needsLimitPrice(t), order.terms.limitPrice);
            price("stop_price", needsStopPrice(t), order.terms.stopPrice);
        }

        if (!allocations.empty() && order.terms.quantity.isPositive()) {
            auto parsed = parseAllocations(allocations, order.terms.quantity, accounts);
            if (!parsed)
                problem(row.line, "allocations: " + parsed.error());
            else if (auto valid = validateAllocations(order.account, order.terms.quantity, *parsed); !valid)
                problem(row.line, "allocations: " + valid.error());
            else if (order.terms.timeInForce == TimeInForce::GoodTillCancel)
                // The engine refuses it; caught here, no row of the basket is sent.
                problem(row.line,
                        "allocations: a block order lasts the day (DAY, IOC or FOK): its fills are allocated to the funds "
                        "within the day");
            else
                order.allocations = std::move(*parsed);
        }

        const auto broker = table.field(row, "broker");
        if (auto session = resolveBroker(broker))
            order.session = *session;
        else
            problem(row.line, broker.empty() ? "no FIX session to send to" : "unknown broker " + inQuotes(broker));

        if (problems.size() == before) orders.push_back(std::move(order));
    }
    if (!problems.empty()) return Error{problems};
    return orders;
}

}  // namespace ob

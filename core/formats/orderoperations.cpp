#include "formats/orderoperations.h"

#include "domain/limits.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

namespace ob {

namespace {

/// At most the first 80 characters of a value, for a message: a file can hold anything in a field.
std::string quoted(std::string_view value) {
    constexpr std::size_t kShown = 80;
    return "'" + std::string(value.substr(0, kShown)) + (value.size() > kShown ? "…'" : "'");
}

std::optional<OrderId> parseOrderId(std::string_view text) {
    OrderId id = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, id);
    if (error != std::errc{} || stop != end || id <= 0) return std::nullopt;
    return id;
}

std::optional<TimeInForce> parseTimeInForce(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    for (const auto& entry : EnumTable<TimeInForce>::entries)
        if (entry.alias == text && entry.value != TimeInForce::GoodTillDate) return entry.value;
    return std::nullopt;
}

/// A positive price within the limits; the error names the column.
Result<Price> parsePrice(const char* column, const std::string& text) {
    auto price = Price::parse(text);
    if (!price) return Error{std::string(column) + " " + quoted(text) + ": " + price.error()};
    if (!price->isPositive()) return Error{std::string(column) + " must be positive, got " + quoted(text)};
    if (auto beyond = limits::priceProblem(*price)) return Error{std::string(column) + " " + *beyond};
    return *price;
}

/// Reads the amend columns of a row into `change`, naming each bad field through `problem`.
template <typename Problem>
void readChange(const CsvTable& table, const CsvTable::Row& row, TermsChange& change, Problem&& problem) {
    if (const auto text = table.field(row, "qty"); !text.empty()) {
        if (auto qty = Qty::parse(text); !qty)
            problem("qty " + quoted(text) + ": " + qty.error());
        else if (!qty->isPositive())
            problem("qty must be positive, got " + quoted(text));
        else if (auto beyond = limits::quantityProblem(*qty))
            problem("qty " + *beyond);
        else
            change.quantity = *qty;
    }
    for (const auto& [column, target] :
         {std::pair{"limit_price", &change.limitPrice}, std::pair{"stop_price", &change.stopPrice}})
        if (const auto text = table.field(row, column); !text.empty()) {
            if (auto price = parsePrice(column, text); !price)
                problem(price.error());
            else
                *target = *price;
        }
    if (const auto text = table.field(row, "tif"); !text.empty()) {
        if (auto tif = parseTimeInForce(text))
            change.timeInForce = *tif;
        else
            problem("tif " + quoted(text) + " is not DAY, GTC, IOC or FOK");
    }
}

}  // namespace

std::string OrderSelector::describe() const {
    std::string text;
    if (orderId) text = "order_id " + std::to_string(*orderId);
    if (!clOrdId.empty()) text += (text.empty() ? "" : ", ") + std::string("cl_ord_id ") + clOrdId;
    return text;
}

Result<std::vector<OrderOperation>> parseOrderOperations(const CsvTable& table, OrderOperationKind kind) {
    if (!table.column("cl_ord_id") && !table.column("order_id"))
        return Error{"the file needs a cl_ord_id or an order_id column to name each order"};
    if (table.rows().empty()) return Error{"the file names no orders"};

    std::vector<OrderOperation> operations;
    std::string problems;
    std::map<std::string, int> named;  ///< each order_id and cl_ord_id given, and its line
    for (const auto& row : table.rows()) {
        const auto before = problems.size();
        auto problem = [&](const std::string& text) {
            if (!problems.empty()) problems += '\n';
            problems += "line " + std::to_string(row.line) + ": " + text;
        };
        OrderOperation operation{row.line, {}, {}};
        const auto idText = table.field(row, "order_id");
        operation.order.clOrdId = table.field(row, "cl_ord_id");
        if (!idText.empty()) {
            if (auto id = parseOrderId(idText))
                operation.order.orderId = *id;
            else
                problem("order_id " + quoted(idText) + " is not an order number of the desk (a whole number from 1)");
        }
        if (idText.empty() && operation.order.clOrdId.empty()) problem("give the order's cl_ord_id or order_id");
        for (const auto& key : {idText.empty() ? std::string() : "order_id " + idText,
                                operation.order.clOrdId.empty() ? std::string() : "cl_ord_id " + operation.order.clOrdId}) {
            if (key.empty()) continue;
            if (const auto [earlier, fresh] = named.emplace(key, row.line); !fresh)
                problem(key.substr(0, 80) + " is named on line " + std::to_string(earlier->second) +
                        " too: one request per order");
        }
        if (kind == OrderOperationKind::Amend) {
            readChange(table, row, operation.change, problem);
            if (problems.size() == before && operation.change.isEmpty())
                problem("nothing to amend: give qty, limit_price, stop_price or tif");
        }
        if (problems.size() == before) operations.push_back(std::move(operation));
    }
    if (!problems.empty()) return Error{problems};
    return operations;
}

Result<OrderTerms> amendedTerms(const OrderTerms& current, const TermsChange& change, const Instrument* instrument) {
    OrderTerms terms = current;
    const std::string type(nameOf(terms.type));
    if (change.quantity) terms.quantity = *change.quantity;
    if (change.limitPrice) {
        if (!needsLimitPrice(terms.type)) return Error{"a " + type + " order takes no limit price"};
        terms.limitPrice = change.limitPrice;
    }
    if (change.stopPrice) {
        if (!needsStopPrice(terms.type)) return Error{"a " + type + " order takes no stop price"};
        terms.stopPrice = change.stopPrice;
    }
    if (change.timeInForce) {
        terms.timeInForce = *change.timeInForce;
        terms.expireTime.reset();  // the file takes no expiry: GTD is not among its choices
    }
    if (instrument) {
        if (change.quantity && !change.quantity->isMultipleOf(instrument->lotSize))
            return Error{"qty " + change.quantity->toString() + " is not a multiple of " + instrument->symbol + "'s lot of " +
                         instrument->lotSize.toString()};
        for (const auto& [name, price] : {std::pair{"limit_price", change.limitPrice}, std::pair{"stop_price", change.stopPrice}})
            if (price && !price->isMultipleOf(instrument->tickSize))
                return Error{std::string(name) + " " + price->toString() + " is not on " + instrument->symbol + "'s tick of " +
                             instrument->tickSize.toString()};
    }
    if (auto valid = validateTerms(terms); !valid) return Error{valid.error()};
    if (terms == current) return Error{"the order already has these terms"};
    return terms;
}

}  // namespace ob

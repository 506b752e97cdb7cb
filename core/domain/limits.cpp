#include "domain/limits.h"

namespace ob::limits {

namespace {

template <typename T>
std::optional<std::string> beyond(T value, T max, const char* unit) {
    if (value > max || -value > max) return value.toString() + " is beyond the limit of " + max.toString() + unit;
    return std::nullopt;
}

Status named(std::optional<std::string> problem, std::string_view what) {
    if (!problem) return {};
    return Error{std::string(what) + " " + *problem};
}

}  // namespace

Money maxAmount() { return Money::fromInteger(1'000'000'000'000'000'000); }

std::optional<std::string> quantityProblem(Qty quantity) {
    if (quantity.isNegative()) return quantity.toString() + " is negative";
    return beyond(quantity, kMaxQuantity, " units");
}

std::optional<std::string> positionProblem(Qty quantity) { return beyond(quantity, kMaxPosition, " units"); }

std::optional<std::string> priceProblem(Price price) {
    if (!price.isPositive()) return price.toString() + " is not a positive price";
    return beyond(price, kMaxPrice, "");
}

std::optional<std::string> amountProblem(Money amount) { return beyond(amount, maxAmount(), ""); }

Status checkQuantity(Qty quantity, std::string_view what) { return named(quantityProblem(quantity), what); }
Status checkPosition(Qty quantity, std::string_view what) { return named(positionProblem(quantity), what); }
Status checkPrice(Price price, std::string_view what) { return named(priceProblem(price), what); }
Status checkAmount(Money amount, std::string_view what) { return named(amountProblem(amount), what); }

}  // namespace ob::limits

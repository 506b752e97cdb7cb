#pragma once

#include "domain/decimal.h"
#include "domain/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace ob {

/// The largest values the desk takes anywhere: a ticket, a basket, a positions or instruments file, a FIX message.
/// They keep every figure the book derives far inside what Qty, Price and Money hold: a position of kMaxPosition
/// at kMaxPrice costs 10^18, and Money holds 10^22. docs/limits.md states them for users.
namespace limits {

/// An order's quantity, a fill's, an allocation's: one billion units.
inline constexpr Qty kMaxQuantity = Qty::fromRaw(1'000'000'000 * Qty::kOne);
/// A position in one instrument, of an account or a fund, opening or after fills: ten billion units either way.
inline constexpr Qty kMaxPosition = Qty::fromRaw(10'000'000'000 * Qty::kOne);
/// Any price: one hundred million in the instrument's currency. Prices are positive.
inline constexpr Price kMaxPrice = Price::fromRaw(100'000'000 * Price::kOne);
/// Any amount of money the desk keeps (cash, cost, P&L): 10^18 either way.
Money maxAmount();

/// What is wrong with a value, in words that follow its name ("2000000000 is beyond the limit of 1000000000
/// units"); nothing when it is within the limits.
std::optional<std::string> quantityProblem(Qty quantity);
std::optional<std::string> positionProblem(Qty quantity);
std::optional<std::string> priceProblem(Price price);
std::optional<std::string> amountProblem(Money amount);

/// The same, as a Status naming `what`: "fund GROWTH's opening ACME 92200000000 is beyond the limit of …".
Status checkQuantity(Qty quantity, std::string_view what);
Status checkPosition(Qty quantity, std::string_view what);
Status checkPrice(Price price, std::string_view what);
Status checkAmount(Money amount, std::string_view what);

}  // namespace limits
}  // namespace ob

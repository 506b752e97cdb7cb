#include "decimal.h"

#include "domain/quoting.h"

#include <stdexcept>

namespace ob::decimal_detail {

namespace {

constexpr int kMaxDigits = 38;

Wide absolute(Wide v) { return v < 0 ? -v : v; }

}  // namespace

Wide powerOfTen(int exponent) {
    if (exponent < 0 || exponent > kMaxDigits) throw std::out_of_range("power of ten out of range");
    Wide result = 1;
    for (int i = 0; i < exponent; ++i) result *= 10;
    return result;
}

Wide divideRounded(Wide num, Wide den, RoundingMode mode) {
    if (den == 0) throw std::domain_error("decimal division by zero");
    const Wide quotient = num / den;  // truncated toward zero
    const Wide remainder = num % den;
    if (remainder == 0) return quotient;

    const bool negative = (num < 0) != (den < 0);
    const Wide awayFromZero = negative ? quotient - 1 : quotient + 1;
    const Wide twiceRemainder = absolute(remainder) * 2;
    const Wide absDen = absolute(den);

    switch (mode) {
        case RoundingMode::TowardZero: return quotient;
        case RoundingMode::AwayFromZero: return awayFromZero;
        case RoundingMode::Floor: return negative ? awayFromZero : quotient;
        case RoundingMode::Ceiling: return negative ? quotient : awayFromZero;
        case RoundingMode::HalfUp: return twiceRemainder >= absDen ? awayFromZero : quotient;
        case RoundingMode::HalfEven:
            if (twiceRemainder > absDen) return awayFromZero;
            if (twiceRemainder < absDen) return quotient;
            return (quotient % 2 == 0) ? quotient : awayFromZero;
    }
    return quotient;
}

std::string format(Wide raw, int scale, int decimals, RoundingMode mode) {
    if (decimals >= 0 && decimals < scale) {
        raw = divideRounded(raw, powerOfTen(scale - decimals), mode);
        scale = decimals;
    }
    const bool negative = raw < 0;
    // Unsigned magnitude, so that the most negative value does not overflow.
    auto magnitude = negative ? static_cast<UnsignedWide>(-(raw + 1)) + 1 : static_cast<UnsignedWide>(raw);
    std::string digits;  // least significant first, at least one integer digit
    do {
        digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude != 0 || static_cast<int>(digits.size()) <= scale);

    std::string integerPart(digits.rbegin(), digits.rend() - scale);
    std::string fraction(digits.rend() - scale, digits.rend());
    if (decimals < 0) {
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    } else {
        fraction.resize(static_cast<std::size_t>(decimals), '0');
    }
    const bool isZero =
        integerPart.find_first_not_of('0') == std::string::npos && fraction.find_first_not_of('0') == std::string::npos;
    std::string text = (negative && !isZero) ? "-" : "";
    text += integerPart;
    if (!fraction.empty()) text += "." + fraction;
    return text;
}

Result<Wide> parse(std::string_view text, int scale, Wide maxAbsRaw) {
    const auto shown = [text] { return inQuotes(text); };  // only for an error: parsing is on the hot path
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        negative = text[pos] == '-';
        ++pos;
    }
    Wide value = 0;
    int integerDigits = 0;
    int fractionDigits = 0;
    bool seenPoint = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c == '.') {
            if (seenPoint) return Error{shown() + " is not a decimal number"};
            seenPoint = true;
            continue;
        }
        if (c < '0' || c > '9') return Error{shown() + " is not a decimal number"};
        const int digit = c - '0';
        if (seenPoint) {
            if (fractionDigits == scale) {
                if (digit != 0) return Error{shown() + " has more than " + std::to_string(scale) + " decimal places"};
                continue;  // trailing zeros beyond the scale carry no value
            }
            ++fractionDigits;
        } else {
            ++integerDigits;
        }
        value = value * 10 + digit;
        if (value > maxAbsRaw || integerDigits > kMaxDigits) return Error{shown() + " is out of range"};
    }
    if (integerDigits == 0 && fractionDigits == 0) return Error{shown() + " is not a decimal number"};
    for (int i = fractionDigits; i < scale; ++i) {
        value *= 10;
        if (value > maxAbsRaw) return Error{shown() + " is out of range"};
    }
    return negative ? -value : value;
}

void throwOverflow(const char* operation) { throw std::overflow_error(std::string("decimal overflow in ") + operation); }

}  // namespace ob::decimal_detail

namespace ob {

Result<Money> Money::parse(std::string_view text) {
    // The largest magnitude whose products and sums stay well inside 128 bits.
    constexpr decimal_detail::Wide kMaxRaw = decimal_detail::Wide(1) << 120;
    auto raw = decimal_detail::parse(text, kScale, kMaxRaw);
    if (!raw) return Error{raw.error()};
    return Money(*raw);
}

Money Money::of(std::string_view text) {
    auto parsed = parse(text);
    if (!parsed) throw std::invalid_argument(parsed.error());
    return *parsed;
}

Price Money::dividedBy(Qty qty, RoundingMode mode) const {
    if (qty.isZero()) throw std::domain_error("money divided by zero quantity");
    // raw_ has 16 fractional digits and qty 8: the quotient has 8, a Price's scale.
    const auto quotient = decimal_detail::divideRounded(raw_, qty.raw(), mode);
    if (quotient > INT64_MAX || quotient < INT64_MIN) decimal_detail::throwOverflow("dividedBy");
    return Price::fromRaw(static_cast<std::int64_t>(quotient));
}

}  // namespace ob

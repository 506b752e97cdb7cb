#pragma once

#include "result.h"

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ob {

/// How a value that falls between two representable values is rounded.
enum class RoundingMode {
    HalfEven,      ///< to the nearest, ties to the even neighbour (banker's rounding)
    HalfUp,        ///< to the nearest, ties away from zero
    TowardZero,    ///< truncate
    AwayFromZero,  ///< any remainder rounds away from zero
    Floor,         ///< toward negative infinity
    Ceiling,       ///< toward positive infinity
};

namespace decimal_detail {

__extension__ typedef __int128 Wide;  // a GCC/Clang extension: exact 128-bit products
__extension__ typedef unsigned __int128 UnsignedWide;

/// num / den rounded by mode; den must not be zero.
Wide divideRounded(Wide num, Wide den, RoundingMode mode);
/// 10^exponent for 0 <= exponent <= 38.
Wide powerOfTen(int exponent);
/// Text of raw / 10^scale; decimals < 0 prints the shortest exact form.
std::string format(Wide raw, int scale, int decimals, RoundingMode mode);
/// Parses plain decimal text ("-12.5", "3", ".25"; no exponent, no spaces)
/// into raw units of 10^-scale, refusing digits the scale cannot hold.
Result<Wide> parse(std::string_view text, int scale, Wide maxAbsRaw);
[[noreturn]] void throwOverflow(const char* operation);

}  // namespace decimal_detail

/// An exact signed decimal with 8 fractional digits held in 64 bits
/// (range about ±92 billion). The tag keeps quantities and prices apart at
/// compile time; their product is Money.
template <typename Tag>
class FixedDecimal {
public:
    static constexpr int kScale = 8;
    static constexpr std::int64_t kOne = 100'000'000;

    constexpr FixedDecimal() = default;

    static constexpr FixedDecimal fromRaw(std::int64_t raw) { return FixedDecimal(raw); }
    static FixedDecimal fromInteger(std::int64_t whole) {
        std::int64_t raw = 0;
        if (__builtin_mul_overflow(whole, kOne, &raw)) decimal_detail::throwOverflow("fromInteger");
        return FixedDecimal(raw);
    }
    /// Parses text such as "100", "-0.25" or "99.12345678"; more than 8
    /// significant fractional digits is an error, not a silent rounding.
    static Result<FixedDecimal> parse(std::string_view text) {
        auto raw = decimal_detail::parse(text, kScale, INT64_MAX);
        if (!raw) return Error{raw.error()};
        return FixedDecimal(static_cast<std::int64_t>(*raw));
    }
    /// For literals in code and tests; throws std::invalid_argument on bad text.
    static FixedDecimal of(std::string_view text);

    constexpr std::int64_t raw() const { return raw_; }
    constexpr bool isZero() const { return raw_ == 0; }
    constexpr bool isPositive() const { return raw_ > 0; }
    constexpr bool isNegative() const { return raw_ < 0; }
    FixedDecimal abs() const { return raw_ < 0 ? -*this : *this; }

    /// Shortest exact text, never with an exponent: "1500", "101.25".
    std::string toString() const { return decimal_detail::format(raw_, kScale, -1, RoundingMode::HalfEven); }
    /// Text with exactly `decimals` fractional digits, rounded by mode.
    std::string toString(int decimals, RoundingMode mode = RoundingMode::HalfEven) const {
        return decimal_detail::format(raw_, kScale, decimals, mode);
    }

    /// The value rounded to `decimals` fractional digits (0..8).
    FixedDecimal rounded(int decimals, RoundingMode mode = RoundingMode::HalfEven) const {
        const auto unit = decimal_detail::powerOfTen(kScale - decimals);
        return FixedDecimal(static_cast<std::int64_t>(decimal_detail::divideRounded(raw_, unit, mode) * unit));
    }
    /// The nearest multiple of step (a lot size or tick size) by mode.
    FixedDecimal roundedToMultiple(FixedDecimal step, RoundingMode mode) const {
        return FixedDecimal(static_cast<std::int64_t>(decimal_detail::divideRounded(raw_, step.raw_, mode) * step.raw_));
    }
    bool isMultipleOf(FixedDecimal step) const { return step.raw_ != 0 && raw_ % step.raw_ == 0; }

    /// Only for display scales and charts; never for arithmetic that is kept.
    double toDouble() const { return static_cast<double>(raw_) / static_cast<double>(kOne); }

    friend constexpr auto operator<=>(FixedDecimal, FixedDecimal) = default;

    FixedDecimal operator-() const {
        if (raw_ == INT64_MIN) decimal_detail::throwOverflow("negate");
        return FixedDecimal(-raw_);
    }
    FixedDecimal& operator+=(FixedDecimal other) {
        if (__builtin_add_overflow(raw_, other.raw_, &raw_)) decimal_detail::throwOverflow("add");
        return *this;
    }
    FixedDecimal& operator-=(FixedDecimal other) {
        if (__builtin_sub_overflow(raw_, other.raw_, &raw_)) decimal_detail::throwOverflow("subtract");
        return *this;
    }
    friend FixedDecimal operator+(FixedDecimal a, FixedDecimal b) { return a += b; }
    friend FixedDecimal operator-(FixedDecimal a, FixedDecimal b) { return a -= b; }
    friend FixedDecimal operator*(FixedDecimal a, std::int64_t factor) {
        std::int64_t raw = 0;
        if (__builtin_mul_overflow(a.raw_, factor, &raw)) decimal_detail::throwOverflow("multiply");
        return FixedDecimal(raw);
    }

private:
    constexpr explicit FixedDecimal(std::int64_t raw) : raw_(raw) {}
    std::int64_t raw_ = 0;
};

template <typename Tag>
FixedDecimal<Tag> FixedDecimal<Tag>::of(std::string_view text) {
    auto parsed = parse(text);
    if (!parsed) throw std::invalid_argument(parsed.error());
    return *parsed;
}

struct QtyTag {};
struct PriceTag {};
/// A number of shares, contracts or units.
using Qty = FixedDecimal<QtyTag>;
/// A price per unit in the instrument's currency.
using Price = FixedDecimal<PriceTag>;

/// An exact amount of currency held in 128 bits with 16 fractional digits,
/// so that the product of any Qty and Price is held without rounding and
/// sums of them stay exact (range about ±1.7e22).
class Money {
public:
    static constexpr int kScale = 16;

    constexpr Money() = default;
    static constexpr Money fromRaw(decimal_detail::Wide raw) { return Money(raw); }
    static Money fromInteger(std::int64_t whole) {
        return Money(decimal_detail::Wide(whole) * decimal_detail::powerOfTen(kScale));
    }
    static Result<Money> parse(std::string_view text);
    static Money of(std::string_view text);
    /// The exact product qty × price.
    static Money product(Qty qty, Price price) {
        return Money(decimal_detail::Wide(qty.raw()) * decimal_detail::Wide(price.raw()));
    }

    constexpr decimal_detail::Wide raw() const { return raw_; }
    constexpr bool isZero() const { return raw_ == 0; }
    constexpr bool isPositive() const { return raw_ > 0; }
    constexpr bool isNegative() const { return raw_ < 0; }

    std::string toString() const { return decimal_detail::format(raw_, kScale, -1, RoundingMode::HalfEven); }
    std::string toString(int decimals, RoundingMode mode = RoundingMode::HalfEven) const {
        return decimal_detail::format(raw_, kScale, decimals, mode);
    }
    /// This amount divided by a quantity, as a price rounded by mode:
    /// the average price of fills is notional.dividedBy(cumQty).
    Price dividedBy(Qty qty, RoundingMode mode = RoundingMode::HalfEven) const;
    double toDouble() const { return static_cast<double>(raw_) / 1e16; }

    friend constexpr auto operator<=>(Money, Money) = default;
    Money operator-() const { return Money(-raw_); }
    Money& operator+=(Money other) {
        raw_ += other.raw_;
        return *this;
    }
    Money& operator-=(Money other) {
        raw_ -= other.raw_;
        return *this;
    }
    friend Money operator+(Money a, Money b) { return a += b; }
    friend Money operator-(Money a, Money b) { return a -= b; }

private:
    constexpr explicit Money(decimal_detail::Wide raw) : raw_(raw) {}
    decimal_detail::Wide raw_ = 0;
};

inline Money operator*(Qty qty, Price price) { return Money::product(qty, price); }
inline Money operator*(Price price, Qty qty) { return Money::product(qty, price); }

}  // namespace ob

#include "securityids.h"

#include <cctype>

namespace ob {

namespace {

bool isUpperAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// A character's value in the CUSIP and SEDOL schemes: digits as themselves, A = 10 … Z = 35.
int valueOf(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

std::string expected(std::string_view what, std::size_t length) {
    return "must have " + std::to_string(length) + " characters (" + std::string(what) + ")";
}

}  // namespace

std::optional<std::string> isinProblem(std::string_view isin) {
    if (isin.size() != 12) return expected("ISO 6166", 12);
    for (std::size_t i = 0; i < 2; ++i)
        if (isin[i] < 'A' || isin[i] > 'Z') return "must start with a country code of 2 upper-case letters";
    for (char c : isin)
        if (!isUpperAlnum(c)) return "may hold only upper-case letters and digits";
    if (!std::isdigit(static_cast<unsigned char>(isin[11]))) return "must end with a check digit";
    // Letters become two digits (A = 10), then the Luhn algorithm runs over the digits, the check digit last.
    std::string digits;
    for (char c : isin) digits += std::to_string(valueOf(c));
    int sum = 0;
    bool doubled = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        int digit = *it - '0';
        if (doubled && (digit *= 2) > 9) digit -= 9;
        sum += digit;
        doubled = !doubled;
    }
    if (sum % 10 != 0) return "has a wrong check digit";
    return std::nullopt;
}

std::optional<std::string> cusipProblem(std::string_view cusip) {
    if (cusip.size() != 9) return expected("CUSIP", 9);
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const char c = cusip[i];
        int value = 0;
        if (isUpperAlnum(c))
            value = valueOf(c);
        else if (c == '*')
            value = 36;
        else if (c == '@')
            value = 37;
        else if (c == '#')
            value = 38;
        else
            return "may hold only upper-case letters, digits, *, @ and #";
        if (i % 2 == 1) value *= 2;
        sum += value / 10 + value % 10;
    }
    if (!std::isdigit(static_cast<unsigned char>(cusip[8]))) return "must end with a check digit";
    if ((10 - sum % 10) % 10 != cusip[8] - '0') return "has a wrong check digit";
    return std::nullopt;
}

std::optional<std::string> sedolProblem(std::string_view sedol) {
    if (sedol.size() != 7) return expected("SEDOL", 7);
    static constexpr int kWeights[] = {1, 3, 1, 7, 3, 9};
    int sum = 0;
    for (std::size_t i = 0; i < 6; ++i) {
        const char c = sedol[i];
        if (!isUpperAlnum(c)) return "may hold only upper-case letters and digits";
        if (c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U') return "may not hold a vowel";
        sum += valueOf(c) * kWeights[i];
    }
    if (!std::isdigit(static_cast<unsigned char>(sedol[6]))) return "must end with a check digit";
    if ((10 - sum % 10) % 10 != sedol[6] - '0') return "has a wrong check digit";
    return std::nullopt;
}

std::optional<std::string> micProblem(std::string_view mic) {
    if (mic.size() != 4) return expected("ISO 10383", 4);
    for (char c : mic)
        if (!isUpperAlnum(c)) return "may hold only upper-case letters and digits";
    return std::nullopt;
}

}  // namespace ob

#include "auth/passwordpolicy.h"

#include "auth/passwords.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace ob {

namespace {

std::string lowered(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower;
}

}  // namespace

Status checkPasswordPolicy(std::string_view name, std::string_view password) {
    if (password.size() < kMinimumPasswordLength)
        return Error{"the password is too short: it needs at least " + std::to_string(kMinimumPasswordLength) + " characters"};
    if (!name.empty() && lowered(password).find(lowered(name)) != std::string::npos)
        return Error{"the password contains the user name"};
    if (std::find(kPublishedDemoPasswords.begin(), kPublishedDemoPasswords.end(), password) != kPublishedDemoPasswords.end())
        return Error{"the password is a published demo password"};
    return {};
}

Result<std::string> hashNewPassword(std::string_view name, std::string_view password) {
    if (auto allowed = checkPasswordPolicy(name, password); !allowed) return Error{allowed.error()};
    return PasswordHasher{}.hash(password);
}

Result<std::string> oneTimePassword(std::string_view name) {
    // No 0/O or 1/l/I: the administrator reads it out or writes it down.
    constexpr std::string_view alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string password;
        while (password.size() < 16) {
            unsigned char byte = 0;
            if (RAND_bytes(&byte, 1) != 1) return Error{"no random bytes for a one-time password"};
            // Only bytes below a multiple of the alphabet's size: every character equally likely.
            if (std::size_t(byte) < 256 - 256 % alphabet.size()) password += alphabet[byte % alphabet.size()];
        }
        if (checkPasswordPolicy(name, password)) return password;
    }
    return Error{"no one-time password passes the policy for the user " + std::string(name)};
}

}  // namespace ob

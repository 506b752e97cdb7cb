#pragma once

#include "domain/result.h"

#include <string>
#include <string_view>

namespace ob {

/// Password hashing with scrypt (RFC 7914), a memory-hard key derivation
/// function, through OpenSSL. The stored form carries its own parameters and
/// salt, "scrypt$N$r$p$SALT$HASH" (base64), so the cost can be raised later
/// without invalidating stored passwords.
struct PasswordHasher {
    /// 2^15 × 8 × 128 bytes = 32 MiB per hash, about 0.1 s on a desktop.
    std::uint64_t costN = 1u << 15;
    std::uint64_t blockSize = 8;
    std::uint64_t parallelism = 1;

    Result<std::string> hash(std::string_view password) const;
    /// Whether the password matches; compares in constant time.
    static bool verify(std::string_view password, std::string_view stored);
};

}  // namespace ob

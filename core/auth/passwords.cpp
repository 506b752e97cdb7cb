#include "passwords.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace ob {

namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string base64(const std::vector<unsigned char>& bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3), '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes.data(), static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(written));
    return text;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::vector<unsigned char> bytes(3 * text.size() / 4);
    const int written =
        EVP_DecodeBlock(bytes.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (written < 0) return std::nullopt;
    const auto padding = static_cast<std::size_t>(std::count(text.end() - 2, text.end(), '='));
    bytes.resize(static_cast<std::size_t>(written) - padding);
    return bytes;
}

bool derive(std::string_view password, const std::vector<unsigned char>& salt, std::uint64_t n, std::uint64_t r, std::uint64_t p,
            std::vector<unsigned char>& out) {
    // scrypt needs 128·N·r bytes; allow that plus headroom.
    const std::uint64_t memory = 128 * n * r + (1u << 20);
    return EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, r, p, memory, out.data(), out.size()) ==
           1;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return parts;
        text.remove_prefix(at + 1);
    }
}

std::optional<std::uint64_t> number(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0) return std::nullopt;
    return value;
}

}  // namespace

Result<std::string> PasswordHasher::hash(std::string_view password) const {
    if (password.empty()) return Error{"a password cannot be empty"};
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return Error{"no random bytes for a password salt"};
    std::vector<unsigned char> derived(kHashBytes);
    if (!derive(password, salt, costN, blockSize, parallelism, derived)) return Error{"scrypt refused its parameters"};
    return "scrypt$" + std::to_string(costN) + "$" + std::to_string(blockSize) + "$" + std::to_string(parallelism) + "$" +
           base64(salt) + "$" + base64(derived);
}

bool PasswordHasher::verify(std::string_view password, std::string_view stored) {
    const auto parts = split(stored, '$');
    if (parts.size() != 6 || parts[0] != "scrypt") return false;
    const auto n = number(parts[1]), r = number(parts[2]), p = number(parts[3]);
    const auto salt = unbase64(parts[4]);
    const auto expected = unbase64(parts[5]);
    // Exactly the length hash() writes: a shortened hash must not verify with fewer bits.
    if (!n || !r || !p || !salt || !expected || expected->size() != kHashBytes || *n > (1u << 20)) return false;
    std::vector<unsigned char> derived(expected->size());
    if (!derive(password, *salt, *n, *r, *p, derived)) return false;
    return CRYPTO_memcmp(derived.data(), expected->data(), derived.size()) == 0;
}

}  // namespace ob

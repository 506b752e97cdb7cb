#include "orders/clordidsource.h"

#include <algorithm>
#include <cstdio>

namespace ob {

namespace {

/// `value` in the digits of `alphabet`, at least `width` of them.
std::string digits(std::uint64_t value, std::string_view alphabet, std::size_t width) {
    std::string text;
    do {
        text.insert(text.begin(), alphabet[value % alphabet.size()]);
        value /= alphabet.size();
    } while (value != 0 || text.size() < width);
    return text;
}

// Crockford's base 32 leaves out I, L, O and U, which a person misreads.
constexpr std::string_view kBase32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kBase36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

}  // namespace

ClOrdIdSource::ClOrdIdSource(std::int64_t deskId, std::int64_t lastRun, Timestamp now) {
    // Milliseconds since 2020: eight base-36 digits until the next century.
    constexpr std::int64_t k2020 = 1'577'836'800'000;
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() - k2020;
    run_ = std::max<std::int64_t>(millis, lastRun + 1);
    prefix_ = digits(static_cast<std::uint64_t>(deskId) % (32 * 32 * 32 * 32), kBase32, 4) + "-" +
              digits(static_cast<std::uint64_t>(run_), kBase36, 8) + "-";
}

std::string ClOrdIdSource::next() {
    char counter[24];
    std::snprintf(counter, sizeof counter, "%06lld", static_cast<long long>(++counter_));
    return prefix_ + counter;
}

}  // namespace ob

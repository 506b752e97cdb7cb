#include "timestamp.h"

#include <cstdio>

namespace ob {

std::string toIsoString(Timestamp t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    long long nanos = hms.subseconds().count();
    int fractionDigits = 9;
    // Keep at least milliseconds; drop trailing zeros beyond them.
    while (fractionDigits > 3 && nanos % 10 == 0) {
        nanos /= 10;
        --fractionDigits;
    }
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02lld.%0*lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()), fractionDigits, nanos);
    return buffer;
}

std::optional<Timestamp> parseIsoTimestamp(std::string_view text) {
    using namespace std::chrono;
    int y = 0;
    unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
    int consumed = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) return std::nullopt;
    const year_month_day ymd{year{y}, month{mo}, day{d}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    std::size_t pos = static_cast<std::size_t>(consumed);
    long long nanos = 0;
    if (pos < copy.size() && copy[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < copy.size() && copy[pos] >= '0' && copy[pos] <= '9') {
            if (digits < 9) {
                nanos = nanos * 10 + (copy[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (; digits < 9; ++digits) nanos *= 10;
    }
    if (pos < copy.size() && copy[pos] == 'Z') ++pos;
    if (pos != copy.size()) return std::nullopt;
    return Timestamp(sys_days(ymd).time_since_epoch() + hours(h) + minutes(mi) + seconds(s) + nanoseconds(nanos));
}

std::string tradeDateOf(Timestamp t) {
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(t)};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buffer;
}

}  // namespace ob

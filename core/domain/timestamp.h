#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ob {

/// A point in time, UTC, with nanosecond resolution. Local time exists only in the UI.
using Timestamp = std::chrono::sys_time<std::chrono::nanoseconds>;

inline Timestamp nowUtc() { return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now()); }

inline std::int64_t toNanos(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp fromNanos(std::int64_t nanos) { return Timestamp(std::chrono::nanoseconds(nanos)); }

/// "2026-11-29T14:03:07.123456789Z" (ISO 8601, UTC, trailing zeros of the fraction trimmed to milliseconds).
std::string toIsoString(Timestamp t);
/// Parses ISO 8601 UTC text as written by toIsoString (fraction optional).
std::optional<Timestamp> parseIsoTimestamp(std::string_view text);
/// The UTC calendar day as "YYYYMMDD".
std::string tradeDateOf(Timestamp t);

}  // namespace ob

#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace ob::bench {

/// What every benchmark gets: the size of the run and a scratch directory.
struct BenchContext {
    bool quick = false;
    std::filesystem::path scratch;  ///< removed after the run
    std::filesystem::path cache;    ///< kept between runs, for data that is slow to build
};

/// One JSON object on one line: {"bench": "...", ...}.
class JsonLine {
public:
    explicit JsonLine(std::string_view bench);
    JsonLine& add(std::string_view key, double value);
    JsonLine& add(std::string_view key, std::int64_t value);
    JsonLine& add(std::string_view key, int value) { return add(key, std::int64_t(value)); }
    JsonLine& add(std::string_view key, std::uint64_t value) { return add(key, std::int64_t(value)); }
    JsonLine& add(std::string_view key, bool value);
    JsonLine& add(std::string_view key, std::string_view value);
    JsonLine& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    /// Prints the line to stdout and flushes it.
    void print();

private:
    std::string text_;
};

/// Prints {"bench": name, "skipped": reason}.
void printSkipped(std::string_view bench, std::string_view reason);

/// Resident set size of this process, in bytes.
std::int64_t residentBytes();

using Clock = std::chrono::steady_clock;
inline double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace ob::bench

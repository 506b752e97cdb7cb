#include "benchcontext.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace ob::bench {

namespace {
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}
}  // namespace

JsonLine::JsonLine(std::string_view bench) : text_("{\"bench\": " + quoted(bench)) {}

JsonLine& JsonLine::add(std::string_view key, double value) {
    char buffer[64];
    if (!std::isfinite(value)) value = 0;
    std::snprintf(buffer, sizeof buffer, value != 0 && std::fabs(value) < 0.01 ? "%.3g" : "%.3f", value);
    text_ += ", " + quoted(key) + ": " + buffer;
    return *this;
}

JsonLine& JsonLine::add(std::string_view key, std::int64_t value) {
    text_ += ", " + quoted(key) + ": " + std::to_string(value);
    return *this;
}

JsonLine& JsonLine::add(std::string_view key, bool value) {
    text_ += ", " + quoted(key) + (value ? ": true" : ": false");
    return *this;
}

JsonLine& JsonLine::add(std::string_view key, std::string_view value) {
    text_ += ", " + quoted(key) + ": " + quoted(value);
    return *this;
}

void JsonLine::print() {
    std::printf("%s}\n", text_.c_str());
    std::fflush(stdout);
}

void printSkipped(std::string_view bench, std::string_view reason) { JsonLine(bench).add("skipped", reason).print(); }

std::int64_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::int64_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace ob::bench

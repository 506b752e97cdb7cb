#include "files.h"

#include <fstream>
#include <sstream>

namespace ob::app {

Result<std::string> readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot read " + path.string()};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Status writeFile(const std::filesystem::path& path, const std::string& text) {
    const auto partial = path.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) return Error{"cannot write " + path.string()};
    }
    std::error_code error;
    std::filesystem::rename(partial, path, error);
    if (error) return Error{"cannot write " + path.string() + ": " + error.message()};
    return {};
}

}  // namespace ob::app

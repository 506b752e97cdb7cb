#include "csv.h"

#include "domain/quoting.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace ob {

namespace {

std::string trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t");
    return std::string(text.substr(begin, end - begin + 1));
}

std::string lowered(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

}  // namespace

Result<CsvTable> CsvTable::parse(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark from spreadsheets
    CsvTable table;
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    int line = 1;
    int rowLine = 1;

    auto endRow = [&]() -> Status {
        fields.push_back(fieldWasQuoted ? field : trimmed(field));
        field.clear();
        fieldWasQuoted = false;
        const bool blank = fields.size() == 1 && fields[0].empty();
        if (!blank) {
            if (table.headers_.empty()) {
                for (auto& header : fields) {
                    // Which of two columns of one name a row's value comes from would be a guess.
                    if (!trimmed(header).empty() && table.column(header))
                        return Error{"line " + std::to_string(rowLine) + ": the column " + inQuotes(trimmed(header)) +
                                     " appears twice in the header"};
                    table.headers_.push_back(trimmed(header));
                }
            } else {
                if (fields.size() > table.headers_.size())
                    return Error{"line " + std::to_string(rowLine) + ": " + std::to_string(fields.size()) +
                                 " fields, but the header has " + std::to_string(table.headers_.size())};
                table.rows_.push_back({rowLine, std::move(fields)});
            }
        }
        fields.clear();
        rowLine = line;
        return {};
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        switch (c) {
            case '"':
                if (trimmed(field).empty()) {
                    field.clear();
                    quoted = true;
                    fieldWasQuoted = true;
                } else {
                    field.push_back(c);
                }
                break;
            case ',':
                fields.push_back(fieldWasQuoted ? field : trimmed(field));
                field.clear();
                fieldWasQuoted = false;
                break;
            case '\r': break;
            case '\n':
                ++line;
                if (auto ended = endRow(); !ended) return Error{ended.error()};
                break;
            default:
                if (!fieldWasQuoted) field.push_back(c);
        }
    }
    if (quoted) return Error{"line " + std::to_string(rowLine) + ": a quoted field is not closed"};
    if (!field.empty() || !fields.empty() || fieldWasQuoted) {
        if (auto ended = endRow(); !ended) return Error{ended.error()};
    }
    if (table.headers_.empty()) return Error{"the file is empty: a header row is needed"};
    return table;
}

Result<CsvTable> CsvTable::readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot read " + path};
    std::ostringstream contents;
    contents << in.rdbuf();
    auto table = parse(contents.str());
    if (!table) return Error{path + ", " + table.error()};
    return table;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    const auto wanted = lowered(trimmed(name));
    for (std::size_t i = 0; i < headers_.size(); ++i)
        if (lowered(headers_[i]) == wanted) return i;
    return std::nullopt;
}

Status CsvTable::requireColumns(const std::vector<std::string_view>& names) const {
    std::string missing;
    for (auto name : names) {
        if (column(name)) continue;
        if (!missing.empty()) missing += ", ";
        missing += name;
    }
    if (missing.empty()) return {};
    return Error{"the header lacks the column(s) " + missing};
}

std::string CsvTable::field(const Row& row, std::string_view name) const {
    const auto index = column(name);
    if (!index || *index >= row.fields.size()) return {};
    return row.fields[*index];
}

std::string csvField(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

}  // namespace ob

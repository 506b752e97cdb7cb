#pragma once

#include "domain/result.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob {

/// A CSV file read whole: RFC 4180 quoting, a header row matched without
/// regard to case or column order, and each row's line number for messages.
class CsvTable {
public:
    struct Row {
        int line = 0;  ///< 1-based line where the row starts
        std::vector<std::string> fields;
    };

    /// Parses text; fails on an unterminated quote, a header naming a column twice (case and surrounding spaces
    /// aside; unnamed columns may repeat) or a row with more fields than the header.
    static Result<CsvTable> parse(std::string_view text);
    static Result<CsvTable> readFile(const std::string& path);

    /// The index of a header (case-insensitive, surrounding spaces ignored).
    std::optional<std::size_t> column(std::string_view name) const;
    /// Names the required headers that are missing, or nothing when all are there.
    Status requireColumns(const std::vector<std::string_view>& names) const;

    const std::vector<std::string>& headers() const { return headers_; }
    const std::vector<Row>& rows() const { return rows_; }
    /// A row's field by header; empty when the column or field is absent.
    std::string field(const Row& row, std::string_view name) const;

private:
    std::vector<std::string> headers_;
    std::vector<Row> rows_;
};

/// Writes one CSV field, quoting it when it holds a comma, quote or line break.
std::string csvField(std::string_view value);

/// Builds a CSV file row by row: a header line first, fields quoted where needed, CRLF line ends (RFC 4180).
class CsvWriter {
public:
    explicit CsvWriter(std::initializer_list<const char*> headers) {
        for (const char* header : headers) cell(header);
        endRow();
    }
    CsvWriter& cell(std::string_view value) {
        if (!first_) text_.push_back(',');
        text_ += csvField(value);
        first_ = false;
        return *this;
    }
    void endRow() {
        text_ += "\r\n";
        first_ = true;
    }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
    bool first_ = true;
};

}  // namespace ob

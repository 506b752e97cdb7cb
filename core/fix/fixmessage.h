#pragma once

#include "domain/result.h"
#include "fix/fixtags.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob {

/// One field of a parsed message; the value points into the message's text.
struct FixField {
    int tag = 0;
    std::string_view value;
};

/// A FIX message parsed from its wire text (fields separated by SOH), fields
/// kept in wire order so that repeating groups can be read back exactly and
/// decimal values are never converted through binary floating point.
class FixMessage {
public:
    /// Parses "8=FIX.4.4<SOH>9=...<SOH>...10=123<SOH>"; refuses text that is not tag=value pairs.
    static Result<FixMessage> parse(std::string text);

    const std::string& text() const { return text_; }
    /// The fields in wire order; the views are valid while the message lives.
    std::vector<FixField> fields() const;
    /// The first occurrence of a tag.
    std::optional<std::string_view> get(int tag) const;
    std::string getOr(int tag, std::string_view fallback = {}) const;
    std::string_view msgType() const { return get(fixtag::MsgType).value_or(std::string_view()); }
    std::string_view beginString() const { return get(fixtag::BeginString).value_or(std::string_view()); }
    int msgSeqNum() const;

    /// The entries of a repeating group: each starts at `delimiter` and runs
    /// over the following fields that are in `members`.
    std::vector<std::vector<FixField>> group(int countTag, int delimiter, const std::vector<int>& members) const;

    /// The text with SOH shown as '|', for people.
    std::string readable() const;

private:
    /// Where a field's value lies in the text: offsets survive copies and moves, views would not.
    struct Slot {
        int tag;
        std::uint32_t offset;
        std::uint32_t length;
    };

    FixMessage() = default;
    std::string_view valueOf(const Slot& slot) const { return std::string_view(text_).substr(slot.offset, slot.length); }

    std::string text_;
    std::vector<Slot> slots_;
};

/// The value of the first field `tag` after the message's first field, found without parsing the message:
/// for the paths that look at one or two fields of every message (the message log, the index of requests sent).
std::string_view fieldIn(std::string_view text, int tag);

}  // namespace ob

#include "fixmessage.h"

#include <algorithm>
#include <charconv>

namespace ob {

namespace {
constexpr char kSoh = '\x01';
}

Result<FixMessage> FixMessage::parse(std::string text) {
    FixMessage message;
    message.text_ = std::move(text);
    const std::string_view all(message.text_);
    std::size_t position = 0;
    while (position < all.size()) {
        const auto equals = all.find('=', position);
        if (equals == std::string_view::npos) return Error{"a field without '=' at offset " + std::to_string(position)};
        int tag = 0;
        const auto [end, ec] = std::from_chars(all.data() + position, all.data() + equals, tag);
        if (ec != std::errc() || end != all.data() + equals || tag <= 0)
            return Error{"'" + std::string(all.substr(position, equals - position)) + "' is not a tag number"};
        auto separator = all.find(kSoh, equals + 1);
        if (separator == std::string_view::npos) separator = all.size();
        message.slots_.push_back(
            {tag, static_cast<std::uint32_t>(equals + 1), static_cast<std::uint32_t>(separator - equals - 1)});
        position = separator + 1;
    }
    if (message.slots_.empty()) return Error{"an empty message"};
    return message;
}

std::vector<FixField> FixMessage::fields() const {
    std::vector<FixField> fields;
    fields.reserve(slots_.size());
    for (const auto& slot : slots_) fields.push_back({slot.tag, valueOf(slot)});
    return fields;
}

std::optional<std::string_view> FixMessage::get(int tag) const {
    for (const auto& slot : slots_)
        if (slot.tag == tag) return valueOf(slot);
    return std::nullopt;
}

std::string FixMessage::getOr(int tag, std::string_view fallback) const { return std::string(get(tag).value_or(fallback)); }

int FixMessage::msgSeqNum() const {
    int value = 0;
    if (auto text = get(fixtag::MsgSeqNum)) std::from_chars(text->data(), text->data() + text->size(), value);
    return value;
}

std::vector<std::vector<FixField>> FixMessage::group(int countTag, int delimiter, const std::vector<int>& members) const {
    std::vector<std::vector<FixField>> entries;
    auto it = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& slot) { return slot.tag == countTag; });
    if (it == slots_.end()) return entries;
    for (++it; it != slots_.end(); ++it) {
        if (it->tag == delimiter) {
            entries.emplace_back();
        } else if (entries.empty() || std::find(members.begin(), members.end(), it->tag) == members.end()) {
            break;
        }
        entries.back().push_back({it->tag, valueOf(*it)});
    }
    return entries;
}

std::string FixMessage::readable() const {
    std::string text = text_;
    std::replace(text.begin(), text.end(), kSoh, '|');
    return text;
}

std::string_view fieldIn(std::string_view text, int tag) {
    const std::string needle = '\x01' + std::to_string(tag) + '=';
    auto at = text.find(needle);
    if (at == std::string_view::npos) return {};
    at += needle.size();
    return text.substr(at, text.find('\x01', at) - at);
}

}  // namespace ob

#include "fix/marketdata.h"

#include <algorithm>

namespace ob::market_data {

namespace {

constexpr int MDReqID = 262, SubscriptionRequestType = 263, MarketDepth = 264, MDUpdateType = 265, NoMDEntryTypes = 267,
              NoMDEntries = 268, MDEntryType = 269, MDEntryPx = 270, MDUpdateAction = 279, NoRelatedSym = 146, Symbol = 55;

std::optional<std::string_view> valueOf(const std::vector<FixField>& entry, int tag) {
    for (const auto& field : entry)
        if (field.tag == tag) return field.value;
    return std::nullopt;
}

}  // namespace

fixengine::OutboundMessage subscription(const std::string& requestId, const std::vector<std::string>& symbols) {
    fixengine::OutboundMessage request{"V", {}, {}};
    request.fields.push_back({MDReqID, requestId});
    request.fields.push_back({SubscriptionRequestType, "1"});  // snapshot and updates
    request.fields.push_back({MarketDepth, "1"});              // top of book
    request.fields.push_back({MDUpdateType, "1"});             // incremental refresh
    request.groups.push_back({NoMDEntryTypes, MDEntryType, {{{MDEntryType, "0"}}, {{MDEntryType, "1"}}, {{MDEntryType, "2"}}}});
    fixengine::Group related{NoRelatedSym, Symbol, {}};
    for (const auto& symbol : symbols) related.entries.push_back({{Symbol, symbol}});
    request.groups.push_back(std::move(related));
    return request;
}

Result<std::vector<PriceUpdate>> read(const FixMessage& message) {
    const bool snapshot = message.msgType() == "W";
    if (!snapshot && message.msgType() != "X") return Error{"not a market data refresh"};
    const std::string messageSymbol = message.getOr(Symbol);
    const auto entries =
        snapshot
            ? message.group(NoMDEntries, MDEntryType, {MDEntryType, MDEntryPx, 271, 272, 273, 290})
            : message.group(NoMDEntries, MDUpdateAction,
                            {MDUpdateAction, MDEntryType, 278, Symbol, 65, 48, 22, 207, 167, 461, MDEntryPx, 271, 272, 273, 290});
    std::vector<PriceUpdate> updates;
    for (const auto& entry : entries) {
        if (!snapshot && valueOf(entry, MDUpdateAction).value_or("0") == "2") continue;  // a delete leaves the last price
        const auto type = valueOf(entry, MDEntryType);
        const auto text = valueOf(entry, MDEntryPx);
        if (!type || !text || text->empty() || type->size() != 1 || (*type)[0] < '0' || (*type)[0] > '2') continue;
        const std::string symbol = snapshot ? messageSymbol : std::string(valueOf(entry, Symbol).value_or(messageSymbol));
        if (symbol.empty()) return Error{"market data: Symbol (55) is missing"};
        auto price = Price::parse(*text);
        if (!price) return Error{"market data for " + symbol + ": MDEntryPx (270) " + price.error()};
        auto update = std::find_if(updates.begin(), updates.end(), [&](const PriceUpdate& u) { return u.symbol == symbol; });
        if (update == updates.end()) update = updates.insert(updates.end(), PriceUpdate{symbol, {}, {}, {}});
        switch ((*type)[0]) {
            case '0': update->bid = *price; break;
            case '1': update->offer = *price; break;
            default: update->last = *price; break;
        }
    }
    return updates;
}

}  // namespace ob::market_data

#include "fix/marketdata.h"

#include <algorithm>

namespace ob::market_data {

namespace {

std::optional<std::string_view> valueOf(const std::vector<FixField>& entry, int tag) {
    for (const auto& field : entry)
        if (field.tag == tag) return field.value;
    return std::nullopt;
}

}  // namespace

fixengine::OutboundMessage subscription(const std::string& requestId, const std::vector<std::string>& symbols) {
    fixengine::OutboundMessage request{msgtype::MarketDataRequest, {}, {}};
    request.fields.push_back({fixtag::MDReqID, requestId});
    request.fields.push_back({fixtag::SubscriptionRequestType, "1"});  // snapshot and updates
    request.fields.push_back({fixtag::MarketDepth, "1"});              // top of book
    request.fields.push_back({fixtag::MDUpdateType, "1"});             // incremental refresh
    request.groups.push_back({fixtag::NoMDEntryTypes,
                              fixtag::MDEntryType,
                              {{{fixtag::MDEntryType, "0"}}, {{fixtag::MDEntryType, "1"}}, {{fixtag::MDEntryType, "2"}}}});
    fixengine::Group related{fixtag::NoRelatedSym, fixtag::Symbol, {}};
    for (const auto& symbol : symbols) related.entries.push_back({{fixtag::Symbol, symbol}});
    request.groups.push_back(std::move(related));
    return request;
}

Result<std::vector<PriceUpdate>> read(const FixMessage& message) {
    const bool snapshot = message.msgType() == msgtype::MarketDataSnapshotFullRefresh;
    if (!snapshot && message.msgType() != msgtype::MarketDataIncrementalRefresh) return Error{"not a market data refresh"};
    const std::string messageSymbol = message.getOr(fixtag::Symbol);
    const auto entries =
        snapshot ? message.group(fixtag::NoMDEntries, fixtag::MDEntryType,
                                 {fixtag::MDEntryType, fixtag::MDEntryPx, fixtag::MDEntrySize, fixtag::MDEntryDate,
                                  fixtag::MDEntryTime, fixtag::MDEntryPositionNo})
                 : message.group(fixtag::NoMDEntries, fixtag::MDUpdateAction,
                                 {fixtag::MDUpdateAction, fixtag::MDEntryType, fixtag::MDEntryID, fixtag::Symbol,
                                  fixtag::SymbolSfx, fixtag::SecurityID, fixtag::SecurityIDSource, fixtag::SecurityExchange,
                                  fixtag::SecurityType, fixtag::CFICode, fixtag::MDEntryPx, fixtag::MDEntrySize,
                                  fixtag::MDEntryDate, fixtag::MDEntryTime, fixtag::MDEntryPositionNo});
    std::vector<PriceUpdate> updates;
    for (const auto& entry : entries) {
        if (!snapshot && valueOf(entry, fixtag::MDUpdateAction).value_or("0") == "2") continue;  // a delete leaves the last price
        const auto type = valueOf(entry, fixtag::MDEntryType);
        const auto text = valueOf(entry, fixtag::MDEntryPx);
        if (!type || !text || text->empty() || type->size() != 1 || (*type)[0] < '0' || (*type)[0] > '2') continue;
        const std::string symbol = snapshot ? messageSymbol : std::string(valueOf(entry, fixtag::Symbol).value_or(messageSymbol));
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

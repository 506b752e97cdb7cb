#pragma once

#include "domain/decimal.h"
#include "domain/result.h"
#include "fix/fixmessage.h"
#include "fix/quickfix/fixengine.h"

#include <optional>
#include <string>
#include <vector>

namespace ob::market_data {

/// One instrument's prices from a market data message; absent ones did not change.
struct PriceUpdate {
    std::string symbol;
    std::optional<Price> bid;
    std::optional<Price> offer;
    std::optional<Price> last;
};

/// A MarketDataRequest (V) subscribing to top of book and last trade of the
/// symbols, with incremental refreshes.
fixengine::OutboundMessage subscription(const std::string& requestId, const std::vector<std::string>& symbols);

/// Reads a MarketDataSnapshotFullRefresh (W) or MarketDataIncrementalRefresh
/// (X), FIX 4.2 or 4.4: the bid (269=0), offer (269=1) and trade (269=2)
/// entries, one update per symbol in the order they appear. Entries of other
/// types, and incremental deletes, change nothing. A price that is not a
/// decimal is an error naming the field.
Result<std::vector<PriceUpdate>> read(const FixMessage& message);

}  // namespace ob::market_data

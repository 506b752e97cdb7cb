#pragma once

#include "domain/referencedata.h"
#include "orders/orderevents.h"
#include "util/csv.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob {

/// Reads a basket of orders from CSV: a header row (any case, any column
/// order, extra columns ignored) with account, symbol, side, qty, type,
/// limit_price and tif, and optionally stop_price, broker and allocations.
///
///   side   BUY | SELL | SHORT
///   type   MKT | LMT | STP | STPLMT
///   tif    DAY | GTC | IOC | FOK
///   broker a FIX session's alias or TargetCompID (default: the first session)
///   allocations  a block order for several accounts: ACCOUNT=QTY;ACCOUNT=QTY (adding up to qty) or
///          ACCOUNT=60%;ACCOUNT=40% (adding up to 100%, split into whole units as block fills are);
///          the account column is then empty or the first allocation's account
///
/// Every row is checked against the reference data (known account and
/// symbol, quantity in whole lots, prices on the tick) and the brokers; the
/// error lists every bad row with its line number, and then no order is
/// returned, so that nothing of a bad basket is sent.
using BrokerResolver = std::function<std::optional<std::string>(std::string_view broker)>;
Result<std::vector<NewOrderRequest>> parseBasket(const CsvTable& table, const ReferenceData& reference,
                                                 const BrokerResolver& resolveBroker);

}  // namespace ob

#pragma once

#include "engine/orderengine.h"
#include "store/orderstore.h"

#include <string>

namespace ob::app {

/// Sends a morning of demo orders to the simulated broker when the book is
/// empty: market and marketable orders that fill (some in parts), limits
/// that rest until the price walks to them, one canceled and one amended
/// after the broker has them, an IOC that finds no liquidity, an order off
/// the lot that the broker rejects, and two for compliance: one blocked by
/// the restricted list, one sent despite a warning. Returns the number of
/// orders sent.
int seedDemoOrders(OrderEngine& engine, const ReferenceData& reference, const std::string& session);

}  // namespace ob::app

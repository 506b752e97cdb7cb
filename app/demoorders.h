#pragma once

#include "engine/orderengine.h"
#include "store/orderstore.h"

namespace ob::app {

/// The session name of the demo desk's scripted sell side.
inline constexpr const char* kDemoSession = "DEMO";

/// Fills an empty book with a morning of demo orders in the states a trader
/// meets (working, partly filled, filled, canceled, rejected, amended), as a
/// sell side would have reported them. Deterministic. Does nothing when the
/// book already holds orders. Returns the number of orders created.
int seedDemoOrders(OrderEngine& engine, const ReferenceData& reference);

}  // namespace ob::app

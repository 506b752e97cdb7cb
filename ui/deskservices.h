#pragma once

#include "auth/access.h"
#include "domain/result.h"
#include "portfolio/modelportfolio.h"

#include <QString>

#include <functional>
#include <vector>

namespace ob {
class FixGateway;
class MarketPrices;
class OrderEngine;
class History;
struct ReferenceData;
}  // namespace ob

namespace ob::ui {

/// The parts of a running desk the windows work with. They all outlive the windows.
struct DeskServices {
    OrderEngine& engine;
    FixGateway& gateway;
    History& history;  ///< the only store port the windows get: read only, thread-safe, run off the GUI thread
    /// Reads the model portfolios, thread-safe, off the GUI thread. The engine keeps no models (they live in the
    /// store only and are saved through the engine), so the windows get this one read instead of a store port.
    std::function<Result<std::vector<ModelPortfolio>>()> models;
    MarketPrices& prices;
    /// The desk's reference data as the GUI thread last took it: changed only by takeReference, on this thread.
    const ReferenceData& reference;
    /// Takes reference data the engine changed into `reference` (and wherever else the desk keeps it).
    std::function<void(const ReferenceData&)> takeReference;
    QString mode;  ///< "Simulated broker on 127.0.0.1:PORT" or "FIX: FILE"
    QString dataDirectory;
    Actor actor;  ///< the user logged in: what the windows do, they do for this user
    /// Shown in the status bar for as long as the window is open: the demo users on a desk of real brokers.
    QString warning = {};
};

}  // namespace ob::ui

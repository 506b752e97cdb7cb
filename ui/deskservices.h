#pragma once

#include "auth/access.h"

#include <QString>

namespace ob {
class FixGateway;
class MarketPrices;
class OrderEngine;
class OrderStore;
struct ReferenceData;
}  // namespace ob

namespace ob::ui {

/// The parts of a running desk the windows work with. They all outlive the windows.
struct DeskServices {
    OrderEngine& engine;
    FixGateway& gateway;
    OrderStore& store;  ///< for history; its reads are thread-safe and run off the GUI thread
    MarketPrices& prices;
    const ReferenceData& reference;
    QString mode;  ///< "Simulated broker on 127.0.0.1:PORT" or "FIX: FILE"
    QString dataDirectory;
    Actor actor;  ///< the user logged in: what the windows do, they do for this user
};

}  // namespace ob::ui

#pragma once

#include "domain/fund.h"
#include "domain/fxrates.h"
#include "domain/instrument.h"

#include <vector>

namespace ob {

/// The desk's reference data: what can be traded, for whom, and at what exchange rates.
struct ReferenceData {
    std::vector<Instrument> instruments;
    std::vector<Fund> funds;
    std::vector<Account> accounts;
    FxRates fxRates = {};

    friend bool operator==(const ReferenceData&, const ReferenceData&) = default;
};

}  // namespace ob

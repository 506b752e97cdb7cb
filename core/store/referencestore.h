#pragma once

#include "domain/referencedata.h"
#include "domain/result.h"

namespace ob {

/// Instruments, funds and accounts: read by the engine at start, written when a desk is set up or data is imported.
class ReferenceStore {
public:
    virtual ~ReferenceStore() = default;

    virtual Result<ReferenceData> loadReferenceData() = 0;
    /// Adds or updates reference data by key (symbol, code). Thread-safe.
    virtual Status saveReferenceData(const ReferenceData& data) = 0;
};

}  // namespace ob

#pragma once

#include "store/orderjournal.h"
#include "store/referencestore.h"

namespace ob {

/// The ports the engine takes: its journal, and the reference data it reads at start.
class EngineStore : public OrderJournal, public ReferenceStore {};

}  // namespace ob

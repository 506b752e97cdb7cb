#pragma once

#include "auth/userstore.h"
#include "store/compliancesetup.h"
#include "store/enginestore.h"
#include "store/history.h"
#include "store/modelstore.h"

namespace ob {

/// Every port of the durable record of orders, executions and reference data, as one store implements them. Each
/// user takes only the port it needs (the engine its EngineStore, the windows History), so that a shared
/// server-backed store can take the place of the desktop's SQLite file without touching them.
class OrderStore : public EngineStore, public History, public ModelStore, public ComplianceSetup, public UserStore {};

}  // namespace ob

#pragma once

#include "auth/users.h"
#include "domain/result.h"
#include "orders/order.h"
#include "orders/orderevents.h"
#include "orders/orderhistory.h"

#include <cstddef>
#include <vector>

namespace ob {

/// What happened, from any day: read only, and the one store port the desktop's windows get. Every read is
/// thread-safe, so the windows run them off the GUI thread.
class History {
public:
    virtual ~History() = default;

    /// The executions and events of one order.
    virtual Result<std::vector<ExecutionRecord>> executionsOf(OrderId id) = 0;
    virtual Result<std::vector<OrderEventRecord>> eventsOf(OrderId id) = 0;
    /// Messages the book could not apply, newest first.
    virtual Result<std::vector<QuarantinedMessage>> quarantine(bool unresolvedOnly) = 0;
    /// The newest `limit` audit records, newest first.
    virtual Result<std::vector<AuditRecord>> auditTrail(std::size_t limit) = 0;
};

}  // namespace ob

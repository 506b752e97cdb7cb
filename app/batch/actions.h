#pragma once

#include "batchaction.h"

namespace ob::app {

/// Each batch action, one unit apiece; batchActions() puts them in order.

// batch/users.cpp
BatchAction setUserAction();
// batch/reference.cpp: one action per table, in the order a run takes them
std::vector<BatchAction> importReferenceActions();
std::vector<BatchAction> exportReferenceActions();
// batch/portfolios.cpp
BatchAction importPositionsAction();
BatchAction importModelAction();
BatchAction rebalanceProposalAction();
// batch/rules.cpp
BatchAction importRulesAction();
BatchAction exportRulesAction();
// batch/orders.cpp
BatchAction resolveUnconfirmedAction();
BatchAction importBasketAction();
BatchAction sendAction();
BatchAction waitAction();
BatchAction cancelRemainingAction();
BatchAction settleAction();
BatchAction reportLateFailuresAction();
// batch/orderrequests.cpp
BatchAction amendOrdersAction();
BatchAction cancelOrdersAction();
BatchAction cancelAllAction();
// batch/exports.cpp
BatchAction exportOrdersAction();
BatchAction exportExecutionsAction();
BatchAction exportPositionsAction();
BatchAction verifyBooksAction();

/// "openblotter: REASON" on stderr, and the run goes on.
BatchStop stop(std::string reason);
/// Waits until the store has committed what the run asked of the engine so far: a change the engine answered is
/// not yet on disk, and a write the store failed stops the run.
BatchStep awaitStored(BatchRun& run);

}  // namespace ob::app

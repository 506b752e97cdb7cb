#pragma once

#include "batchaction.h"

namespace ob::app {

/// Each batch action, one unit apiece; batchActions() puts them in order.

// batch/users.cpp
BatchAction setUserAction();
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

}  // namespace ob::app

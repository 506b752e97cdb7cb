#pragma once

#include "commandline.h"
#include "desk.h"

namespace ob::app {

/// The batch mode's rebalance proposal: reads the instruments, positions and
/// model files, proposes the orders that bring the fund to its model, checks
/// them one after another against the desk's compliance rules on the
/// portfolio they build, and writes the proposal. Sends nothing.
Status writeRebalanceProposal(Desk& desk, const CommandLine::Rebalance& options, const Actor& actor);

}  // namespace ob::app

#pragma once

#include "commandline.h"

namespace ob::app {

/// Exit statuses of the batch mode.
enum HeadlessExit { AllTerminal = 0, BadInput = 1, SomeRejectedOrBlocked = 2, BooksDiffer = 2, TimedOut = 3, Halted = 4 };

/// Runs the batch mode: opens the desk, logs the user in, imports or exports
/// the rules, checks a basket against compliance and sends it, waits, cancels
/// what remains, and exports. Returns the exit status.
int runHeadless(const CommandLine& options);

}  // namespace ob::app

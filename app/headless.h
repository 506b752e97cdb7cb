#pragma once

#include "commandline.h"

namespace ob::app {

/// Exit statuses of the batch mode.
enum HeadlessExit { AllTerminal = 0, BadInput = 1, SomeRejectedOrBlocked = 2, BooksDiffer = 2, TimedOut = 3, Halted = 4 };

/// Runs the batch mode: opens the desk, logs the user in, starts it, and takes
/// each batch action the options ask for, in the order of batchActions()
/// (app/batchaction.h). Returns the exit status.
int runHeadless(const CommandLine& options);

}  // namespace ob::app

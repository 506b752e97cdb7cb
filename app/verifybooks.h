#pragma once

#include "desk.h"

namespace ob::app {

/// --verify-books on a started desk: the engine checks its book against the store's record. Prints the summary when
/// the books agree, else each difference and then the summary. Returns whether they agree; an error when the check
/// could not run.
Result<bool> verifyBooks(OrderEngine& engine);

/// --verify-books when the engine refused to start on the stored book: the store's orders and executions are checked
/// alone (the positions need the engine). Prints each difference and the summary; returns whether it found any (not
/// when the store cannot be read).
bool storedBooksDiffer(OrderStore& store);

}  // namespace ob::app

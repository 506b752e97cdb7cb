#pragma once

// Waiting in helpers: a wait that times out fails the test, saying what it waited for.

#include "engine/orderengine.h"

#include <source_location>
#include <string>

namespace ob::test {

/// Fails the running test function with `message`, reported at `where`, and lets the caller go on. For
/// helpers: QFAIL and QVERIFY return from the function that uses them, and only from one returning void.
/// Outside a test function (in a helper program) it aborts with the message.
void failTest(const std::string& message, std::source_location where = std::source_location::current());

/// Returns once every command posted to the engine so far is applied and committed; after 10 s the test fails.
void awaitCommitted(OrderEngine& engine, std::source_location where = std::source_location::current());

/// Returns once every request the engine made so far has been handed to its router (a sentinel queued
/// behind them has reached the router thread); after 10 s the test fails.
void awaitRouted(OrderEngine& engine, std::source_location where = std::source_location::current());

/// Returns once the engine has checked its book against what the store holds (OrderEngine::verifyBooks); the test
/// fails, naming every difference, unless they agree, and after 30 s.
void awaitBooksAgree(OrderEngine& engine, std::source_location where = std::source_location::current());

}  // namespace ob::test

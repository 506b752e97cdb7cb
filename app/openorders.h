#pragma once

#include "engine/orderengine.h"
#include "fix/fixgateway.h"

#include <chrono>
#include <vector>

namespace ob::app {

/// What a batch does with the orders still open at the brokers.

/// Orders waiting for their broker: not finished, and not kept on the desk (held by compliance or staged),
/// which a batch cannot hurry.
std::vector<OrderState> working(OrderEngine& engine);

/// Waits until no order is working, or the engine has halted (nothing would change any more); false when the
/// deadline passes first.
bool waitUntilDone(OrderEngine& engine, std::chrono::steady_clock::time_point deadline);

/// "order 7 (DESK-…-000003: BUY 100 AAPL for GROWTH-PB)", as the batch names an order.
std::string describe(const OrderState& order);

/// Waits for the sessions to log on and for the sell sides to answer the status requests of the logon (or for
/// the requests to expire after StatusRequestTimeout): then each order the broker has not confirmed is unconfirmed.
void awaitStatusAnswers(OrderEngine& engine, FixGateway& gateway);

/// Asks the broker to cancel the order; an unconfirmed one is resolved by a cancel, audited as such.
Outcome requestCancel(OrderEngine& engine, const OrderState& order, const Actor& actor);

/// Waits for the sessions to log on and for the sell sides to answer the status requests of the logon (or for
/// the requests to expire after StatusRequestTimeout), then resolves every unconfirmed order `how`, printing
/// what it did with each. Returns how many it could not resolve, each named on stderr with the reason.
std::size_t resolveUnconfirmedOrders(OrderEngine& engine, FixGateway& gateway, Resolution how, const Actor& actor);

/// Cancels every working order: an unconfirmed one is resolved by a cancel, one whose replace is outstanding
/// is cancelled once the broker answers the replace (a book keeps one request per order). Waits a while for
/// the answers, prints what it did with each order and names on stderr each order it could not end, and why.
void cancelRemainingOrders(OrderEngine& engine, const Actor& actor);

}  // namespace ob::app

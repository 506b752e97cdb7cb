#include "openorders.h"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace ob::app {

namespace {

using Clock = std::chrono::steady_clock;

/// Waits until the sell sides have answered every status request or the requests have expired.
bool waitForStatusAnswers(OrderEngine& engine, Clock::time_point deadline) {
    for (;;) {
        if (engine.snapshot().get().awaitingStatus.empty()) return true;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

/// Sends a cancel for the order, or resolves it by one when it is unconfirmed; says which.
bool cancel(OrderEngine& engine, const OrderState& order, const Actor& actor) {
    const auto outcome = requestCancel(engine, order, actor);
    if (!outcome.isApplied()) {
        std::fprintf(stderr, "openblotter: %s not cancelled: %s\n", describe(order).c_str(), outcome.detail.c_str());
        return false;
    }
    std::printf("%s: %s\n", describe(order).c_str(),
                order.unconfirmed ? "unconfirmed, resolved by a cancel sent to the broker" : "cancel sent");
    return true;
}

}  // namespace

std::string describe(const OrderState& order) {
    return "order " + std::to_string(order.id) + " (" + order.clOrdId + ": " + std::string(aliasOf(order.side)) + " " +
           order.terms.quantity.toString() + " " + order.symbol + " for " + order.account + ")";
}

Outcome requestCancel(OrderEngine& engine, const OrderState& order, const Actor& actor) {
    return order.unconfirmed ? engine.resolveUnconfirmed(order.id, Resolution::Cancel, actor).get()
                             : engine.cancel(order.id, actor).get();
}

std::vector<OrderState> working(OrderEngine& engine) {
    std::vector<OrderState> open;
    for (auto& order : engine.snapshot().get().orders)
        if (!order.isDone() && !order.isUnsent()) open.push_back(std::move(order));
    return open;
}

bool waitUntilDone(OrderEngine& engine, Clock::time_point deadline) {
    for (;;) {
        if (working(engine).empty() || !engine.snapshot().get().halted.empty()) return true;
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void awaitStatusAnswers(OrderEngine& engine, FixGateway& gateway) {
    if (!gateway.waitForLogon(std::chrono::seconds(30)))
        std::fprintf(stderr, "openblotter: not every FIX session is logged on; their orders were not asked about\n");
    std::chrono::seconds longest{0};
    for (const auto& session : gateway.sessions()) longest = std::max(longest, session.statusRequestTimeout);
    if (!waitForStatusAnswers(engine, Clock::now() + longest + std::chrono::seconds(5)))
        std::fprintf(stderr, "openblotter: some status requests were still unanswered\n");
}

std::size_t resolveUnconfirmedOrders(OrderEngine& engine, FixGateway& gateway, Resolution how, const Actor& actor) {
    // Each logon asks the sell side about the orders it has not answered; what it cannot confirm in time
    // becomes unconfirmed. Resolve only once every answer is in or overdue.
    awaitStatusAnswers(engine, gateway);
    std::size_t resolved = 0, unresolved = 0;
    for (const auto& order : engine.snapshot().get().orders) {
        if (!order.unconfirmed) continue;
        const auto outcome = engine.resolveUnconfirmed(order.id, how, actor).get();
        if (!outcome.isApplied()) {
            std::fprintf(stderr, "openblotter: %s not resolved: %s\n", describe(order).c_str(), outcome.detail.c_str());
            ++unresolved;
            continue;
        }
        ++resolved;
        if (how == Resolution::Cancel) {
            std::printf("%s: unconfirmed (%s); cancel sent to the broker\n", describe(order).c_str(), order.text.c_str());
        } else {
            const auto now = engine.order(order.id).get();
            std::printf("%s: unconfirmed (%s); marked rejected, now %s\n", describe(order).c_str(), order.text.c_str(),
                        now ? std::string(now->state.statusName()).c_str() : "gone");
        }
    }
    std::printf("resolved %zu unconfirmed orders\n", resolved);
    return unresolved;
}

void cancelRemainingOrders(OrderEngine& engine, const Actor& actor) {
    std::size_t sent = 0;
    std::vector<OrderId> replacing;  // cancelled once their replace is answered
    for (const auto& order : working(engine)) {
        if (order.pending && !order.unconfirmed) {
            if (order.pending->kind == RequestKind::Cancel) {
                std::printf("%s: a cancel is already outstanding\n", describe(order).c_str());
                ++sent;
            } else {
                replacing.push_back(order.id);
            }
            continue;
        }
        if (cancel(engine, order, actor)) ++sent;
    }
    // The answers, for a while: an order whose replace is answered (or left unconfirmed) is cancelled then.
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    for (;;) {
        std::erase_if(replacing, [&](OrderId id) {
            const auto order = engine.order(id).get();
            if (!order || order->state.isDone()) return true;
            if (order->state.pending && !order->state.unconfirmed) return false;
            if (cancel(engine, order->state, actor)) ++sent;
            return true;
        });
        if ((replacing.empty() && working(engine).empty()) || Clock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto left = working(engine);
    std::fprintf(stderr, "openblotter: sent cancels for %zu orders; %zu still working\n", sent, left.size());
    for (const auto& order : left) {
        const bool replacePending = order.pending && order.pending->kind == RequestKind::Replace && !order.unconfirmed;
        const auto why = replacePending ? "not cancelled: its replace " + order.pending->clOrdId +
                                              " is unanswered (one request at a time); the broker is asked about it at each logon"
                         : order.text.empty() ? std::string("no answer yet")
                                              : order.text;
        std::fprintf(stderr, "openblotter: %s still %s: %s\n", describe(order).c_str(), std::string(order.statusName()).c_str(),
                     why.c_str());
    }
}

}  // namespace ob::app

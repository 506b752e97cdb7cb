#pragma once

#include "compliance/breach.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ob {

/// The breaches the desk is working: every one still open or acknowledged,
/// and those raised today. Owned by the order engine, like the orders.
class BreachBook {
public:
    void restore(std::vector<Breach> breaches, std::int64_t lastId);

    /// Records a new breach and gives it the next id.
    const Breach& raise(Breach breach);
    Breach* find(std::int64_t id);
    /// The pre-trade breaches of an order.
    std::vector<Breach*> ofOrder(OrderId id);
    /// Whether every breach that blocks the order is overridden.
    bool blocksCleared(OrderId id) const;

    /// Brings a fund's open post-trade breaches in line with what the rules
    /// find now: a new finding raises a breach (for `cause`), a known one
    /// updates its figures (keeping the cause it was raised for), and one no
    /// longer found is resolved. Returns the breaches that changed.
    std::vector<Breach> reconcile(const std::string& fund, const std::vector<RuleResult>& findings,
                                  const std::function<BreachCause(const RuleResult&)>& causeOf, Timestamp at);

    const std::map<std::int64_t, Breach>& all() const { return breaches_; }

private:
    std::map<std::int64_t, Breach> breaches_;
    std::int64_t lastId_ = 0;
};

}  // namespace ob

#pragma once

// Finding 1 of the book of record: a sell side whose ExecIDs start again from E…00000001 at every start of
// its own, as the desktop's simulated broker once did and real sell sides do, and a desk that restarts with it.

#include "fixdesk.h"

#include <functional>
#include <memory>
#include <string>

namespace ob::test {

/// A desk in a data directory whose fund GROWTH (account GROWTH-PB, USD) opens with 500 TSLA at 240 and
/// 1,000,000 of cash, under one rule: a log-only position limit of 12,392 TSLA. Its broker, a simulator that
/// fills a market order in three parts at its price, numbers its ids the same way at every start ("ER-…"),
/// and keeps its FIX sequence numbers across its restarts in the directory.
class ReusedIdsDesk {
public:
    explicit ReusedIdsDesk(std::string directory);
    ~ReusedIdsDesk();

    /// The desk's instruments, fund, account and exchange rate.
    static ReferenceData reference();

    /// Starts the broker with TSLA at `price`, then opens the desk on it; `beforeStart` sees each new engine first.
    void open(const char* price);
    /// Closes the desk, then stops the broker.
    void close();
    /// A market order of GROWTH-PB in TSLA, once it is filled.
    OrderState trade(Side side, const char* qty);
    /// The ExecIDs of the order's fills, as the desk stored them.
    std::vector<std::string> fillIds(OrderId id);

    std::function<void(OrderEngine&)> beforeStart;
    std::unique_ptr<Simulator> broker;
    std::unique_ptr<FixDesk> desk;

private:
    std::string directory_;
};

}  // namespace ob::test

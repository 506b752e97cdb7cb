#pragma once

#include "engine/orderengine.h"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ob {

/// Collects one batch's changes for the engine: the latest state of each
/// order, each breach once, and the funds whose holdings changed.
class OrderEngine::BatchChanges {
public:
    void order(const OrderState& state) {
        auto [it, inserted] = index_.try_emplace(state.id, changes_.orders.size());
        if (inserted)
            changes_.orders.push_back(state);
        else
            changes_.orders[it->second] = state;
    }
    void execution(ExecutionRecord record) { changes_.executions.push_back(std::move(record)); }
    void alert(EngineAlert alert) { changes_.alerts.push_back(std::move(alert)); }
    void breach(const Breach& breach) {
        auto [it, inserted] = breachIndex_.try_emplace(breach.id, changes_.breaches.size());
        if (inserted)
            changes_.breaches.push_back(breach);
        else
            changes_.breaches[it->second] = breach;
    }
    void list(const OrderList& list) { changes_.lists.push_back(list); }
    void openingPositions(std::vector<OpeningPosition> positions) {
        for (auto& position : positions) changes_.openingPositions.push_back(std::move(position));
    }
    /// What the ledger changed: each position and cash amount once, with its latest value.
    void ledger(const LedgerChanges& changed) {
        for (const auto& position : changed.accountPositions)
            latest(positionIndex_, changes_.positions, position.account + '\x1f' + position.symbol, position);
        for (const auto& position : changed.fundPositions)
            latest(fundPositionIndex_, changes_.fundPositions, position.account + '\x1f' + position.symbol, position);
        for (const auto& cash : changed.cash) latest(cashIndex_, changes_.fundCash, cash.fund + '\x1f' + cash.currency, cash);
    }
    /// A fund whose holdings changed in this batch, and the symbol that traded.
    void touch(const std::string& fund, const std::string& symbol) { traded_[fund].insert(symbol); }
    std::map<std::string, std::set<std::string>> takeTraded() { return std::exchange(traded_, {}); }
    ChangeSet& changeSet() { return changes_; }
    void clear() {
        changes_ = {};
        index_.clear();
        breachIndex_.clear();
        positionIndex_.clear();
        fundPositionIndex_.clear();
        cashIndex_.clear();
    }

private:
    template <typename T>
    static void latest(std::unordered_map<std::string, std::size_t>& index, std::vector<T>& values, std::string key,
                       const T& value) {
        auto [it, inserted] = index.try_emplace(std::move(key), values.size());
        if (inserted)
            values.push_back(value);
        else
            values[it->second] = value;
    }

    ChangeSet changes_;
    std::unordered_map<OrderId, std::size_t> index_;
    std::unordered_map<std::int64_t, std::size_t> breachIndex_;
    std::unordered_map<std::string, std::size_t> positionIndex_;
    std::unordered_map<std::string, std::size_t> fundPositionIndex_;
    std::unordered_map<std::string, std::size_t> cashIndex_;
    std::map<std::string, std::set<std::string>> traded_;
};

}  // namespace ob

#include "portfolio/positionbook.h"

#include <algorithm>

namespace ob {

Price Position::averageCost() const { return quantity.isZero() ? Price{} : cost.dividedBy(quantity); }

void PositionBook::add(Position& position, Qty signedQuantity, Price price) {
    if (signedQuantity.isPositive())
        position.bought += signedQuantity;
    else
        position.sold -= signedQuantity;
    ++position.trades;

    Qty opening = signedQuantity;
    const bool reduces = !position.quantity.isZero() && (position.quantity.isPositive() != signedQuantity.isPositive());
    if (reduces) {
        const bool closesAll = signedQuantity.abs() >= position.quantity.abs();
        const Qty closed = closesAll ? -position.quantity : signedQuantity;  // opposite sign to the position
        const Money costRemoved = closesAll ? position.cost : -(closed * position.averageCost());
        // Proceeds of the closing trade are -closed × price (positive when selling a long).
        position.realised += -(closed * price) - costRemoved;
        position.cost -= costRemoved;
        position.quantity += closed;
        opening = signedQuantity - closed;
    }
    if (!opening.isZero()) {
        position.quantity += opening;
        position.cost += opening * price;
    }
}

const Position* PositionBook::apply(const ExecutionRecord& execution, const std::string& account) {
    switch (execution.execType) {
        case ExecType::Trade: {
            if (!isNewTrade(execution)) return nullptr;
            const auto index = positionOf(account, execution.symbol);
            const Qty signedQuantity = execution.side == Side::Buy ? execution.lastQty : -execution.lastQty;
            trades_[index].push_back({execution.execId, signedQuantity, execution.lastPx, false});
            byExecId_.emplace(execution.execId, index);
            add(positions_[index], signedQuantity, execution.lastPx);
            return &positions_[index];
        }
        case ExecType::TradeCancel:
        case ExecType::TradeCorrect: {
            auto found = byExecId_.find(execution.execRefId);
            if (found == byExecId_.end()) return nullptr;
            auto& trades = trades_[found->second];
            auto trade =
                std::find_if(trades.begin(), trades.end(), [&](const Trade& t) { return t.execId == execution.execRefId; });
            if (trade == trades.end()) return nullptr;
            if (execution.execType == ExecType::TradeCancel) {
                trade->busted = true;
            } else {
                trade->signedQuantity = trade->signedQuantity.isNegative() ? -execution.lastQty : execution.lastQty;
                trade->price = execution.lastPx;
            }
            rebuild(found->second);
            return &positions_[found->second];
        }
        default: return nullptr;
    }
}

std::size_t PositionBook::positionOf(const std::string& account, const std::string& symbol) {
    auto [it, inserted] = byKey_.try_emplace(keyOf(account, symbol), positions_.size());
    if (inserted) {
        positions_.push_back(Position{account, symbol, {}, {}, {}, {}, {}, 0});
        trades_.emplace_back();
    }
    return it->second;
}

const Position* PositionBook::restate(const std::string& account, const std::string& symbol, const std::string& tradeId,
                                      Qty signedQuantity, Price price, bool first) {
    const auto index = positionOf(account, symbol);
    auto& trades = trades_[index];
    const auto trade = std::find_if(trades.begin(), trades.end(), [&](const Trade& t) { return t.execId == tradeId; });
    if (trade == trades.end() && first && !trades.empty()) {
        trades.insert(trades.begin(), {tradeId, signedQuantity, price, false});
        byExecId_.emplace(tradeId, index);
        rebuild(index);
    } else if (trade == trades.end()) {
        trades.push_back({tradeId, signedQuantity, price, false});
        byExecId_.emplace(tradeId, index);
        if (!signedQuantity.isZero()) add(positions_[index], signedQuantity, price);
    } else if (trade->signedQuantity != signedQuantity || trade->price != price) {
        trade->signedQuantity = signedQuantity;
        trade->price = price;
        rebuild(index);
    }
    return &positions_[index];
}

bool PositionBook::isNewTrade(const ExecutionRecord& execution) const {
    return execution.execType == ExecType::Trade && execution.lastQty.isPositive() && !byExecId_.count(execution.execId);
}

void PositionBook::rebuild(std::size_t index) {
    auto& position = positions_[index];
    position = Position{position.account, position.symbol, {}, {}, {}, {}, {}, 0};
    for (const auto& trade : trades_[index])
        if (!trade.busted && !trade.signedQuantity.isZero()) add(position, trade.signedQuantity, trade.price);
}

int PositionBook::indexOf(const std::string& account, const std::string& symbol) const {
    auto found = byKey_.find(keyOf(account, symbol));
    return found == byKey_.end() ? -1 : int(found->second);
}

const Position* PositionBook::find(const std::string& account, const std::string& symbol) const {
    const int index = indexOf(account, symbol);
    return index < 0 ? nullptr : &positions_[std::size_t(index)];
}

}  // namespace ob

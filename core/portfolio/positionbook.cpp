#include "portfolio/positionbook.h"

namespace ob {

Price Position::averageCost() const { return quantity.isZero() ? Price{} : cost.dividedBy(quantity); }

void PositionBook::add(Position& position, Qty signedQuantity, Price price) {
    if (signedQuantity.isZero()) return;
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

Position PositionBook::rebuilt(const Position& position, const std::vector<Trade>& trades) {
    Position result{position.account, position.symbol, {}, {}, {}, {}, {}, 0};
    for (const auto& trade : trades) add(result, trade.signedQuantity, trade.price);
    return result;
}

const std::pair<std::size_t, std::size_t>* PositionBook::locate(const std::string& tradeId) const {
    const auto found = tradeAt_.find(tradeId);
    return found == tradeAt_.end() ? nullptr : &found->second;
}

Position PositionBook::trial(const std::string& account, const std::string& symbol, const std::string& tradeId,
                             Qty signedQuantity, Price price, bool first) const {
    const int index = indexOf(account, symbol);
    Position position = index < 0 ? Position{account, symbol, {}, {}, {}, {}, {}, 0} : positions_[std::size_t(index)];
    const auto* at = locate(tradeId);
    if (!at && (!first || index < 0 || trades_[std::size_t(index)].empty())) {
        add(position, signedQuantity, price);  // the usual case: a new fill adds to what is there
        return position;
    }
    auto trades = index < 0 ? std::vector<Trade>{} : trades_[std::size_t(index)];
    if (at)
        trades[at->second] = {tradeId, signedQuantity, price};
    else
        trades.insert(trades.begin(), {tradeId, signedQuantity, price});
    return rebuilt(position, trades);
}

const Position* PositionBook::restate(const std::string& account, const std::string& symbol, const std::string& tradeId,
                                      Qty signedQuantity, Price price, bool first) {
    const auto index = positionOf(account, symbol);
    auto& trades = trades_[index];
    auto& position = positions_[index];
    if (const auto* at = locate(tradeId)) {
        auto& trade = trades[at->second];
        if (trade.signedQuantity == signedQuantity && trade.price == price) return &position;
        trade.signedQuantity = signedQuantity;
        trade.price = price;
        position = rebuilt(position, trades);
    } else if (first && !trades.empty()) {
        trades.insert(trades.begin(), {tradeId, signedQuantity, price});
        for (std::size_t i = 0; i < trades.size(); ++i) tradeAt_[trades[i].id] = {index, i};
        position = rebuilt(position, trades);
    } else {
        trades.push_back({tradeId, signedQuantity, price});
        tradeAt_.emplace(tradeId, std::pair{index, trades.size() - 1});
        add(position, signedQuantity, price);
    }
    return &position;
}

void PositionBook::replace(const Position& position) { positions_[positionOf(position.account, position.symbol)] = position; }

std::size_t PositionBook::positionOf(const std::string& account, const std::string& symbol) {
    auto [it, inserted] = byKey_.try_emplace(keyOf(account, symbol), positions_.size());
    if (inserted) {
        positions_.push_back(Position{account, symbol, {}, {}, {}, {}, {}, 0});
        trades_.emplace_back();
    }
    return it->second;
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

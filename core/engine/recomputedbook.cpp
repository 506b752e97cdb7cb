#include "engine/recomputedbook.h"

#include "portfolio/blockallocation.h"

#include <charconv>
#include <chrono>
#include <string_view>
#include <unordered_map>

namespace ob {

namespace {

/// One fill of an order as it now stands.
struct Trade {
    Qty quantity;
    Price price;
    bool busted = false;
    bool ofTheDay = false;  ///< it, or a correction or bust of it, came during the trade date or after
};

/// An order's fills, summed as its executions come.
struct Tally {
    std::vector<Trade> trades;
    /// The ExecIDs a correction or bust may name, the trade's own and those of its corrections, with the trade.
    std::vector<std::pair<std::string_view, std::size_t>> names;
    bool tradedToday = false;  ///< some execution that changed its fills came during the trade date or after
};

Timestamp startOfDay(std::string_view tradeDate) {
    int year = 0;
    unsigned month = 0, day = 0;
    if (tradeDate.size() == 8) {
        std::from_chars(tradeDate.data(), tradeDate.data() + 4, year);
        std::from_chars(tradeDate.data() + 4, tradeDate.data() + 6, month);
        std::from_chars(tradeDate.data() + 6, tradeDate.data() + 8, day);
    }
    return Timestamp(std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day)));
}

/// The trade an ExecRefID names: a fill, or a correction of one (the latest first).
Trade* namedTrade(Tally& tally, std::string_view execRefId) {
    for (auto name = tally.names.rbegin(); name != tally.names.rend(); ++name)
        if (name->first == execRefId) return &tally.trades[name->second];
    return nullptr;
}

/// Books trades into positions and cash the way the reference data says: an account's fund, an instrument's currency.
class Booker {
public:
    Booker(RecomputedBook& book, const ReferenceData& reference) : book_(book) {
        for (const auto& account : reference.accounts) fundOf_[account.code] = account.fundCode;
        for (const auto& fund : reference.funds) baseCurrency_[fund.code] = fund.baseCurrency;
        for (const auto& instrument : reference.instruments) currency_[instrument.symbol] = instrument.currency;
    }

    void book(const std::string& account, const std::string& symbol, Qty signedQuantity, Money netCost) {
        add(book_.accountPositions[{account, symbol}], signedQuantity, netCost);
        const auto fund = fundOf_.find(account);
        if (fund == fundOf_.end() || fund->second.empty()) return;
        add(book_.fundPositions[{fund->second, symbol}], signedQuantity, netCost);
        const auto currency = currency_.find(symbol);
        book_.fundCash[{fund->second, currency != currency_.end() ? currency->second : baseCurrencyOf(fund->second)}] -= netCost;
    }

    void open(const OpeningPosition& position) {
        if (position.symbol == OpeningPosition::kCash) {
            book_.fundCash[{position.fund, baseCurrencyOf(position.fund)}] +=
                Money::product(position.quantity, Price::fromInteger(1));
            return;
        }
        add(book_.fundPositions[{position.fund, position.symbol}], position.quantity,
            position.quantity * position.price.value_or(Price{}));
    }

private:
    static void add(RecomputedBook::Holding& holding, Qty signedQuantity, Money netCost) {
        holding.quantity += signedQuantity;
        holding.netCost += netCost;
    }
    std::string baseCurrencyOf(const std::string& fund) const {
        const auto found = baseCurrency_.find(fund);
        return found == baseCurrency_.end() ? std::string() : found->second;
    }

    RecomputedBook& book_;
    std::unordered_map<std::string, std::string> fundOf_;
    std::unordered_map<std::string, std::string> baseCurrency_;
    std::unordered_map<std::string, std::string> currency_;
};

/// Adds one execution to its order's figures; false when it corrects or busts no live trade.
bool addExecution(RecomputedBook::OrderFigures& figures, Tally& tally, const ExecutionRecord& execution, bool ofTheDay) {
    switch (execution.execType) {
        case ExecType::Trade:
            tally.names.emplace_back(execution.execId, tally.trades.size());
            tally.trades.push_back({execution.lastQty, execution.lastPx, false, ofTheDay});
            figures.cumQty += execution.lastQty;
            figures.notional += execution.lastQty * execution.lastPx;
            break;
        case ExecType::TradeCorrect:
        case ExecType::TradeCancel: {
            auto* trade = namedTrade(tally, execution.execRefId);
            if (!trade || trade->busted) return false;
            figures.cumQty -= trade->quantity;
            figures.notional -= trade->quantity * trade->price;
            if (execution.execType == ExecType::TradeCancel) {
                trade->busted = true;
            } else {
                tally.names.emplace_back(execution.execId, std::size_t(trade - tally.trades.data()));
                trade->quantity = execution.lastQty;
                trade->price = execution.lastPx;
                figures.cumQty += trade->quantity;
                figures.notional += trade->quantity * trade->price;
            }
            trade->ofTheDay = trade->ofTheDay || ofTheDay;
            break;
        }
        default: return true;
    }
    tally.tradedToday = tally.tradedToday || ofTheDay;
    return true;
}

/// An order's fills of the day into positions: each trade of one account's order as it stands, a block order's
/// fills as each account's part at the block's average price.
void bookOrder(Booker& booker, const RecomputedBook::OrderFigures& figures, const Tally& tally) {
    const auto& order = figures.row->state;
    const auto signedOf = [&](Qty quantity) { return order.side == Side::Buy ? quantity : -quantity; };
    if (order.allocations.empty()) {
        Qty quantity;
        Money netCost;
        for (const auto& trade : tally.trades) {
            if (!trade.ofTheDay || trade.busted) continue;
            quantity += signedOf(trade.quantity);
            netCost += signedOf(trade.quantity) * trade.price;
        }
        booker.book(order.account, order.symbol, quantity, netCost);
        return;
    }
    const auto parts = splitProRata(order.allocations, figures.cumQty);
    const Price price = figures.avgPx();
    for (std::size_t i = 0; i < parts.size(); ++i)
        booker.book(order.allocations[i].account, order.symbol, signedOf(parts[i]), signedOf(parts[i]) * price);
}

}  // namespace

Price RecomputedBook::OrderFigures::avgPx() const { return cumQty.isZero() ? Price{} : notional.dividedBy(cumQty); }

RecomputedBook recomputeBook(const BookRecord& record) {
    RecomputedBook book;
    book.orders.reserve(record.orders.size());
    std::unordered_map<OrderId, std::size_t> indexOf;
    indexOf.reserve(record.orders.size());
    for (const auto& row : record.orders) {
        indexOf.emplace(row.state.id, book.orders.size());
        book.orders.push_back({&row, {}, {}, std::nullopt});
    }
    std::vector<Tally> tallies(book.orders.size());
    const Timestamp dayStart = startOfDay(record.tradeDate);
    for (const auto& execution : record.executions) {
        const auto index = indexOf.find(execution.orderId);
        if (index == indexOf.end()) {
            book.unplaced.push_back(
                {execution.orderId, nullptr, "execution " + execution.execId + " is of an order the store does not hold"});
            continue;
        }
        auto& figures = book.orders[index->second];
        if (!addExecution(figures, tallies[index->second], execution, execution.receivedAt >= dayStart))
            book.unplaced.push_back({execution.orderId, figures.row,
                                     "execution " + execution.execId + " (" + std::string(nameOf(execution.execType)) +
                                         ") refers to " + execution.execRefId + ", which is no live trade of the order"});
        if (!figures.firstMisrecorded && (execution.cumQty != figures.cumQty || execution.avgPx != figures.avgPx()))
            figures.firstMisrecorded = {execution.execId, execution.cumQty, execution.avgPx, figures.cumQty, figures.avgPx()};
    }
    Booker booker(book, record.reference);
    for (std::size_t i = 0; i < book.orders.size(); ++i)
        if (tallies[i].tradedToday) bookOrder(booker, book.orders[i], tallies[i]);
    for (const auto& position : record.openingPositions) booker.open(position);
    return book;
}

}  // namespace ob

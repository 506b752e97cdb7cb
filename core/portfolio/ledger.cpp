#include "portfolio/ledger.h"

#include "domain/limits.h"
#include "portfolio/blockallocation.h"

namespace ob {

namespace {

Status checkPosition(const Position& position, const char* whose) {
    const std::string what = std::string(whose) + " " + position.account + "'s position in " + position.symbol;
    if (auto checked = limits::checkPosition(position.quantity, what); !checked) return checked;
    if (auto checked = limits::checkAmount(position.cost, what + ": its cost"); !checked) return checked;
    return limits::checkAmount(position.realised, what + ": its realised P&L");
}

}  // namespace

std::string tradeIdOf(OrderId order, const std::string& execId) { return std::to_string(order) + '\x1f' + execId; }

void Ledger::setReference(const ReferenceData& reference) {
    funds_.setFunds(reference.funds);
    funds_.setAccounts(reference.accounts);
    for (const auto& instrument : reference.instruments) currencies_[instrument.symbol] = instrument.currency;
}

std::string Ledger::currencyOf(const std::string& symbol, const std::string& account) const {
    if (const auto found = currencies_.find(symbol); found != currencies_.end()) return found->second;
    const auto* fund = funds_.find(fundOf(account));
    return fund ? fund->baseCurrency : std::string();
}

Status Ledger::checkOpening(const std::vector<OpeningPosition>& positions) {
    for (const auto& position : positions) {
        const std::string what = "fund " + position.fund + "'s opening " + position.symbol;
        if (position.symbol == OpeningPosition::kCash) {
            if (auto checked = limits::checkAmount(Money::product(position.quantity, Price::fromInteger(1)), what); !checked)
                return checked;
            continue;
        }
        if (auto checked = limits::checkPosition(position.quantity, what); !checked) return checked;
        if (position.price)
            if (auto checked = limits::checkPrice(*position.price, what + ": its price"); !checked) return checked;
    }
    return {};
}

LedgerChanges Ledger::setOpening(const std::vector<OpeningPosition>& positions) {
    funds_.setOpening(positions);
    LedgerChanges changes;
    std::unordered_map<std::string, bool> named;
    for (const auto& position : positions) named[position.fund] = true;
    for (const auto& [fund, yes] : named) {
        for (const auto* position : funds_.positionsOf(fund)) changes.fundPositions.push_back(*position);
        if (const auto* held = funds_.find(fund))
            for (const auto& [currency, amount] : held->cash) changes.cash.push_back({fund, currency, amount});
    }
    return changes;
}

Result<Ledger::Booking> Ledger::plan(const OrderState& order, ExecType type, const ExecutionEntry* trade) const {
    Booking booking;
    if (!changesFills(type)) return booking;
    const auto signedOf = [&](Qty quantity) { return order.side == Side::Buy ? quantity : -quantity; };
    if (order.isBlock()) {
        for (const auto& fill : allocatedFills(order))
            if (!fill.quantity.isZero() || accounts_.hasTrade(fill.tradeId))  // an account's part not yet filled is no trade
                booking.accounts.push_back({fill.account, order.symbol, fill.tradeId, fill.signedQuantity, fill.price});
    } else if (trade) {
        booking.accounts.push_back({order.account, order.symbol, tradeIdOf(order.id, trade->execId),
                                    signedOf(trade->busted ? Qty{} : trade->quantity), trade->price});
    }
    for (const auto& move : booking.accounts) {
        const auto after = accounts_.trial(move.account, move.symbol, move.tradeId, move.signedQuantity, move.price);
        if (auto checked = checkPosition(after, "account"); !checked) return Error{checked.error()};
        const auto& fund = fundOf(move.account);
        if (fund.empty()) continue;
        for (const auto& other : booking.funds)
            if (other.fund == fund) return Error{"two accounts of the order book to fund " + fund};
        auto fundMove = funds_.plan(fund, move.symbol, currencyOf(move.symbol, move.account), move.tradeId,
                                    move.signedQuantity, move.price);
        if (auto checked = checkPosition(fundMove.after, "fund"); !checked) return Error{checked.error()};
        if (auto checked = limits::checkAmount(fundMove.cashAfter, "fund " + fund + "'s " + fundMove.currency + " cash");
            !checked)
            return Error{checked.error()};
        booking.funds.push_back(std::move(fundMove));
    }
    return booking;
}

LedgerChanges Ledger::commit(const Booking& booking) {
    LedgerChanges changes;
    for (const auto& move : booking.accounts)
        changes.accountPositions.push_back(
            *accounts_.restate(move.account, move.symbol, move.tradeId, move.signedQuantity, move.price));
    for (const auto& move : booking.funds) {
        funds_.commit(move);
        changes.fundPositions.push_back(move.after);
        changes.cash.push_back({move.fund, move.currency, move.cashAfter});
    }
    return changes;
}

}  // namespace ob

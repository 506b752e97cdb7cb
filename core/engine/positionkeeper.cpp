#include "engine/positionkeeper.h"

#include "engine/changeset.h"
#include "engine/commands.h"
#include "engine/compliancegate.h"
#include "engine/effects.h"
#include "orders/orderstatemachine.h"
#include "portfolio/blockallocation.h"

#include <map>
#include <set>

namespace ob {

Status PositionKeeper::restore(const ActiveBook& active, const ComplianceData& data) {
    if (auto checked = Ledger::checkOpening(data.openingPositions); !checked)
        return Error{"the opening positions are beyond the desk's limits: " + checked.error()};
    ledger_.setOpening(data.openingPositions);
    openingPositions_ = data.openingPositions;
    // Today's fills are on top of the opening positions, which hold those of earlier days. Each trade is booked
    // once, in the order it first came, at what it stands at now (after corrections and busts): the same book the
    // fills made as they arrived.
    for (const auto& execution : active.executions) {
        if (!changesFills(execution.execType) || tradeDateOf(execution.receivedAt) != context_.tradeDate) continue;
        const auto* order = context_.book.find(execution.orderId);
        if (!order) continue;
        ExecutionReport trade;
        trade.execType = execution.execType;
        trade.execId = execution.execId;
        trade.execRefId = execution.execRefId;
        auto booking = ledger_.plan(order->state, execution.execType, order_state_machine::tradeOf(*order, trade));
        if (!booking) return Error{"order " + std::to_string(order->state.id) + ": " + booking.error()};
        ledger_.commit(*booking);
    }
    return {};
}

void PositionKeeper::book(const Ledger::Booking& booking, const ExecutionRecord& execution, Effects& effects) {
    if (booking.empty()) return;
    struct Before {
        Qty held;
        std::uint64_t version = 0;
    };
    std::vector<Before> before;
    for (const auto& move : booking.funds) {
        const auto* fund = ledger_.funds().find(move.fund);
        before.push_back({ledger_.funds().quantity(move.fund, move.symbol), fund ? fund->version : 0});
    }
    effects.ledger(ledger_.commit(booking));
    for (std::size_t i = 0; i < booking.funds.size(); ++i) {
        const auto& move = booking.funds[i];
        effects.touch(move.fund, move.symbol);
        gate_.carryFill(move.fund, execution, before[i].held, before[i].version);
    }
}

void PositionKeeper::handle(command::SetOpeningPositions& command, Effects& effects) {
    if (!command.actor.may(Permission::ManagePortfolios) && command.actor.role != Role::Administrator) {
        command.done.set_value(Error{refusal(command.actor, "import opening positions")});
        return;
    }
    if (auto failed = context_.storeFailure(); !failed) {
        command.done.set_value(failed);
        return;
    }
    std::map<std::string, std::set<std::string>> funds;
    for (const auto& position : command.positions) {
        funds[position.fund];
        // A holding's P&L runs from the price it opened at: without one it would seem to have cost nothing.
        if (position.symbol != OpeningPosition::kCash && !position.price) {
            command.done.set_value(Error{position.symbol + " (fund " + position.fund + ") has no opening price"});
            return;
        }
    }
    if (funds.empty()) {
        command.done.set_value(Error{"no positions to import"});
        return;
    }
    if (auto checked = Ledger::checkOpening(command.positions); !checked) {
        command.done.set_value(Error{checked.error()});
        return;
    }
    std::string names;
    for (const auto& [fund, none] : funds) names += (names.empty() ? "" : ", ") + fund;
    // The positions and their audit record are written together.
    effects.openingPositions(command.positions);
    effects.audit(command.actor, "positions.import", names,
                  std::to_string(command.positions.size()) + " positions from " + command.source);
    effects.commit();
    // Each fund named keeps only its new rows.
    std::erase_if(openingPositions_, [&](const OpeningPosition& old) { return funds.count(old.fund) > 0; });
    openingPositions_.insert(openingPositions_.end(), command.positions.begin(), command.positions.end());
    effects.ledger(ledger_.setOpening(command.positions));
    if (gate_.running()) gate_.checkFunds(funds, effects);
    command.done.set_value(Status{});
}

void PositionKeeper::handle(command::SaveModel& command, Effects& effects) {
    if (auto allowed = context_.mayChange(command.actor, Permission::ManagePortfolios, "save model portfolios"); !allowed) {
        command.done.set_value(allowed);
        return;
    }
    if (auto valid = validateModel(command.model); !valid) {
        command.done.set_value(valid);
        return;
    }
    if (auto known = checkModelSymbols(command.model, context_.reference->instruments); !known) {
        command.done.set_value(known);
        return;
    }
    const auto details =
        std::to_string(command.model.weights.size()) + " weights" + (command.source.empty() ? "" : " from " + command.source);
    effects.audit(command.actor, "model.save", "model " + command.model.name, details);
    effects.model(std::move(command.model));
    effects.commit();
    command.done.set_value(Status{});
}

void PositionKeeper::fill(BookSnapshot& snapshot) const {
    snapshot.openingPositions = openingPositions_;
    snapshot.positions = ledger_.accountPositions().positions();
    snapshot.fundPositions = ledger_.funds().positions();
    for (const auto& [fund, held] : ledger_.funds().funds())
        for (const auto& [currency, amount] : held.cash) snapshot.fundCash.push_back({fund, currency, amount});
}

}  // namespace ob

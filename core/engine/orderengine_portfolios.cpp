// The order engine's portfolio work: staged lists (a portfolio manager's
// approved orders wait on the desk, unsent, until a trader releases them to a
// broker) and the funds' opening positions.
#include "orderengine.h"

#include "engine/batchchanges.h"
#include "orders/orderstatemachine.h"
#include "util/text.h"

namespace ob {

std::future<Result<OrderList>> OrderEngine::stageList(OrderList list, std::vector<NewOrderRequest> orders, Actor actor) {
    StageList command{std::move(list), std::move(orders), std::move(actor), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<std::vector<Result<OrderState>>> OrderEngine::release(std::vector<OrderId> ids, std::string session, Actor actor,
                                                                  std::string warningReason) {
    Release command{std::move(ids), std::move(session), std::move(actor), std::move(warningReason), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Status> OrderEngine::setOpeningPositions(std::vector<OpeningPosition> positions, Actor actor, std::string source) {
    SetOpeningPositions command{std::move(positions), std::move(actor), std::move(source), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::handle(SetOpeningPositions& command, BatchChanges& changes) {
    if (!command.actor.may(Permission::ManagePortfolios) && command.actor.role != Role::Administrator) {
        command.done.set_value(Error{refusal(command.actor, "import opening positions")});
        return;
    }
    if (auto failed = storeFailure(); !failed) {
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
    StoreUnit unit;
    unit.openingPositions = command.positions;
    unit.audit.push_back(audit(command.actor, "positions.import", names,
                               std::to_string(command.positions.size()) + " positions from " + command.source));
    lastSubmitted_ = store_.submit(std::move(unit));
    // Each fund named keeps only its new rows.
    std::erase_if(openingPositions_, [&](const OpeningPosition& old) { return funds.count(old.fund) > 0; });
    openingPositions_.insert(openingPositions_.end(), command.positions.begin(), command.positions.end());
    changes.ledger(ledger_.setOpening(command.positions));
    if (compliance_) checkFunds(funds, changes);
    changes.openingPositions(std::move(command.positions));
    command.done.set_value(Status{});
}

void OrderEngine::handle(StageList& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(Error{failed.error()});
        return;
    }
    if (!command.actor.may(Permission::ManagePortfolios)) {
        command.done.set_value(Error{refusal(command.actor, "hand orders to the traders as a staged list")});
        return;
    }
    if (command.orders.empty()) {
        command.done.set_value(Error{"a staged list needs at least one order"});
        return;
    }
    if (isBlank(command.list.name)) {
        command.done.set_value(Error{"a staged list needs a name"});
        return;
    }
    const auto now = options_.clock();
    OrderList list = std::move(command.list);
    list.id = lastListId_ + 1;
    list.createdBy = command.actor.user;
    list.createdAt = now;
    // Every order is validated before any is created: the list arrives whole or not at all.
    for (std::size_t i = 0; i < command.orders.size(); ++i) {
        auto& request = command.orders[i];
        request.owner = command.actor.user;
        request.listId = list.id;
        request.staged = true;
        request.session.clear();  // the trader chooses the broker when releasing
        auto valid = order_state_machine::create(0, request, "unsent", now);
        const auto funds = valid ? blockFunds(request) : Status{};
        if (!valid || !funds) {
            command.done.set_value(Error{"order " + std::to_string(i + 1) + " of the list (" + request.symbol +
                                         "): " + (valid ? funds.error() : valid.error())});
            return;
        }
    }
    std::vector<const Order*> created;
    for (const auto& request : command.orders) {
        auto order = book_.create(lastOrderId_ + 1, request, clOrdIds_.next(), now);
        if (!order) {  // only a clash of ids, which a restored book rules out
            command.done.set_value(Error{order.error()});
            return;
        }
        ++lastOrderId_;
        created.push_back(*order);
    }
    lastListId_ = list.id;
    lists_.emplace(list.id, list);
    changes.list(list);
    StoreUnit first;
    first.list = list;
    first.audit.push_back(audit(command.actor, "list.stage", "list " + std::to_string(list.id),
                                list.name + " for " + list.fund + ": " + std::to_string(created.size()) + " orders"));
    for (std::size_t i = 0; i < created.size(); ++i) {
        StoreUnit unit = i == 0 ? std::move(first) : StoreUnit{};
        unit.clOrdIdRun = clOrdIds_.run();
        persist(*created[i], OrderEventKind::Staged, "in list " + std::to_string(list.id) + " by " + command.actor.user,
                std::move(unit), changes);
    }
    command.done.set_value(list);
}

void OrderEngine::handle(Release& command, BatchChanges& changes) {
    std::vector<Result<OrderState>> results;
    results.reserve(command.ids.size());
    const auto refuse = [&](std::string why) { results.emplace_back(Error{std::move(why)}); };
    for (const auto id : command.ids) {
        const std::string subject = "order " + std::to_string(id);
        if (auto failed = storeFailure(); !failed) {
            refuse(failed.error());
            continue;
        }
        if (!command.actor.may(Permission::ReleaseLists)) {
            refuse(refusal(command.actor, "release staged orders"));
            continue;
        }
        const auto* order = book_.find(id);
        if (!order || !order->state.staged) {
            refuse(subject + (order ? " is not staged: it was released or cancelled" : " does not exist"));
            continue;
        }
        CheckResult check;
        if (compliance_) {
            // The trader who releases the order answers for it: trader rules count it against them.
            auto request = requestOf(order->state);
            request.session = command.session;
            request.owner = command.actor.user;
            check = preTrade(request, command.actor, 0);
            if (check.verdict == Verdict::Warn && isBlank(command.warningReason)) {
                refuse(subject + ": compliance warning; give a reason to send it anyway: " + check.summary());
                continue;
            }
        }
        const auto released = book_.releaseStaged(id, command.session, command.actor.user, options_.clock());
        if (!released.outcome.isApplied()) {
            refuse(subject + ": " + released.outcome.detail);
            continue;
        }
        // The release is on the record whatever compliance then says: sent, or held.
        StoreUnit unit;
        unit.audit.push_back(audit(command.actor, "order.release.list", subject,
                                   "from list " + std::to_string(released.order->state.listId) + " to " + command.session));
        const auto* sent = sendOrHold(id, check, command.actor, command.warningReason, "order.submit",
                                      OrderEventKind::ReleasedFromList, changes, std::move(unit));
        results.emplace_back(sent->state);
    }
    command.done.set_value(std::move(results));
}

}  // namespace ob

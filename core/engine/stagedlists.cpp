#include "engine/stagedlists.h"

#include "engine/changeset.h"
#include "engine/commands.h"
#include "engine/compliancegate.h"
#include "engine/effects.h"
#include "engine/orderentry.h"
#include "orders/orderstatemachine.h"
#include "util/text.h"

namespace ob {

void StagedLists::restore(std::vector<OrderList> lists, std::int64_t maxListId) {
    for (auto& list : lists) lists_.emplace(list.id, std::move(list));
    lastListId_ = maxListId;
}

void StagedLists::handle(command::StageList& command, Effects& effects) {
    if (auto allowed =
            context_.mayChange(command.actor, Permission::ManagePortfolios, "hand orders to the traders as a staged list");
        !allowed) {
        command.done.set_value(Error{allowed.error()});
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
    const auto now = context_.now();
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
        Status usable = valid ? gate_.blockFunds(request) : Status{Error{valid.error()}};
        if (usable) usable = context_.takesNewOrders(request);
        if (!usable) {
            command.done.set_value(
                Error{"order " + std::to_string(i + 1) + " of the list (" + request.symbol + "): " + usable.error()});
            return;
        }
    }
    std::vector<const Order*> created;
    for (const auto& request : command.orders) {
        auto order = context_.book.create(context_.lastOrderId + 1, request, context_.clOrdIds.next(), now);
        if (!order) {  // only a clash of ids, which a restored book rules out
            command.done.set_value(Error{order.error()});
            return;
        }
        ++context_.lastOrderId;
        created.push_back(*order);
    }
    lastListId_ = list.id;
    lists_.emplace(list.id, list);
    // The list is written with its first order, before it.
    effects.list(list);
    effects.audit(command.actor, "list.stage", "list " + std::to_string(list.id),
                  list.name + " for " + list.fund + ": " + std::to_string(created.size()) + " orders");
    for (const auto* order : created) {
        effects.clOrdIdRun(context_.clOrdIds.run());
        effects.persist(*order, OrderEventKind::Staged, "in list " + std::to_string(list.id) + " by " + command.actor.user);
    }
    command.done.set_value(list);
}

void StagedLists::handle(command::Release& command, Effects& effects) {
    std::vector<Result<OrderState>> results;
    results.reserve(command.ids.size());
    const auto refuse = [&](std::string why) { results.emplace_back(Error{std::move(why)}); };
    for (const auto id : command.ids) {
        const std::string subject = "order " + std::to_string(id);
        if (auto allowed = context_.mayChange(command.actor, Permission::ReleaseLists, "release staged orders"); !allowed) {
            refuse(allowed.error());
            continue;
        }
        const auto* order = context_.book.find(id);
        if (!order || !order->state.staged) {
            refuse(subject + (order ? " is not staged: it was released or cancelled" : " does not exist"));
            continue;
        }
        if (auto takes = context_.takesNewOrders(ComplianceGate::requestOf(order->state)); !takes) {
            refuse(subject + ": " + takes.error());
            continue;
        }
        CheckResult check;
        if (gate_.running()) {
            // The trader who releases the order answers for it: trader rules count it against them.
            auto request = ComplianceGate::requestOf(order->state);
            request.session = command.session;
            request.owner = command.actor.user;
            check = gate_.preTrade(request, command.actor, 0);
            if (check.verdict == Verdict::Warn && isBlank(command.warningReason)) {
                refuse(subject + ": compliance warning; give a reason to send it anyway: " + check.summary());
                continue;
            }
        }
        const auto released = context_.book.releaseStaged(id, command.session, command.actor.user, context_.now());
        if (!released.outcome.isApplied()) {
            refuse(subject + ": " + released.outcome.detail);
            continue;
        }
        // The release is on the record whatever compliance then says: sent, or held.
        effects.audit(command.actor, "order.release.list", subject,
                      "from list " + std::to_string(released.order->state.listId) + " to " + command.session);
        const auto* sent = entry_.sendOrHold(id, check, command.actor, command.warningReason, "order.submit",
                                             OrderEventKind::ReleasedFromList, effects);
        results.emplace_back(sent->state);
    }
    command.done.set_value(std::move(results));
}

void StagedLists::fill(BookSnapshot& snapshot) const {
    for (const auto& [id, list] : lists_) snapshot.lists.push_back(list);
}

}  // namespace ob

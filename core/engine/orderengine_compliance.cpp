// The order engine's compliance: pre-trade checks live in the order
// handlers (orderengine.cpp); breaches, decisions, rules and post-trade
// checks are here.
#include "orderengine.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "engine/batchchanges.h"
#include "portfolio/blockallocation.h"
#include "util/text.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

namespace ob {

namespace {

std::string describeRule(const Rule& r) {
    std::string text = std::string(aliasOf(r.kind)) + ", " + std::string(aliasOf(r.severity)) + ", " +
                       std::string(aliasOf(r.mode)) + ", scope " + std::string(aliasOf(r.scope)) +
                       (r.scopeValue.empty() ? "" : " " + r.scopeValue);
    if (r.limit) text += ", limit " + r.limit->toString();
    if (r.warnAt) text += ", warn at " + r.warnAt->toString();
    if (specOf(r.kind).readsEntries)
        text += ", " + std::string(aliasOf(r.restriction)) + " " + std::to_string(r.symbols.size()) + " symbols " +
                std::to_string(r.issuers.size()) + " issuers";
    if (r.windowSeconds) text += ", window " + std::to_string(r.windowSeconds) + " s";
    if (!r.target.empty()) text += ", target " + r.target;
    return text;
}

std::string describeLocates(const std::vector<Locate>& locates) {
    if (locates.empty()) return "none";
    std::string text;
    for (const auto& locate : locates)
        text += (text.empty() ? "" : "; ") + locate.fund + " " + locate.symbol + " " + locate.quantity.toString();
    return text;
}

}  // namespace

AuditRecord OrderEngine::audit(const Actor& actor, std::string action, std::string subject, std::string details) const {
    return {0, options_.clock(), actor.user, actor.role, std::move(action), std::move(subject), std::move(details)};
}

Status OrderEngine::restoreCompliance(const ActiveBook& active, ComplianceData data) {
    compliance_->followBook(ledger_.funds());
    compliance_->setRules(std::move(data.rules));
    breaches_.restore(std::move(data.breaches), data.lastBreachId);
    const std::string& today = tradeDate_;
    // Today's orders count again toward duplicates and each trader's notional, in the order they came.
    std::vector<const OrderState*> todays;
    for (const auto& row : active.orders)
        if (tradeDateOf(row.state.createdAt) == today && !row.state.isUnsent()) todays.push_back(&row.state);
    std::sort(todays.begin(), todays.end(), [](const OrderState* a, const OrderState* b) { return a->createdAt < b->createdAt; });
    for (const auto* state : todays) compliance_->recordAccepted(proposalOf(*state));
    for (const auto& row : active.orders) followOpenBuy(row.state);
    spdlog::info("compliance: {} rules, {} locates, {} breaches open or from today", compliance_->rules().rules.size(),
                 compliance_->rules().locates.size(), breaches_.all().size());
    return {};
}

NewOrderRequest OrderEngine::requestOf(const OrderState& order) {
    return {order.session, order.account, order.symbol, order.side, order.terms, order.owner, order.allocations};
}

ProposedOrder OrderEngine::proposalOf(const OrderState& order) {
    ProposedOrder proposal;
    proposal.id = order.id;
    proposal.account = order.account;
    proposal.trader = order.owner;
    proposal.symbol = order.symbol;
    proposal.side = order.side;
    proposal.quantity = order.terms.quantity;
    proposal.type = order.terms.type;
    proposal.limitPrice = order.terms.limitPrice;
    proposal.at = order.createdAt;
    return proposal;
}

void OrderEngine::followOpenBuy(const OrderState& order) {
    if (!compliance_ || order.side != Side::Buy) return;
    // A staged buy takes cash once a trader releases it.
    const bool open = !order.isDone() && !order.staged;
    const Qty leaves = open ? order.leavesQty() : Qty{};
    if (order.isBlock()) {
        // Each fund answers for its part of what is left to buy.
        const auto parts = splitProRata(order.allocations, leaves);
        std::vector<Allocation> byAccount;
        for (std::size_t i = 0; i < parts.size(); ++i) byAccount.push_back({order.allocations[i].account, parts[i]});
        compliance_->trackOpenBuy(order.id, byAccount, order.terms.limitPrice, order.symbol);
        return;
    }
    compliance_->trackOpenBuy(order.id, order.account, leaves, order.terms.limitPrice, order.symbol);
}

ProposedOrder OrderEngine::proposalOf(const NewOrderRequest& request, const Actor& actor, OrderId amending) const {
    ProposedOrder proposal;
    proposal.id = amending;
    proposal.account = request.account;
    proposal.trader = request.owner.empty() ? actor.user : request.owner;
    proposal.symbol = request.symbol;
    proposal.side = request.side;
    proposal.quantity = request.terms.quantity;
    proposal.type = request.terms.type;
    proposal.limitPrice = request.terms.limitPrice;
    proposal.at = options_.clock();
    if (const auto* order = amending ? book_.find(amending) : nullptr) {
        proposal.filled = order->state.cumQty;
        proposal.replaces = order->state.terms.quantity;
        proposal.trader = order->state.owner;
    }
    return proposal;
}

Status OrderEngine::blockFunds(const NewOrderRequest& request) const {
    if (!compliance_) return {};
    std::map<std::string, std::string> accountOfFund;
    for (const auto& allocation : request.allocations) {
        const auto& fund = compliance_->fundOf(allocation.account);
        if (fund.empty()) continue;
        const auto [known, added] = accountOfFund.emplace(fund, allocation.account);
        if (!added)
            return Error{"accounts " + known->second + " and " + allocation.account + " both book to fund " + fund +
                         ": a block order allocates to each fund once"};
    }
    return {};
}

CheckResult OrderEngine::preTrade(const NewOrderRequest& request, const Actor& actor, OrderId amending) const {
    if (request.allocations.empty()) return compliance_->preTrade(proposalOf(request, actor, amending));
    // Each fund answers for its own part; an amend keeps the parts' proportions, so each part was
    // its share of the old quantity and has filled its share of what the block filled.
    CheckResult merged;
    const auto parts = splitProRata(request.allocations, request.terms.quantity);
    const auto* amended = amending ? book_.find(amending) : nullptr;
    const auto before = amended ? splitProRata(request.allocations, amended->state.terms.quantity) : std::vector<Qty>{};
    const auto filled = amended ? splitProRata(request.allocations, amended->state.cumQty) : std::vector<Qty>{};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto part = proposalOf(request, actor, amending);
        part.account = request.allocations[i].account;
        part.quantity = parts[i];
        if (amended) {
            part.replaces = before[i];
            part.filled = filled[i];
        }
        auto check = compliance_->preTrade(part);
        for (auto& finding : check.findings) {
            finding.account = part.account;
            finding.message = part.account + ": " + finding.message;
            merged.findings.push_back(std::move(finding));
        }
        merged.verdict = std::max(merged.verdict, check.verdict);
    }
    return merged;
}

void OrderEngine::raiseBreaches(const CheckResult& check, const OrderState& order, BreachState blockState, const Actor& decidedBy,
                                const std::string& reason, StoreUnit& unit, BatchChanges& changes) {
    const auto now = options_.clock();
    for (const auto& finding : check.findings) {
        Breach breach;
        breach.stage = BreachStage::PreTrade;
        breach.severity = finding.verdict == Verdict::Block ? Severity::Block : Severity::Warning;
        breach.finding = finding;
        breach.orderId = order.id;
        breach.account = finding.account.empty() ? order.account : finding.account;
        breach.fund = compliance_->fundOf(breach.account);
        breach.trader = order.owner;
        breach.symbol = order.symbol;
        breach.raisedAt = now;
        breach.updatedAt = now;
        if (blockState == BreachState::Rejected) {
            breach.state = BreachState::Rejected;
        } else if (finding.verdict == Verdict::Warn && !finding.logOnly && !isBlank(reason)) {
            breach.state = BreachState::Acknowledged;  // by the trader who sent the order anyway, with their reason
        }
        if (breach.state != BreachState::Open) {
            breach.decidedBy = decidedBy.user;
            breach.reason = reason;
        }
        const auto& raised = breaches_.raise(std::move(breach));
        unit.breaches.push_back(raised);
        changes.breach(raised);
    }
}

Outcome OrderEngine::cancelUnsent(const Order& order, const Actor& actor, BatchChanges& changes) {
    const std::string where = order.state.held ? "held by compliance" : "staged";
    return closeUnsent(order, actor,
                       {OrderPhase::Canceled, OrderEventKind::CanceledUnsent, "cancelled by " + actor.user + " while " + where,
                        "the order was cancelled before compliance decided; it was never sent", "order.cancel",
                        "cancelled while " + where + "; never sent"},
                       changes);
}

void OrderEngine::expireStaleHeldOrders(BatchChanges& changes) {
    const Timestamp now = options_.clock();
    std::vector<const Order*> stale;
    book_.forEach([&](const Order& order) {
        const auto& state = order.state;
        if (!state.held) return;
        const auto tif = state.terms.timeInForce;
        const bool dayEnded =
            tif != TimeInForce::GoodTillCancel && tif != TimeInForce::GoodTillDate && tradeDateOf(state.createdAt) < tradeDate_;
        const bool dateReached = tif == TimeInForce::GoodTillDate && state.terms.expireTime && *state.terms.expireTime <= now;
        if (dayEnded || dateReached) stale.push_back(&order);
    });
    for (const auto* order : stale) {
        const std::string tif(nameOf(order->state.terms.timeInForce));
        (void)closeUnsent(*order, Actor::system(),
                          {OrderPhase::Expired, OrderEventKind::ExpiredUnsent,
                           "expired while held by compliance: its time in force (" + tif + ") ended",
                           "the order expired before compliance decided; it was never sent", "order.expire",
                           "expired while held by compliance (" + tif + "); never sent"},
                          changes);
    }
    if (!stale.empty()) spdlog::info("expired {} held orders whose time in force had ended", stale.size());
}

Outcome OrderEngine::closeUnsent(const Order& order, const Actor& actor, UnsentClosing closing, BatchChanges& changes) {
    const OrderId id = order.state.id;
    const auto applied = book_.closeUnsent(id, closing.phase, std::move(closing.text), options_.clock());
    if (!applied.outcome.isApplied()) return applied.outcome;
    StoreUnit unit;
    for (auto* breach : breaches_.ofOrder(id)) {
        if (breach->isClosed()) continue;
        breach->state = BreachState::Rejected;
        breach->decidedBy = actor.user;
        breach->reason = closing.breachReason;
        breach->updatedAt = options_.clock();
        unit.breaches.push_back(*breach);
        changes.breach(*breach);
    }
    unit.audit.push_back(
        audit(actor, std::move(closing.auditAction), "order " + std::to_string(id), std::move(closing.auditDetails)));
    persist(*applied.order, closing.event, applied.order->state.text, std::move(unit), changes);
    return applied.outcome;
}

void OrderEngine::checkAfterBatch(BatchChanges& changes) { checkFunds(changes.takeTraded(), changes); }

void OrderEngine::checkFunds(const std::map<std::string, std::set<std::string>>& traded, BatchChanges& changes) {
    StoreUnit unit;
    for (const auto& [fund, symbols] : traded) {
        // What the trades touched: their symbols, issuers, sectors and countries, and the fund-wide figures.
        std::set<std::string> touched;
        for (const auto& symbol : symbols) {
            const auto* instrument = compliance_->instrument(symbol);
            touched.insert({symbol, issuerOf(instrument, symbol)});
            if (instrument) touched.insert({instrument->sector, instrument->country});
        }
        const auto causeOf = [&](const RuleResult& finding) {
            const auto fundWide = specOf(finding.kind).fundWide;
            return !symbols.empty() && ((fundWide && fundWide(finding)) || touched.count(finding.subject)) ? BreachCause::Active
                                                                                                           : BreachCause::Passive;
        };
        for (auto& breach : breaches_.reconcile(fund, compliance_->postTrade(fund), causeOf, options_.clock())) {
            changes.breach(breach);
            unit.breaches.push_back(std::move(breach));
        }
    }
    if (!unit.breaches.empty()) lastSubmitted_ = store_.submit(std::move(unit));
}

std::map<std::string, std::set<std::string>> OrderEngine::everyFund() const {
    std::map<std::string, std::set<std::string>> funds;
    for (const auto& [fund, holdings] : compliance_->holdings().funds()) funds[fund];
    return funds;
}

std::future<OrderEngine::WhatIf> OrderEngine::whatIf(NewOrderRequest request, Actor actor, OrderId amending) {
    CheckWhatIf command{std::move(request), std::move(actor), amending, {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Status> OrderEngine::decideBreach(std::int64_t breachId, BreachDecision decision, Actor actor, std::string reason) {
    DecideBreach command{breachId, decision, std::move(actor), std::move(reason), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

std::future<Status> OrderEngine::setRules(RuleBook rules, Actor actor, std::string how, std::optional<RuleBook> basedOn) {
    SetRules command{std::move(rules), std::move(actor), std::move(how), std::move(basedOn), {}};
    auto future = command.done.get_future();
    enqueue(std::move(command));
    return future;
}

void OrderEngine::recheckHoldings() { enqueue(RecheckHoldings{}); }

void OrderEngine::handle(CheckWhatIf& command, BatchChanges&) {
    WhatIf result;
    if (compliance_) {
        result.check = preTrade(command.request, command.actor, command.amending);
        result.headroom = compliance_->headroom(proposalOf(command.request, command.actor, command.amending));
    }
    command.done.set_value(std::move(result));
}

void OrderEngine::handle(DecideBreach& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(failed);
        return;
    }
    auto* breach = breaches_.find(command.breachId);
    if (!breach) {
        command.done.set_value(Error{"no breach " + std::to_string(command.breachId)});
        return;
    }
    if (auto allowed = mayDecide(*breach, command.decision, command.actor, command.reason); !allowed) {
        command.done.set_value(allowed);
        return;
    }
    const OrderId orderId = breach->orderId;
    const auto* order = orderId ? book_.find(orderId) : nullptr;
    if (command.decision != BreachDecision::Acknowledge && !(order && order->state.held)) {
        // Only a held order can be released or refused.
        command.done.set_value(
            Error{"order " + std::to_string(orderId) + " is no longer held: it was sent, cancelled or rejected"});
        return;
    }
    const auto now = options_.clock();
    breach->state = stateAfter(command.decision);
    breach->decidedBy = command.actor.user;
    breach->reason = command.reason;
    breach->updatedAt = now;
    StoreUnit unit;
    unit.breaches.push_back(*breach);
    changes.breach(*breach);
    const std::string subject = "breach " + std::to_string(breach->id) + (orderId ? " of order " + std::to_string(orderId) : "");
    unit.audit.push_back(audit(command.actor, "breach." + std::string(aliasOf(command.decision)), subject,
                               breach->finding.message + (command.reason.empty() ? "" : "; reason: " + command.reason)));

    if (order && order->state.held && command.decision == BreachDecision::Reject) {
        for (auto* other : breaches_.ofOrder(orderId)) {
            if (other->isClosed()) continue;
            other->state = BreachState::Rejected;
            other->decidedBy = command.actor.user;
            other->reason = "rejected with breach " + std::to_string(command.breachId) + ": " + command.reason;
            other->updatedAt = now;
            unit.breaches.push_back(*other);
            changes.breach(*other);
        }
        const auto applied = book_.closeUnsent(orderId, OrderPhase::Rejected,
                                               "rejected by compliance (" + command.actor.user + "): " + command.reason, now);
        persist(*applied.order, OrderEventKind::RejectedByCompliance, applied.order->state.text, std::move(unit), changes);
    } else if (order && order->state.held && command.decision == BreachDecision::Override && breaches_.blocksCleared(orderId)) {
        const auto* released = book_.markCompliance(orderId, ComplianceMark::Overridden, false, now);
        auto accepted = proposalOf(released->state);
        accepted.at = now;
        compliance_->recordAccepted(accepted);
        unit.audit.push_back(
            audit(command.actor, "order.release", "order " + std::to_string(orderId), "sent after the override"));
        persistAndRoute(*released, OrderEventKind::Released,
                        {RequestKind::New, released->state, released->state.clOrdId, {}, released->state.terms}, changes,
                        std::move(unit));
    } else {
        lastSubmitted_ = store_.submit(std::move(unit));
    }
    command.done.set_value(Status{});
}

void OrderEngine::handle(SetRules& command, BatchChanges& changes) {
    if (auto failed = storeFailure(); !failed) {
        command.done.set_value(failed);
        return;
    }
    if (!compliance_) {
        command.done.set_value(Error{"compliance is not running on this desk"});
        return;
    }
    if (!command.actor.may(Permission::EditRules)) {
        command.done.set_value(Error{refusal(command.actor, "change compliance rules")});
        return;
    }
    if (command.basedOn && normalised(std::move(*command.basedOn)) != compliance_->rules()) {
        command.done.set_value(Error{"the rules changed since they were opened (another user, or an import): open them again"});
        return;
    }
    auto& rules = command.rules.rules;
    std::int64_t lastId = 0;
    for (const auto& rule : compliance_->rules().rules) lastId = std::max(lastId, rule.id);
    for (const auto& rule : rules) lastId = std::max(lastId, rule.id);
    std::set<std::int64_t> ids;
    std::set<std::string> names;
    for (auto& rule : rules) {
        if (rule.id <= 0) rule.id = ++lastId;
        if (auto valid = rule.validate(); !valid) {
            command.done.set_value(valid);
            return;
        }
        if (!ids.insert(rule.id).second || !names.insert(rule.name).second) {
            command.done.set_value(
                Error{"two rules share the id " + std::to_string(rule.id) + " or the name '" + rule.name + "'"});
            return;
        }
    }
    for (const auto& locate : command.rules.locates)
        if (locate.fund.empty() || locate.symbol.empty() || locate.quantity.isNegative()) {
            command.done.set_value(Error{"a locate needs a fund, a symbol and a quantity of 0 or more"});
            return;
        }

    command.rules = normalised(std::move(command.rules));

    // One audit record per rule added, changed or removed, with the old and new values.
    StoreUnit unit;
    std::map<std::int64_t, const Rule*> before;
    for (const auto& rule : compliance_->rules().rules) before.emplace(rule.id, &rule);
    for (const auto& rule : rules) {
        const std::string subject = "rule " + std::to_string(rule.id) + " (" + rule.name + ")";
        const auto old = before.find(rule.id);
        if (old == before.end()) {
            unit.audit.push_back(audit(command.actor, "rule.add", subject, command.how + ": " + describeRule(rule)));
            continue;
        }
        if (*old->second != rule)
            unit.audit.push_back(audit(command.actor, "rule.change", subject,
                                       command.how + ": " + describeRule(*old->second) + " → " + describeRule(rule)));
        before.erase(old);
    }
    for (const auto& [id, rule] : before)
        unit.audit.push_back(audit(command.actor, "rule.remove", "rule " + std::to_string(id) + " (" + rule->name + ")",
                                   command.how + ": " + describeRule(*rule)));
    if (command.rules.locates != compliance_->rules().locates)
        unit.audit.push_back(audit(
            command.actor, "locates.change", "locates",
            command.how + ": " + describeLocates(compliance_->rules().locates) + " → " + describeLocates(command.rules.locates)));
    if (unit.audit.empty()) unit.audit.push_back(audit(command.actor, "rules.unchanged", "rules", command.how));
    // Post-trade breaches of rules that no longer run are closed, saying so.
    std::set<std::int64_t> running;
    for (const auto& rule : rules)
        if (rule.mode != RuleMode::Disabled) running.insert(rule.id);
    for (const auto& [id, known] : breaches_.all()) {
        if (known.stage != BreachStage::PostTrade || known.isClosed() || running.count(known.finding.ruleId)) continue;
        auto* closing = breaches_.find(id);
        closing->state = BreachState::Resolved;
        closing->decidedBy = command.actor.user;
        closing->reason = "the rule was removed or disabled";
        closing->updatedAt = options_.clock();
        unit.breaches.push_back(*closing);
        changes.breach(*closing);
    }
    unit.rules = command.rules;
    lastSubmitted_ = store_.submit(std::move(unit));
    compliance_->setRules(std::move(command.rules));
    checkFunds(everyFund(), changes);
    command.done.set_value(Status{});
}

void OrderEngine::handle(RecheckHoldings&, BatchChanges& changes) {
    if (compliance_ && halted_.empty()) checkFunds(everyFund(), changes);
}

}  // namespace ob

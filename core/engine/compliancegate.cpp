#include "engine/compliancegate.h"

#include "compliance/rulebookchange.h"
#include "compliance/rulebooknames.h"
#include "compliance/rulekinds/rulekindspec.h"
#include "engine/commands.h"
#include "engine/effects.h"
#include "portfolio/blockallocation.h"
#include "util/text.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace ob {

void ComplianceGate::restore(const ActiveBook& active, ComplianceData data, const FundHoldings& holdings) {
    compliance_->followBook(holdings);
    compliance_->setRules(std::move(data.rules));
    breaches_.restore(std::move(data.breaches), data.lastBreachId);
    const std::string& today = context_.tradeDate;
    // Today's orders count again toward duplicates and each trader's notional, in the order they came.
    std::vector<const OrderState*> todays;
    for (const auto& row : active.orders)
        if (tradeDateOf(row.state.createdAt) == today && !row.state.isUnsent()) todays.push_back(&row.state);
    std::sort(todays.begin(), todays.end(), [](const OrderState* a, const OrderState* b) { return a->createdAt < b->createdAt; });
    for (const auto* state : todays) compliance_->recordAccepted(proposalOf(*state));
    for (const auto& row : active.orders) followOpenBuy(row.state);
    spdlog::info("compliance: {} rules, {} locates, {} breaches open or from today", compliance_->rules().rules.size(),
                 compliance_->rules().locates.size(), breaches_.all().size());
}

NewOrderRequest ComplianceGate::requestOf(const OrderState& order) {
    return {order.session, order.account, order.symbol, order.side, order.terms, order.owner, order.allocations};
}

ProposedOrder ComplianceGate::proposalOf(const OrderState& order) {
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

void ComplianceGate::accepted(const OrderState& order, Timestamp at) {
    if (!compliance_) return;
    auto proposal = proposalOf(order);
    proposal.at = at;  // when it went, which for a staged or held order is not when it was created
    compliance_->recordAccepted(proposal);
}

void ComplianceGate::acceptedAmend(const NewOrderRequest& request, const Actor& actor, OrderId amending) {
    if (compliance_) compliance_->recordAccepted(proposalOf(request, actor, amending));
}

void ComplianceGate::carryFill(const std::string& fund, const ExecutionRecord& execution, Qty heldBefore,
                               std::uint64_t versionBefore) {
    if (compliance_) compliance_->carryFill(fund, execution, heldBefore, versionBefore);
}

void ComplianceGate::followOpenBuy(const OrderState& order) {
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

ProposedOrder ComplianceGate::proposalOf(const NewOrderRequest& request, const Actor& actor, OrderId amending) const {
    ProposedOrder proposal;
    proposal.id = amending;
    proposal.account = request.account;
    proposal.trader = request.owner.empty() ? actor.user : request.owner;
    proposal.symbol = request.symbol;
    proposal.side = request.side;
    proposal.quantity = request.terms.quantity;
    proposal.type = request.terms.type;
    proposal.limitPrice = request.terms.limitPrice;
    proposal.at = context_.now();
    if (const auto* order = amending ? context_.book.find(amending) : nullptr) {
        proposal.filled = order->state.cumQty;
        proposal.replaces = order->state.terms.quantity;
        proposal.trader = order->state.owner;
    }
    return proposal;
}

Status ComplianceGate::blockFunds(const NewOrderRequest& request) const {
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

CheckResult ComplianceGate::preTrade(const NewOrderRequest& request, const Actor& actor, OrderId amending) const {
    if (!compliance_) return {};
    if (request.allocations.empty()) return compliance_->preTrade(proposalOf(request, actor, amending));
    // Each fund answers for its own part; an amend keeps the parts' proportions, so each part was
    // its share of the old quantity and has filled its share of what the block filled.
    CheckResult merged;
    const auto parts = splitProRata(request.allocations, request.terms.quantity);
    const auto* amended = amending ? context_.book.find(amending) : nullptr;
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

void ComplianceGate::raiseBreaches(const CheckResult& check, const OrderState& order, BreachState blockState,
                                   const Actor& decidedBy, const std::string& reason, Effects& effects) {
    const auto now = context_.now();
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
        effects.breach(breaches_.raise(std::move(breach)));
    }
}

void ComplianceGate::rejectBreachesOf(OrderId id, const Actor& actor, const std::string& reason, Effects& effects) {
    for (auto* breach : breaches_.ofOrder(id)) {
        if (breach->isClosed()) continue;
        breach->state = BreachState::Rejected;
        breach->decidedBy = actor.user;
        breach->reason = reason;
        breach->updatedAt = context_.now();
        effects.breach(*breach);
    }
}

void ComplianceGate::checkAfterBatch(Effects& effects) {
    if (compliance_) checkFunds(effects.takeTraded(), effects);
}

void ComplianceGate::checkFunds(const std::map<std::string, std::set<std::string>>& traded, Effects& effects) {
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
        for (const auto& breach : breaches_.reconcile(fund, compliance_->postTrade(fund), causeOf, context_.now()))
            effects.breach(breach);
    }
    effects.commit();
}

std::map<std::string, std::set<std::string>> ComplianceGate::everyFund() const {
    std::map<std::string, std::set<std::string>> funds;
    for (const auto& [fund, holdings] : compliance_->holdings().funds()) funds[fund];
    return funds;
}

void ComplianceGate::handle(command::CheckWhatIf& command) {
    OrderEngine::WhatIf result;
    if (compliance_) {
        result.check = preTrade(command.request, command.actor, command.amending);
        result.headroom = compliance_->headroom(proposalOf(command.request, command.actor, command.amending));
    }
    command.done.set_value(std::move(result));
}

void ComplianceGate::handle(command::DecideBreach& command, Effects& effects) {
    if (auto failed = context_.storeFailure(); !failed) {
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
    auto& book = context_.book;
    const OrderId orderId = breach->orderId;
    const auto* order = orderId ? book.find(orderId) : nullptr;
    if (command.decision != BreachDecision::Acknowledge && !(order && order->state.held)) {
        // Only a held order can be released or refused.
        command.done.set_value(
            Error{"order " + std::to_string(orderId) + " is no longer held: it was sent, cancelled or rejected"});
        return;
    }
    const auto now = context_.now();
    breach->state = stateAfter(command.decision);
    breach->decidedBy = command.actor.user;
    breach->reason = command.reason;
    breach->updatedAt = now;
    effects.breach(*breach);
    const std::string subject = "breach " + std::to_string(breach->id) + (orderId ? " of order " + std::to_string(orderId) : "");
    effects.audit(command.actor, "breach." + std::string(aliasOf(command.decision)), subject,
                  breach->finding.message + (command.reason.empty() ? "" : "; reason: " + command.reason));

    if (order && order->state.held && command.decision == BreachDecision::Reject) {
        for (auto* other : breaches_.ofOrder(orderId)) {
            if (other->isClosed()) continue;
            other->state = BreachState::Rejected;
            other->decidedBy = command.actor.user;
            other->reason = "rejected with breach " + std::to_string(command.breachId) + ": " + command.reason;
            other->updatedAt = now;
            effects.breach(*other);
        }
        const auto applied = book.closeUnsent(orderId, OrderPhase::Rejected,
                                              "rejected by compliance (" + command.actor.user + "): " + command.reason, now);
        effects.persist(*applied.order, OrderEventKind::RejectedByCompliance, applied.order->state.text);
    } else if (order && order->state.held && command.decision == BreachDecision::Override && breaches_.blocksCleared(orderId)) {
        const auto* released = book.markCompliance(orderId, ComplianceMark::Overridden, false, now);
        accepted(released->state, now);
        effects.audit(command.actor, "order.release", "order " + std::to_string(orderId), "sent after the override");
        effects.persistAndRoute(*released, OrderEventKind::Released,
                                {RequestKind::New, released->state, released->state.clOrdId, {}, released->state.terms},
                                context_.clOrdIds.run());
    } else {
        effects.commit();
    }
    command.done.set_value(Status{});
}

Result<RuleBook> ComplianceGate::rules() const {
    if (!compliance_) return Error{"compliance is not running on this desk"};
    return compliance_->rules();
}

void ComplianceGate::handle(command::SetRules& command, Effects& effects) {
    if (auto failed = context_.storeFailure(); !failed) {
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
    auto prepared = prepareRuleBook(std::move(command.rules), compliance_->rules());
    if (!prepared) {
        command.done.set_value(Error{prepared.error()});
        return;
    }
    if (auto known = checkRuleBookNames(*prepared, *context_.reference); !known) {
        command.done.set_value(known);
        return;
    }
    for (auto& change : ruleChanges(compliance_->rules(), *prepared, command.how))
        effects.audit(command.actor, std::move(change.action), std::move(change.subject), std::move(change.details));
    // Post-trade breaches of rules that no longer run are closed, saying so.
    std::set<std::int64_t> running;
    for (const auto& rule : prepared->rules)
        if (rule.mode != RuleMode::Disabled) running.insert(rule.id);
    for (const auto& [id, known] : breaches_.all()) {
        if (known.stage != BreachStage::PostTrade || known.isClosed() || running.count(known.finding.ruleId)) continue;
        auto* closing = breaches_.find(id);
        closing->state = BreachState::Resolved;
        closing->decidedBy = command.actor.user;
        closing->reason = "the rule was removed or disabled";
        closing->updatedAt = context_.now();
        effects.breach(*closing);
    }
    effects.rules(*prepared);
    effects.commit();
    compliance_->setRules(std::move(*prepared));
    checkFunds(everyFund(), effects);
    command.done.set_value(Status{});
}

void ComplianceGate::setReference(const ReferenceData& reference, Effects& effects) {
    if (!compliance_) return;
    compliance_->setReference(reference);
    recheckHoldings(effects);
}

void ComplianceGate::recheckHoldings(Effects& effects) {
    if (compliance_ && context_.halted.empty()) checkFunds(everyFund(), effects);
}

}  // namespace ob

#include "breach.h"

#include "util/text.h"

namespace ob {

std::string CheckResult::summary() const {
    std::string text;
    for (const auto& finding : findings) {
        if (!text.empty()) text += "; ";
        text += finding.message;
    }
    return text;
}

Status mayDecide(const Breach& breach, BreachDecision decision, const Actor& actor, const std::string& reason) {
    const std::string what = "breach " + std::to_string(breach.id);
    if (!actor.may(Permission::DecideBreaches))
        return Error{refusal(actor, std::string(aliasOf(decision)) + " a compliance breach; only a compliance officer may")};
    if (breach.isClosed()) return Error{what + " is already " + std::string(aliasOf(breach.state))};
    if (decision == BreachDecision::Acknowledge && breach.state == BreachState::Acknowledged)
        return Error{what + " is already acknowledged"};
    if (!breach.trader.empty() && breach.trader == actor.user && decision != BreachDecision::Acknowledge)
        return Error{actor.user + " owns the order of " + what + " and may not decide it; another compliance officer must"};
    if (decision != BreachDecision::Acknowledge && isBlank(reason))
        return Error{"to " + std::string(aliasOf(decision)) + " " + what + " give a reason"};
    if (decision != BreachDecision::Acknowledge && breach.stage == BreachStage::PostTrade)
        return Error{what + " is post-trade: there is no order to release or reject; acknowledge it, and it resolves when cured"};
    if (decision != BreachDecision::Acknowledge && breach.finding.verdict != Verdict::Block)
        return Error{what + " is a warning, which holds no order; acknowledge it"};
    if (decision != BreachDecision::Acknowledge && breach.finding.logOnly)
        return Error{what + " is log-only and holds no order; acknowledge it"};
    return {};
}

BreachState stateAfter(BreachDecision decision) {
    switch (decision) {
        case BreachDecision::Acknowledge: return BreachState::Acknowledged;
        case BreachDecision::Override: return BreachState::Overridden;
        case BreachDecision::Reject: return BreachState::Rejected;
    }
    return BreachState::Open;
}

}  // namespace ob

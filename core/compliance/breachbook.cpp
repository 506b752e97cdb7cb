#include "compliance/breachbook.h"

#include <set>

namespace ob {

void BreachBook::restore(std::vector<Breach> breaches, std::int64_t lastId) {
    breaches_.clear();
    for (auto& breach : breaches) {
        const auto id = breach.id;
        breaches_.emplace(id, std::move(breach));
    }
    lastId_ = lastId;
}

const Breach& BreachBook::raise(Breach breach) {
    breach.id = ++lastId_;
    return breaches_.emplace(breach.id, std::move(breach)).first->second;
}

Breach* BreachBook::find(std::int64_t id) {
    const auto it = breaches_.find(id);
    return it == breaches_.end() ? nullptr : &it->second;
}

std::vector<Breach*> BreachBook::ofOrder(OrderId id) {
    std::vector<Breach*> result;
    if (id == 0) return result;
    for (auto& [breachId, breach] : breaches_)
        if (breach.orderId == id && breach.stage == BreachStage::PreTrade) result.push_back(&breach);
    return result;
}

bool BreachBook::blocksCleared(OrderId id) const {
    for (const auto& [breachId, breach] : breaches_)
        if (breach.orderId == id && breach.stage == BreachStage::PreTrade && breach.finding.verdict == Verdict::Block &&
            !breach.finding.logOnly && breach.state != BreachState::Overridden)
            return false;
    return true;
}

std::vector<Breach> BreachBook::reconcile(const std::string& fund, const std::vector<RuleResult>& findings,
                                          const std::function<BreachCause(const RuleResult&)>& causeOf, Timestamp at) {
    using Key = std::pair<std::int64_t, std::string>;
    std::map<Key, Breach*> open;
    for (auto& [id, breach] : breaches_)
        if (breach.stage == BreachStage::PostTrade && !breach.isClosed() && breach.fund == fund)
            open.emplace(Key{breach.finding.ruleId, breach.finding.subject}, &breach);

    std::vector<Breach> changed;
    std::set<Key> found;
    for (const auto& finding : findings) {
        found.emplace(finding.ruleId, finding.subject);
        const auto known = open.find({finding.ruleId, finding.subject});
        if (known != open.end()) {
            Breach* existing = known->second;
            if (existing->finding.after == finding.after && existing->finding.verdict == finding.verdict) continue;
            const auto keptCause = existing->finding.cause;
            existing->finding = finding;
            existing->finding.cause = keptCause;
            existing->severity = finding.verdict == Verdict::Block ? Severity::Block : Severity::Warning;
            existing->updatedAt = at;
            changed.push_back(*existing);
            continue;
        }
        Breach breach;
        breach.stage = BreachStage::PostTrade;
        breach.severity = finding.verdict == Verdict::Block ? Severity::Block : Severity::Warning;
        breach.finding = finding;
        breach.finding.cause = causeOf(finding);
        breach.fund = fund;
        breach.symbol = finding.subject;
        breach.raisedAt = at;
        breach.updatedAt = at;
        changed.push_back(raise(std::move(breach)));
    }
    for (auto& [key, breach] : open) {
        if (found.count(key)) continue;
        breach->state = BreachState::Resolved;
        breach->decidedBy = "system";
        breach->reason = "cured: the figure is back within the limit";
        breach->updatedAt = at;
        changed.push_back(*breach);
    }
    return changed;
}

}  // namespace ob

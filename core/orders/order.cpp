#include "order.h"

#include <algorithm>

namespace ob {

OrdStatus OrderState::status() const {
    if (pending) return pending->kind == RequestKind::Cancel ? OrdStatus::PendingCancel : OrdStatus::PendingReplace;
    return statusWithoutRequest();
}

OrdStatus OrderState::statusWithoutRequest() const {
    if (phase == OrderPhase::DoneForDay) return OrdStatus::DoneForDay;
    if (isFilled()) return OrdStatus::Filled;
    if (stopped) return OrdStatus::Stopped;
    if (suspended) return OrdStatus::Suspended;
    if (phase == OrderPhase::Canceled) return OrdStatus::Canceled;
    if (phase == OrderPhase::Expired) return OrdStatus::Expired;
    if (cumQty.isPositive()) return OrdStatus::PartiallyFilled;
    switch (phase) {
        case OrderPhase::PendingNew: return OrdStatus::PendingNew;
        case OrderPhase::Rejected: return OrdStatus::Rejected;
        default: return OrdStatus::New;
    }
}

bool OrderState::isLive() const { return (phase == OrderPhase::PendingNew || phase == OrderPhase::Working) && !isFilled(); }

Qty OrderState::leavesQty() const {
    // A multi-day order that is done for the day keeps its leaves for the next day (Appendix D, H.1.a).
    const bool keepsLeaves = isLive() || (phase == OrderPhase::DoneForDay && isMultiDay());
    if (!keepsLeaves || cumQty >= terms.quantity) return Qty{};
    return terms.quantity - cumQty;
}

Price OrderState::avgPx() const { return cumQty.isZero() ? Price{} : notional.dividedBy(cumQty); }

const ClOrdIdLink* Order::findLink(std::string_view clOrdId) const {
    auto it = std::find_if(chain.begin(), chain.end(), [&](const ClOrdIdLink& link) { return link.clOrdId == clOrdId; });
    return it == chain.end() ? nullptr : &*it;
}

ClOrdIdLink* Order::findLink(std::string_view clOrdId) {
    return const_cast<ClOrdIdLink*>(std::as_const(*this).findLink(clOrdId));
}

std::uint64_t hashExecId(std::string_view execId) { return std::hash<std::string_view>{}(execId); }

void Order::addExecution(ExecutionEntry&& entry) {
    executionHashes.push_back(hashExecId(entry.execId));
    executions.push_back(std::move(entry));
}

const ExecutionEntry* Order::findExecution(std::string_view execId) const {
    const auto hash = hashExecId(execId);
    for (std::size_t i = 0; i < executionHashes.size(); ++i)
        if (executionHashes[i] == hash && executions[i].execId == execId) return &executions[i];
    return nullptr;
}

std::optional<OrdStatus> Order::statusOf(std::string_view clOrdId) const {
    const auto* link = findLink(clOrdId);
    if (!link) return std::nullopt;
    if (link->clOrdId == state.clOrdId) return state.status();
    switch (link->state) {
        case RequestState::Pending:
            return link->kind == RequestKind::Cancel ? OrdStatus::PendingCancel : OrdStatus::PendingReplace;
        case RequestState::Rejected: return OrdStatus::Rejected;
        case RequestState::Accepted:
            // An accepted cancel is the order's end; an accepted New or Replace that is no longer in force was replaced.
            return link->kind == RequestKind::Cancel ? OrdStatus::Canceled : OrdStatus::Replaced;
    }
    return std::nullopt;
}

}  // namespace ob

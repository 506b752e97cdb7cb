#pragma once

#include "auth/access.h"
#include "compliance/rule.h"
#include "orders/order.h"

#include <string>
#include <vector>

namespace ob {

/// What one rule found about one order or one holding.
enum class Verdict : std::uint8_t { Pass, Warn, Block };

template <>
struct EnumTable<Verdict> {
    static constexpr std::array<EnumEntry<Verdict>, 3> entries{{
        {Verdict::Pass, '\0', "Pass", "pass"},
        {Verdict::Warn, '\0', "Warn", "warn"},
        {Verdict::Block, '\0', "Block", "block"},
    }};
};

/// Why a limit is exceeded (the distinction the 1940 Act §5(c) draws).
enum class BreachCause : std::uint8_t {
    Active,    ///< the trade takes the figure over the limit
    Worsened,  ///< the figure was over the limit and the trade takes it further
    Passive,   ///< prices moved; no trade of ours did it
};

template <>
struct EnumTable<BreachCause> {
    static constexpr std::array<EnumEntry<BreachCause>, 3> entries{{
        {BreachCause::Active, '\0', "Active", "active"},
        {BreachCause::Worsened, '\0', "Worsened", "worsened"},
        {BreachCause::Passive, '\0', "Passive", "passive"},
    }};
};

/// One rule's finding, explained: the figure before and after the trade
/// against the limit.
struct RuleResult {
    std::int64_t ruleId = 0;
    std::string ruleName;
    RuleKind kind = RuleKind::MaxOrderQuantity;
    Verdict verdict = Verdict::Pass;
    bool logOnly = false;  ///< recorded, never stops the order
    BreachCause cause = BreachCause::Active;
    std::string subject;  ///< what the figure is about: the issuer, sector, country or symbol
    std::optional<Money> limit;
    Money before;
    Money after;
    std::string message;  ///< the whole finding in one sentence
    std::string account;  ///< for a block order, the account whose part it concerns

    friend bool operator==(const RuleResult&, const RuleResult&) = default;
};

/// The outcome of checking one order against every rule that applies.
struct CheckResult {
    std::vector<RuleResult> findings;  ///< the breaches and warnings only; passing rules leave nothing
    Verdict verdict = Verdict::Pass;   ///< the strongest finding that is not log-only

    /// "Max order notional: 1,250,000 > 1,000,000; ..." for a blotter column or an error.
    std::string summary() const;
};

/// For a rule that bounds the quantity: the largest quantity that still passes it.
struct Headroom {
    std::int64_t ruleId = 0;
    std::string ruleName;
    Qty quantity;

    friend bool operator==(const Headroom&, const Headroom&) = default;
};

/// Where a breach is in its workflow.
enum class BreachState : std::uint8_t {
    Open,          ///< raised; a block holds its order
    Acknowledged,  ///< seen: a warning the trader accepted with a reason, or a breach compliance is looking at
    Overridden,    ///< allowed by a compliance officer, with a reason; a held order is released
    Rejected,      ///< refused: the held order is rejected, never sent
    Resolved,      ///< a post-trade breach that is cured
};

template <>
struct EnumTable<BreachState> {
    static constexpr std::array<EnumEntry<BreachState>, 5> entries{{
        {BreachState::Open, '\0', "Open", "open"},
        {BreachState::Acknowledged, '\0', "Acknowledged", "acknowledged"},
        {BreachState::Overridden, '\0', "Overridden", "overridden"},
        {BreachState::Rejected, '\0', "Rejected", "rejected"},
        {BreachState::Resolved, '\0', "Resolved", "resolved"},
    }};
};

enum class BreachStage : std::uint8_t { PreTrade, PostTrade };

template <>
struct EnumTable<BreachStage> {
    static constexpr std::array<EnumEntry<BreachStage>, 2> entries{{
        {BreachStage::PreTrade, '\0', "PreTrade", "pre_trade"},
        {BreachStage::PostTrade, '\0', "PostTrade", "post_trade"},
    }};
};

/// A warning or block on the record, worked by compliance.
struct Breach {
    std::int64_t id = 0;
    BreachStage stage = BreachStage::PreTrade;
    BreachState state = BreachState::Open;
    Severity severity = Severity::Block;
    RuleResult finding;
    OrderId orderId = 0;  ///< 0 for a post-trade breach of a holding
    std::string fund;
    std::string account;
    std::string trader;  ///< the order's owner
    std::string symbol;
    Timestamp raisedAt;
    Timestamp updatedAt;
    std::string decidedBy;  ///< who acknowledged, overrode or rejected it
    std::string reason;     ///< the reason they gave

    bool isClosed() const {
        return state == BreachState::Overridden || state == BreachState::Rejected || state == BreachState::Resolved;
    }

    friend bool operator==(const Breach&, const Breach&) = default;
};

/// What a person does with a breach.
enum class BreachDecision : std::uint8_t { Acknowledge, Override, Reject };

template <>
struct EnumTable<BreachDecision> {
    static constexpr std::array<EnumEntry<BreachDecision>, 3> entries{{
        {BreachDecision::Acknowledge, '\0', "Acknowledge", "acknowledge"},
        {BreachDecision::Override, '\0', "Override", "override"},
        {BreachDecision::Reject, '\0', "Reject", "reject"},
    }};
};

/// Whether `actor` may take `decision` on `breach`: only a compliance
/// officer decides; never on an order of their own; only with a reason for
/// an override or a rejection; never on a closed breach.
Status mayDecide(const Breach& breach, BreachDecision decision, const Actor& actor, const std::string& reason);

/// The state a decision leads to.
BreachState stateAfter(BreachDecision decision);

}  // namespace ob

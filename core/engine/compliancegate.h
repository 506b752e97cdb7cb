#pragma once

#include "auth/access.h"
#include "compliance/breachbook.h"
#include "compliance/complianceengine.h"
#include "engine/enginecontext.h"

#include <map>
#include <set>
#include <string>

namespace ob {

class Effects;
namespace command {
struct CheckWhatIf;
struct DecideBreach;
struct SetRules;
}  // namespace command

/// Compliance on the engine's thread: the pre-trade check every new order, amend and release passes, the
/// breaches it raises and the decisions on them, the rule set, and the post-trade check of the funds a batch's
/// fills touched. Without a ComplianceEngine every check passes and no breach is raised.
class ComplianceGate {
public:
    ComplianceGate(EngineContext& context, ComplianceEngine* compliance) : context_(context), compliance_(compliance) {}

    bool running() const { return compliance_ != nullptr; }
    /// Rules and breaches from the store; today's orders count again toward duplicates and notional.
    void restore(const ActiveBook& active, ComplianceData data, const FundHoldings& holdings);

    /// A block order names each fund once: compliance checks each fund's part on its own.
    Status blockFunds(const NewOrderRequest& request) const;
    /// The pre-trade check of an order or amend; a block order is checked in each account for its part.
    CheckResult preTrade(const NewOrderRequest& request, const Actor& actor, OrderId amending) const;
    /// Records each finding as a breach of the order, in the state given.
    void raiseBreaches(const CheckResult& check, const OrderState& order, BreachState state, const Actor& decidedBy,
                       const std::string& reason, Effects& effects);
    /// Closes the order's open breaches as rejected: it will never be sent.
    void rejectBreachesOf(OrderId id, const Actor& actor, const std::string& reason, Effects& effects);
    /// The order went to the sell side at `at`: it counts toward duplicates and the trader's notional.
    void accepted(const OrderState& order, Timestamp at);
    /// The amend of order `amending` to `request` went.
    void acceptedAmend(const NewOrderRequest& request, const Actor& actor, OrderId amending);
    /// Keeps compliance's open buys (the cash they will take) in step with a changed order, at once.
    void followOpenBuy(const OrderState& order);
    /// A fill changed a fund's holdings of one instrument: compliance carries it into its cached figures.
    void carryFill(const std::string& fund, const ExecutionRecord& execution, Qty heldBefore, std::uint64_t versionBefore);

    void handle(command::CheckWhatIf& command);
    void handle(command::DecideBreach& command, Effects& effects);
    void handle(command::SetRules& command, Effects& effects);
    /// The desk's reference data changed: compliance reads it from now on, and checks every fund again (an FX
    /// rate may have moved a fund's figures).
    void setReference(const ReferenceData& reference, Effects& effects);
    /// Checks every fund again, after prices moved.
    void recheckHoldings(Effects& effects);
    /// After a batch: the funds the fills touched are checked; a finding about what was traded is active, any
    /// other passive.
    void checkAfterBatch(Effects& effects);
    /// `traded` holds, per fund, the symbols that traded; none for a check after prices or positions changed.
    void checkFunds(const std::map<std::string, std::set<std::string>>& traded, Effects& effects);

    const BreachBook& breaches() const { return breaches_; }
    /// The rule set in force; an error when compliance is not running on this desk.
    Result<RuleBook> rules() const;
    /// The order's terms as a request again, to check an amend or a release as a new order would be.
    static NewOrderRequest requestOf(const OrderState& order);

private:
    ProposedOrder proposalOf(const NewOrderRequest& request, const Actor& actor, OrderId amending) const;
    static ProposedOrder proposalOf(const OrderState& order);
    /// Every fund, with no symbol traded: a check after prices or rules changed.
    std::map<std::string, std::set<std::string>> everyFund() const;

    EngineContext& context_;
    ComplianceEngine* compliance_ = nullptr;  ///< from start() on, only the engine's thread touches it
    BreachBook breaches_;
};

}  // namespace ob

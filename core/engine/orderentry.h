#pragma once

#include "auth/access.h"
#include "compliance/breach.h"
#include "engine/enginecontext.h"

#include <functional>
#include <string>

namespace ob {

class ComplianceGate;
class Effects;
namespace command {
struct Submit;
struct Cancel;
struct Replace;
}  // namespace command

/// A trader's orders: new ones, cancels and amends, each past the compliance gate, and the orders that were never
/// sent (held by compliance, or staged) closed here when cancelled or when their time ran out.
class OrderEntry {
public:
    OrderEntry(EngineContext& context, ComplianceGate& gate) : context_(context), gate_(gate) {}

    void handle(command::Submit& command, Effects& effects);
    void handle(command::Cancel& command, Effects& effects);
    void handle(command::Replace& command, Effects& effects);

    /// Sends a new order (created, not yet sent) after its pre-trade `check`, or holds it when the check blocks
    /// it; records the findings, the audit record `action` and the order in the unit being built, which ends here.
    const Order* sendOrHold(OrderId id, const CheckResult& check, const Actor& actor, const std::string& warningReason,
                            const std::string& action, OrderEventKind sentEvent, Effects& effects);
    /// Given the order a request changed, before it is recorded; returns the order to record.
    using OnRequested = std::function<const Order&(const Order&)>;
    /// Asks the sell side to cancel or replace the order: recorded, and routed once committed.
    Outcome request(OrderId id, RequestKind kind, const OrderTerms& terms, Effects& effects, const OnRequested& onRequested = {});
    /// Expires the orders still held whose time in force ended before this trading day: a day order held
    /// yesterday must not reach the market today when someone overrides its block.
    void expireStaleHeldOrders(Effects& effects);

private:
    struct UnsentClosing {
        OrderPhase phase;
        OrderEventKind event;
        std::string text;          ///< the order's Text
        std::string breachReason;  ///< why its open breaches close
        std::string auditAction;
        std::string auditDetails;
    };
    /// Cancels an order held by compliance or staged: it was never sent.
    Outcome cancelUnsent(const Order& order, const Actor& actor, Effects& effects);
    Outcome closeUnsent(const Order& order, const Actor& actor, UnsentClosing closing, Effects& effects);

    EngineContext& context_;
    ComplianceGate& gate_;
};

}  // namespace ob

#pragma once

#include "auth/access.h"

#include "orders/inbound.h"
#include "orders/orderevents.h"

#include <string>

namespace ob::test {

/// Builds an ExecutionReport, as if it came in on test::kSession now, in one readable expression:
///   report("X", ExecType::Trade).fill("100", "10.5").execId("E1")
class ReportBuilder {
public:
    ReportBuilder(std::string clOrdId, ExecType type);

    ReportBuilder& session(std::string value) {
        report_.envelope.session = std::move(value);
        return *this;
    }
    ReportBuilder& execId(std::string value) {
        report_.event.execId = std::move(value);
        return *this;
    }
    ReportBuilder& orig(std::string value) {
        report_.event.origClOrdId = std::move(value);
        return *this;
    }
    ReportBuilder& orderId(std::string value) {
        report_.event.brokerOrderId = std::move(value);
        return *this;
    }
    ReportBuilder& ref(std::string value) {
        report_.event.execRefId = std::move(value);
        return *this;
    }
    ReportBuilder& fill(std::string_view qty, std::string_view px);
    ReportBuilder& orderQty(std::string_view qty);
    ReportBuilder& cumQty(std::string_view qty);
    ReportBuilder& price(std::string_view px);
    ReportBuilder& status(OrdStatus value) {
        report_.event.ordStatus = value;
        return *this;
    }
    ReportBuilder& text(std::string value) {
        report_.event.text = std::move(value);
        return *this;
    }

    operator Inbound<ExecutionReport>() const { return report_; }  // NOLINT(google-explicit-constructor)
    operator ExecutionReport() const { return report_.event; }     // NOLINT(google-explicit-constructor)
    const Inbound<ExecutionReport>& get() const { return report_; }

private:
    Inbound<ExecutionReport> report_;
};

inline ReportBuilder report(std::string clOrdId, ExecType type) { return ReportBuilder(std::move(clOrdId), type); }

/// The session every test order is routed to unless a test says otherwise.
inline const std::string kSession = "FIX.4.4:BUYSIDE->SELLSIDE";

/// An event as if it came in on kSession now, outside any FIX sequence.
template <typename Event>
Inbound<Event> inbound(Event event) {
    return {{kSession, 0, {}, {}, nowUtc()}, std::move(event)};
}

/// The trader the tests act as.
inline Actor trader() { return {"trader1", Role::Trader}; }

/// A limit order request: `limitOrder(Side::Buy, "10000", "10")`.
NewOrderRequest limitOrder(Side side, std::string_view qty, std::string_view px, std::string symbol = "VOD.L");

}  // namespace ob::test

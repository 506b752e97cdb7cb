#pragma once

#include "auth/access.h"

#include "orders/orderevents.h"

#include <string>

namespace ob::test {

/// Builds an ExecutionReport in one readable expression:
///   report("X", ExecType::Trade).fill("100", "10.5").execId("E1")
class ReportBuilder {
public:
    ReportBuilder(std::string clOrdId, ExecType type);

    ReportBuilder& session(std::string value) {
        report_.session = std::move(value);
        return *this;
    }
    ReportBuilder& execId(std::string value) {
        report_.execId = std::move(value);
        return *this;
    }
    ReportBuilder& orig(std::string value) {
        report_.origClOrdId = std::move(value);
        return *this;
    }
    ReportBuilder& orderId(std::string value) {
        report_.brokerOrderId = std::move(value);
        return *this;
    }
    ReportBuilder& ref(std::string value) {
        report_.execRefId = std::move(value);
        return *this;
    }
    ReportBuilder& fill(std::string_view qty, std::string_view px);
    ReportBuilder& orderQty(std::string_view qty);
    ReportBuilder& cumQty(std::string_view qty);
    ReportBuilder& price(std::string_view px);
    ReportBuilder& status(OrdStatus value) {
        report_.ordStatus = value;
        return *this;
    }
    ReportBuilder& text(std::string value) {
        report_.text = std::move(value);
        return *this;
    }

    operator ExecutionReport() const { return report_; }  // NOLINT(google-explicit-constructor)
    const ExecutionReport& get() const { return report_; }

private:
    ExecutionReport report_;
};

inline ReportBuilder report(std::string clOrdId, ExecType type) { return ReportBuilder(std::move(clOrdId), type); }

/// The session every test order is routed to unless a test says otherwise.
inline const std::string kSession = "FIX.4.4:BUYSIDE->SELLSIDE";

/// The trader the tests act as.
inline Actor trader() { return {"trader1", Role::Trader}; }

/// A limit order request: `limitOrder(Side::Buy, "10000", "10")`.
NewOrderRequest limitOrder(Side side, std::string_view qty, std::string_view px, std::string symbol = "VOD.L");

}  // namespace ob::test

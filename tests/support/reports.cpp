#include "reports.h"

#include <atomic>

namespace ob::test {

namespace {
std::string nextExecId() {
    static std::atomic<int> counter{0};
    return "AUTO-" + std::to_string(++counter);
}
}  // namespace

ReportBuilder::ReportBuilder(std::string clOrdId, ExecType type) {
    report_.session = kSession;
    report_.clOrdId = std::move(clOrdId);
    report_.execType = type;
    report_.execId = nextExecId();
    report_.receivedAt = nowUtc();
}

ReportBuilder& ReportBuilder::fill(std::string_view qty, std::string_view px) {
    report_.lastQty = Qty::of(qty);
    report_.lastPx = Price::of(px);
    return *this;
}

ReportBuilder& ReportBuilder::orderQty(std::string_view qty) {
    report_.orderQty = Qty::of(qty);
    return *this;
}

ReportBuilder& ReportBuilder::cumQty(std::string_view qty) {
    report_.cumQty = Qty::of(qty);
    return *this;
}

ReportBuilder& ReportBuilder::price(std::string_view px) {
    report_.price = Price::of(px);
    return *this;
}

NewOrderRequest limitOrder(Side side, std::string_view qty, std::string_view px, std::string symbol) {
    NewOrderRequest request;
    request.session = kSession;
    request.account = "FUND1";
    request.symbol = std::move(symbol);
    request.side = side;
    request.terms.quantity = Qty::of(qty);
    request.terms.type = OrdType::Limit;
    request.terms.limitPrice = Price::of(px);
    return request;
}

}  // namespace ob::test

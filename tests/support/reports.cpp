#include "reports.h"

#include "fix/fixtags.h"

#include <atomic>

namespace ob::test {

namespace {
std::string nextExecId() {
    static std::atomic<int> counter{0};
    return "AUTO-" + std::to_string(++counter);
}
}  // namespace

ReportBuilder::ReportBuilder(std::string clOrdId, ExecType type) {
    report_.envelope = {kSession, 0, msgtype::ExecutionReport, {}, nowUtc()};
    report_.event.clOrdId = std::move(clOrdId);
    report_.event.execType = type;
    report_.event.execId = nextExecId();
}

ReportBuilder& ReportBuilder::fill(std::string_view qty, std::string_view px) {
    report_.event.lastQty = Qty::of(qty);
    report_.event.lastPx = Price::of(px);
    return *this;
}

ReportBuilder& ReportBuilder::orderQty(std::string_view qty) {
    report_.event.orderQty = Qty::of(qty);
    return *this;
}

ReportBuilder& ReportBuilder::cumQty(std::string_view qty) {
    report_.event.cumQty = Qty::of(qty);
    return *this;
}

ReportBuilder& ReportBuilder::price(std::string_view px) {
    report_.event.price = Price::of(px);
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

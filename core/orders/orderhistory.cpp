#include "orderhistory.h"

namespace ob {

ExecutionRecord ExecutionRecord::of(const Inbound<ExecutionReport>& inbound, const OrderState& after) {
    const auto& [envelope, report] = inbound;
    ExecutionRecord record;
    record.orderId = after.id;
    record.session = envelope.session;
    record.execId = report.execId;
    record.execRefId = report.execRefId;
    record.execType = report.execType;
    record.reportedStatus = report.ordStatus;
    record.status = after.status();
    record.clOrdId = report.clOrdId;
    record.origClOrdId = report.origClOrdId;
    record.brokerOrderId = report.brokerOrderId;
    record.symbol = after.symbol;
    record.side = after.side;
    record.lastQty = report.lastQty.value_or(Qty{});
    record.lastPx = report.lastPx.value_or(Price{});
    record.orderQty = after.terms.quantity;
    record.cumQty = after.cumQty;
    record.leavesQty = after.leavesQty();
    record.avgPx = after.avgPx();
    record.transactTime = report.transactTime;
    record.receivedAt = envelope.receivedAt;
    record.msgSeqNum = envelope.msgSeqNum;
    record.text = report.text;
    return record;
}

}  // namespace ob

#include "exports.h"

#include "util/csv.h"

namespace ob {

namespace {

std::string optionalPrice(const std::optional<Price>& price) { return price ? price->toString() : std::string(); }

}  // namespace

std::string ordersCsv(const std::vector<OrderState>& orders) {
    CsvWriter csv({"cl_ord_id", "order_id", "account", "symbol", "side", "qty", "type", "limit_price", "stop_price", "tif",
                   "status", "cum_qty", "leaves_qty", "avg_px", "compliance", "session", "created_at", "text"});
    for (const auto& o : orders) {
        csv.cell(o.clOrdId)
            .cell(o.brokerOrderId)
            .cell(o.account)
            .cell(o.symbol)
            .cell(aliasOf(o.side))
            .cell(o.terms.quantity.toString());
        csv.cell(aliasOf(o.terms.type)).cell(optionalPrice(o.terms.limitPrice)).cell(optionalPrice(o.terms.stopPrice));
        csv.cell(aliasOf(o.terms.timeInForce)).cell(nameOf(o.status())).cell(o.cumQty.toString()).cell(o.leavesQty().toString());
        csv.cell(o.cumQty.isZero() ? std::string() : o.avgPx().toString()).cell(aliasOf(o.compliance)).cell(o.session);
        csv.cell(toIsoString(o.createdAt)).cell(o.text);
        csv.endRow();
    }
    return csv.take();
}

std::string executionsCsv(const std::vector<ExecutionRecord>& executions) {
    CsvWriter csv({"exec_id", "cl_ord_id", "order_id", "symbol", "side", "exec_type", "last_qty", "last_px", "cum_qty",
                   "leaves_qty", "avg_px", "transact_time", "status", "exec_ref_id", "session", "received_at", "text"});
    for (const auto& e : executions) {
        csv.cell(e.execId).cell(e.clOrdId).cell(e.brokerOrderId).cell(e.symbol).cell(aliasOf(e.side)).cell(nameOf(e.execType));
        csv.cell(e.lastQty.toString()).cell(e.lastPx.toString()).cell(e.cumQty.toString()).cell(e.leavesQty.toString());
        csv.cell(e.cumQty.isZero() ? std::string() : e.avgPx.toString());
        csv.cell(e.transactTime ? toIsoString(*e.transactTime) : std::string())
            .cell(nameOf(e.status))
            .cell(e.execRefId)
            .cell(e.session);
        csv.cell(toIsoString(e.receivedAt)).cell(e.text);
        csv.endRow();
    }
    return csv.take();
}

std::string proposalCsv(const RebalanceProposal& proposal, const std::vector<Verdict>& compliance) {
    CsvWriter csv({"symbol", "side", "qty", "est_price", "weight_before", "weight_after", "target_weight", "compliance"});
    for (std::size_t i = 0; i < proposal.trades.size(); ++i) {
        const auto& t = proposal.trades[i];
        csv.cell(t.symbol).cell(aliasOf(t.side)).cell(t.quantity.toString()).cell(t.estimatedPrice.toString());
        csv.cell(t.weightBefore.toString(8)).cell(t.weightAfter.toString(8)).cell(t.targetWeight.toString(8));
        csv.cell(i < compliance.size() ? aliasOf(compliance[i]) : std::string_view());
        csv.endRow();
    }
    return csv.take();
}

}  // namespace ob

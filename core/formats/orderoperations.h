#pragma once

#include "domain/instrument.h"
#include "orders/order.h"
#include "util/csv.h"

#include <optional>
#include <string>
#include <vector>

namespace ob {

/// Which order a row of a cancel or amend file names: the desk's own order id (order_id, as the batch prints
/// "order 12"), or any ClOrdID of its chain (cl_ord_id). A row may give both; they must then name the same order.
struct OrderSelector {
    std::optional<OrderId> orderId;
    std::string clOrdId;

    /// "order_id 12", "cl_ord_id ABC-1", or both.
    std::string describe() const;
};

/// What an amend changes; a field the file leaves empty keeps the order's.
struct TermsChange {
    std::optional<Qty> quantity;
    std::optional<Price> limitPrice;
    std::optional<Price> stopPrice;
    std::optional<TimeInForce> timeInForce;

    bool isEmpty() const { return !quantity && !limitPrice && !stopPrice && !timeInForce; }
};

/// One row of a cancel or amend file.
struct OrderOperation {
    int line = 0;  ///< where the row is in the file, for messages
    OrderSelector order;
    TermsChange change;  ///< empty for a cancel
};

enum class OrderOperationKind { Cancel, Amend };

/// Reads a cancel or an amend file: a header row (any case, any column order, extra columns ignored) with
/// cl_ord_id or order_id or both; an amend file may also have qty, limit_price, stop_price and tif (DAY, GTC, IOC
/// or FOK), empty meaning unchanged, and each of its rows changes at least one. The error lists every bad row
/// with its line number and reason (also a row naming an order an earlier row names), and then nothing is returned,
/// so that nothing of a bad file is sent.
Result<std::vector<OrderOperation>> parseOrderOperations(const CsvTable& table, OrderOperationKind kind);

/// The order's terms with the change applied, checked as a new order's would be: the prices its type takes and no
/// others, whole lots and prices on the tick of `instrument` (when known), within the limits.
Result<OrderTerms> amendedTerms(const OrderTerms& current, const TermsChange& change, const Instrument* instrument);

}  // namespace ob

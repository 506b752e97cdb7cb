#include "engine/bookcheck.h"

#include "orders/orderbook.h"
#include "portfolio/ledger.h"

#include <set>
#include <unordered_set>

namespace ob {

namespace {

using Key = RecomputedBook::Key;
using Holdings = std::map<Key, RecomputedBook::Holding>;

/// What an order with `cumQty` filled leaves open: the rest of its quantity while it works (a multi-day order also
/// while it is done for the day), nothing once it has finished.
Qty leavesOf(const OrderState& order, Qty cumQty) {
    const bool works = order.phase == OrderPhase::PendingNew || order.phase == OrderPhase::Working ||
                       (order.phase == OrderPhase::DoneForDay && order.isMultiDay());
    return works && cumQty < order.terms.quantity ? order.terms.quantity - cumQty : Qty{};
}

std::string subjectOf(const OrderState& order) { return "order " + std::to_string(order.id) + " (" + order.clOrdId + ")"; }

std::string counted(std::size_t count, const char* what) { return std::to_string(count) + " " + what + (count == 1 ? "" : "s"); }

class Differences {
public:
    explicit Differences(std::vector<BookDifference>& found) : found_(found) {}

    template <typename Figure>
    void compare(OrderId order, const std::string& subject, const std::string& field, const std::string& whose, Figure held,
                 Figure recomputed) {
        if (held != recomputed)
            add(order, subject, field + " " + whose + " is " + held.toString() + ", recomputed " + recomputed.toString());
    }
    void add(OrderId order, std::string subject, std::string detail) {
        found_.push_back({order, std::move(subject), std::move(detail)});
    }

private:
    std::vector<BookDifference>& found_;
};

/// One source's CumQty, AvgPx and LeavesQty of an order against what its executions make.
void compareOrder(const RecomputedBook::OrderFigures& figures, const OrderState& order, Price avgPx, Qty leavesQty,
                  const char* whose, Differences& differences) {
    const auto id = figures.row->state.id;
    const auto subject = subjectOf(figures.row->state);
    differences.compare(id, subject, "CumQty", whose, order.cumQty, figures.cumQty);
    differences.compare(id, subject, "AvgPx", whose, avgPx, figures.avgPx());
    differences.compare(id, subject, "LeavesQty", whose, leavesQty, leavesOf(order, figures.cumQty));
}

void compareOrders(const RecomputedBook& book, const OrderBook* held, Differences& differences) {
    std::unordered_set<OrderId> stored;
    for (const auto& figures : book.orders) {
        const auto& row = *figures.row;
        stored.insert(row.state.id);
        compareOrder(figures, row.state, row.storedAvgPx, row.storedLeavesQty, "as stored", differences);
        if (const auto& recorded = figures.firstMisrecorded) {
            const auto whose = "recorded with execution " + recorded->execId;
            differences.compare(row.state.id, subjectOf(row.state), "CumQty", whose, recorded->cumQty,
                                recorded->recomputedCumQty);
            differences.compare(row.state.id, subjectOf(row.state), "AvgPx", whose, recorded->avgPx, recorded->recomputedAvgPx);
        }
        if (!held) continue;
        if (const auto* order = held->find(row.state.id))
            compareOrder(figures, order->state, order->state.avgPx(), order->state.leavesQty(), "in memory", differences);
        else
            differences.add(row.state.id, subjectOf(row.state), "stored, but not in memory");
    }
    if (held)
        held->forEach([&](const Order& order) {
            if (!stored.count(order.state.id))
                differences.add(order.state.id, subjectOf(order.state), "in memory, but not stored");
        });
}

template <typename Value>
Value valueAt(const std::map<Key, Value>& values, const Key& key) {
    const auto found = values.find(key);
    return found == values.end() ? Value{} : found->second;
}

/// Calls `compare` with each key either side has, in order, and both values (what a side lacks is zero).
template <typename Value, typename Compare>
std::size_t compareEach(const std::map<Key, Value>& recomputed, const std::map<Key, Value>& held, Compare&& compare) {
    std::set<Key> keys;
    for (const auto& entry : recomputed) keys.insert(entry.first);
    for (const auto& entry : held) keys.insert(entry.first);
    for (const auto& key : keys) compare(key, valueAt(held, key), valueAt(recomputed, key));
    return keys.size();
}

Holdings holdingsOf(const std::vector<Position>& positions) {
    Holdings holdings;
    for (const auto& position : positions)
        holdings[{position.account, position.symbol}] = {position.quantity, position.cost - position.realised};
    return holdings;
}

std::size_t comparePositions(const Holdings& recomputed, const Holdings& held, const char* owner, Differences& differences) {
    return compareEach(recomputed, held, [&](const Key& key, const auto& inLedger, const auto& expected) {
        const auto subject = owner + key.first;
        differences.compare(0, subject, key.second + " quantity", "in the ledger", inLedger.quantity, expected.quantity);
        differences.compare(0, subject, key.second + " net cost", "in the ledger", inLedger.netCost, expected.netCost);
    });
}

std::size_t compareCash(const RecomputedBook& book, const Ledger& ledger, Differences& differences) {
    std::map<Key, Money> held;
    for (const auto& [fund, holdings] : ledger.funds().funds())
        for (const auto& [currency, amount] : holdings.cash) held[{fund, currency}] = amount;
    return compareEach(book.fundCash, held, [&](const Key& key, Money inLedger, Money expected) {
        differences.compare(0, "fund " + key.first, key.second + " cash", "in the ledger", inLedger, expected);
    });
}

}  // namespace

std::string BookCheckReport::summary() const {
    const auto compared = counted(orders, "order") + ", " + counted(executions, "execution") + ", " +
                          counted(positions, "position") + " and " + counted(cashBalances, "cash balance") + " compared";
    if (agrees()) return "books agree: " + compared;
    return "books differ: " + counted(differences.size(), "difference") + " among " + compared;
}

Result<BookCheckReport> checkBook(const BookRecord& record, const HeldBook& held) try {
    const auto book = recomputeBook(record);
    BookCheckReport report;
    report.orders = record.orders.size();
    report.executions = record.executions.size();
    Differences differences(report.differences);
    compareOrders(book, held.orders, differences);
    for (const auto& execution : book.unplaced)
        differences.add(execution.order,
                        execution.row ? subjectOf(execution.row->state) : "order " + std::to_string(execution.order),
                        execution.why);
    if (held.ledger) {
        report.positions =
            comparePositions(book.accountPositions, holdingsOf(held.ledger->accountPositions().positions()), "account ",
                             differences) +
            comparePositions(book.fundPositions, holdingsOf(held.ledger->funds().positions()), "fund ", differences);
        report.cashBalances = compareCash(book, *held.ledger, differences);
    }
    return report;
} catch (const std::overflow_error& e) {
    return Error{std::string("the book cannot be recomputed from what the store holds: ") + e.what()};
}

Result<StoredBook> loadStoredBook(EngineStore& store, std::string tradeDate) {
    auto active = store.loadActive(tradeDate);
    if (!active) return Error{"cannot read the orders: " + active.error()};
    auto reference = store.loadReferenceData();
    if (!reference) return Error{"cannot read the reference data: " + reference.error()};
    // Only the opening positions are wanted: asked from now on, the breaches are only those still open.
    auto compliance = store.loadCompliance(nowUtc());
    if (!compliance) return Error{"cannot read the opening positions: " + compliance.error()};
    return StoredBook{std::move(*active), std::move(compliance->openingPositions), std::move(*reference), std::move(tradeDate)};
}

}  // namespace ob

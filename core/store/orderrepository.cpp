#include "orderrepository.h"

#include "store/columns.h"
#include "store/portfoliorepository.h"
#include "store/referencerepository.h"

#include <charconv>
#include <stdexcept>
#include <unordered_map>

namespace ob::store {

namespace {

constexpr char kRecordSeparator = '\x1e';
constexpr char kUnitSeparator = '\x1f';

template <typename E>
std::string_view name(E value) {
    return nameOf(value);
}

std::optional<std::int64_t> rawOf(const std::optional<Price>& price) {
    return price ? std::optional<std::int64_t>(price->raw()) : std::nullopt;
}
std::optional<std::int64_t> nanosOf(const std::optional<Timestamp>& time) {
    return time ? std::optional<std::int64_t>(toNanos(*time)) : std::nullopt;
}
std::optional<Price> optionalPrice(const sqlite::Statement& row, int column) {
    auto raw = row.optionalInt64(column);
    return raw ? std::optional<Price>(Price::fromRaw(*raw)) : std::nullopt;
}
std::optional<Timestamp> optionalTime(const sqlite::Statement& row, int column) {
    auto raw = row.optionalInt64(column);
    return raw ? std::optional<Timestamp>(fromNanos(*raw)) : std::nullopt;
}

constexpr const char* kOrderColumns =
    "id, trade_date, session, account, symbol, side, ord_type, quantity, limit_price, stop_price, time_in_force, expire_time, "
    "cl_ord_id, broker_order_id, phase, stopped, suspended, pending_kind, pending_cl_ord_id, pending_quantity, pending_ord_type, "
    "pending_limit_price, pending_stop_price, pending_time_in_force, pending_expire_time, pending_acknowledged, pending_sent_at, "
    "cum_qty, notional, status, leaves_qty, avg_px, is_open, text, chain, created_at, updated_at, owner, compliance, held, "
    "list_id, staged, allocations, unconfirmed";

constexpr const char* kExecutionColumns =
    "e.order_id, e.session, e.exec_id, e.exec_ref_id, e.exec_type, e.reported_status, e.status, e.cl_ord_id, e.orig_cl_ord_id, "
    "e.broker_order_id, o.symbol, o.side, e.last_qty, e.last_px, e.order_qty, e.cum_qty, e.leaves_qty, e.avg_px, "
    "e.transact_time, "
    "e.received_at, e.msg_seq_num, e.text";

/// An order that may still change and so is loaded at start: live today, or a multi-day order done for the day.
bool isOpen(const OrderState& state) { return !state.isDone() || (state.phase == OrderPhase::DoneForDay && state.isMultiDay()); }

OrderRow readOrder(const sqlite::Statement& row) {
    OrderRow result;
    auto& s = result.state;
    s.id = row.int64(0);
    s.session = row.text(2);
    s.account = row.text(3);
    s.symbol = row.text(4);
    s.side = enumColumn<Side>(row, 5);
    s.terms.type = enumColumn<OrdType>(row, 6);
    s.terms.quantity = Qty::fromRaw(row.int64(7));
    s.terms.limitPrice = optionalPrice(row, 8);
    s.terms.stopPrice = optionalPrice(row, 9);
    s.terms.timeInForce = enumColumn<TimeInForce>(row, 10);
    s.terms.expireTime = optionalTime(row, 11);
    s.clOrdId = row.text(12);
    s.brokerOrderId = row.text(13);
    s.phase = enumColumn<OrderPhase>(row, 14);
    s.stopped = row.int64(15) != 0;
    s.suspended = row.int64(16) != 0;
    if (!row.isNull(17)) {
        PendingRequest pending;
        pending.kind = enumColumn<RequestKind>(row, 17);
        pending.clOrdId = row.text(18);
        pending.terms.quantity = Qty::fromRaw(row.int64(19));
        pending.terms.type = enumColumn<OrdType>(row, 20);
        pending.terms.limitPrice = optionalPrice(row, 21);
        pending.terms.stopPrice = optionalPrice(row, 22);
        pending.terms.timeInForce = enumColumn<TimeInForce>(row, 23);
        pending.terms.expireTime = optionalTime(row, 24);
        pending.acknowledged = row.int64(25) != 0;
        pending.sentAt = fromNanos(row.int64(26));
        s.pending = std::move(pending);
    }
    s.cumQty = Qty::fromRaw(row.int64(27));
    s.notional = moneyColumn(row, 28);
    result.storedLeavesQty = Qty::fromRaw(row.int64(30));
    result.storedAvgPx = Price::fromRaw(row.int64(31));
    s.text = row.text(33);
    result.chain = decodeChain(row.text(34));
    s.createdAt = fromNanos(row.int64(35));
    s.updatedAt = fromNanos(row.int64(36));
    s.owner = row.text(37);
    s.compliance = enumColumn<ComplianceMark>(row, 38);
    s.held = row.int64(39) != 0;
    s.listId = row.int64(40);
    s.staged = row.int64(41) != 0;
    s.allocations = decodeAllocations(row.text(42));
    s.unconfirmed = row.int64(43) != 0;
    return result;
}

ExecutionRecord readExecution(const sqlite::Statement& row) {
    ExecutionRecord r;
    r.orderId = row.int64(0);
    r.session = row.text(1);
    r.execId = row.text(2);
    r.execRefId = row.text(3);
    r.execType = enumColumn<ExecType>(row, 4);
    if (!row.isNull(5)) r.reportedStatus = enumColumn<OrdStatus>(row, 5);
    r.status = enumColumn<OrdStatus>(row, 6);
    r.clOrdId = row.text(7);
    r.origClOrdId = row.text(8);
    r.brokerOrderId = row.text(9);
    r.symbol = row.text(10);
    r.side = enumColumn<Side>(row, 11);
    r.lastQty = Qty::fromRaw(row.int64(12));
    r.lastPx = Price::fromRaw(row.int64(13));
    r.orderQty = Qty::fromRaw(row.int64(14));
    r.cumQty = Qty::fromRaw(row.int64(15));
    r.leavesQty = Qty::fromRaw(row.int64(16));
    r.avgPx = Price::fromRaw(row.int64(17));
    r.transactTime = optionalTime(row, 18);
    r.receivedAt = fromNanos(row.int64(19));
    r.msgSeqNum = row.int64(20);
    r.text = row.text(21);
    return r;
}

}  // namespace

std::string encodeChain(const std::vector<ClOrdIdLink>& chain) {
    std::string text;
    for (const auto& link : chain) {
        if (!text.empty()) text.push_back(kRecordSeparator);
        text += link.clOrdId;
        text.push_back(kUnitSeparator);
        text.push_back(fixCodeOf(link.kind));
        text.push_back(fixCodeOf(link.state));
    }
    return text;
}

std::string encodeAllocations(const std::vector<Allocation>& allocations) {
    std::string text;
    for (const auto& allocation : allocations) {
        if (!text.empty()) text.push_back(kRecordSeparator);
        text += allocation.account;
        text.push_back(kUnitSeparator);
        text += std::to_string(allocation.quantity.raw());
    }
    return text;
}

std::vector<Allocation> decodeAllocations(std::string_view text) {
    std::vector<Allocation> allocations;
    while (!text.empty()) {
        const auto end = text.find(kRecordSeparator);
        const auto record = text.substr(0, end);
        const auto unit = record.find(kUnitSeparator);
        std::int64_t raw = 0;
        const auto digits = unit == std::string_view::npos ? std::string_view() : record.substr(unit + 1);
        const auto [end_, error] = std::from_chars(digits.data(), digits.data() + digits.size(), raw);
        if (digits.empty() || error != std::errc() || end_ != digits.data() + digits.size())
            throw sqlite::SqliteError(0, "malformed block allocations '" + std::string(record) + "'");
        allocations.push_back({std::string(record.substr(0, unit)), Qty::fromRaw(raw)});
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return allocations;
}

std::vector<ClOrdIdLink> decodeChain(std::string_view text) {
    std::vector<ClOrdIdLink> chain;
    while (!text.empty()) {
        const auto end = text.find(kRecordSeparator);
        const auto record = text.substr(0, end);
        const auto unit = record.rfind(kUnitSeparator);
        if (unit == std::string_view::npos || record.size() != unit + 3) throw sqlite::SqliteError(0, "malformed ClOrdID chain");
        ClOrdIdLink link;
        link.clOrdId = std::string(record.substr(0, unit));
        const auto kind = enumFromFixCode<RequestKind>(record[unit + 1]);
        const auto state = enumFromFixCode<RequestState>(record[unit + 2]);
        if (!kind || !state) throw sqlite::SqliteError(0, "malformed ClOrdID chain");
        link.kind = *kind;
        link.state = *state;
        chain.push_back(std::move(link));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    return chain;
}

OrderRepository::OrderRepository(sqlite::Database& db) : db_(db), compliance_(db) {}

void OrderRepository::prepareWrites() {
    upsertOrder_ = db_.prepare(
        std::string("INSERT INTO orders (") + kOrderColumns +
        ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,"
        "?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35,?36,?37,?38,?39,?40,?41,?42,?43,?44) "
        "ON CONFLICT(id) DO UPDATE SET trade_date=?2, session=?3, ord_type=?7, quantity=?8, limit_price=?9, stop_price=?10, "
        "time_in_force=?11, expire_time=?12, cl_ord_id=?13, broker_order_id=?14, phase=?15, stopped=?16, "
        "suspended=?17, pending_kind=?18, pending_cl_ord_id=?19, pending_quantity=?20, pending_ord_type=?21, "
        "pending_limit_price=?22, pending_stop_price=?23, pending_time_in_force=?24, pending_expire_time=?25, "
        "pending_acknowledged=?26, pending_sent_at=?27, cum_qty=?28, notional=?29, status=?30, leaves_qty=?31, "
        "avg_px=?32, is_open=?33, text=?34, chain=?35, created_at=?36, updated_at=?37, owner=?38, compliance=?39, held=?40, "
        "staged=?42, unconfirmed=?44");
    insertClOrdId_ = db_.prepare("INSERT OR IGNORE INTO order_cl_ord_ids (session, cl_ord_id, order_id) VALUES (?, ?, ?)");
    insertExecution_ = db_.prepare(
        "INSERT INTO executions (order_id, session, exec_id, exec_ref_id, exec_type, reported_status, status, "
        "cl_ord_id, orig_cl_ord_id, broker_order_id, last_qty, last_px, order_qty, cum_qty, leaves_qty, avg_px, transact_time, "
        "received_at, msg_seq_num, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    insertEvent_ = db_.prepare("INSERT INTO order_events (order_id, at, kind, cl_ord_id, text) VALUES (?, ?, ?, ?, ?)");
    upsertCounter_ = db_.prepare("INSERT INTO counters (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = ?2");
    upsertInbound_ = db_.prepare(
        "INSERT INTO fix_sessions (session, last_applied_inbound_seq, updated_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(session) DO UPDATE SET last_applied_inbound_seq = ?2, updated_at = ?3");
    upsertEpoch_ = db_.prepare(
        "INSERT INTO fix_sessions (session, epoch, last_applied_inbound_seq, updated_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(session) DO UPDATE SET epoch = ?2, last_applied_inbound_seq = ?3, updated_at = ?4");
    markSent_ = db_.prepare("UPDATE order_cl_ord_ids SET sent_at = ?1 WHERE session = ?2 AND cl_ord_id = ?3");
    insertQuarantine_ = db_.prepare(
        "INSERT INTO quarantine (received_at, session, msg_seq_num, msg_type, text, reason, order_id) VALUES (?, ?, ?, ?, ?, ?, "
        "?)");
    writesPrepared_ = true;
}

void OrderRepository::write(const std::vector<StoreUnit>& batch) {
    if (!writesPrepared_) prepareWrites();
    std::unordered_map<OrderId, const OrderRow*> latest;
    std::vector<OrderId> ordersInTurn;
    struct Progress {
        std::int64_t last = 0;
        std::optional<std::string> epoch;  ///< set when the batch starts a new epoch
    };
    std::map<std::string, Progress> inbound;
    std::optional<std::int64_t> counter;
    for (const auto& unit : batch) {
        if (unit.order) {
            auto [it, inserted] = latest.try_emplace(unit.order->state.id, &*unit.order);
            if (inserted)
                ordersInTurn.push_back(unit.order->state.id);
            else
                it->second = &*unit.order;
        }
        if (unit.epoch) inbound[unit.epoch->session] = Progress{0, unit.epoch->epoch};
        if (unit.inbound && unit.inbound->msgSeqNum > 0) {
            auto& progress = inbound[unit.inbound->session];
            progress.last = std::max(progress.last, unit.inbound->msgSeqNum);
        }
        if (unit.clOrdIdRun) counter = std::max(counter.value_or(0), *unit.clOrdIdRun);
    }
    for (const auto& unit : batch)
        if (unit.list) PortfolioRepository(db_).writeList(*unit.list);
    const auto now = toNanos(nowUtc());
    // Orders first, so that every execution and event finds its order.
    for (const auto id : ordersInTurn) writeOrder(*latest[id]);
    for (const auto& unit : batch) {
        if (unit.execution) writeExecution(*unit.execution);
        if (unit.event) writeEvent(*unit.event);
        if (unit.quarantine) writeQuarantine(*unit.quarantine);
        if (unit.rules) compliance_.saveRules(*unit.rules);
        if (unit.openingPositions) compliance_.saveOpeningPositions(*unit.openingPositions);
        if (unit.model) PortfolioRepository(db_).saveModel(*unit.model);
        if (unit.user) compliance_.saveUser(*unit.user);
        if (unit.reference) ReferenceRepository(db_).save(*unit.reference);
        if (unit.loginState) compliance_.saveLoginState(*unit.loginState);
        for (const auto& breach : unit.breaches) compliance_.writeBreach(breach);
        for (const auto& record : unit.audit) compliance_.appendAudit(record);
        for (const auto& [session, clOrdId] : unit.handedOver) markSent_.bind(1, now).bind(2, session).bind(3, clOrdId).execute();
    }
    if (counter) upsertCounter_.bind(1, "clordid_run").bind(2, *counter).execute();
    for (const auto& [session, progress] : inbound) {
        if (progress.epoch)
            upsertEpoch_.bind(1, session).bind(2, *progress.epoch).bind(3, progress.last).bind(4, now).execute();
        else
            upsertInbound_.bind(1, session).bind(2, progress.last).bind(3, now).execute();
    }
}

void OrderRepository::writeOrder(const OrderRow& row) {
    const auto& s = row.state;
    auto& st = upsertOrder_;
    // trade_date is the day the order last changed: a start loads the orders that changed today and those still open.
    st.bind(1, s.id).bind(2, tradeDateOf(s.updatedAt)).bind(3, s.session).bind(4, s.account).bind(5, s.symbol);
    st.bind(6, name(s.side)).bind(7, name(s.terms.type)).bind(8, s.terms.quantity.raw()).bind(9, rawOf(s.terms.limitPrice));
    st.bind(10, rawOf(s.terms.stopPrice)).bind(11, name(s.terms.timeInForce)).bind(12, nanosOf(s.terms.expireTime));
    st.bind(13, s.clOrdId).bind(14, s.brokerOrderId).bind(15, name(s.phase)).bind(16, s.stopped ? 1 : 0);
    st.bind(17, s.suspended ? 1 : 0);
    if (s.pending) {
        const auto& p = *s.pending;
        st.bind(18, name(p.kind)).bind(19, p.clOrdId).bind(20, p.terms.quantity.raw());
        st.bind(21, name(p.terms.type)).bind(22, rawOf(p.terms.limitPrice)).bind(23, rawOf(p.terms.stopPrice));
        st.bind(24, name(p.terms.timeInForce)).bind(25, nanosOf(p.terms.expireTime)).bind(26, p.acknowledged ? 1 : 0);
        st.bind(27, toNanos(p.sentAt));
    }
    st.bind(28, s.cumQty.raw()).bind(29, s.notional.toString()).bind(30, name(s.status())).bind(31, s.leavesQty().raw());
    st.bind(32, s.avgPx().raw()).bind(33, isOpen(s) ? 1 : 0).bind(34, s.text).bind(35, encodeChain(row.chain));
    st.bind(36, toNanos(s.createdAt)).bind(37, toNanos(s.updatedAt));
    st.bind(38, s.owner).bind(39, name(s.compliance)).bind(40, s.held ? 1 : 0);
    st.bind(41, s.listId).bind(42, s.staged ? 1 : 0).bind(43, encodeAllocations(s.allocations)).bind(44, s.unconfirmed ? 1 : 0);
    st.execute();
    for (const auto& link : row.chain) insertClOrdId_.bind(1, s.session).bind(2, link.clOrdId).bind(3, s.id).execute();
}

void OrderRepository::writeExecution(const ExecutionRecord& r) {
    // The record and the enumeration names outlive the insert: bind without copies.
    auto& st = insertExecution_;
    st.bind(1, r.orderId).bindKept(2, r.session).bindKept(3, r.execId).bindKept(4, r.execRefId).bindKept(5, name(r.execType));
    if (r.reportedStatus) st.bindKept(6, name(*r.reportedStatus));
    st.bindKept(7, name(r.status)).bindKept(8, r.clOrdId).bindKept(9, r.origClOrdId).bindKept(10, r.brokerOrderId);
    st.bind(11, r.lastQty.raw()).bind(12, r.lastPx.raw()).bind(13, r.orderQty.raw()).bind(14, r.cumQty.raw());
    st.bind(15, r.leavesQty.raw()).bind(16, r.avgPx.raw()).bind(17, nanosOf(r.transactTime)).bind(18, toNanos(r.receivedAt));
    st.bind(19, r.msgSeqNum).bindKept(20, r.text);
    st.execute();
}

void OrderRepository::writeEvent(const OrderEventRecord& event) {
    insertEvent_.bind(1, event.orderId)
        .bind(2, toNanos(event.at))
        .bind(3, name(event.kind))
        .bind(4, event.clOrdId)
        .bind(5, event.text);
    insertEvent_.execute();
}

ActiveOrders OrderRepository::loadActive(std::string_view fromTradeDate) {
    ActiveOrders active;
    // The active orders by their two indexes: a plain OR would read every order, and every
    // execution, of the whole history (a cold start then reads the whole file).
    const std::string activeIds = "(SELECT id FROM orders WHERE trade_date >= ?1 UNION SELECT id FROM orders WHERE is_open = 1)";
    auto orders = db_.prepare(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE id IN " + activeIds + " ORDER BY id");
    orders.bind(1, fromTradeDate);
    while (orders.step()) active.orders.push_back(readOrder(orders));
    // Whether each request still awaiting its answer was handed to FIX (the chain column does not say).
    auto sent = db_.prepare("SELECT sent_at IS NOT NULL FROM order_cl_ord_ids WHERE session = ? AND cl_ord_id = ?");
    for (auto& row : active.orders)
        for (auto& link : row.chain) {
            link.sent = true;
            if (link.state != RequestState::Pending) continue;
            sent.bind(1, row.state.session).bind(2, link.clOrdId);
            link.sent = sent.step() && sent.int64(0) != 0;
            sent.reset();
        }

    auto executions =
        db_.prepare(std::string("SELECT ") + kExecutionColumns +
                    " FROM executions e JOIN orders o ON o.id = e.order_id WHERE e.order_id IN " + activeIds + " ORDER BY e.id");
    executions.bind(1, fromTradeDate);
    while (executions.step()) active.executions.push_back(readExecution(executions));
    return active;
}

std::vector<ExecutionRecord> OrderRepository::loadExecutions(OrderId orderId) {
    std::vector<ExecutionRecord> records;
    auto select = db_.prepare(std::string("SELECT ") + kExecutionColumns +
                              " FROM executions e JOIN orders o ON o.id = e.order_id WHERE e.order_id = ? ORDER BY e.id");
    select.bind(1, orderId);
    while (select.step()) records.push_back(readExecution(select));
    return records;
}

void OrderRepository::writeQuarantine(const QuarantinedMessage& m) {
    insertQuarantine_.bind(1, toNanos(m.receivedAt)).bind(2, m.session).bind(3, m.msgSeqNum).bind(4, m.msgType).bind(5, m.text);
    insertQuarantine_.bind(6, m.reason);
    if (m.orderId) insertQuarantine_.bind(7, m.orderId);
    insertQuarantine_.execute();
}

std::vector<QuarantinedMessage> OrderRepository::loadQuarantine(bool unresolvedOnly) {
    std::vector<QuarantinedMessage> messages;
    auto select =
        db_.prepare(std::string("SELECT id, received_at, session, msg_seq_num, msg_type, text, reason, coalesce(order_id, 0) "
                                "FROM quarantine") +
                    (unresolvedOnly ? " WHERE resolved_at IS NULL" : "") + " ORDER BY id DESC");
    while (select.step())
        messages.push_back({select.int64(0), fromNanos(select.int64(1)), select.text(2), select.int64(3), select.text(4),
                            select.text(5), select.text(6), select.int64(7)});
    return messages;
}

std::vector<OrderEventRecord> OrderRepository::loadEvents(OrderId orderId) {
    std::vector<OrderEventRecord> events;
    auto select = db_.prepare("SELECT order_id, at, kind, cl_ord_id, text FROM order_events WHERE order_id = ? ORDER BY id");
    select.bind(1, orderId);
    while (select.step())
        events.push_back(
            {select.int64(0), fromNanos(select.int64(1)), enumColumn<OrderEventKind>(select, 2), select.text(3), select.text(4)});
    return events;
}

std::int64_t OrderRepository::maxOrderId() { return db_.queryInt64("SELECT coalesce(max(id), 0) FROM orders"); }

std::int64_t OrderRepository::counter(std::string_view counterName) {
    auto select = db_.prepare("SELECT value FROM counters WHERE name = ?");
    select.bind(1, counterName);
    return select.step() ? select.int64(0) : 0;
}

std::map<std::string, SessionProgress> OrderRepository::inboundProgress() {
    std::map<std::string, SessionProgress> progress;
    auto select = db_.prepare("SELECT session, last_applied_inbound_seq, epoch FROM fix_sessions");
    while (select.step()) progress.emplace(select.text(0), SessionProgress{select.int64(1), select.text(2)});
    return progress;
}

}  // namespace ob::store

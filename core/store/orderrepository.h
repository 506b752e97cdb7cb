#pragma once

#include "store/compliancerepository.h"
#include "store/sqlite.h"
#include "store/storeunit.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ob::store {

/// The orders that may still change, and their executions oldest first.
struct ActiveOrders {
    std::vector<OrderRow> orders;
    std::vector<ExecutionRecord> executions;
};

/// SQL for orders, executions and events on one connection. Write statements
/// are prepared on first use and kept; the connection's owner provides the
/// transactions.
class OrderRepository {
public:
    explicit OrderRepository(sqlite::Database& db);

    /// Writes a batch of units, in the caller's transaction. Within the batch
    /// only the last state of each order and the highest MsgSeqNum of each
    /// session are written: the transaction holds the batch whole or not at
    /// all, so the states in between would never be seen.
    void write(const std::vector<StoreUnit>& batch);

    /// Orders created on or after `fromTradeDate` ("YYYYMMDD") and every order still open.
    ActiveOrders loadActive(std::string_view fromTradeDate);
    std::vector<ExecutionRecord> loadExecutions(OrderId orderId);
    std::vector<OrderEventRecord> loadEvents(OrderId orderId);
    /// Quarantined messages, newest first; only those not yet resolved when asked.
    std::vector<QuarantinedMessage> loadQuarantine(bool unresolvedOnly);

    std::int64_t maxOrderId();
    std::int64_t counter(std::string_view name);
    std::map<std::string, SessionProgress> inboundProgress();

private:
    void prepareWrites();
    void writeOrder(const OrderRow& row);
    void writeExecution(const ExecutionRecord& record);
    void writeEvent(const OrderEventRecord& event);
    void writeQuarantine(const QuarantinedMessage& message);

    sqlite::Database& db_;
    sqlite::Statement upsertOrder_;
    sqlite::Statement insertClOrdId_;
    sqlite::Statement insertExecution_;
    sqlite::Statement insertEvent_;
    sqlite::Statement upsertCounter_;
    sqlite::Statement upsertInbound_;
    sqlite::Statement upsertEpoch_;
    sqlite::Statement insertQuarantine_;
    sqlite::Statement markSent_;
    ComplianceRepository compliance_;
    bool writesPrepared_ = false;
};

/// The chain as stored in one column: links separated by RS, fields by US.
std::string encodeChain(const std::vector<ClOrdIdLink>& chain);
std::vector<ClOrdIdLink> decodeChain(std::string_view text);
/// A block order's allocations in one column: account and raw quantity separated by US, allocations by RS.
std::string encodeAllocations(const std::vector<Allocation>& allocations);
std::vector<Allocation> decodeAllocations(std::string_view text);

}  // namespace ob::store

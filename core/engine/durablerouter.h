#pragma once

#include "engine/outboundrequest.h"
#include "store/orderjournal.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace ob {

/// Hands requests to FIX only once the store has committed the unit that records them, so the store always knows
/// every order a broker knows. One thread of its own sends them in the order they were made: a cancel never
/// overtakes its order, and neither the engine nor the store waits for a socket.
class DurableRouter {
public:
    /// Hands a request to FIX; false when it could not (the router then reports why itself).
    using Send = std::function<bool(const OutboundRequest&)>;
    /// What became of one request: handed to FIX or not.
    struct Handed {
        const OutboundRequest& request;
        bool handedOver = false;
    };
    /// Told, on the router's thread, what became of the requests of one round.
    using Report = std::function<void(const std::vector<Handed>&)>;

    explicit DurableRouter(OrderJournal& store) : store_(store) {}
    ~DurableRouter() { stop(); }
    DurableRouter(const DurableRouter&) = delete;
    DurableRouter& operator=(const DurableRouter&) = delete;

    void setSend(Send send) { send_ = std::move(send); }
    void start(Report report);
    /// Sends what is committed, then ends.
    void stop();
    /// The store committed something: a request may be free to leave.
    void wake();

    /// Writes `unit` (when there is one) and queues the requests to leave once it is committed, or, without a
    /// unit, once unit `lastSubmitted` is. Returns the number of the last unit submitted. Engine thread.
    std::uint64_t submitAndQueue(std::optional<StoreUnit> unit, std::vector<OutboundRequest> requests,
                                 std::uint64_t lastSubmitted);
    /// `reached` is set once everything queued before it has been handed over and reported.
    void barrier(std::shared_ptr<std::promise<void>> reached, std::uint64_t afterUnit);

    /// Whether the request is queued, not yet handed over or refused. Engine thread.
    bool routing(const std::string& clOrdId) const { return routing_.count(clOrdId) > 0; }
    /// The router reported the request handed over or refused. Engine thread.
    void settled(const std::string& clOrdId) { routing_.erase(clOrdId); }

private:
    /// A request waits here until the unit that made it is committed; an entry without a request is a sentinel.
    struct AwaitingCommit {
        std::uint64_t unit = 0;
        std::optional<OutboundRequest> request;
        std::shared_ptr<std::promise<void>> reached;
    };

    void run(const Report& report);

    OrderJournal& store_;
    Send send_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<AwaitingCommit> awaitingCommit_;
    bool stopping_ = false;
    std::thread thread_;
    std::unordered_set<std::string> routing_;  ///< engine thread only
};

}  // namespace ob

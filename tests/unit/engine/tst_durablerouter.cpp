// The durable router's promise: a request leaves only once the unit that records it is committed, in the order
// the requests were made. The journal here commits only when the test says so, which the real store (tested with
// the router in tst_storefailure and tst_fixstorefailure) cannot be made to do at a chosen moment.
#include "engine/durablerouter.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace ob;
using namespace std::chrono_literals;

namespace {

/// Numbers the units it is given and commits them when told to.
class HeldJournal final : public OrderJournal {
public:
    Result<ActiveBook> loadActive(std::string_view) override { return ActiveBook{}; }
    Result<ComplianceData> loadCompliance(Timestamp) override { return ComplianceData{}; }
    std::uint64_t submit(StoreUnit) override { return ++submitted_; }
    std::uint64_t committed() const override { return committed_; }
    bool waitForCommit(std::uint64_t sequence, std::chrono::milliseconds) const override { return committed_ >= sequence; }
    void setCommitListener(CommitListener) override {}
    std::optional<std::string> failure() const override { return std::nullopt; }

    void commitUpTo(std::uint64_t sequence) { committed_ = sequence; }

private:
    std::atomic<std::uint64_t> submitted_{0};
    std::atomic<std::uint64_t> committed_{0};
};

OutboundRequest request(std::string clOrdId, RequestKind kind = RequestKind::New) {
    OutboundRequest made;
    made.kind = kind;
    made.clOrdId = std::move(clOrdId);
    return made;
}

std::vector<OutboundRequest> requests(std::initializer_list<const char*> clOrdIds) {
    std::vector<OutboundRequest> made;
    for (const char* id : clOrdIds) made.push_back(request(id));
    return made;
}

}  // namespace

class TestDurableRouter final : public QObject {
    Q_OBJECT

    std::unique_ptr<HeldJournal> journal_;
    std::mutex mutex_;
    std::vector<std::string> sent_;      ///< ClOrdIDs in the order the router handed them to FIX
    std::vector<std::string> reported_;  ///< "ClOrdID:handed" in the order the router reported them

    std::vector<std::string> sent() {
        std::lock_guard lock(mutex_);
        return sent_;
    }
    std::vector<std::string> reported() {
        std::lock_guard lock(mutex_);
        return reported_;
    }

    /// A router whose FIX refuses the ClOrdIDs beginning with "X" and throws on those beginning with "T".
    void startRouter(DurableRouter& router) {
        router.setSend([this](const OutboundRequest& request) {
            if (request.clOrdId.starts_with("T")) throw std::runtime_error("socket gone");
            std::lock_guard lock(mutex_);
            sent_.push_back(request.clOrdId);
            return !request.clOrdId.starts_with("X");
        });
        router.start([this](const std::vector<DurableRouter::Handed>& round) {
            std::lock_guard lock(mutex_);
            for (const auto& handed : round)
                reported_.push_back(handed.request.clOrdId + (handed.handedOver ? ":handed" : ":not"));
        });
    }

    /// Waits until the router has reported `count` requests (a barrier cannot help where it would wait behind
    /// requests not yet committed).
    std::vector<std::string> reportedOnce(std::size_t count) {
        for (int waited = 0; reported().size() < count && waited < 10'000; waited += 5) std::this_thread::sleep_for(5ms);
        return reported();
    }

    /// Waits until every request queued so far has been handed over or refused, and reported.
    static void drain(DurableRouter& router, std::uint64_t lastUnit) {
        auto reached = std::make_shared<std::promise<void>>();
        auto done = reached->get_future();
        router.barrier(reached, lastUnit);
        router.wake();
        QCOMPARE(done.wait_for(10s), std::future_status::ready);
    }

private Q_SLOTS:
    void init() {
        journal_ = std::make_unique<HeldJournal>();
        sent_.clear();
        reported_.clear();
    }

    void nothingLeavesBeforeItsUnitIsCommitted() {
        DurableRouter router(*journal_);
        startRouter(router);
        const auto unit = router.submitAndQueue(StoreUnit{}, requests({"A"}), 0);
        QCOMPARE(unit, std::uint64_t{1});
        QVERIFY(router.routing("A"));
        router.wake();
        std::this_thread::sleep_for(50ms);  // a router that did not wait for the commit would send now
        QVERIFY(sent().empty());
        journal_->commitUpTo(1);
        drain(router, 1);
        QCOMPARE(sent(), std::vector<std::string>{"A"});
        QCOMPARE(reported(), std::vector<std::string>{"A:handed"});
        router.settled("A");
        QVERIFY(!router.routing("A"));
    }

    void requestsLeaveInTheOrderTheyWereMade() {
        DurableRouter router(*journal_);
        startRouter(router);
        auto last = router.submitAndQueue(StoreUnit{}, requests({"A", "B"}), 0);
        // Requests without a unit of their own wait for the last unit submitted: a cancel never overtakes its order.
        last = router.submitAndQueue(std::nullopt, {request("C", RequestKind::Cancel)}, last);
        QCOMPARE(last, std::uint64_t{1});
        last = router.submitAndQueue(StoreUnit{}, requests({"D"}), last);
        journal_->commitUpTo(1);
        router.wake();
        // A barrier would wait behind D: wait for the three instead, then give D time to leave wrongly.
        reportedOnce(3);
        std::this_thread::sleep_for(50ms);
        QCOMPARE(sent(), (std::vector<std::string>{"A", "B", "C"}));
        journal_->commitUpTo(last);
        drain(router, last);
        QCOMPARE(sent(), (std::vector<std::string>{"A", "B", "C", "D"}));
    }

    void reportsWhatFixRefusedOrFailedOn() {
        DurableRouter router(*journal_);
        startRouter(router);
        const auto last = router.submitAndQueue(StoreUnit{}, requests({"A", "X1", "T1", "B"}), 0);
        journal_->commitUpTo(last);
        drain(router, last);
        QCOMPARE(reported(), (std::vector<std::string>{"A:handed", "X1:not", "T1:not", "B:handed"}));
    }

    void stoppingSendsWhatIsCommittedAndNothingElse() {
        {
            DurableRouter router(*journal_);
            startRouter(router);
            const auto first = router.submitAndQueue(StoreUnit{}, requests({"A"}), 0);
            router.submitAndQueue(StoreUnit{}, requests({"B"}), first);
            journal_->commitUpTo(first);
            router.stop();
        }
        QCOMPARE(sent(), std::vector<std::string>{"A"});
    }
};

QTEST_APPLESS_MAIN(TestDurableRouter)
#include "tst_durablerouter.moc"

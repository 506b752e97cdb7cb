#pragma once

#include "store/orderrepository.h"
#include "store/sqlite.h"
#include "store/storeunit.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ob::store {

/// Writes StoreUnits on its own thread with its own connection, grouping
/// whatever has queued up since the last commit into one transaction: under
/// load many units share one commit (and one fsync); when idle each unit is
/// committed at once. Units are numbered from 1 in submission order and
/// committed in that order.
///
/// When a transaction fails (disk full, I/O error) the writer stops for good
/// and reports why: continuing would let memory and disk disagree.
class StoreWriter {
public:
    using CommitListener = std::function<void(std::uint64_t committedUpTo)>;

    explicit StoreWriter(sqlite::Database db, std::size_t maxUnitsPerTransaction = 8192);
    /// Commits everything submitted, then stops.
    ~StoreWriter();
    /// Commits everything submitted, then stops the writer thread; failure() tells how it went.
    /// Nothing may be submitted after.
    void stop();
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    /// Queues a unit; returns its sequence number. Thread-safe.
    std::uint64_t submit(StoreUnit unit);
    std::uint64_t committed() const { return committed_.load(std::memory_order_acquire); }
    /// Waits until the unit numbered `sequence` is committed; false on timeout or failure.
    bool waitForCommit(std::uint64_t sequence, std::chrono::milliseconds timeout) const;
    /// Called on the writer thread after each commit, and once when a commit fails (failure() then says
    /// why). Once this returns, the previous listener is no longer running and will not be called again.
    void setCommitListener(CommitListener listener);
    std::optional<std::string> failure() const;

    struct Statistics {
        std::uint64_t transactions = 0;
        std::uint64_t units = 0;
    };
    Statistics statistics() const;

private:
    void run();
    void commit(std::vector<StoreUnit>& batch);

    sqlite::Database db_;
    OrderRepository repository_;
    const std::size_t maxUnitsPerTransaction_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable committedChanged_;
    std::vector<StoreUnit> queue_;
    std::uint64_t submitted_ = 0;
    bool stopping_ = false;
    std::optional<std::string> failure_;
    std::mutex listenerMutex_;  ///< held while the listener runs, so that replacing it waits for the call
    CommitListener listener_;
    Statistics statistics_;
    std::atomic<std::uint64_t> committed_{0};
    std::thread thread_;
};

}  // namespace ob::store

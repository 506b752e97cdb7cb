#include "storewriter.h"

#include <spdlog/spdlog.h>

namespace ob::store {

StoreWriter::StoreWriter(sqlite::Database db, std::size_t maxUnitsPerTransaction)
    : db_(std::move(db)), repository_(db_), maxUnitsPerTransaction_(maxUnitsPerTransaction), thread_([this] {
        pthread_setname_np(pthread_self(), "ob-store");
        run();
    }) {}

StoreWriter::~StoreWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t StoreWriter::submit(StoreUnit unit) {
    std::uint64_t sequence = 0;
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(unit));
        sequence = ++submitted_;
    }
    wake_.notify_one();
    return sequence;
}

bool StoreWriter::waitForCommit(std::uint64_t sequence, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return committedChanged_.wait_for(lock, timeout, [&] { return committed() >= sequence || failure_.has_value(); }) &&
           committed() >= sequence;
}

void StoreWriter::setCommitListener(CommitListener listener) {
    std::lock_guard lock(listenerMutex_);
    listener_ = std::move(listener);
}

std::optional<std::string> StoreWriter::failure() const {
    std::lock_guard lock(mutex_);
    return failure_;
}

StoreWriter::Statistics StoreWriter::statistics() const {
    std::lock_guard lock(mutex_);
    return statistics_;
}

void StoreWriter::run() {
    std::vector<StoreUnit> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() || failure_) return;  // stopping, and everything is written (or cannot be)
            if (queue_.size() <= maxUnitsPerTransaction_) {
                batch.swap(queue_);
            } else {
                const auto end = queue_.begin() + static_cast<std::ptrdiff_t>(maxUnitsPerTransaction_);
                batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
                queue_.erase(queue_.begin(), end);
            }
        }
        commit(batch);
        batch.clear();
    }
}

void StoreWriter::commit(std::vector<StoreUnit>& batch) {
    std::uint64_t upTo = 0;
    try {
        sqlite::Transaction transaction(db_);
        repository_.write(batch);
        transaction.commit();
        std::lock_guard lock(mutex_);
        upTo = committed() + batch.size();
        committed_.store(upTo, std::memory_order_release);
        ++statistics_.transactions;
        statistics_.units += batch.size();
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        failure_ = std::string("the order store stopped writing: ") + e.what();
        spdlog::critical("{}", *failure_);
    }
    committedChanged_.notify_all();
    if (upTo == 0) return;
    std::lock_guard lock(listenerMutex_);
    if (listener_) listener_(upTo);
}

}  // namespace ob::store

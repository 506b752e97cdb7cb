#include "storewriter.h"

#include "store/diskerrors.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>

namespace ob::store {

namespace {

/// Why a transaction could not be committed, in words that say what to do about it: a full disk or a
/// read-only directory as such, else the system's reason and SQLite's.
std::string failureOf(const std::exception& e, const std::filesystem::path& database) {
    const auto* sqliteError = dynamic_cast<const sqlite::SqliteError*>(&e);
    const int code = sqliteError ? (sqliteError->isDiskFull() ? ENOSPC : sqliteError->systemError()) : 0;
    const std::string written = "the order store could not write its database";
    if (auto cause = diskErrorCause(database.parent_path(), code)) return *cause + ": " + written + " (" + e.what() + ")";
    if (code != 0) return written + " " + database.string() + ": " + std::strerror(code) + " (" + e.what() + ")";
    return written + " " + database.string() + ": " + e.what();
}

}  // namespace

StoreWriter::StoreWriter(sqlite::Database db, std::size_t maxUnitsPerTransaction)
    : db_(std::move(db)), repository_(db_), maxUnitsPerTransaction_(maxUnitsPerTransaction), thread_([this] {
        pthread_setname_np(pthread_self(), "ob-store");
        run();
    }) {}

StoreWriter::~StoreWriter() { stop(); }

void StoreWriter::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
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
    // The queue is taken whole under the lock (a swap) and worked through here in transactions of
    // at most maxUnitsPerTransaction_: taking a slice off the front of the queue would move every
    // unit behind it, at every transaction.
    std::vector<StoreUnit> taken;
    std::size_t next = 0;
    std::vector<StoreUnit> batch;
    for (;;) {
        if (next == taken.size()) {
            taken.clear();
            next = 0;
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() || failure_) return;  // stopping, and everything is written (or cannot be)
            taken.swap(queue_);
        }
        if (failure_) return;                                        // only this thread sets it
        if (next == 0 && taken.size() <= maxUnitsPerTransaction_) {  // the usual case: one transaction takes it all
            commit(taken);
            taken.clear();
            continue;
        }
        const std::size_t count = std::min(maxUnitsPerTransaction_, taken.size() - next);
        const auto first = taken.begin() + static_cast<std::ptrdiff_t>(next);
        batch.assign(std::make_move_iterator(first), std::make_move_iterator(first + static_cast<std::ptrdiff_t>(count)));
        next += count;
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
        failure_ = failureOf(e, db_.path());
        spdlog::critical("{}", *failure_);
    }
    committedChanged_.notify_all();
    // Told of a failure too, so that those who wait for commits learn at once that none will come.
    std::lock_guard lock(listenerMutex_);
    if (listener_) listener_(committed());
}

}  // namespace ob::store

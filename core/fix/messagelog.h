#pragma once

#include "domain/timestamp.h"

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ob {

/// One FIX message as it crossed the wire, credentials already masked.
struct LoggedMessage {
    std::uint64_t id = 0;  ///< numbers the messages in arrival order
    Timestamp at;
    std::string session;
    bool incoming = true;
    std::string msgType;
    int msgSeqNum = 0;
    std::string text;  ///< SOH-separated
};

/// Every FIX message in and out: the latest in memory for the UI to search,
/// all of them appended to one file per day in the data directory's fix/
/// folder ("messages-YYYYMMDD.log", SOH shown as '|'). Appending only queues
/// the message: a thread of the log's own writes the file a few times a
/// second, so the FIX engine's thread never formats or writes. A file that
/// cannot be written (a full disk) is said once, to the failure listener, and
/// written again as soon as it can be.
class MessageLog {
public:
    /// Called on the log's thread with what went wrong, once per stretch of failed writes.
    using FailureListener = std::function<void(const std::string& problem)>;

    struct Filter {
        std::string session;             ///< empty: all
        std::string msgType;             ///< empty: all
        int direction = 0;               ///< 0 all, 1 incoming, 2 outgoing
        std::string contains;            ///< text the message must contain ('|' matches SOH)
        bool withoutMarketData = false;  ///< leave out MarketData messages (V, W, X, Y)
        std::uint64_t afterId = 0;
        std::size_t limit = 1000;
    };

    /// `directory` empty keeps the log in memory only.
    explicit MessageLog(std::filesystem::path directory, std::size_t keepInMemory = 100'000, FailureListener onFailure = {});
    ~MessageLog();

    void append(const std::string& session, bool incoming, const std::string& text);
    /// The newest messages that match, oldest first.
    std::vector<LoggedMessage> query(const Filter& filter) const;
    std::uint64_t lastId() const;
    void flush();

private:
    void runWriter();
    void write(const std::vector<LoggedMessage>& messages);
    std::filesystem::path pathOf(const std::string& date) const;

    std::filesystem::path directory_;
    const std::size_t keep_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<LoggedMessage> recent_;
    std::vector<LoggedMessage> unwritten_;
    std::uint64_t nextId_ = 1;
    std::uint64_t writtenUpTo_ = 0;
    std::condition_variable written_;
    bool stopping_ = false;
    FailureListener onFailure_;
    // The writer thread's:
    std::FILE* file_ = nullptr;
    std::string fileDate_;
    bool failing_ = false;
    std::thread writer_;
};

}  // namespace ob

#include "messagelog.h"

#include "fix/fixmessage.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ob {

MessageLog::MessageLog(std::filesystem::path directory, std::size_t keepInMemory, FailureListener onFailure)
    : directory_(std::move(directory)), keep_(keepInMemory), onFailure_(std::move(onFailure)) {
    if (directory_.empty()) return;
    std::filesystem::create_directories(directory_);
    writer_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "ob-fixlog");
        runWriter();
    });
}

MessageLog::~MessageLog() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (writer_.joinable()) writer_.join();
    if (file_) std::fclose(file_);
}

void MessageLog::append(const std::string& session, bool incoming, const std::string& text) {
    LoggedMessage message;
    message.at = nowUtc();
    message.session = session;
    message.incoming = incoming;
    message.msgType = fieldIn(text, fixtag::MsgType);
    message.msgSeqNum = std::atoi(std::string(fieldIn(text, fixtag::MsgSeqNum)).c_str());
    message.text = text;
    std::lock_guard lock(mutex_);
    message.id = nextId_++;
    if (!directory_.empty()) unwritten_.push_back(message);
    recent_.push_back(std::move(message));
    if (recent_.size() > keep_) recent_.pop_front();
}

void MessageLog::runWriter() {
    std::vector<LoggedMessage> batch;
    std::unique_lock lock(mutex_);
    while (!stopping_ || !unwritten_.empty()) {
        wake_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_; });
        batch.swap(unwritten_);
        lock.unlock();
        write(batch);
        lock.lock();
        if (!batch.empty()) writtenUpTo_ = batch.back().id;
        batch.clear();
        written_.notify_all();
    }
}

void MessageLog::write(const std::vector<LoggedMessage>& messages) {
    if (messages.empty()) return;
    int error = 0;
    for (const auto& message : messages) {
        const auto date = tradeDateOf(message.at);
        if (!file_ || date != fileDate_) {
            if (file_) std::fclose(file_);
            file_ = std::fopen(pathOf(date).c_str(), "a");
            fileDate_ = date;
            if (!file_) {
                error = errno;
                break;
            }
        }
        std::string line =
            toIsoString(message.at) + (message.incoming ? " IN  " : " OUT ") + message.session + " " + message.text + '\n';
        std::replace(line.begin(), line.end(), '\x01', '|');
        if (std::fwrite(line.data(), 1, line.size(), file_) != line.size()) {
            error = errno;
            break;
        }
    }
    if (!error && std::fflush(file_) != 0) error = errno;
    if (!error) {
        failing_ = false;
        return;
    }
    // Let go of the file: the next batch opens it again and appends, once there is room.
    if (file_) std::fclose(file_);
    file_ = nullptr;
    if (failing_ || !onFailure_) return;
    failing_ = true;
    onFailure_("the FIX message log " + pathOf(fileDate_).string() + " cannot be written (" + std::strerror(error) +
               "): messages from " + toIsoString(messages.front().at) + " on are missing from it");
}

std::filesystem::path MessageLog::pathOf(const std::string& date) const { return directory_ / ("messages-" + date + ".log"); }

std::vector<LoggedMessage> MessageLog::query(const Filter& filter) const {
    std::string contains = filter.contains;
    std::replace(contains.begin(), contains.end(), '|', '\x01');
    std::vector<LoggedMessage> found;
    std::lock_guard lock(mutex_);
    for (auto it = recent_.rbegin(); it != recent_.rend() && found.size() < filter.limit; ++it) {
        if (it->id <= filter.afterId) break;
        if (!filter.session.empty() && it->session != filter.session) continue;
        if (!filter.msgType.empty() && it->msgType != filter.msgType) continue;
        if (filter.withoutMarketData && it->msgType.size() == 1 &&
            std::string_view("VWXY").find(it->msgType[0]) != std::string_view::npos)
            continue;
        if (filter.direction == 1 && !it->incoming) continue;
        if (filter.direction == 2 && it->incoming) continue;
        if (!contains.empty() && it->text.find(contains) == std::string::npos) continue;
        found.push_back(*it);
    }
    std::reverse(found.begin(), found.end());
    return found;
}

std::uint64_t MessageLog::lastId() const {
    std::lock_guard lock(mutex_);
    return nextId_ - 1;
}

void MessageLog::flush() {
    // Wakes the writer and waits until what was appended before is on file.
    std::unique_lock lock(mutex_);
    if (directory_.empty() || !writer_.joinable()) return;
    const auto target = nextId_ - 1;
    wake_.notify_all();
    written_.wait_for(lock, std::chrono::seconds(5), [&] { return writtenUpTo_ >= target; });
}

}  // namespace ob

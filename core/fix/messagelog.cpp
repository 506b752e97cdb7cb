#include "messagelog.h"

#include <algorithm>

namespace ob {

namespace {

std::string fieldOf(const std::string& text, const char* tagEquals) {
    const std::string needle = std::string(1, '\x01') + tagEquals;
    auto at = text.find(needle);
    if (at == std::string::npos) return {};
    at += needle.size();
    return text.substr(at, text.find('\x01', at) - at);
}

}  // namespace

MessageLog::MessageLog(std::filesystem::path directory, std::size_t keepInMemory)
    : directory_(std::move(directory)), keep_(keepInMemory) {
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
}

void MessageLog::append(const std::string& session, bool incoming, const std::string& text) {
    LoggedMessage message;
    message.at = nowUtc();
    message.session = session;
    message.incoming = incoming;
    message.msgType = fieldOf(text, "35=");
    message.msgSeqNum = std::atoi(fieldOf(text, "34=").c_str());
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
    for (const auto& message : messages) {
        const auto date = tradeDateOf(message.at);
        if (date != fileDate_) {
            file_.close();
            file_.open(directory_ / ("messages-" + date + ".log"), std::ios::app);
            fileDate_ = date;
        }
        std::string line =
            toIsoString(message.at) + (message.incoming ? " IN  " : " OUT ") + message.session + " " + message.text;
        std::replace(line.begin(), line.end(), '\x01', '|');
        file_ << line << '\n';
    }
    if (!messages.empty()) file_.flush();
}

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

#include "barefix.h"

#include <quickfix/Application.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>

namespace ob {
namespace bench {

namespace {

class Counter : public FIX::Application {
public:
    void onCreate(const FIX::SessionID&) override {}
    void onLogon(const FIX::SessionID& id) override {
        std::lock_guard<std::mutex> lock(mutex_);
        session_ = id;
        loggedOn_ = true;
        changed_.notify_all();
    }
    void onLogout(const FIX::SessionID&) override {}
    void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
    void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
    void fromAdmin(const FIX::Message&, const FIX::SessionID&)
        throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
    void fromApp(const FIX::Message& message, const FIX::SessionID&)
        throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
        if (message.getHeader().getField(FIX::FIELD::MsgType) != "8") return;
        if (++reports_ == expected_) {
            std::lock_guard<std::mutex> lock(mutex_);
            lastReport_ = std::chrono::steady_clock::now();
            changed_.notify_all();
        }
    }

    bool waitForLogon() {
        std::unique_lock<std::mutex> lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(10), [this] { return loggedOn_; });
    }
    bool waitForReports() {
        std::unique_lock<std::mutex> lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(60), [this] { return reports_.load() >= expected_; });
    }

    FIX::SessionID session_;
    long expected_ = 0;
    std::atomic<long> reports_{0};
    std::chrono::steady_clock::time_point lastReport_;

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool loggedOn_ = false;
};

}  // namespace

BareFixResult runBareInitiator(const std::string& settingsText, const std::string& dictionaryDirectory, int orders,
                               const std::string& symbol, long expectedReports) {
    BareFixResult result;
    try {
        std::istringstream stream(settingsText + "\nUseDataDictionary=Y\nDataDictionary=" + dictionaryDirectory +
                                  "/FIX44.xml\nStartTime=00:00:00\nEndTime=00:00:00\n");
        FIX::SessionSettings settings(stream);
        Counter counter;
        counter.expected_ = expectedReports;
        FIX::MemoryStoreFactory store;
        FIX::SocketInitiator initiator(counter, store, settings);
        initiator.start();
        if (!counter.waitForLogon()) {
            result.error = "the bare initiator did not log on";
            return result;
        }
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < orders; ++i) {
            FIX::Message order;
            order.getHeader().setField(FIX::FIELD::MsgType, "D");
            order.setField(FIX::FIELD::ClOrdID, "BARE" + std::to_string(i));
            order.setField(FIX::FIELD::HandlInst, "1");
            order.setField(FIX::FIELD::Symbol, symbol);
            order.setField(FIX::FIELD::Side, "1");
            order.setField(FIX::FIELD::TransactTime, "20261129-12:00:00.000");
            order.setField(FIX::FIELD::OrderQty, "100");
            order.setField(FIX::FIELD::OrdType, "1");
            FIX::Session::sendToTarget(order, counter.session_);
        }
        const bool complete = counter.waitForReports();
        result.reports = counter.reports_.load();
        result.seconds = std::chrono::duration<double>(counter.lastReport_ - start).count();
        if (!complete) result.error = "only " + std::to_string(result.reports) + " reports arrived";
        initiator.stop(true);
    } catch (const std::exception& e) {
        result.error = e.what();
    }
    return result;
}

}  // namespace bench
}  // namespace ob

#include "engine/durablerouter.h"

#include <spdlog/spdlog.h>

#include <pthread.h>

namespace ob {

void DurableRouter::start(Report report) {
    stopping_ = false;
    thread_ = std::thread([this, reportTo = std::move(report)] {
        pthread_setname_np(pthread_self(), "ob-router");
        run(reportTo);
    });
}

void DurableRouter::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void DurableRouter::wake() {
    std::lock_guard lock(mutex_);  // so that the router cannot miss the wake-up
    changed_.notify_one();
}

std::uint64_t DurableRouter::submitAndQueue(std::optional<StoreUnit> unit, std::vector<OutboundRequest> requests,
                                            std::uint64_t lastSubmitted) {
    for (const auto& request : requests) routing_.insert(request.clOrdId);
    std::lock_guard lock(mutex_);  // so that the router cannot see the commit before the request
    if (unit) lastSubmitted = store_.submit(std::move(*unit));
    for (auto& request : requests) awaitingCommit_.push_back({lastSubmitted, std::move(request), nullptr});
    changed_.notify_one();
    return lastSubmitted;
}

void DurableRouter::barrier(std::shared_ptr<std::promise<void>> reached, std::uint64_t afterUnit) {
    std::lock_guard lock(mutex_);
    awaitingCommit_.push_back({afterUnit, std::nullopt, std::move(reached)});
    changed_.notify_one();
}

void DurableRouter::run(const Report& report) {
    std::vector<AwaitingCommit> ready;
    std::vector<Handed> outcomes;
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto committed = store_.committed();
        while (!awaitingCommit_.empty() && awaitingCommit_.front().unit <= committed) {
            ready.push_back(std::move(awaitingCommit_.front()));
            awaitingCommit_.pop_front();
        }
        if (ready.empty()) {
            if (stopping_) return;
            changed_.wait(lock);
            continue;
        }
        lock.unlock();
        for (auto& entry : ready) {
            if (!entry.request || !send_) continue;
            const auto& request = *entry.request;
            bool handedOver = false;
            try {
                handedOver = send_(request);
            } catch (const std::exception& e) {
                spdlog::error("routing {} failed: {}", request.clOrdId, e.what());
            }
            outcomes.push_back({request, handedOver});
        }
        if (!outcomes.empty()) report(outcomes);
        // Reached once what came before is handed over and reported: the engine has then been told, too.
        for (auto& entry : ready)
            if (entry.reached) entry.reached->set_value();
        outcomes.clear();
        ready.clear();
        lock.lock();
    }
}

}  // namespace ob

#include "futures.h"

#include <QThreadPool>

namespace ob::ui {

namespace {

/// Some work only waits for the engine's answers (a batch of cancels, a basket): enough threads that a query
/// never queues behind such a wait, as it did not when each piece of work had a thread of its own.
class Workers final : public QThreadPool {
public:
    Workers() { setMaxThreadCount(16); }
};

Workers& workers() {
    static Workers pool;  // its destructor, at exit, waits for what still runs
    return pool;
}

}  // namespace

void runOnWorkerThread(std::function<void()> task) { workers().start(std::move(task)); }

void waitForBackgroundWork() { workers().waitForDone(); }

}  // namespace ob::ui

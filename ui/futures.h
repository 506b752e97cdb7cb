#pragma once

#include <QDebug>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <type_traits>

// The one way ui/ runs work off the GUI thread: inBackground() runs it on the desk's worker threads and gives a
// std::future, and whenReady() brings its value back to the GUI thread, as it does for the engine's answers,
// which are std::futures too.

namespace ob::ui {

/// Calls `ready(value)` on the GUI thread once the future has its value,
/// without blocking the GUI thread meanwhile: a short timer looks at it.
/// If the work failed with an exception (a bug the engine has already
/// reported as an alert), `failed(what)` is called instead, so that a dialog
/// waiting for the answer does not wait forever. Nothing is called if
/// `context` is destroyed first.
template <typename T, typename F, typename G>
void whenReady(QObject* context, std::future<T> future, F ready, G failed) {
    auto shared = std::make_shared<std::future<T>>(std::move(future));
    auto* timer = new QTimer(context);
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, context,
                     [timer, shared, ready = std::move(ready), failed = std::move(failed)]() mutable {
                         if (shared->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
                         timer->stop();
                         timer->deleteLater();
                         std::optional<T> value;
                         try {
                             value.emplace(shared->get());
                         } catch (const std::exception& e) {
                             qWarning("a request to the engine failed: %s", e.what());
                             failed(QString::fromUtf8(e.what()));
                             return;
                         }
                         ready(std::move(*value));
                     });
    timer->start();
}

/// As above, for callers with nothing to undo when the work fails.
template <typename T, typename F>
void whenReady(QObject* context, std::future<T> future, F ready) {
    whenReady(context, std::move(future), std::move(ready), [](const QString&) {});
}

/// Hands a task to the desk's worker threads (see inBackground).
void runOnWorkerThread(std::function<void()> task);

/// Waits until every piece of work handed to inBackground() has finished. The main window calls it as it closes,
/// before the desk whose store and message log the work may read goes away.
void waitForBackgroundWork();

/// Runs `work` on one of the desk's worker threads. The future does not wait for the work when it is destroyed,
/// so a dialog closed while its work runs closes at once; the work must therefore own what it uses (copies),
/// apart from the desk's store and message log, which outlive every window (see waitForBackgroundWork).
template <typename F>
auto inBackground(F work) -> std::future<std::invoke_result_t<F>> {
    auto task = std::make_shared<std::packaged_task<std::invoke_result_t<F>()>>(std::move(work));
    auto future = task->get_future();
    runOnWorkerThread([task] { (*task)(); });
    return future;
}

}  // namespace ob::ui

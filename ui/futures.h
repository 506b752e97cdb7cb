#pragma once

#include <QDebug>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <future>
#include <memory>

namespace ob::ui {

/// Calls `ready(value)` on the GUI thread once the future has its value,
/// without blocking the GUI thread meanwhile: a short timer looks at it.
/// Nothing is called if `context` is destroyed first, nor if the work
/// failed with an exception (a bug the engine has already reported as an alert).
template <typename T, typename F>
void whenReady(QObject* context, std::future<T> future, F ready) {
    auto shared = std::make_shared<std::future<T>>(std::move(future));
    auto* timer = new QTimer(context);
    timer->setInterval(5);
    QObject::connect(timer, &QTimer::timeout, context, [timer, shared, ready = std::move(ready)]() mutable {
        if (shared->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
        timer->stop();
        timer->deleteLater();
        try {
            ready(shared->get());
        } catch (const std::exception& e) {
            qWarning("a request to the engine failed: %s", e.what());
        }
    });
    timer->start();
}

}  // namespace ob::ui

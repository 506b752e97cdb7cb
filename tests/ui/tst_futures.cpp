// The one way the desk's windows run work off the GUI thread: inBackground() on the worker threads, whenReady()
// back on the GUI thread. A window closed while its work runs closes at once; the work is waited for only when
// the desk closes.
#include "futures.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <stdexcept>

using namespace ob::ui;

class TestFutures final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsWorkOffTheGuiThreadAndAnswersOnIt() {
        QObject context;
        QThread* gui = QThread::currentThread();
        QThread* ranOn = gui;
        QThread* answeredOn = nullptr;
        int answer = 0;
        whenReady(&context, inBackground([&ranOn] {
            ranOn = QThread::currentThread();
            return 42;
        }),
                  [&](int value) {
                      answeredOn = QThread::currentThread();
                      answer = value;
                  });
        QTRY_COMPARE(answer, 42);
        QVERIFY(ranOn != gui);
        QCOMPARE(answeredOn, gui);
    }

    void reportsWorkThatThrew() {
        QObject context;
        QString why;
        whenReady(
            &context, inBackground([]() -> int { throw std::runtime_error("no disk"); }), [](int) { QFAIL("no value expected"); },
            [&why](const QString& what) { why = what; });
        QTRY_COMPARE(why, QStringLiteral("no disk"));
    }

    void aClosedWindowDoesNotWaitForItsWork() {
        std::promise<void> gate;
        auto opened = gate.get_future().share();
        std::atomic<bool> finished = false;
        bool answered = false;
        {
            QObject window;
            whenReady(&window, inBackground([opened, &finished] {
                opened.wait();
                finished = true;
                return 1;
            }),
                      [&answered](int) { answered = true; });
        }  // would wait here, for ever, if the window's future waited for its work
        QVERIFY(!finished);
        gate.set_value();
        waitForBackgroundWork();
        QVERIFY(finished);
        QTest::qWait(20);
        QVERIFY(!answered);
    }
};

QTEST_GUILESS_MAIN(TestFutures)
#include "tst_futures.moc"

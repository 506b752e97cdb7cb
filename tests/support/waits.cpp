#include "waits.h"

#include <QTest>

namespace ob::test {

void failTest(const std::string& message, std::source_location where) {
    if (!QTest::currentTestFunction()) qFatal("%s (%s:%u)", message.c_str(), where.file_name(), where.line());
    QTest::qFail(message.c_str(), where.file_name(), static_cast<int>(where.line()));
}

void awaitCommitted(OrderEngine& engine, std::source_location where) {
    if (!engine.sync(std::chrono::seconds(10)))
        failTest("the engine had not applied and committed what was posted to it after 10 s", where);
}

void awaitRouted(OrderEngine& engine, std::source_location where) {
    if (!engine.syncRouter(std::chrono::seconds(10)))
        failTest("the router had not reached a sentinel queued behind every request after 10 s", where);
}

void awaitBooksAgree(OrderEngine& engine, std::source_location where) {
    auto checked = engine.verifyBooks();
    if (checked.wait_for(std::chrono::seconds(30)) != std::future_status::ready)
        return failTest("the engine had not checked its book after 30 s", where);
    const auto report = checked.get();
    if (!report) return failTest(report.error(), where);
    std::string differences;
    for (const auto& difference : report->differences) differences += "\n  " + difference.text();
    if (!report->agrees()) failTest(report->summary() + ":" + differences, where);
}

}  // namespace ob::test

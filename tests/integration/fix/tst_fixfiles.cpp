// The FIX session's files on a full disk (finding 4 of the book of record: the FIX message log once stopped
// without a word). The file is made a link to /dev/full, where every write fails with ENOSPC: the desk says
// so, in an alert and in its log, once, and carries on where it can.
#include "fixdesk.h"

#include <QTemporaryDir>
#include <QTest>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>

using namespace ob;
using namespace std::chrono_literals;

namespace {

/// The error lines the desk logs while it lives.
class ErrorLog {
public:
    ErrorLog() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000)) {
        sink_->set_level(spdlog::level::err);
        sink_->set_pattern("%v");
        spdlog::default_logger()->sinks().push_back(sink_);
    }
    ~ErrorLog() { std::erase(spdlog::default_logger()->sinks(), sink_); }
    std::vector<std::string> lines() const {
        auto lines = sink_->last_formatted();
        for (auto& line : lines)
            while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        return lines;
    }

private:
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

std::vector<std::string> errorAlerts(const test::FixDesk& desk) {
    std::vector<std::string> messages;
    for (const auto& alert : desk.alerts())
        if (alert.severity == EngineAlert::Severity::Error) messages.push_back(alert.message);
    return messages;
}

}  // namespace

class TestFixFiles final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        if (!std::filesystem::is_character_file("/dev/full"))
            QSKIP("this machine has no /dev/full, the device on which every write fails as on a full disk");
    }

    void saysWhenTheMessageLogCannotBeWritten() {
        QTemporaryDir dir;
        auto sim = std::move(Simulator::start(test::testSimulatorConfig()).value());
        const std::filesystem::path fix = dir.filePath(QStringLiteral("fix")).toStdString();
        std::filesystem::create_directories(fix);
        const auto log = fix / ("messages-" + tradeDateOf(nowUtc()) + ".log");
        std::filesystem::create_symlink("/dev/full", log);
        ErrorLog errors;
        test::FixDesk desk(dir.path().toStdString(), sim->clientSettings());
        desk.waitForStatus(desk.submit("AAPL", Side::Buy, "10").id, OrdStatus::Filled);
        desk.gateway->messageLog().flush();
        // Said once, however many messages found no room since.
        QTRY_COMPARE_WITH_TIMEOUT(errorAlerts(desk).size(), std::size_t(1), 10000);
        const auto said = errorAlerts(desk).front();
        const auto start = "the FIX message log " + log.string() + " cannot be written (No space left on device): messages from ";
        QVERIFY2(said.rfind(start, 0) == 0, said.c_str());
        QVERIFY2(said.ends_with(" on are missing from it"), said.c_str());
        const auto logged = errors.lines();
        QCOMPARE(std::count(logged.begin(), logged.end(), said), std::ptrdiff_t(1));
        // The messages are kept in memory all the same, and the desk trades on.
        QVERIFY(desk.gateway->messageLog().query({}).size() >= 4);

        // Once there is room, the file is written again.
        std::filesystem::remove(log);
        desk.waitForStatus(desk.submit("AAPL", Side::Sell, "10").id, OrdStatus::Filled);
        desk.gateway->messageLog().flush();
        QVERIFY(std::filesystem::is_regular_file(log));
        QVERIFY(std::filesystem::file_size(log) > 0);
        QCOMPARE(errorAlerts(desk).size(), std::size_t(1));
    }

    void saysWhenASessionCannotWriteItsMessageStore() {
        QTemporaryDir dir;
        auto sim = std::move(Simulator::start(test::testSimulatorConfig()).value());
        test::FixDesk desk(dir.path().toStdString(), sim->clientSettings());
        desk.waitForStatus(desk.submit("AAPL", Side::Buy, "10").id, OrdStatus::Filled);
        desk.close();
        // The file QuickFIX keeps each message it sends in (to send it again when asked) finds no room.
        const auto body =
            std::filesystem::path(dir.filePath(QStringLiteral("fix/store/FIX.4.4-OPENBLOTTER-SIM.body")).toStdString());
        const auto kept = body.string() + ".kept";
        std::filesystem::rename(body, kept);
        std::filesystem::create_symlink("/dev/full", body);
        ErrorLog errors;
        desk.open(false);
        const std::string expected =
            "FIX session FIX.4.4:OPENBLOTTER->SIM cannot write its message store (Unable to flush file " + body.string() +
            "): it sends nothing, not even its logon or heartbeats, until it can. Free space on "
            "the disk of the data directory";
        QTRY_COMPARE_WITH_TIMEOUT(errorAlerts(desk), std::vector<std::string>{expected}, 10000);
        const auto logged = errors.lines();
        QCOMPARE(std::count(logged.begin(), logged.end(), expected), std::ptrdiff_t(1));
        const auto session = desk.gateway->sessions().at(0);
        QCOMPARE(session.state, FixSessionInfo::State::Error);  // not "Connecting" at each attempt
        QVERIFY2(session.lastError.find(body.string()) != std::string::npos, session.lastError.c_str());
        // An order entered now cannot leave, and says why.
        const auto order = desk.submit("AAPL", Side::Buy, "10");
        const auto rejected = desk.waitForStatus(order.id, OrdStatus::Rejected);
        QVERIFY2(rejected.text.find("its message store cannot be written (Unable to flush file " + body.string() + ")") !=
                     std::string::npos,
                 rejected.text.c_str());

        // With room again, the session logs on and trades.
        desk.close();
        std::filesystem::remove(body);
        std::filesystem::rename(kept, body);
        desk.open();
        QCOMPARE(desk.waitForStatus(desk.submit("AAPL", Side::Buy, "10").id, OrdStatus::Filled).cumQty, Qty::of("10"));
    }
};

QTEST_GUILESS_MAIN(TestFixFiles)
#include "tst_fixfiles.moc"

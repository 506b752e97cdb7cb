// The FIX message log when its file cannot be written (finding 4 of the book of record: the log once stopped
// without a word): it says so once, keeps the messages in memory, and writes the file again when it can.
#include "filesizelimit.h"
#include "fix/messagelog.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using namespace ob;

namespace {

std::string message(int msgSeqNum) {
    return "8=FIX.4.4\x01"
           "35=8\x01"
           "34=" +
           std::to_string(msgSeqNum) + "\x01";
}

}  // namespace

class TestMessageLog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void saysOnceWhenItsFileCannotBeWrittenAndWritesItAgainAfter() {
        QTemporaryDir dir;
        std::mutex mutex;
        std::vector<std::string> problems;
        MessageLog log(dir.path().toStdString(), 100, [&](const std::string& problem) {
            std::lock_guard lock(mutex);
            problems.push_back(problem);
        });
        const auto problemsSoFar = [&] {
            std::lock_guard lock(mutex);
            return problems;
        };
        log.append("S", true, message(1));
        log.flush();
        const auto files = QDir(dir.path()).entryInfoList(QDir::Files);
        QCOMPARE(files.size(), 1);
        const auto file = files.front().absoluteFilePath();
        {
            test::FileSizeLimit full(static_cast<std::uint64_t>(files.front().size()));  // it cannot grow
            log.append("S", false, message(2));
            log.flush();
            log.append("S", true, message(3));
            log.flush();
        }
        const auto said = problemsSoFar();
        QCOMPARE(said.size(), std::size_t(1));
        const auto start = "the FIX message log " + file.toStdString() + " cannot be written (File too large): messages from ";
        QVERIFY2(said[0].rfind(start, 0) == 0, said[0].c_str());
        QVERIFY2(said[0].ends_with(" on are missing from it"), said[0].c_str());

        log.append("S", false, message(4));
        log.flush();
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const auto lines = QString::fromUtf8(written.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].endsWith(QStringLiteral(" IN  S 8=FIX.4.4|35=8|34=1|")), qPrintable(lines[0]));
        QVERIFY2(lines[1].endsWith(QStringLiteral(" OUT S 8=FIX.4.4|35=8|34=4|")), qPrintable(lines[1]));
        QCOMPARE(log.query({}).size(), std::size_t(4));  // all of them in memory

        // The next stretch of failed writes is said again.
        {
            test::FileSizeLimit full(static_cast<std::uint64_t>(QFileInfo(file).size()));
            log.append("S", true, message(5));
            log.flush();
        }
        QCOMPARE(problemsSoFar().size(), std::size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestMessageLog)
#include "tst_messagelog.moc"

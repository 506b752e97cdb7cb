#include "util/files.h"

#include "filesizelimit.h"

#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <set>
#include <thread>

using namespace ob;

namespace {

struct stat statOf(const std::filesystem::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) qFatal("cannot stat %s", path.c_str());
    return info;
}

std::set<std::string> namesIn(const std::filesystem::path& directory) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) names.insert(entry.path().filename().string());
    return names;
}

}  // namespace

class TestFiles final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesIntoAFifoAndLeavesItAFifo() {
        QTemporaryDir dir;
        const std::filesystem::path fifo = dir.filePath(QStringLiteral("orders.fifo")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        // A second name for the same FIFO lets a reader go that waits on a FIFO no longer at the first name.
        const auto spare = fifo.string() + ".spare";
        QCOMPARE(::link(fifo.c_str(), spare.c_str()), 0);

        std::string received;
        std::thread reader([&] {
            if (auto text = readFile(fifo)) received = *text;
        });
        const auto written = writeFile(fifo, "cl_ord_id\nA1\n");
        if (const int fd = ::open(spare.c_str(), O_WRONLY | O_NONBLOCK); fd >= 0) ::close(fd);
        reader.join();

        QVERIFY2(written.ok(), written.error().c_str());
        QCOMPARE(received, std::string("cl_ord_id\nA1\n"));
        QVERIFY(S_ISFIFO(statOf(fifo).st_mode));
    }

    void writesIntoADeviceAndLeavesItADevice() {
        const auto before = statOf("/dev/null");
        QVERIFY(S_ISCHR(before.st_mode));
        const auto written = writeFile("/dev/null", "cl_ord_id\nA1\n");
        QVERIFY2(written.ok(), written.error().c_str());
        const auto after = statOf("/dev/null");
        QVERIFY(S_ISCHR(after.st_mode));
        QCOMPARE(after.st_rdev, before.st_rdev);
        QCOMPARE(after.st_ino, before.st_ino);
    }

    void replacesARegularFileKeepingItsMode() {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath(QStringLiteral("orders.csv")).toStdString();
        QVERIFY(writeFile(file, "old\n").ok());
        QCOMPARE(::chmod(file.c_str(), 0640), 0);
        const auto oldInode = statOf(file).st_ino;

        const auto written = writeFile(file, "cl_ord_id\nA1\n");
        QVERIFY2(written.ok(), written.error().c_str());
        QCOMPARE(*readFile(file), std::string("cl_ord_id\nA1\n"));
        QCOMPARE(statOf(file).st_mode & 07777, mode_t(0640));
        QVERIFY(statOf(file).st_ino != oldInode);  // a new file renamed into place, not the old one rewritten
        QCOMPARE(namesIn(dir.path().toStdString()), std::set<std::string>{"orders.csv"});
    }

    void followsASymbolicLinkAndLeavesTheLink() {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        std::filesystem::create_directory(root / "books");
        QVERIFY(writeFile(root / "books" / "monday.csv", "old\n").ok());
        std::filesystem::create_symlink("books/monday.csv", root / "latest.csv");

        const auto written = writeFile(root / "latest.csv", "cl_ord_id\nA1\n");
        QVERIFY2(written.ok(), written.error().c_str());
        QVERIFY(std::filesystem::is_symlink(root / "latest.csv"));
        QCOMPARE(std::filesystem::read_symlink(root / "latest.csv"), std::filesystem::path("books/monday.csv"));
        QCOMPARE(*readFile(root / "books" / "monday.csv"), std::string("cl_ord_id\nA1\n"));
        QCOMPARE(namesIn(root / "books"), std::set<std::string>{"monday.csv"});
        QCOMPARE(namesIn(root), (std::set<std::string>{"books", "latest.csv"}));
    }

    void failsNamingThePathAndTheReasonAndLeavesNothingBehind() {
        QTemporaryDir dir;
        const std::filesystem::path missing = dir.filePath(QStringLiteral("no-such-dir/orders.csv")).toStdString();
        auto written = writeFile(missing, "A1\n");
        QVERIFY(!written.ok());
        QCOMPARE(QString::fromStdString(written.error()),
                 QString::fromStdString("cannot write " + missing.string() + ": No such file or directory"));
        QVERIFY(namesIn(dir.path().toStdString()).empty());

        // sysfs refuses new files even to root, as a read-only directory refuses them to others.
        written = writeFile("/sys/openblotter-orders.csv", "A1\n");
        QVERIFY(!written.ok());
        QVERIFY2(written.error() == "cannot write /sys/openblotter-orders.csv: Permission denied" ||
                     written.error() == "cannot write /sys/openblotter-orders.csv: Read-only file system",
                 written.error().c_str());
        QVERIFY(!std::filesystem::exists("/sys/openblotter-orders.csv"));
    }

    void keepsTheOldFileWhenTheDiskIsFull() {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath(QStringLiteral("orders.csv")).toStdString();
        QVERIFY(writeFile(file, "old\n").ok());
        Status written;
        {
            test::FileSizeLimit limit(16);
            written = writeFile(file, std::string(4096, 'x'));
        }
        QVERIFY(!written.ok());
        QCOMPARE(QString::fromStdString(written.error()),
                 QString::fromStdString("cannot write " + file.string() + ": File too large"));
        QCOMPARE(*readFile(file), std::string("old\n"));
        QCOMPARE(namesIn(dir.path().toStdString()), std::set<std::string>{"orders.csv"});
    }
};

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"

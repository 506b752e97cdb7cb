// The Debian package as a user gets it: built by CPack from this build, its metadata and
// contents checked with dpkg-deb, lintian, appstreamcli and desktop-file-validate, and its
// programs run from the unpacked package: --version, and a basket sent by the packaged
// openblotter --headless to the packaged openblotter-sim over loopback FIX.
#include "programs.h"
#include "util/csv.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ob;

namespace {

struct Output {
    int exitCode = -1;
    QString text;  ///< stdout and stderr
};

Output run(const QString& program, const QStringList& arguments, const QString& directory = {}) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!directory.isEmpty()) process.setWorkingDirectory(directory);
    process.start(program, arguments);
    if (!process.waitForFinished(600000)) qFatal("%s did not finish", qPrintable(program));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAll())};
}

/// Which of `tools` are not on the PATH, and where to get them; empty when all are. The package is checked
/// with every one of them or the test fails: a check skipped for want of a tool would pass unnoticed.
QString missing(std::initializer_list<const char*> tools) {
    QStringList absent;
    for (const char* tool : tools)
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) absent << QString::fromLatin1(tool);
    if (absent.isEmpty()) return {};
    return absent.join(QStringLiteral(", ")) +
           QStringLiteral(" not found on the PATH: scripts/install-dependencies.sh installs the tools the tests use");
}

}  // namespace

class TestPackage final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        const auto missingTools = missing({"cpack", "dpkg-deb"});
        QVERIFY2(missingTools.isEmpty(), qPrintable(missingTools));
        QVERIFY(packageDir_.isValid());
        const auto built =
            run(QStringLiteral("cpack"), {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), packageDir_.path()},
                QStringLiteral(OPENBLOTTER_BUILD_DIR));
        QVERIFY2(built.exitCode == 0, qPrintable(built.text));
        const auto packages = QDir(packageDir_.path()).entryList({QStringLiteral("openblotter_*.deb")}, QDir::Files);
        QCOMPARE(packages.size(), 1);
        deb_ = QDir(packageDir_.path()).filePath(packages.front());
        root_ = QDir(packageDir_.path()).filePath(QStringLiteral("root"));
        const auto unpacked = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), deb_, root_});
        QVERIFY2(unpacked.exitCode == 0, qPrintable(unpacked.text));
    }

    void dependsOnDebiansLibrariesAndBundlesNone() {
        const auto fields = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), deb_, QStringLiteral("Package"),
                                                             QStringLiteral("Version"), QStringLiteral("Depends")});
        QCOMPARE(fields.exitCode, 0);
        QVERIFY2(fields.text.contains(QStringLiteral("Package: openblotter\n")), qPrintable(fields.text));
        QVERIFY2(fields.text.contains(QStringLiteral("Version: %1\n").arg(QStringLiteral(OPENBLOTTER_VERSION))),
                 qPrintable(fields.text));
        for (const char* library : {"libqt6widgets6", "libqt6charts6", "libquickfix", "libsqlite3-0", "libspdlog", "libssl3"})
            QVERIFY2(fields.text.contains(QString::fromLatin1(library)), library);
        // Nothing Debian provides is in the package: no shared libraries at all.
        const auto contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb_});
        QVERIFY(!contents.text.contains(QStringLiteral(".so")));
    }

    void holdsTheProgramsAndTheirDesktopIntegration() {
        const auto contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), deb_});
        QCOMPARE(contents.exitCode, 0);
        for (const char* file :
             {"./usr/bin/openblotter", "./usr/bin/openblotter-sim", "./usr/bin/openblotter-bench",
              "./usr/share/applications/openblotter.desktop", "./usr/share/metainfo/org.openblotter.OpenBlotter.metainfo.xml",
              "./usr/share/icons/hicolor/scalable/apps/openblotter.svg", "./usr/share/icons/hicolor/48x48/apps/openblotter.png",
              "./usr/share/icons/hicolor/256x256/apps/openblotter.png", "./usr/share/man/man1/openblotter.1.gz",
              "./usr/share/man/man1/openblotter-sim.1.gz", "./usr/share/man/man1/openblotter-bench.1.gz",
              "./usr/share/doc/openblotter/copyright", "./usr/share/doc/openblotter/changelog.gz",
              "./usr/share/doc/openblotter/README.md", "./usr/share/doc/openblotter/docs/compliance-rules.md",
              "./usr/share/doc/openblotter/docs/screenshots/main-window.png",
              "./usr/share/doc/openblotter/examples/broker.example.cfg",
              "./usr/share/doc/openblotter/docs/reference-data.md",
              "./usr/share/doc/openblotter/examples/samples/instruments.csv",
              "./usr/share/doc/openblotter/examples/samples/rules.json"})
            QVERIFY2(contents.text.contains(QString::fromLatin1(file) + QLatin1Char('\n')), file);
    }

    void passesTheDebianAndFreedesktopChecks() {
        const auto missingTools = missing({"lintian", "appstreamcli", "desktop-file-validate"});
        QVERIFY2(missingTools.isEmpty(), qPrintable(missingTools));
        const auto lintian = run(QStringLiteral("lintian"), {deb_});
        QVERIFY2(lintian.exitCode == 0, qPrintable(lintian.text));
        QVERIFY2(!lintian.text.contains(QStringLiteral("E: ")) && !lintian.text.contains(QStringLiteral("W: ")),
                 qPrintable(lintian.text));
        const auto metainfo = run(QStringLiteral("appstreamcli"),
                                  {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                   root_ + QStringLiteral("/usr/share/metainfo/org.openblotter.OpenBlotter.metainfo.xml")});
        QVERIFY2(metainfo.exitCode == 0, qPrintable(metainfo.text));
        const auto desktop =
            run(QStringLiteral("desktop-file-validate"), {root_ + QStringLiteral("/usr/share/applications/openblotter.desktop")});
        QVERIFY2(desktop.exitCode == 0 && desktop.text.trimmed().isEmpty(), qPrintable(desktop.text));
    }

    void everyProgramTellsItsVersionAndHelp() {
        for (const char* program : {"openblotter", "openblotter-sim", "openblotter-bench"}) {
            const QString binary = root_ + QStringLiteral("/usr/bin/") + QString::fromLatin1(program);
            const auto version = run(binary, {QStringLiteral("--version")});
            QCOMPARE(version.exitCode, 0);
            QCOMPARE(version.text.trimmed(),
                     QStringLiteral("%1 %2").arg(QString::fromLatin1(program), QStringLiteral(OPENBLOTTER_VERSION)));
            const auto help = run(binary, {QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.text.contains(QStringLiteral("Usage")), program);
        }
    }

    void thePackagedDeskFillsABasketAgainstThePackagedSimulator() {
        QTemporaryDir dir;
        test::SimProcess sim(root_ + QStringLiteral("/usr/bin/openblotter-sim"), dir.filePath(QStringLiteral("sim")));
        const auto basket = test::writeFile(dir, "basket.csv",
                                            QStringLiteral("account,symbol,side,qty,type,limit_price,tif\n"
                                                           "GROWTH-PB,AAPL,BUY,100,MKT,,DAY\n"
                                                           "INCOME-PB,MSFT,SELL,50,MKT,,DAY\n"
                                                           "GROWTH-PB,VOD.L,BUY,1000,MKT,,DAY\n"));
        const auto orders = dir.filePath(QStringLiteral("orders.csv"));
        const auto sent = test::runHeadlessAs(
            root_ + QStringLiteral("/usr/bin/openblotter"), "trader",
            {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("desk")), QStringLiteral("--fix-settings"),
             test::writeFile(dir, "broker.cfg", test::simulatorSettings(sim.port())), QStringLiteral("--import-basket"), basket,
             QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("60"), QStringLiteral("--export-orders"),
             orders});
        QVERIFY2(sent.exitCode == 0, qPrintable(sent.stdErr + sent.stdOut));
        auto table = CsvTable::readFile(orders.toStdString());
        QVERIFY(table.ok());
        QCOMPARE(table->rows().size(), std::size_t(3));
        for (const auto& row : table->rows()) QCOMPARE(table->field(row, "status"), std::string("Filled"));
    }

private:
    QTemporaryDir packageDir_;
    QString deb_;
    QString root_;
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"

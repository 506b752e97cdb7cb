#pragma once

// The programs as a user runs them: openblotter-sim in its own process, and openblotter
// --headless as one of the demo users. The program files are given, so that the same tests
// run the build's programs or the installed package's.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <map>
#include <source_location>
#include <string>

namespace ob::test {

/// openblotter-sim in its own process, on a free loopback port; stopped (and its record written) at the end.
class SimProcess {
public:
    SimProcess(const QString& program, const QString& recordPrefix, QStringList extra = {});
    ~SimProcess();
    /// Stops it the way an operator would; it writes its record on the way out.
    void stop();
    int port() const { return port_; }

private:
    QProcess process_;
    int port_ = 0;
};

struct Run {
    int exitCode = -1;
    QString stdErr;
    QString stdOut;
};

/// Waits for a started program to finish and returns what it said. One still running after `timeout`
/// is killed, and the test fails, naming it.
Run finished(QProcess& process, std::chrono::milliseconds timeout = std::chrono::seconds(60),
             std::source_location where = std::source_location::current());

/// `program` --headless as a demo user (password NAME-demo), also on a desk with FIX settings.
Run runHeadlessAs(const QString& program, const char* user, const QStringList& arguments);

/// Starts `program` --headless as runHeadlessAs does, without waiting for it.
void startHeadlessAs(QProcess& process, const QString& program, const char* user, const QStringList& arguments);

/// A CSV file's rows by the value of the column `key`, each by column; a file that cannot be read stops the test.
std::map<std::string, std::map<std::string, std::string>> rowsBy(const QString& path, const char* key);

/// Writes `text` to the file `name` in `dir`; returns its path.
QString writeFile(const QTemporaryDir& dir, const char* name, const QString& text);

/// QuickFIX settings for a desk that connects to a simulator on 127.0.0.1:`port` over FIX 4.4.
QString simulatorSettings(int port);

/// The data directory "desk" in `dir`, made by `program` --headless (the demo desk) with its rule set emptied: for
/// tests of routing, not of compliance.
QString deskWithoutRules(const QString& program, const QTemporaryDir& dir);

}  // namespace ob::test

#include "programs.h"

#include "util/csv.h"
#include "waits.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace ob::test {

SimProcess::SimProcess(const QString& program, const QString& recordPrefix, QStringList extra) {
    process_.start(program, QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tick-ms"),
                                        QStringLiteral("0"), QStringLiteral("--record"), recordPrefix} +
                                extra);
    if (!process_.waitForStarted()) qFatal("%s did not start", qPrintable(program));
    while (port_ == 0 && process_.waitForReadyRead(10000)) {
        const auto match = QRegularExpression(QStringLiteral("listening on 127.0.0.1:(\\d+)"))
                               .match(QString::fromUtf8(process_.readAllStandardOutput()));
        if (match.hasMatch()) port_ = match.captured(1).toInt();
    }
    if (port_ == 0) qFatal("openblotter-sim did not say where it listens: %s", process_.readAllStandardError().constData());
}

SimProcess::~SimProcess() { stop(); }

void SimProcess::stop() {
    if (process_.state() == QProcess::NotRunning) return;
    process_.terminate();
    process_.waitForFinished(10000);
}

Run finished(QProcess& process, std::chrono::milliseconds timeout, std::source_location where) {
    if (!process.waitForFinished(static_cast<int>(timeout.count()))) {
        failTest(process.program().toStdString() + " " + process.arguments().join(QLatin1Char(' ')).toStdString() +
                     " had not finished after " + std::to_string(timeout.count()) + " ms",
                 where);
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError()), QString::fromUtf8(process.readAllStandardOutput())};
}

void startHeadlessAs(QProcess& process, const QString& program, const char* user, const QStringList& arguments) {
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OPENBLOTTER_PASSWORD"), QString::fromLatin1(user) + QStringLiteral("-demo"));
    // The demo desk's users and data also with --fix-settings: the tests of a desk start from the demo desk.
    environment.insert(QStringLiteral("OPENBLOTTER_DEMO_USERS"), QStringLiteral("1"));
    environment.insert(QStringLiteral("OPENBLOTTER_DEMO_DATA"), QStringLiteral("1"));
    process.setProcessEnvironment(environment);
    process.start(program,
                  QStringList{QStringLiteral("--headless"), QStringLiteral("--user"), QString::fromLatin1(user)} + arguments);
}

Run runHeadlessAs(const QString& program, const char* user, const QStringList& arguments) {
    QProcess desk;
    startHeadlessAs(desk, program, user, arguments);
    return finished(desk, std::chrono::minutes(5));
}

std::map<std::string, std::map<std::string, std::string>> rowsBy(const QString& path, const char* key) {
    auto table = CsvTable::readFile(path.toStdString());
    if (!table) qFatal("%s", table.error().c_str());
    std::map<std::string, std::map<std::string, std::string>> rows;
    for (const auto& row : table->rows()) {
        auto& fields = rows[table->field(row, key)];
        for (const auto& header : table->headers()) fields[header] = table->field(row, header);
    }
    return rows;
}

QString writeFile(const QTemporaryDir& dir, const char* name, const QString& text) {
    const auto path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

QString simulatorSettings(int port) {
    return QStringLiteral(
               "[DEFAULT]\nConnectionType=initiator\nSocketConnectHost=127.0.0.1\nSocketConnectPort=%1\nSenderCompID="
               "OPENBLOTTER\n"
               "TargetCompID=SIM\nHeartBtInt=30\nReconnectInterval=1\n\n[SESSION]\nBeginString=FIX.4.4\n")
        .arg(port);
}

QString deskWithoutRules(const QString& program, const QTemporaryDir& dir) {
    const auto desk = dir.filePath(QStringLiteral("desk"));
    const auto rules =
        writeFile(dir, "no-rules.json", QStringLiteral(R"({"format": "openblotter-rules", "version": 1, "rules": []})"));
    const auto run =
        runHeadlessAs(program, "compliance", {QStringLiteral("--data-dir"), desk, QStringLiteral("--import-rules"), rules});
    if (run.exitCode != 0) qFatal("cannot clear the rules: %s", qPrintable(run.stdErr));
    return desk;
}

}  // namespace ob::test

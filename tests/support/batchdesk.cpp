#include "batchdesk.h"

#include <algorithm>

namespace ob::test {

BatchDesk::BatchDesk(QString openblotter, const SimulatorConfig& config) : program(std::move(openblotter)) {
    auto started = Simulator::start(config);
    if (!started) qFatal("%s", started.error().c_str());
    sim = std::move(*started);
    settings = settingsWithStatusTimeout(30);
    const auto rules =
        writeFile(dir, "no-rules.json", QStringLiteral(R"({"format": "openblotter-rules", "version": 1, "rules": []})"));
    const auto cleared = runHeadlessAs(program, "compliance",
                                       {QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk,
                                        QStringLiteral("--import-rules"), rules});
    if (cleared.exitCode != 0) qFatal("cannot clear the rules: %s", qPrintable(cleared.stdErr));
}

QString BatchDesk::settingsWithStatusTimeout(int seconds) {
    const auto name = "broker-" + std::to_string(seconds) + "s.cfg";
    return writeFile(dir, name.c_str(),
                     simulatorSettings(sim->port()) + QStringLiteral("StatusRequestTimeout=%1\n").arg(seconds));
}

Run BatchDesk::run(const QStringList& arguments, const QString& withSettings) {
    return runHeadlessAs(program, "trader",
                         QStringList{QStringLiteral("--fix-settings"), withSettings.isEmpty() ? settings : withSettings,
                                     QStringLiteral("--data-dir"), desk, QStringLiteral("--export-orders"), ordersFile} +
                             arguments);
}

Run BatchDesk::runAs(const char* user, const QStringList& arguments) {
    return runHeadlessAs(program, user,
                         QStringList{QStringLiteral("--fix-settings"), settings, QStringLiteral("--data-dir"), desk} + arguments);
}

std::unique_ptr<FixDesk> BatchDesk::openInProcess() {
    return std::make_unique<FixDesk>(desk.toStdString(), simulatorSettings(sim->port()).toStdString());
}

void BatchDesk::simAnswers(const std::function<void(SimulatorConfig&)>& change) {
    sim->call([&](SimulatedBroker& broker) { change(broker.config()); });
}

std::size_t BatchDesk::simOrderCount() {
    return sim->call([](SimulatedBroker& broker) { return broker.orders().size(); });
}

std::map<std::string, std::map<std::string, std::string>> BatchDesk::orders() { return rowsBy(ordersFile, "cl_ord_id"); }

std::vector<std::string> BatchDesk::auditOf(OrderId id) {
    auto store = store::SqliteStore::open(desk.toStdString() + "/openblotter.db");
    if (!store) qFatal("%s", store.error().c_str());
    std::vector<std::string> actions;
    for (const auto& record : (*store)->auditTrail(1000).value())
        if (record.subject == "order " + std::to_string(id)) actions.push_back(record.action + " by " + record.user);
    std::reverse(actions.begin(), actions.end());  // oldest first
    return actions;
}

bool says(const Run& run, const QString& text) { return run.stdOut.contains(text) || run.stdErr.contains(text); }

}  // namespace ob::test

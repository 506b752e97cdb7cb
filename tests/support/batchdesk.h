#pragma once

#include "fixdesk.h"
#include "programs.h"

#include <QTemporaryDir>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ob::test {

/// `program` (openblotter) --headless as the demo trader on a desk with no compliance rules, against a simulator in
/// this process, whose answers the test changes between runs. Each run exports the orders.
struct BatchDesk {
    explicit BatchDesk(QString program, const SimulatorConfig& config = testSimulatorConfig());

    /// Session settings giving the broker `seconds` to answer a status request.
    QString settingsWithStatusTimeout(int seconds);
    Run run(const QStringList& arguments, const QString& withSettings = {});
    /// A run as another demo user (an administrator, a compliance officer), exporting nothing.
    Run runAs(const char* user, const QStringList& arguments);
    /// The desk in this process, to do what a batch cannot on the same data directory.
    std::unique_ptr<FixDesk> openInProcess();
    void simAnswers(const std::function<void(SimulatorConfig&)>& change);
    std::size_t simOrderCount();
    /// The exported orders by ClOrdID, each by column.
    std::map<std::string, std::map<std::string, std::string>> orders();
    std::string statusOf(const std::string& clOrdId) { return orders().at(clOrdId).at("status"); }
    /// The audit actions about the order, oldest first: "order.submit by trader".
    std::vector<std::string> auditOf(OrderId id);

    QString program;
    QTemporaryDir dir;
    std::unique_ptr<Simulator> sim;
    QString desk = dir.filePath(QStringLiteral("desk"));
    QString ordersFile = dir.filePath(QStringLiteral("orders.csv"));
    QString settings;
};

/// Whether the run said `text`, on stdout or stderr.
bool says(const Run& run, const QString& text);

}  // namespace ob::test

#include "batchaction.h"
#include "batchdocs.h"
#include "commandline.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include <map>
#include <set>

using namespace ob;

namespace {

std::vector<app::CommandOption> everyOption() {
    std::vector<app::CommandOption> options = app::deskOptions();
    options.insert(options.end(), app::sessionOptions().begin(), app::sessionOptions().end());
    for (const auto& action : app::batchActions()) options.insert(options.end(), action.options.begin(), action.options.end());
    return options;
}

/// "--import-model" as roff writes it: "\-\-import\-model".
std::string roffName(std::string_view name) {
    std::string text = "\\-\\-";
    for (const char c : name) text += c == '-' ? std::string("\\-") : std::string(1, c);
    return text;
}

}  // namespace

class TestBatchActions final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void noTwoActionsClaimOneOption() {
        std::set<std::string_view> names{"help", "version", "help-all", "help-man"};  // Qt's and the build's own
        for (const auto& option : everyOption()) QVERIFY2(names.insert(option.name).second, option.name.data());
        std::set<std::string_view> actions;
        for (const auto& action : app::batchActions()) {
            QVERIFY2(actions.insert(action.name).second, action.name.data());
            QVERIFY2(action.wanted && action.run, action.name.data());
            QVERIFY2(!action.details.empty(), action.name.data());
            // An action with options reads them and shows them in the synopsis; one without is taken every run.
            QCOMPARE(action.read != nullptr, !action.options.empty());
            QCOMPARE(action.usage.empty(), action.options.empty());
        }
    }

    void everyOptionIsInTheHelpAndTheManPage() {
        const auto help = app::helpText();
        const auto page = app::manPage("0.0.0");
        for (const auto& option : everyOption()) {
            const auto name = QStringLiteral("--%1").arg(QString::fromLatin1(option.name.data(), qsizetype(option.name.size())));
            QVERIFY2(help.contains(name), qPrintable(name));
            QVERIFY2(page.find(".B " + roffName(option.name) + "\n") != std::string::npos ||
                         page.find(".BI " + roffName(option.name) + " \"") != std::string::npos,
                     qPrintable(name));
        }
        QVERIFY(!help.contains(QStringLiteral("--help-man")));
        // Every step, in the table's order, and what it does.
        std::size_t helpAt = 0, pageAt = 0;
        int step = 0;
        for (const auto& action : app::batchActions()) {
            const std::string lead =
                action.options.empty() ? std::string(action.name) : "--" + std::string(action.options[0].name);
            const auto inHelp = help.indexOf(QStringLiteral("  %1. %2: ").arg(++step).arg(QString::fromStdString(lead)));
            QVERIFY2(inHelp >= 0 && std::size_t(inHelp) >= helpAt, lead.c_str());
            helpAt = std::size_t(inHelp);
            QVERIFY2(help.contains(QString::fromUtf8(action.details.data(), qsizetype(action.details.size()))), lead.c_str());
            const auto inPage = page.find(".SS " + std::to_string(step) + ". ");
            QVERIFY2(inPage != std::string::npos && inPage >= pageAt, lead.c_str());
            pageAt = inPage;
        }
    }

    void theManPageIsPlainRoff() {
        const auto page = app::manPage("1.2.3");
        QVERIFY(page.starts_with(".TH OPENBLOTTER 1 "));
        QVERIFY(page.find("\"OpenBlotter 1.2.3\"") != std::string::npos);
        for (const char* section : {".SH NAME\n", ".SH SYNOPSIS\n", ".SH OPTIONS\n", ".SH BATCH STEPS\n", ".SH EXIT STATUS\n"})
            QVERIFY2(page.find(section) != std::string::npos, section);
        // No unescaped hyphen in an option, no text line taken for a request.
        QVERIFY(page.find(" --") == std::string::npos);
        std::size_t at = 0;
        while ((at = page.find('\n', at)) != std::string::npos && ++at < page.size())
            if (page[at] == '\'') QFAIL(qPrintable(QString::fromStdString(page.substr(at, 60))));
    }

    void permissionsAreAsDocumented() {
        // As the README and docs/architecture.md say who may do what in batch.
        const std::map<std::string_view, std::set<Role>> documented{
            {"set-user", {Role::Administrator}},
            {"import-fx", {Role::Administrator}},
            {"import-funds", {Role::Administrator}},
            {"import-accounts", {Role::Administrator}},
            {"import-instruments", {Role::Administrator}},
            {"import-positions", {Role::PortfolioManager, Role::Administrator}},
            {"import-model", {Role::PortfolioManager}},
            {"import-rules", {Role::ComplianceOfficer, Role::Administrator}},
            {"resolve-unconfirmed", {Role::Trader, Role::PortfolioManager}},
            {"amend-orders", {Role::Trader, Role::PortfolioManager}},
            {"cancel-orders", {Role::Trader, Role::PortfolioManager}},
            {"cancel-all", {Role::Trader, Role::PortfolioManager}},
            {"send", {Role::Trader, Role::PortfolioManager}},
            {"cancel-remaining", {Role::Trader, Role::PortfolioManager}},
        };
        const auto page = app::manPage("0.0.0");
        for (const auto& action : app::batchActions()) {
            const auto found = documented.find(action.name);
            QVERIFY2(action.access.has_value() == (found != documented.end()), action.name.data());
            if (!action.access) continue;
            for (const auto& entry : EnumTable<Role>::entries)
                QVERIFY2(action.access->allows(entry.value) == found->second.contains(entry.value),
                         qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(action.name.data()),
                                                                 QString::fromLatin1(entry.name.data()))));
            QVERIFY2(!action.access->refusedTo.empty(), action.name.data());
            QVERIFY2(page.find("Who: " + action.access->roles()) != std::string::npos, action.name.data());
        }
    }

    void theBatchSectionOfTheReadmeListsTheStepsInOrder() {
        QFile readme(QStringLiteral(OPENBLOTTER_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const auto text = QString::fromUtf8(readme.readAll());
        auto at = text.indexOf(QStringLiteral("A run takes its steps in one fixed order"));
        QVERIFY(at >= 0);
        int step = 0;
        for (const auto& action : app::batchActions()) {
            const auto lead = action.options.empty()
                                  ? QString::fromLatin1(action.name.data(), qsizetype(action.name.size()))
                                  : QStringLiteral("--%1").arg(QString::fromLatin1(action.options[0].name.data()));
            const auto next = text.indexOf(QStringLiteral("%1 `%2`").arg(++step).arg(lead), at);
            QVERIFY2(next > at, qPrintable(lead));
            at = next;
        }
    }

    void readsEachActionsOptions() {
        const auto run = [](QStringList arguments) {
            arguments.prepend(QStringLiteral("openblotter"));
            return app::parseCommandLine(arguments);
        };
        auto basket =
            run({QStringLiteral("--headless"), QStringLiteral("--user"), QStringLiteral("t"), QStringLiteral("--import-basket"),
                 QStringLiteral("b.csv"), QStringLiteral("--send"), QStringLiteral("--wait"), QStringLiteral("5"),
                 QStringLiteral("--cancel-remaining"), QStringLiteral("--import-model"), QStringLiteral("m.csv")});
        QVERIFY(!basket.exitNow);
        QCOMPARE(basket.basket, std::optional<std::filesystem::path>("b.csv"));
        QVERIFY(basket.send && basket.cancelRemaining);
        QCOMPARE(basket.waitSeconds, std::optional<int>(5));
        QCOMPARE(basket.importModel, std::optional<std::filesystem::path>("m.csv"));
        // Each batch option needs --headless; an action's options are checked by the action.
        QCOMPARE(run({QStringLiteral("--send")}).exitCode, 1);
        QCOMPARE(
            run({QStringLiteral("--headless"), QStringLiteral("--user"), QStringLiteral("t"), QStringLiteral("--send")}).exitCode,
            1);
        QCOMPARE(run({QStringLiteral("--headless"), QStringLiteral("--user"), QStringLiteral("t"), QStringLiteral("--role"),
                      QStringLiteral("pm")})
                     .exitCode,
                 1);
    }
};

QTEST_GUILESS_MAIN(TestBatchActions)
#include "tst_batchactions.moc"

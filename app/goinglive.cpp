#include "goinglive.h"

#include "openblotter_samples.h"
#include "util/files.h"

#include <utility>

namespace ob::app {

namespace {

std::filesystem::path samplesOf(const std::filesystem::path& dataDirectory) { return dataDirectory / "samples"; }

}  // namespace

Status writeSampleFiles(const std::filesystem::path& directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) return Error{"cannot create " + directory.string() + ": " + error.message()};
    const std::pair<const char*, std::string_view> files[] = {{"fx.csv", samples::fxCsv()},
                                                              {"funds.csv", samples::fundsCsv()},
                                                              {"accounts.csv", samples::accountsCsv()},
                                                              {"instruments.csv", samples::instrumentsCsv()},
                                                              {"positions.csv", samples::positionsCsv()},
                                                              {"rules.json", samples::rulesJson()}};
    for (const auto& [name, text] : files) {
        const auto path = directory / name;
        if (std::filesystem::exists(path, error)) continue;
        if (auto written = writeFile(path, std::string(text)); !written) return written;
    }
    return {};
}

std::string goingLiveSteps(const std::filesystem::path& dataDirectory, const std::filesystem::path& settings) {
    const auto samples = samplesOf(dataDirectory).string();
    std::string steps =
        "This is a new desk for real brokers. It has no instruments, funds, accounts or compliance rules yet, and one\n"
        "user, the administrator 'admin'. Until a compliance rule is active, every order passes unchecked.\n\n"
        "Sample files to start from are in " +
        samples +
        ": edit them, or write the same formats from your own\n"
        "systems (docs/reference-data.md). Import them as admin, in this order (one run takes them in this order too):\n";
    const std::pair<const char*, std::string> imports[] = {
        {"FX rates", "--import-fx " + samples + "/fx.csv"},
        {"funds", "--import-funds " + samples + "/funds.csv"},
        {"accounts", "--import-accounts " + samples + "/accounts.csv"},
        {"instruments", "--import-instruments " + samples + "/instruments.csv"},
        {"cash, positions", "--import-positions " + samples + "/positions.csv"},
        {"compliance rules", "--import-rules " + samples + "/rules.json"},
        {"users", "--set-user NAME --role trader   (the password from OPENBLOTTER_NEW_PASSWORD)"}};
    int step = 0;
    for (const auto& [what, option] : imports) {
        std::string label = std::to_string(++step) + ". " + what;
        label.resize(21, ' ');
        steps += "  " + label + option + "\n";
    }
    return steps + "each an option of: openblotter --headless --user admin --fix-settings " + settings.string() + " --data-dir " +
           dataDirectory.string() +
           "\nIn the desktop: Administration → Reference data, Portfolio → Import positions, Compliance → Rules,\n"
           "Administration → Users.\n";
}

}  // namespace ob::app

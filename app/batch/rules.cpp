// The compliance officer's batch actions: the rule set in and out.
#include "batch/actions.h"

#include "formats/rulesfile.h"
#include "util/files.h"

#include <cstdio>

namespace ob::app {

namespace {

BatchStep importRules(BatchRun& run) {
    const auto& path = *run.options.importRules;
    auto text = readFile(path);
    if (!text) return stop(text.error());
    auto rules = parseRulesFile(*text);
    if (!rules) return stop(path.string() + ": " + rules.error() + "; the rules were left as they were");
    const auto counts = std::to_string(rules->rules.size()) + " rules and " + std::to_string(rules->locates.size()) + " locates";
    if (auto set = run.desk.engine().setRules(*rules, run.actor, "imported from " + path.filename().string()).get(); !set)
        return stop("rules not imported: " + set.error());
    std::printf("imported %s from %s\n", counts.c_str(), path.c_str());
    return {};
}

/// Writes the rules in force once every change before is applied; the export is in the audit trail.
BatchStep exportRules(BatchRun& run) {
    const auto& path = *run.options.exportRules;
    auto& engine = run.desk.engine();
    auto rules = engine.rules().get();
    if (!rules) return stop(rules.error());
    if (auto written = writeFile(path, writeRulesFile(*rules)); !written) return stop(written.error());
    if (auto recorded = engine.recordExport(run.actor, "rules", path.filename().string()).get(); !recorded)
        return stop("the export of the rules was not recorded: " + recorded.error());
    if (auto stored = awaitStored(run)) return stored;
    std::printf("exported %zu rules and %zu locates to %s\n", rules->rules.size(), rules->locates.size(), path.c_str());
    return {};
}

}  // namespace

BatchAction importRulesAction() {
    return withFileOption(
        {
            "import-rules",
            "[--import-rules RULES.json]",
            {{"import-rules", "json", "Replace the compliance rules with those of <json>."}},
            Access{Permission::EditRules, false, true, "change compliance rules"},
            "Rules file: JSON, documented in docs/compliance-rules.md. --import-rules replaces the whole rule set (rules,\n"
            "restricted lists, limits, locates), checked whole first: a bad file changes nothing.",
            {},
            {},
            importRules,
        },
        &CommandLine::importRules);
}

BatchAction exportRulesAction() {
    return withFileOption(
        {
            "export-rules",
            "[--export-rules RULES.json]",
            {{"export-rules", "json", "Write the compliance rules to <json>."}},
            std::nullopt,
            "--export-rules writes the rule set in force, after any import, in the same format.",
            {},
            {},
            exportRules,
        },
        &CommandLine::exportRules);
}

}  // namespace ob::app

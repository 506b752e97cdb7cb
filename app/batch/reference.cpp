// The administrator's batch actions: the desk's reference data (instruments, funds, accounts, FX rates) in and out.
#include "batch/actions.h"

#include "formats/referencecsv.h"
#include "formats/referenceexport.h"
#include "util/csv.h"
#include "util/files.h"

#include <algorithm>
#include <cstdio>

namespace ob::app {

namespace {

std::size_t index(ReferenceKind kind) { return static_cast<std::size_t>(kind); }

BatchStep importReference(BatchRun& run, ReferenceKind kind) {
    const auto& path = *run.options.importReference[index(kind)];
    const auto refused = [&](const std::string& why) {
        return stop(path.string() + ": " + why + "\nno " + nameOf(kind) + " were imported: the reference data is as it was");
    };
    auto table = CsvTable::readFile(path.string());
    if (!table) return refused(table.error());
    auto file = parseReferenceFile(kind, *table);
    if (!file) return refused(file.error());
    auto update = run.desk.engine().setReference(std::move(file->items), run.actor, std::move(file->lines)).get();
    if (!update) return refused(update.error());
    if (auto stored = awaitStored(run)) return stored;
    run.desk.takeReference(update->after);
    const auto added = static_cast<std::size_t>(std::count_if(update->edits.begin(), update->edits.end(),
                                                              [](const auto& edit) { return edit.action.ends_with(".add"); }));
    std::printf("imported %s from %s: %zu added, %zu changed, %zu unchanged\n", nameOf(kind), path.c_str(), added,
                update->edits.size() - added, update->unchanged);
    return {};
}

/// Writes the table as it stands once every import before it is applied; the export is in the audit trail.
BatchStep exportReference(BatchRun& run, ReferenceKind kind) {
    const auto& path = *run.options.exportReference[index(kind)];
    if (auto written = writeFile(path, referenceCsv(kind, run.desk.referenceData())); !written) return stop(written.error());
    if (auto recorded = run.desk.engine().recordExport(run.actor, nameOf(kind), path.filename().string()).get(); !recorded)
        return stop(std::string("the export of the ") + nameOf(kind) + " was not recorded: " + recorded.error());
    if (auto stored = awaitStored(run)) return stored;
    std::printf("exported the %s to %s\n", nameOf(kind), path.c_str());
    return {};
}

/// `action` reading its one option into `files[kind]`, wanted when it is given.
BatchAction withReferenceFile(BatchAction action, std::array<std::optional<std::filesystem::path>, 4> CommandLine::*files,
                              ReferenceKind kind, BatchStep (*step)(BatchRun&, ReferenceKind)) {
    const auto name = action.options.front().name;
    action.read = [name, files, kind](const OptionValues& given, CommandLine& into) {
        if (given.isSet(name)) (into.*files)[index(kind)] = given.value(name);
        return Status{};
    };
    action.wanted = [files, kind](const CommandLine& options) { return (options.*files)[index(kind)].has_value(); };
    action.run = [kind, step](BatchRun& run) { return step(run, kind); };
    return action;
}

constexpr Access kChangesReference{Permission::ManageReference, false, true, "change the desk's reference data"};

}  // namespace

std::vector<BatchAction> importReferenceActions() {
    const auto import = [](ReferenceKind kind, BatchAction action) {
        return withReferenceFile(std::move(action), &CommandLine::importReference, kind, importReference);
    };
    // In the order a new desk needs them: an account names its fund, and instruments and funds their currency.
    return {
        import(ReferenceKind::FxRates,
               {"import-fx",
                "[--import-fx FX.csv]",
                {{"import-fx", "csv", "Add or update reference FX rates from <csv>: currency,rate_to_usd."}},
                kChangesReference,
                "Reference data files: CSV, documented in docs/reference-data.md. Each import adds or updates by key "
                "(symbol,\n"
                "code, currency) and is all or nothing: every bad row is named with its line and reason, and then "
                "nothing changes.\n"
                "Nothing is deleted: an instrument or account goes out of use with active 0. They run in this order: "
                "FX rates,\n"
                "funds, accounts, instruments; each change is in the audit trail with its old and new values.",
                {},
                {},
                {}}),
        import(ReferenceKind::Funds, {"import-funds",
                                      "[--import-funds FUNDS.csv]",
                                      {{"import-funds", "csv", "Add or update funds from <csv>: code,name,base_currency."}},
                                      kChangesReference,
                                      {},
                                      {},
                                      {},
                                      {}}),
        import(ReferenceKind::Accounts,
               {"import-accounts",
                "[--import-accounts ACCOUNTS.csv]",
                {{"import-accounts", "csv", "Add or update accounts from <csv>: code,name,fund[,active]."}},
                kChangesReference,
                {},
                {},
                {},
                {}}),
        import(ReferenceKind::Instruments,
               {"import-instruments",
                "[--import-instruments INSTRUMENTS.csv]",
                {{"import-instruments", "csv",
                  "Add or update instruments from <csv>: symbol,name,issuer,sector,country,currency,lot_size,tick_size[,"
                  "price][,isin][,cusip][,sedol][,mic][,voting_shares][,active]."}},
                kChangesReference,
                {},
                {},
                {},
                {}}),
    };
}

std::vector<BatchAction> exportReferenceActions() {
    const auto exporting = [](ReferenceKind kind, BatchAction action) {
        return withReferenceFile(std::move(action), &CommandLine::exportReference, kind, exportReference);
    };
    return {
        exporting(ReferenceKind::FxRates, {"export-fx",
                                           "[--export-fx FX.csv]",
                                           {{"export-fx", "csv", "Write the reference FX rates to <csv>."}},
                                           std::nullopt,
                                           "The --export-… options write each table as it stands after the imports, "
                                           "in the format the imports read.",
                                           {},
                                           {},
                                           {}}),
        exporting(ReferenceKind::Funds, {"export-funds",
                                         "[--export-funds FUNDS.csv]",
                                         {{"export-funds", "csv", "Write the funds to <csv>."}},
                                         std::nullopt,
                                         {},
                                         {},
                                         {},
                                         {}}),
        exporting(ReferenceKind::Accounts, {"export-accounts",
                                            "[--export-accounts ACCOUNTS.csv]",
                                            {{"export-accounts", "csv", "Write the accounts to <csv>."}},
                                            std::nullopt,
                                            {},
                                            {},
                                            {},
                                            {}}),
        exporting(ReferenceKind::Instruments, {"export-instruments",
                                               "[--export-instruments INSTRUMENTS.csv]",
                                               {{"export-instruments", "csv", "Write the instruments to <csv>."}},
                                               std::nullopt,
                                               {},
                                               {},
                                               {},
                                               {}}),
    };
}

}  // namespace ob::app

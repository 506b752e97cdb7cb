// The administrator's batch actions: the desk's reference data (instruments, funds, accounts, FX rates) in and out.
#include "batch/actions.h"

#include "formats/referencecsv.h"
#include "formats/referenceexport.h"
#include "util/csv.h"
#include "util/files.h"

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
    const auto added = update->added();
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
    const auto import = [](ReferenceKind kind, std::string_view option, std::string_view usage, std::string_view help,
                           std::string_view details) {
        return withReferenceFile({option, usage, {{option, "csv", help}}, kChangesReference, details, {}, {}, {}},
                                 &CommandLine::importReference, kind, importReference);
    };
    // In the order a new desk needs them: an account names its fund, and instruments and funds their currency.
    return {
        import(ReferenceKind::FxRates, "import-fx", "[--import-fx FX.csv]",
               "Add or update reference FX rates from <csv>: currency,rate_to_usd.",
               "Reference data files: CSV, documented in docs/reference-data.md. Each import adds or updates by key (symbol,\n"
               "code, currency) and is all or nothing: every bad row is named with its line and reason, and nothing changes."),
        import(ReferenceKind::Funds, "import-funds", "[--import-funds FUNDS.csv]",
               "Add or update funds from <csv>: code,name,base_currency.",
               "A run takes the imports in this order: FX rates, funds, accounts, instruments (an account names its fund,\n"
               "an instrument or fund its currency, which needs a rate). Each change is audited with its old and new values."),
        import(ReferenceKind::Accounts, "import-accounts", "[--import-accounts ACCOUNTS.csv]",
               "Add or update accounts from <csv>: code,name,fund[,active].",
               "Nothing is deleted: an account or instrument goes out of use with active 0 and takes no new order; an\n"
               "account keeps its fund and an instrument its currency."),
        import(ReferenceKind::Instruments, "import-instruments", "[--import-instruments INSTRUMENTS.csv]",
               "Add or update instruments from <csv>: symbol,name,issuer,sector,country,currency,lot_size,tick_size and "
               "optional price,isin,cusip,sedol,mic,voting_shares,active.",
               "Instruments may carry isin, cusip and sedol (checked with their check digits) and mic, for the brokers\n"
               "that need them on the wire. A running desk trades what it imports at once."),
    };
}

std::vector<BatchAction> exportReferenceActions() {
    const auto exporting = [](ReferenceKind kind, std::string_view option, std::string_view usage, std::string_view help,
                              std::string_view details) {
        return withReferenceFile({option, usage, {{option, "csv", help}}, std::nullopt, details, {}, {}, {}},
                                 &CommandLine::exportReference, kind, exportReference);
    };
    return {
        exporting(ReferenceKind::FxRates, "export-fx", "[--export-fx FX.csv]", "Write the reference FX rates to <csv>.",
                  "The --export-... options write each table as it stands after the imports, in the format its import reads."),
        exporting(ReferenceKind::Funds, "export-funds", "[--export-funds FUNDS.csv]", "Write the funds to <csv>.",
                  "--export-funds: code,name,base_currency."),
        exporting(ReferenceKind::Accounts, "export-accounts", "[--export-accounts ACCOUNTS.csv]", "Write the accounts to <csv>.",
                  "--export-accounts: code,name,fund,active."),
        exporting(ReferenceKind::Instruments, "export-instruments", "[--export-instruments INSTRUMENTS.csv]",
                  "Write the instruments to <csv>.",
                  "--export-instruments: every column of the import, inactive instruments included."),
    };
}

}  // namespace ob::app

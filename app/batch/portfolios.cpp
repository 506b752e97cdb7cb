// The portfolio manager's batch actions: the funds' opening positions, model portfolios and rebalance proposals.
#include "batch/actions.h"

#include "formats/openingpositions.h"
#include "formats/referencecsv.h"
#include "rebalanceproposal.h"
#include "util/csv.h"

#include <cstdio>

namespace ob::app {

namespace {

BatchStep importPositions(BatchRun& run) {
    const auto& path = *run.options.importPositions;
    auto table = CsvTable::readFile(path.string());
    if (!table) return stop(table.error());
    auto positions = readOpeningPositions(*table, run.desk.referenceData());
    if (!positions) return stop(path.string() + ": " + positions.error() + "; no positions were imported");
    const auto count = positions->size();
    if (auto set = run.desk.engine().setOpeningPositions(std::move(*positions), run.actor, path.filename().string()).get(); !set)
        return stop("positions not imported: " + set.error());
    std::printf("imported %zu opening positions from %s\n", count, path.c_str());
    return {};
}

BatchStep importModel(BatchRun& run) {
    const auto& path = *run.options.importModel;
    auto table = CsvTable::readFile(path.string());
    if (!table) return stop(table.error());
    auto model = parseModel(*table);
    if (!model) return stop(path.string() + ": " + model.error() + "; the model was not imported");
    model->name = path.stem().string();
    if (auto valid = validateModel(*model); !valid) return stop(path.string() + ": " + valid.error());
    const auto weights = model->weights.size();
    const auto name = model->name;
    if (auto saved = run.desk.engine().saveModel(std::move(*model), run.actor, path.filename().string()).get(); !saved)
        return stop(saved.error());
    std::printf("imported the model %s (%zu weights) from %s\n", name.c_str(), weights, path.c_str());
    return {};
}

Status readRebalance(const OptionValues& given, CommandLine& into) {
    const bool rebalanceOptions = given.isSet("instruments") || given.isSet("positions") || given.isSet("model") ||
                                  given.isSet("fund") || given.isSet("band") || given.isSet("cash-buffer") ||
                                  given.isSet("min-trade") || given.isSet("no-new-names");
    if (!given.isSet("rebalance-proposal")) {
        if (rebalanceOptions)
            return Error{
                "--instruments, --positions, --model, --fund, --band, --cash-buffer, --min-trade and --no-new-names "
                "go with --rebalance-proposal"};
        return {};
    }
    for (const char* needed : {"positions", "model", "fund"})
        if (!given.isSet(needed)) return Error{std::string("--rebalance-proposal needs --") + needed};
    CommandLine::Rebalance rebalance;
    rebalance.output = given.value("rebalance-proposal");
    if (given.isSet("instruments")) rebalance.instruments = given.value("instruments");
    rebalance.positions = given.value("positions");
    rebalance.model = given.value("model");
    rebalance.fund = given.value("fund");
    for (auto [option, field] : {std::pair{"band", &rebalance.band}, std::pair{"cash-buffer", &rebalance.cashBuffer},
                                 std::pair{"min-trade", &rebalance.minTrade}}) {
        if (!given.isSet(option)) continue;
        *field = given.value(option);
        const auto value = Money::parse(*field);
        if (!value || value->isNegative())
            return Error{std::string("--") + option + " needs a number of 0 or more, got '" + *field + "'"};
    }
    rebalance.newNames = !given.isSet("no-new-names");
    into.rebalance = std::move(rebalance);
    return {};
}

}  // namespace

BatchAction importPositionsAction() {
    return withFileOption(
        {
            "import-positions",
            "[--import-positions POSITIONS.csv]",
            {{"import-positions", "csv", "Replace the opening positions of the funds in <csv>."}},
            Access{Permission::ManagePortfolios, true, true, "import opening positions"},
            "Opening positions: --import-positions replaces the opening positions and cash of each fund the file names\n"
            "(fund,symbol,qty,price; a CASH row holds the cash; a holding without a price opens at the instrument's\n"
            "reference price). docs/portfolio.md describes the file.",
            {},
            {},
            importPositions,
        },
        &CommandLine::importPositions);
}

BatchAction importModelAction() {
    return withFileOption(
        {
            "import-model",
            "[--import-model MODEL.csv]",
            {{"import-model", "csv", "Store the model portfolio in <csv>, named after the file."}},
            Access{Permission::ManagePortfolios, false, false, "import model portfolios"},
            "Model portfolios: --import-model stores a model portfolio (symbol,target_weight as fractions of NAV) under\n"
            "the file's name without .csv, replacing the model of that name. docs/portfolio.md describes the file.",
            {},
            {},
            importModel,
        },
        &CommandLine::importModel);
}

BatchAction rebalanceProposalAction() {
    return {
        "rebalance-proposal",
        "[[--instruments INSTRUMENTS.csv] --positions POSITIONS.csv --model MODEL.csv --fund FUND [--band POINTS]\n"
        "   [--cash-buffer POINTS] [--min-trade AMOUNT] [--no-new-names] --rebalance-proposal OUT.csv]",
        {{"rebalance-proposal", "csv", "Write the orders that bring --fund to --model into <csv>; nothing is sent."},
         {"instruments", "csv", "Instruments for the proposal (default: the desk's)."},
         {"positions", "csv", "The funds' positions and cash for the proposal."},
         {"model", "csv", "The model portfolio: target weights as fractions of NAV."},
         {"fund", "code", "The fund to rebalance."},
         {"band", "points", "Leave holdings within target +/- <points> percentage points of NAV (default 0)."},
         {"cash-buffer", "points", "Keep <points> percentage points of NAV in cash (default 0)."},
         {"min-trade", "amount", "No trade worth less than <amount> (default 0)."},
         {"no-new-names", "", "Buy nothing the fund does not hold already."}},
        std::nullopt,
        "Rebalance proposal (sends nothing; docs/rebalance.md has every rule): instruments\n"
        "  symbol,name,issuer,sector,country,currency,lot_size,tick_size[,price] (default: the desk's); positions\n"
        "  fund,symbol,qty,price (symbol CASH: the fund's cash in qty); model symbol,target_weight (fractions of NAV);\n"
        "  proposal symbol,side,qty,est_price,weight_before,weight_after,target_weight,compliance. --band and\n"
        "  --cash-buffer in percentage points of NAV (--band 1: target +/- 1%); --min-trade in the fund's currency.",
        readRebalance,
        [](const CommandLine& options) { return options.rebalance.has_value(); },
        [](BatchRun& run) -> BatchStep {
            if (auto written = writeRebalanceProposal(run.desk, *run.options.rebalance, run.actor); !written)
                return stop(written.error());
            return {};
        },
    };
}

}  // namespace ob::app

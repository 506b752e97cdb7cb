#pragma once

#include "auth/access.h"
#include "domain/decimal.h"
#include "engine/resolution.h"

#include <QStringList>

#include <array>
#include <filesystem>
#include <optional>
#include <string>

namespace ob::app {

/// What the command line asked for.
struct CommandLine {
    std::filesystem::path dataDirectory;               ///< --data-dir, or the platform's application data folder
    std::string logLevel;                              ///< --log-level, or the setting logging/level, or "info"
    std::optional<std::filesystem::path> fixSettings;  ///< --fix-settings; absent: the built-in simulated broker

    bool headless = false;
    std::optional<std::filesystem::path> basket;  ///< --import-basket
    bool send = false;
    std::optional<int> waitSeconds;
    bool cancelRemaining = false;
    std::optional<Resolution> resolveUnconfirmed;  ///< --resolve-unconfirmed cancel|mark-rejected
    std::optional<std::filesystem::path> exportOrders;
    std::optional<std::filesystem::path> exportExecutions;
    std::optional<std::filesystem::path> exportPositions;
    std::string user;                                   ///< --user: who the batch runs as
    std::optional<std::filesystem::path> passwordFile;  ///< --password-file; else $OPENBLOTTER_PASSWORD
    std::string warningReason;                          ///< --warning-reason: sends orders despite compliance warnings
    /// --import-instruments, --import-funds, --import-accounts, --import-fx, indexed by ReferenceKind.
    std::array<std::optional<std::filesystem::path>, 4> importReference;
    /// --export-instruments … --export-fx, likewise.
    std::array<std::optional<std::filesystem::path>, 4> exportReference;
    std::optional<std::filesystem::path> importRules;
    std::optional<std::filesystem::path> exportRules;
    std::optional<std::filesystem::path> importPositions;  ///< --import-positions: the funds' opening positions
    std::optional<std::filesystem::path> importModel;      ///< --import-model: a model portfolio, named after the file
    std::string setUser;                                   ///< --set-user: add or change this user (an administrator's job)
    std::optional<Role> role;                              ///< --role, with --set-user
    std::string fullName;                                  ///< --full-name, with --set-user
    bool disableUser = false;                              ///< --disable, with --set-user
    bool verifyBooks = false;                              ///< --verify-books: recompute the book and compare
    std::optional<std::filesystem::path> amendOrders;      ///< --amend-orders: new terms for orders at the brokers
    std::optional<std::filesystem::path> cancelOrders;     ///< --cancel-orders: orders at the brokers to cancel
    /// --cancel-all: every order working at the brokers, of one account and one symbol when given.
    struct CancelAll {
        std::string account;
        std::string symbol;
    };
    std::optional<CancelAll> cancelAll;

    /// --rebalance-proposal: writes the orders that bring a fund to its model, and sends nothing.
    struct Rebalance {
        std::filesystem::path output;
        std::optional<std::filesystem::path> instruments;
        std::filesystem::path positions;
        std::filesystem::path model;
        std::string fund;
        std::string band = "0", cashBuffer = "0", minTrade = "0";
        bool newNames = true;
    };
    std::optional<Rebalance> rebalance;

    bool exitNow = false;  ///< --help or --version was answered, or the options were wrong
    int exitCode = 0;
};

/// Parses the arguments, the batch actions' through their own readers (app/batchaction.h). Prints --help,
/// --help-man (the man page) and --version itself; bad options come back with exitNow set, exit code 1 and the
/// reason on stderr.
CommandLine parseCommandLine(const QStringList& arguments);

/// What --help prints: the batch steps in their order, every option and the file formats.
QString helpText();

/// Whether the arguments need no display: the headless mode, --help, --help-man and
/// --version (decided before any Qt application exists).
bool wantsHeadless(int argc, char** argv);

}  // namespace ob::app

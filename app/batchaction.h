#pragma once

#include "commandline.h"
#include "desk.h"

#include <QCommandLineParser>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ob::app {

/// One option of the command line: its name without the dashes, the name of its value (empty for a switch) and
/// its line of --help. "{default}" in the help stands for the default data directory.
struct CommandOption {
    std::string_view name;
    std::string_view value;
    std::string_view help;
};

/// Who may run a batch action.
struct Access {
    Permission permission;
    bool orAdministrator = false;  ///< administrators may too, whatever the permission says
    /// The engine refuses what the action asks of it (each order, the rules, the positions) to a user without the
    /// permission, saying so; else the batch refuses the whole action before it starts.
    bool checkedByEngine = false;
    std::string_view refusedTo;  ///< completes "NAME (Role) may not …"

    bool allows(Role role) const;
    /// "portfolio managers and administrators".
    std::string roles() const;
};

/// The values of the options as given, by name.
class OptionValues {
public:
    explicit OptionValues(const QCommandLineParser& parser) : parser_(parser) {}
    bool isSet(std::string_view name) const;
    QString text(std::string_view name) const;
    std::string value(std::string_view name) const { return text(name).toStdString(); }

private:
    const QCommandLineParser& parser_;
};

/// What the actions of one run share, filled in as they run.
struct BatchRun {
    Desk& desk;
    const Actor& actor;
    const CommandLine& options;

    std::vector<NewOrderRequest> basket{};                            ///< read and checked by import-basket
    std::optional<std::chrono::steady_clock::time_point> sentFrom{};  ///< when sending began: --wait counts from there
    std::set<OrderId> routed{};                                       ///< the basket's orders sent to a broker
    std::size_t held = 0;                                             ///< the basket's orders compliance held
    std::optional<std::string> refused{};  ///< the basket's order the engine refused, reported at the end
    std::size_t unresolved = 0;            ///< unconfirmed orders not resolved, reported at the end
    std::size_t requestsRefused = 0;       ///< cancels and amends the desk refused to send, reported at the end
    bool timedOut = false;
    std::optional<BookSnapshot> book{};  ///< the book once the orders are settled, for the exports
    int status = 0;                      ///< the exit status so far (HeadlessExit)
};

/// Ends a run before its last action: the reason (printed on stderr) and the exit status.
struct BatchStop {
    std::string reason;
    int exitStatus = 1;
};
using BatchStep = std::optional<BatchStop>;

/// One step of the batch mode: the options that ask for it, who may run it, how it reads its options, whether the
/// command line wants it, and what it does and prints. The batch runs the wanted actions in the table's order.
struct BatchAction {
    std::string_view name;   ///< as the documentation names the step
    std::string_view usage;  ///< its part of the synopsis: "[--import-model MODEL.csv]"; empty for a step always taken
    std::vector<CommandOption> options;  ///< the options it owns; no other action claims them
    std::optional<Access> access;        ///< none: anyone logged in
    /// What it does, for --help and the man page: lines of at most 110 characters; a line starting with two spaces
    /// continues the one before, indented.
    std::string_view details;
    /// Reads its options into the command line; an error says what is wrong with them. Null without options.
    std::function<Status(const OptionValues& given, CommandLine& into)> read;
    std::function<bool(const CommandLine& options)> wanted;
    std::function<BatchStep(BatchRun& run)> run;
};

/// `action`, reading its one option, a file, into `field`, and wanted when the option is given.
BatchAction withFileOption(BatchAction action, std::optional<std::filesystem::path> CommandLine::*field);

/// The batch actions in the order a run takes them (app/batchactions.cpp).
const std::vector<BatchAction>& batchActions();
/// The desk's options, for the desktop and the batch alike.
const std::vector<CommandOption>& deskOptions();
/// The batch mode's own options: --headless and who runs it.
const std::vector<CommandOption>& sessionOptions();

}  // namespace ob::app

// The table of the batch mode: its options and its actions in the order a run takes them. --help, the man page and
// the parser are all made from it (app/batchdocs.cpp, app/commandline.cpp).
#include "batch/actions.h"

namespace ob::app {

const std::vector<CommandOption>& deskOptions() {
    static const std::vector<CommandOption> options{
        {"data-dir", "dir", "Keep the order database, FIX files and logs in <dir> (default: {default})."},
        {"log-level", "level",
         "Log <level>: trace, debug, info, warn, error, critical or off (default: the setting logging/level, else info)."},
        {"fix-settings", "file",
         "Connect to the brokers of a QuickFIX session settings <file> instead of the built-in simulated broker."},
    };
    return options;
}

const std::vector<CommandOption>& sessionOptions() {
    static const std::vector<CommandOption> options{
        {"headless", "", "Run without a window (batch mode)."},
        {"user", "name", "Run the batch as <name>, with that user's permissions."},
        {"password-file", "file", "Read the user's password from the first line of <file> (else from $OPENBLOTTER_PASSWORD)."},
    };
    return options;
}

const std::vector<BatchAction>& batchActions() {
    // The order is the contract of the batch mode (README, "Batch mode"): people and reference data first, then the
    // rules, then the orders in doubt before anything new is sent, then amends and cancels of orders at the brokers,
    // then the basket, the wait, the exports of the book as it then stands, and the check of that book.
    static const std::vector<BatchAction> actions = [] {
        std::vector<BatchAction> table{setUserAction()};
        for (auto* part : {importReferenceActions, exportReferenceActions})
            for (auto& action : part()) table.push_back(std::move(action));
        for (auto& action : std::vector<BatchAction>{
                 importPositionsAction(),
                 importModelAction(),
                 rebalanceProposalAction(),
                 importRulesAction(),
                 exportRulesAction(),
                 resolveUnconfirmedAction(),
                 amendOrdersAction(),
                 cancelOrdersAction(),
                 cancelAllAction(),
                 importBasketAction(),
                 sendAction(),
                 waitAction(),
                 cancelRemainingAction(),
                 settleAction(),
                 exportOrdersAction(),
                 exportExecutionsAction(),
                 exportPositionsAction(),
                 verifyBooksAction(),
                 reportLateFailuresAction(),
             })
            table.push_back(std::move(action));
        return table;
    }();
    return actions;
}

}  // namespace ob::app

#include "batchdocs.h"

#include "batchaction.h"

#include <sstream>

namespace ob::app {

namespace {

constexpr std::string_view kDefaultDirectory = "~/.local/share/OpenBlotter/openblotter";

constexpr std::string_view kSessionText =
    "The password comes from --password-file (its first line) or the environment variable OPENBLOTTER_PASSWORD.\n"
    "The user's role limits what the run may do, as at the desk: traders send baskets, compliance officers and\n"
    "administrators import rules. A new data directory has one demo user per role (see the README).";

constexpr std::string_view kExitStatus =
    "0 every routed order is terminal; 2 some order was rejected or is blocked by compliance (an amend too), or "
    "--verify-books found a difference; 3 --wait timed out (also after --cancel-remaining); 4 the desk halted because its "
    "database could not be written (a full disk): nothing was exported, and a run once it can write again resumes; 1 bad "
    "input, settings, login or permission, an unconfirmed order --resolve-unconfirmed could not resolve, or an amend or "
    "cancel the desk refused to send. A cancel or replace the broker refuses is reported, not counted as a rejected "
    "order. The reason is on stderr.";

constexpr std::string_view kFixSettings =
    "FIX settings: a standard QuickFIX session settings file. Also read: Username and Password (sent in the Logon, never "
    "logged), SessionAlias (the broker's name in baskets), SSLEnable=Y (TLS). A commented example: "
    "resources/fix/broker.example.cfg, installed as /usr/share/doc/openblotter/examples/.";

/// Breaks a paragraph into lines of at most `width` characters, at spaces.
std::string wrapped(std::string_view text, std::size_t width = 110) {
    std::string out, line;
    std::istringstream words{std::string(text)};
    for (std::string word; words >> word;) {
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    return out + line;
}

/// "traders and portfolio managers, checked by the engine", "any user", or "every run" for a step without options.
std::string who(const BatchAction& action) {
    if (action.options.empty()) return "every run";
    if (!action.access) return "any user";
    return action.access->roles() + (action.access->checkedByEngine ? ", checked by the engine" : "");
}

/// "--import-model" or "the book" for a step without options.
std::string leadingOption(const BatchAction& action) {
    return action.options.empty() ? std::string(action.name) : "--" + std::string(action.options.front().name);
}

/// Text for roff: backslashes and hyphens escaped, a line never read as a request, a long list of fields breakable
/// after its commas.
std::string roff(std::string_view text) {
    std::string out;
    bool lineStart = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (lineStart && (c == '.' || c == '\'')) out += "\\&";
        lineStart = c == '\n';
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else if (c == ',' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n')
            out += ",\\:";
        else
            out += c;
    }
    return out;
}

/// An option's help for roff: its value in italics.
std::string roffHelp(const CommandOption& option) {
    std::string help(option.help);
    if (const auto at = help.find("{default}"); at != std::string::npos) help.replace(at, 9, kDefaultDirectory);
    std::string text = roff(help);
    const std::string placeholder = "<" + std::string(option.value) + ">";
    for (auto at = text.find(placeholder); !option.value.empty() && at != std::string::npos; at = text.find(placeholder))
        text.replace(at, placeholder.size(), "\\fI" + std::string(option.value) + "\\fR");
    return text;
}

void roffOptions(std::ostream& out, const std::vector<CommandOption>& options) {
    for (const auto& option : options) {
        out << ".TP\n";
        if (option.value.empty())
            out << ".B " << roff("--" + std::string(option.name)) << "\n";
        else
            out << ".BI " << roff("--" + std::string(option.name)) << " \" " << option.value << "\"\n";
        out << roffHelp(option) << "\n";
    }
}

}  // namespace

std::string helpDescription() {
    std::string text =
        "OpenBlotter: order management system and trader blotter.\n"
        "\n"
        "Started without options it opens the trader's desktop on the current user's data directory. Without\n"
        "--fix-settings it runs its built-in simulated broker on 127.0.0.1 and connects to it.\n"
        "\n"
        "Headless batch mode (--headless) runs without a window, as a user of the desk:\n"
        "  openblotter --headless --user NAME [--password-file FILE] [--fix-settings FILE] [--data-dir DIR]\n";
    for (const auto& action : batchActions()) {
        if (action.usage.empty()) continue;
        std::istringstream lines{std::string(action.usage)};
        for (std::string line; std::getline(lines, line);) text += "              " + line + "\n";
    }
    text += std::string(kSessionText) +
            "\n\nThe batch takes these steps in this order, each only when its options ask for it; after each, who may "
            "take it:\n";
    int step = 0;
    for (const auto& action : batchActions())
        text += "  " + std::to_string(++step) + ". " + leadingOption(action) + ": " + who(action) + "\n";
    for (const auto& action : batchActions()) text += "\n" + std::string(action.details) + "\n";
    text += "\n" + wrapped("Exit status: " + std::string(kExitStatus)) + "\n\n" + wrapped(kFixSettings) +
            "\n\nThe documents named here are in the sources' docs/ and, installed, in /usr/share/doc/openblotter/docs/.";
    return text;
}

QString helpForOption(const CommandOption& option, const QString& defaultDirectory) {
    auto help = QString::fromUtf8(option.help.data(), qsizetype(option.help.size()));
    return help.replace(QStringLiteral("{default}"), defaultDirectory);
}

std::string manPage(std::string_view version) {
    std::ostringstream out;
    out << ".TH OPENBLOTTER 1 \"2026-12-07\" \"OpenBlotter " << version << "\" \"User Commands\"\n"
        << R"(.SH NAME
openblotter \- order management system and trader blotter
.SH SYNOPSIS
.B openblotter
.RB [ \-\-data\-dir
.IR dir ]
.RB [ \-\-fix\-settings
.IR file ]
.RB [ \-\-log\-level
.IR level ]
.br
.B openblotter \-\-headless \-\-user
.I name
.RI [ options ]
.SH DESCRIPTION
OpenBlotter is a desktop order management system for a fund's trading desk. Traders enter,
amend and cancel orders and watch fills; compliance officers decide breaches of the firm's
rules; portfolio managers watch their funds, rebalance them to model portfolios and hand the
orders to the traders as staged lists. Orders go to brokers over FIX 4.2 and 4.4.
.PP
Started without options it opens the desktop, after a login, on the user's data directory.
Without
.B \-\-fix\-settings
it runs its built-in simulated broker on 127.0.0.1 and connects to it. A new data directory
starts as the demo desk: instruments, funds, opening positions, model portfolios, compliance
rules and one demo user per role (their passwords are in the README; they are made only on a desk
of the simulated broker, and a desk refuses
.B \-\-fix\-settings
while any of them still has its published password).
.PP
With
.B \-\-headless
it runs without a window as a user of the desk, with that user's permissions, taking the steps of
.B BATCH STEPS
below in their order.
.SH OPTIONS
)";
    roffOptions(out, deskOptions());
    out << ".SS Batch mode\n";
    roffOptions(out, sessionOptions());
    out << ".PP\n" << roff(kSessionText) << "\n";
    for (const auto& action : batchActions()) {
        if (action.options.empty()) continue;
        out << ".SS " << roff(action.name) << "\n";
        roffOptions(out, action.options);
    }
    out << ".SS Help\n.TP\n.BR \\-h \", \" \\-\\-help\nShow every option, the batch steps and the file formats.\n"
        << ".TP\n.BR \\-v \", \" \\-\\-version\nShow the version.\n";
    out << ".SH BATCH STEPS\nThe batch takes these steps in this order, each only when its options ask for it.\n";
    int step = 0;
    for (const auto& action : batchActions()) {
        out << ".SS " << ++step << ". " << roff(leadingOption(action)) << "\n";
        out << (action.options.empty() ? "Taken on every run." : "Who: " + roff(who(action)) + ".") << "\n.PP\n"
            << roff(action.details) << "\n";
    }
    out << ".SH EXIT STATUS\nIn batch mode: " << roff(kExitStatus) << "\n";
    out << R"(.SH ENVIRONMENT
.TP
.B OPENBLOTTER_PASSWORD
The batch user's password.
.TP
.B OPENBLOTTER_NEW_PASSWORD
The password of the user
.B \-\-set\-user
adds or changes.
.TP
.B OPENBLOTTER_ADMIN_PASSWORD
The first administrator's password on a new desk started with
.BR \-\-fix\-settings .
Every password set has at least 10 characters, does not contain the user name and is no published
demo password.
.TP
.B OPENBLOTTER_LOCK_AFTER
The failed logins in a row that lock a user until an administrator unlocks them (default 5; 0: never).
.TP
.B OPENBLOTTER_DEMO_USERS
1: the demo users, whose passwords are published, also on a desk started with
.BR \-\-fix\-settings
(a warning in the status bar says so).
.SH FILES
.TP
.I ~/.local/share/OpenBlotter/openblotter/
The default data directory: openblotter.db (the order database), fix/ (FIX sequence numbers,
messages and data dictionaries), logs/.
A new data directory is created with mode 0700, and the files the program creates in it with
mode 0600, whatever the umask: the book, the FIX messages and the logs are the owner's alone.
.TP
.I /usr/share/doc/openblotter/
The README, and in docs/ the documentation of the rules file, the portfolio and rebalance formats,
the architecture and the order database, with the README's screenshots.
.PP
)" << roff(kFixSettings)
        << R"(
.SH SEE ALSO
.BR openblotter\-sim (1),
.BR openblotter\-bench (1)
)";
    return out.str();
}

}  // namespace ob::app

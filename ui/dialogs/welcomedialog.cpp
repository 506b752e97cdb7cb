#include "welcomedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ob::ui {

QString WelcomeDialog::text(bool simulatedBroker, const QString& dataDirectory, const QString& firstStartSteps) {
    if (!firstStartSteps.isEmpty())
        return tr("<h3>A new desk for real brokers</h3><pre>%1</pre>").arg(firstStartSteps.toHtmlEscaped());
    const QString realBroker =
        tr("<h3>Connecting a real broker</h3>"
           "<p>Start OpenBlotter with a QuickFIX session settings file for the broker: "
           "<code>openblotter --fix-settings broker.cfg</code>. A commented example ships as "
           "<code>/usr/share/doc/openblotter/examples/broker.example.cfg</code> (in the source tree: "
           "<code>resources/fix/broker.example.cfg</code>). Use another data directory for it "
           "(<code>--data-dir</code>): a real desk starts clean, with one administrator, whose password "
           "<code>OPENBLOTTER_ADMIN_PASSWORD</code> gives, no demo users and no demo data. It imports its own "
           "instruments, funds, accounts, cash and rules; sample files to start from ship in "
           "<code>/usr/share/doc/openblotter/examples/samples</code> (README, \"Going live\").</p>"
           "<h3>Users</h3>"
           "<p>An administrator manages the users in <b>Administration → Users…</b>: adds a user, changes a role or a "
           "full name, disables or enables a user, resets a password to a one-time password (shown once; the user "
           "chooses their own at the next login) and unlocks a user locked by failed logins (after 5 in a row unless "
           "<code>OPENBLOTTER_LOCK_AFTER</code> says otherwise). Every user changes their own password in <b>File → "
           "Change password…</b>; a password has at least 10 characters, does not contain the user name and is no "
           "published demo password. <b>File → Log out</b> hands the desk to another user without stopping it; each "
           "user keeps their own layout, columns, filters and theme.</p>");
    if (!simulatedBroker)
        return tr("<h3>A new desk</h3><p>This desk's data is kept in <code>%1</code>. It has the demo instruments, funds "
                  "and rules (OPENBLOTTER_DEMO_DATA=1) to try the brokers of the FIX settings it was started with; a "
                  "desk that trades for real starts without them.</p>")
                   .arg(dataDirectory.toHtmlEscaped()) +
               realBroker;
    return tr("<h3>Welcome to the demo desk</h3>"
              "<p>This desk runs OpenBlotter's <b>simulated broker</b> on 127.0.0.1 and routes its orders there over a real "
              "FIX session: market orders fill in parts, limit orders rest until the price walks to them, and a morning of "
              "demo orders is already in the blotter. Nothing leaves this machine.</p>"
              "<p>It has <b>40 instruments</b> (US, UK, European, Swiss and Japanese equities), <b>three funds</b> "
              "(GROWTH, INCOME, EUROPE) with their positions and cash, two <b>model portfolios</b> and a set of "
              "<b>compliance rules</b>.</p>"
              "<p>There is a <b>user per role</b>; the password is the name followed by <code>-demo</code>:</p>"
              "<table cellspacing=4><tr><td><code>trader</code>, <code>trader2</code></td><td>enter orders, release the "
              "PMs' lists</td></tr><tr><td><code>pm</code></td><td>watch the funds, rebalance to a model</td></tr>"
              "<tr><td><code>compliance</code></td><td>decide breaches, edit the rules</td></tr>"
              "<tr><td><code>admin</code></td><td>manage users (Administration → Users…), edit the rules</td></tr></table>"
              "<p>The desk's data is kept in <code>%1</code>.</p>")
               .arg(dataDirectory.toHtmlEscaped()) +
           realBroker;
}

WelcomeDialog::WelcomeDialog(bool simulatedBroker, const QString& dataDirectory, const QString& firstStartSteps, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("welcomeDialog"));
    setWindowTitle(tr("Welcome to OpenBlotter"));
    auto* label = new QLabel(text(simulatedBroker, dataDirectory, firstStartSteps));
    label->setObjectName(QStringLiteral("welcomeText"));
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    // The text grew with what an administrator can do: it scrolls rather than run off the dialog.
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(label);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll);
    layout->addWidget(buttons);
    // The steps of a new real desk are lines of commands, which must not wrap.
    if (firstStartSteps.isEmpty())
        resize(660, 620);
    else
        resize(940, 520);
}

}  // namespace ob::ui

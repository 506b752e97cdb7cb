#include "mainwindow.h"

#include "dialogs/auditdialog.h"
#include "dialogs/basketdialog.h"
#include "dialogs/changepassworddialog.h"
#include "dialogs/modelsdialog.h"
#include "dialogs/rebalancedialog.h"
#include "dialogs/referencedatadialog.h"
#include "dialogs/rulesdialog.h"
#include "dialogs/usersdialog.h"
#include "models/breachestablemodel.h"
#include "panels/compliancepanel.h"

#include "enginefeed.h"
#include "fix/fixgateway.h"
#include "format.h"
#include "formats/openingpositions.h"
#include "futures.h"
#include "market/marketprices.h"
#include "models/alertsmodel.h"
#include "models/executionstablemodel.h"
#include "models/orderstablemodel.h"
#include "models/portfoliobook.h"
#include "models/positionstablemodel.h"
#include "models/sessionstablemodel.h"
#include "models/stagedlistsmodel.h"
#include "orderactions.h"
#include "panels/alertspanel.h"
#include "panels/fixsessionspanel.h"
#include "panels/fundspanel.h"
#include "panels/positionspanel.h"
#include "panels/stagedlistspanel.h"
#include "store/history.h"
#include "util/csv.h"
#include "widgets/blotterwidget.h"
#include "widgets/fillprogressdelegate.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>

#include <future>

namespace ob::ui {

namespace {

QStringList accountCodes(const ReferenceData& reference) {
    QStringList codes;
    for (const auto& account : reference.accounts) codes << toQString(account.code);
    return codes;
}

}  // namespace

MainWindow::MainWindow(const DeskServices& desk, QWidget* parent)
    : QMainWindow(parent), desk_(desk), instruments_(desk.reference.instruments) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("OpenBlotter"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/openblotter.svg")));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    orders_ = std::make_unique<OrdersTableModel>(instruments_);
    orders_->setSessionNames(sessionNames(desk_.gateway.sessions()));
    executions_ = std::make_unique<ExecutionsTableModel>(instruments_,
                                                         [orders = orders_.get()](OrderId id) { return orders->accountOf(id); });
    positions_ = std::make_unique<PositionsTableModel>(instruments_, desk_.reference.accounts);
    alerts_ = std::make_unique<AlertsModel>();
    breaches_ = std::make_unique<BreachesTableModel>();
    portfolio_ = std::make_unique<PortfolioBook>(desk_.reference, desk_.prices);
    lists_ = std::make_unique<StagedListsModel>(desk_.reference.fxRates, [this](const std::string& symbol) {
        const auto* instrument = instruments_.find(toQString(symbol));
        return instrument ? instrument->currency : std::string("USD");
    });
    feed_ = std::make_unique<EngineFeed>(desk_.engine);
    lists_->follow(*feed_);
    orders_->follow(*feed_);
    executions_->follow(*feed_);
    positions_->follow(*feed_);
    portfolio_->follow(*feed_);
    breaches_->follow(*feed_);
    connect(feed_.get(), &EngineFeed::halted, this, &MainWindow::showHalted);
    connect(feed_.get(), &EngineFeed::rulesChanged, this, &MainWindow::checkRulesInForce);
    connect(feed_.get(), &EngineFeed::referenceChanged, this,
            [this](const std::shared_ptr<const ReferenceData>& reference) { takeReference(*reference); });
    connect(feed_.get(), &EngineFeed::alertsArrived, this, [this](const std::vector<EngineAlert>& alerts) {
        alerts_->add(alerts);
        refreshStatus();
    });

    BlotterWidget::Options ordersOptions{OrdersTableModel::ExportRole, true, accountCodes(desk_.reference),
                                         instruments_.symbols()};
    ordersBlotter_ = new BlotterWidget(orders_.get(), QStringLiteral("orders"), ordersOptions, this);
    ordersBlotter_->view()->setItemDelegateForColumn(OrdersTableModel::Progress,
                                                     new FillProgressDelegate(OrdersTableModel::FillRatioRole, ordersBlotter_));
    BlotterWidget::Options executionsOptions{ExecutionsTableModel::ExportRole, false, accountCodes(desk_.reference),
                                             instruments_.symbols()};
    executionsBlotter_ = new BlotterWidget(executions_.get(), QStringLiteral("executions"), executionsOptions, this);
    positionsPanel_ = new PositionsPanel(*positions_, this);
    sessionsPanel_ = new FixSessionsPanel(desk_.gateway, this);
    alertsPanel_ = new AlertsPanel(*alerts_, this);
    compliancePanel_ = new CompliancePanel(*breaches_, *orders_, desk_.engine, desk_.actor, this);
    fundsPanel_ = new FundsPanel(*portfolio_, this);
    stagedListsPanel_ = new StagedListsPanel(desk_, *lists_, *orders_, this);
    actions_ = new OrderActions(desk_, instruments_, *orders_, *ordersBlotter_, this);
    connect(stagedListsPanel_, &StagedListsPanel::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    connect(actions_, &OrderActions::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(alertsPanel_, &AlertsPanel::orderRequested, this, [this](qlonglong id) { actions_->openDetails(id); });
    connect(compliancePanel_, &CompliancePanel::orderRequested, this, [this](qlonglong id) { actions_->openDetails(id); });
    connect(ordersBlotter_, &BlotterWidget::contextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        menu.addActions({actions_->amend(), actions_->cancel(), actions_->details()});
        menu.addActions({actions_->resolveByCancel(), actions_->resolveAsRejected()});
        menu.addSeparator();
        menu.addActions({actions_->copy(), actions_->cancelAllInView()});
        menu.exec(at);
    });

    // The blotters are the centre of the desk; everything else docks around them.
    setCentralWidget(nullptr);
    auto* ordersDock = addPanel(ordersBlotter_, tr("Orders"), Qt::TopDockWidgetArea);
    auto* executionsDock = addPanel(executionsBlotter_, tr("Executions"), Qt::BottomDockWidgetArea);
    auto* positionsDock = addPanel(positionsPanel_, tr("Positions"), Qt::BottomDockWidgetArea);
    auto* sessionsDock = addPanel(sessionsPanel_, tr("FIX sessions"), Qt::BottomDockWidgetArea);
    alertsDock_ = addPanel(alertsPanel_, tr("Alerts"), Qt::BottomDockWidgetArea);
    complianceDock_ = addPanel(compliancePanel_, tr("Compliance"), Qt::BottomDockWidgetArea);
    fundsDock_ = addPanel(fundsPanel_, tr("Funds"), Qt::BottomDockWidgetArea);
    listsDock_ = addPanel(stagedListsPanel_, tr("Staged lists"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(executionsDock, sessionsDock);
    tabifyDockWidget(executionsDock, listsDock_);
    // A PM works in the funds: they take the blotter's width, a tab beside the orders.
    const bool manager = desk_.actor.may(Permission::ManagePortfolios);
    tabifyDockWidget(manager ? ordersDock : positionsDock, fundsDock_);
    tabifyDockWidget(positionsDock, alertsDock_);
    tabifyDockWidget(positionsDock, complianceDock_);
    // A compliance officer's day starts with the breaches, a PM's with the funds, a trader's with
    // the positions and the lists the PMs sent.
    executionsDock->raise();
    if (desk_.actor.may(Permission::ReleaseLists)) listsDock_->raise();
    (desk_.actor.may(Permission::DecideBreaches) ? complianceDock_ : positionsDock)->raise();
    if (manager) fundsDock_->raise();
    resizeDocks({ordersDock, executionsDock}, {3, 2}, Qt::Vertical);
    resizeDocks({executionsDock, positionsDock}, {1, 1}, Qt::Horizontal);

    createMenus();
    createStatusBar();
    resize(1500, 900);
    defaultState_ = saveState();
}

void MainWindow::takeReference(const ReferenceData& reference) {
    // The desk's copy is shared by its windows (another user's, on the same desk): the first to see the change
    // takes it there; each window follows it in what it keeps of its own.
    if (reference != desk_.reference) desk_.takeReference(reference);
    instruments_ = InstrumentDirectory(desk_.reference.instruments);
    positions_->setAccounts(desk_.reference.accounts);
    portfolio_->referenceChanged();
    for (auto* blotter : {ordersBlotter_, executionsBlotter_})
        blotter->setChoices(accountCodes(desk_.reference), instruments_.symbols());
    fundsPanel_->updateFunds();
}

MainWindow::~MainWindow() {
    // The work still running reads the desk's store and message log, which go once the window has.
    waitForBackgroundWork();
}

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(panel->objectName() + QStringLiteral("Dock"));
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

ReferenceDataDialog* MainWindow::openReferenceData() {
    auto* dialog = new ReferenceDataDialog(desk_.engine, desk_.reference, *feed_, desk_.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* basket = file->addAction(tr("&Import basket…"), this, [this] {
        const auto path =
            QFileDialog::getOpenFileName(this, tr("Import a basket of orders"), QDir::homePath(), tr("CSV files (*.csv)"));
        if (!path.isEmpty()) openBasket(path);
    });
    basket->setObjectName(QStringLiteral("actionImportBasket"));
    basket->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    basket->setEnabled(desk_.actor.may(Permission::TradeOrders));
    file->addSeparator();
    auto* exportOrders =
        file->addAction(tr("Export &orders in view…"), this, [this] { exportBlotter(ordersBlotter_, tr("orders")); });
    exportOrders->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportOrders->setObjectName(QStringLiteral("actionExportOrders"));
    file->addAction(tr("Export &executions in view…"), this, [this] { exportBlotter(executionsBlotter_, tr("executions")); });
    file->addSeparator();
    auto* password = file->addAction(tr("Change &password…"), this, &MainWindow::openChangePassword);
    password->setObjectName(QStringLiteral("actionChangePassword"));
    auto* logOut = file->addAction(tr("&Log out"), this, [this] {
        Q_EMIT logOutRequested();
        close();
    });
    logOut->setObjectName(QStringLiteral("actionLogOut"));
    logOut->setStatusTip(tr("Back to the login, for this or another user; the desk and its FIX sessions keep running"));
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    auto* orders = menuBar()->addMenu(tr("&Orders"));
    orders->addActions({actions_->buy(), actions_->sell()});
    orders->addSeparator();
    orders->addActions({actions_->amend(), actions_->cancel(), actions_->details(), actions_->copy()});
    orders->addActions({actions_->resolveByCancel(), actions_->resolveAsRejected()});
    orders->addSeparator();
    orders->addAction(actions_->cancelAllInView());

    auto* portfolio = menuBar()->addMenu(tr("&Portfolio"));
    auto* funds = portfolio->addAction(tr("&Funds"), this, [this] {
        fundsDock_->show();
        fundsDock_->raise();
    });
    funds->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    funds->setStatusTip(tr("Show the funds: holdings, weights, P&L and exposures"));
    auto* lists = portfolio->addAction(tr("&Staged lists"), this, [this] {
        listsDock_->show();
        listsDock_->raise();
    });
    lists->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lists->setStatusTip(tr("Show the lists portfolio managers approved, and release them"));
    portfolio->addSeparator();
    auto* rebalance = portfolio->addAction(tr("&Rebalance…"), this, &MainWindow::openRebalance);
    rebalance->setObjectName(QStringLiteral("actionRebalance"));
    rebalance->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    rebalance->setStatusTip(tr("Rebalance funds to a model portfolio and hand the orders to the traders"));
    rebalance->setEnabled(desk_.actor.may(Permission::ManagePortfolios));
    if (!rebalance->isEnabled()) rebalance->setToolTip(toQString(refusal(desk_.actor, "rebalance funds")));
    auto* models =
        portfolio->addAction(desk_.actor.may(Permission::ManagePortfolios) ? tr("&Models…") : tr("&Models (read-only)…"), this,
                             &MainWindow::openModels);
    models->setObjectName(QStringLiteral("actionModels"));
    auto* positions = portfolio->addAction(tr("&Import positions…"), this, [this] {
        const auto path =
            QFileDialog::getOpenFileName(this, tr("Import opening positions"), QDir::homePath(), tr("CSV files (*.csv)"));
        if (path.isEmpty()) return;
        if (auto imported = importPositions(path); !imported)
            QMessageBox::critical(this, tr("Import positions"), tr("%1: %2").arg(path, toQString(imported.error())));
    });
    positions->setObjectName(QStringLiteral("actionImportPositions"));
    positions->setStatusTip(tr("Replace funds' opening positions and cash from a CSV file (fund,symbol,qty,price)"));
    positions->setEnabled(desk_.actor.may(Permission::ManagePortfolios) || desk_.actor.role == Role::Administrator);

    auto* compliance = menuBar()->addMenu(tr("&Compliance"));
    auto* breaches = compliance->addAction(tr("&Breaches"), this, [this] {
        complianceDock_->show();
        complianceDock_->raise();
    });
    breaches->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    breaches->setStatusTip(tr("Show the compliance breaches"));
    auto* rules = compliance->addAction(desk_.actor.may(Permission::EditRules) ? tr("&Rules…") : tr("&Rules (read-only)…"), this,
                                        &MainWindow::openRules);
    rules->setObjectName(QStringLiteral("actionRules"));
    auto* audit = compliance->addAction(tr("&Audit trail…"), this, &MainWindow::openAudit);
    audit->setObjectName(QStringLiteral("actionAudit"));
    audit->setEnabled(desk_.actor.may(Permission::ViewAudit));
    if (!audit->isEnabled()) audit->setToolTip(toQString(refusal(desk_.actor, "read the audit trail")));

    createAdministrationMenu();

    auto* view = menuBar()->addMenu(tr("&View"));
    for (auto* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
    view->addSeparator();
    auto* columns = view->addMenu(tr("Orders &columns"));
    connect(columns, &QMenu::aboutToShow, this, [this, columns] { ordersBlotter_->fillColumnsMenu(columns); });
    auto* themes = view->addMenu(tr("&Theme"));
    themeGroup_ = new QActionGroup(this);
    for (auto theme : {Theme::Light, Theme::Dark}) {
        auto* choice =
            themes->addAction(theme == Theme::Light ? tr("&Light") : tr("&Dark"), this, [this, theme] { setTheme(theme); });
        choice->setCheckable(true);
        choice->setChecked(currentTheme() == theme);
        choice->setObjectName(QStringLiteral("actionTheme") + themeName(theme));
        themeGroup_->addAction(choice);
    }
    view->addAction(tr("&Reset layout"), this, [this] { restoreState(defaultState_); });

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    help->addAction(tr("&About OpenBlotter"), this, [this] {
        QMessageBox::about(this, tr("About OpenBlotter"),
                           tr("<h3>OpenBlotter %1</h3><p>Order management system and trader blotter.</p>"
                              "<p>FIX 4.2/4.4 order routing, compliance and portfolio management for a fund's trading desk.</p>"
                              "<p>Data directory: %2</p>")
                               .arg(QApplication::applicationVersion(), desk_.dataDirectory.toHtmlEscaped()));
    });

    auto* toolbar = addToolBar(tr("Orders"));
    toolbar->setObjectName(QStringLiteral("ordersToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addActions({actions_->buy(), actions_->sell()});
    toolbar->addSeparator();
    toolbar->addActions({actions_->amend(), actions_->cancel(), actions_->details()});
    toolbar->addSeparator();
    toolbar->addActions({actions_->cancelAllInView(), exportOrders});
    view->addAction(toolbar->toggleViewAction());
}

void MainWindow::createAdministrationMenu() {
    auto* administration = menuBar()->addMenu(tr("&Administration"));
    auto* users = administration->addAction(tr("&Users…"), this, &MainWindow::openUsers);
    users->setObjectName(QStringLiteral("actionUsers"));
    users->setStatusTip(tr("Add users, change their roles, disable them, reset passwords, unlock them"));
    users->setEnabled(desk_.actor.may(Permission::ManageUsers));
    if (!users->isEnabled()) users->setToolTip(toQString(refusal(desk_.actor, "manage users")));
    auto* reference = administration->addAction(tr("&Reference data…"), this, [this] { openReferenceData(); });
    reference->setObjectName(QStringLiteral("actionReferenceData"));
    reference->setStatusTip(tr("Instruments, funds, accounts and FX rates: import, export, add, edit, deactivate"));
    reference->setEnabled(desk_.actor.may(Permission::ManageReference));
    if (!reference->isEnabled()) reference->setToolTip(toQString(refusal(desk_.actor, "change the desk's reference data")));
}

void MainWindow::createStatusBar() {
    auto* user = new QLabel(tr("%1 · %2").arg(QString::fromStdString(desk_.actor.user), roleName(desk_.actor.role)), this);
    user->setObjectName(QStringLiteral("userLabel"));
    user->setToolTip(tr("Who is logged in, and the role"));
    auto* mode = new QLabel(desk_.mode, this);
    mode->setObjectName(QStringLiteral("modeLabel"));
    mode->setToolTip(tr("Data directory: %1").arg(desk_.dataDirectory));
    counts_ = new QLabel(this);
    sessions_ = new QLabel(this);
    sessions_->setObjectName(QStringLiteral("sessionsLabel"));
    sessions_->setTextFormat(Qt::RichText);
    sessions_->setToolTip(tr("Each FIX session and its state; the FIX sessions panel has the details"));
    alertCount_ = new QLabel(this);
    alertCount_->setObjectName(QStringLiteral("alertCountLabel"));
    breachCount_ = new QLabel(this);
    breachCount_->setObjectName(QStringLiteral("breachCountLabel"));
    breachCount_->setToolTip(tr("Compliance breaches open, awaiting a decision (Ctrl+B shows them)"));
    clock_ = new QLabel(this);
    clock_->setObjectName(QStringLiteral("clockLabel"));
    statusBar()->addWidget(user);
    statusBar()->addWidget(mode);
    statusBar()->addWidget(counts_);
    if (!desk_.warning.isEmpty()) {
        auto* warning = new QLabel(QStringLiteral("⚠ ") + desk_.warning, this);
        warning->setObjectName(QStringLiteral("deskWarningLabel"));
        warning->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(profitColor(false).name()));
        statusBar()->addPermanentWidget(warning);
    }
    statusBar()->addPermanentWidget(breachCount_);
    statusBar()->addPermanentWidget(alertCount_);
    statusBar()->addPermanentWidget(sessions_);
    statusBar()->addPermanentWidget(clock_);

    auto* tick = new QTimer(this);
    connect(tick, &QTimer::timeout, this, &MainWindow::refreshStatus);
    tick->start(1000);
    connect(orders_.get(), &OrdersTableModel::countsChanged, this, &MainWindow::refreshCounts);
    connect(executions_.get(), &QAbstractItemModel::rowsInserted, this, &MainWindow::refreshCounts);
    connect(executions_.get(), &QAbstractItemModel::modelReset, this, &MainWindow::refreshCounts);
    connect(breaches_.get(), &BreachesTableModel::breachesChanged, this, &MainWindow::refreshCounts);
    refreshCounts();
    refreshStatus();
}

void MainWindow::refreshCounts() {
    const auto& counts = orders_->counts();
    counts_->setText(tr("%1 orders · %2 working · %3 filled · %4 executions")
                         .arg(orders_->rowCount())
                         .arg(counts.working)
                         .arg(counts.filled)
                         .arg(executions_->rowCount()));
    const int open = breaches_->awaitingDecision();
    breachCount_->setText(open ? QStringLiteral("⚑ %1").arg(counted(open, "breach open", "breaches open")) : QString());
    QPalette palette = breachCount_->palette();
    palette.setColor(QPalette::WindowText, profitColor(false));
    breachCount_->setPalette(palette);
}

BasketDialog* MainWindow::openBasket(const QString& path) {
    auto* dialog = new BasketDialog(desk_, path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BasketDialog::sent, this, [this](int routed, int held) {
        statusBar()->showMessage(
            held ? tr("Basket: %1 sent, %2 held for compliance").arg(routed).arg(held) : tr("Basket: %1 sent").arg(routed),
            10000);
    });
    dialog->show();
    return dialog;
}

void MainWindow::openRules() {
    whenReady(this, desk_.engine.rules(), [this](Result<RuleBook> loaded) {
        if (!loaded) {
            QMessageBox::critical(this, tr("Compliance rules"), tr("Cannot read the rules: %1").arg(toQString(loaded.error())));
            return;
        }
        auto* dialog = new RulesDialog(std::move(*loaded), desk_.engine, desk_.actor, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RulesDialog::saved, this, [this] { statusBar()->showMessage(tr("Compliance rules saved"), 8000); });
        dialog->show();
    });
}

void MainWindow::reloadModels() {
    whenReady(this, inBackground(desk_.models), [this](auto loaded) {
        if (!loaded) {
            alerts_->add({{nowUtc(), EngineAlert::Severity::Error, 0, "cannot read the model portfolios: " + loaded.error()}});
            return;
        }
        models_ = std::move(*loaded);
        fundsPanel_->setModels(models_);
    });
}

ModelsDialog* MainWindow::openModels() {
    auto* dialog = new ModelsDialog(desk_, models_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ModelsDialog::saved, this, [this](const ModelPortfolio& saved) {
        const auto known =
            std::find_if(models_.begin(), models_.end(), [&](const auto& model) { return model.name == saved.name; });
        if (known == models_.end())
            models_.push_back(saved);
        else
            *known = saved;
        fundsPanel_->setModels(models_);
        statusBar()->showMessage(tr("Model portfolio saved"), 8000);
    });
    dialog->show();
    return dialog;
}

RebalanceDialog* MainWindow::openRebalance() {
    if (!desk_.actor.may(Permission::ManagePortfolios)) return nullptr;
    // Counted when the PM asks for a proposal: a scan of the blotter, once per click.
    auto openOrders = [this](const std::string& fund) {
        int open = 0;
        for (int row = 0; row < orders_->rowCount(); ++row) {
            const auto* order = orders_->orderAt(row);
            if (order->isDone()) continue;
            bool inFund = portfolio_->fundOf(order->account) == fund;
            for (const auto& allocation : order->allocations) inFund = inFund || portfolio_->fundOf(allocation.account) == fund;
            open += inFund ? 1 : 0;
        }
        return open;
    };
    auto* dialog = new RebalanceDialog(desk_, *portfolio_, models_, openOrders, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!fundsPanel_->currentFund().isEmpty()) dialog->chooseFunds({fundsPanel_->currentFund()});
    connect(dialog, &RebalanceDialog::staged, this, [this](const OrderList& list, int orders) {
        statusBar()->showMessage(tr("List %1 (%2) staged for the traders: %3")
                                     .arg(list.id)
                                     .arg(toQString(list.name), counted(orders, "order", "orders")),
                                 10000);
    });
    dialog->show();
    return dialog;
}

Status MainWindow::importPositions(const QString& path, bool confirm) {
    auto table = CsvTable::readFile(path.toStdString());
    auto positions =
        table ? readOpeningPositions(*table, desk_.reference) : Result<std::vector<OpeningPosition>>(Error{table.error()});
    if (!positions) return Error{positions.error()};
    QStringList funds;
    for (const auto& position : *positions)
        if (!funds.contains(toQString(position.fund))) funds << toQString(position.fund);
    if (confirm && QMessageBox::question(this, tr("Import positions"),
                                         tr("Replace the opening positions and cash of %1 with the %2 in %3?")
                                             .arg(funds.join(QStringLiteral(", ")),
                                                  counted(qint64(positions->size()), "row", "rows"), path)) != QMessageBox::Yes)
        return {};
    whenReady(this, desk_.engine.setOpeningPositions(std::move(*positions), desk_.actor, path.toStdString()),
              [this, funds](Status status) {
                  if (!status)
                      QMessageBox::critical(this, tr("Import positions"), toQString(status.error()));
                  else
                      statusBar()->showMessage(tr("Opening positions imported for %1").arg(funds.join(QStringLiteral(", "))),
                                               10000);
              });
    return {};
}

UsersDialog* MainWindow::openUsers() {
    if (!desk_.actor.may(Permission::ManageUsers)) return nullptr;
    auto* dialog = new UsersDialog(desk_.engine, desk_.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

ChangePasswordDialog* MainWindow::openChangePassword() {
    auto* dialog = new ChangePasswordDialog(desk_.engine, desk_.actor, false, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { statusBar()->showMessage(tr("Password changed"), 8000); });
    dialog->show();
    return dialog;
}

void MainWindow::openAudit() {
    if (!desk_.actor.may(Permission::ViewAudit)) return;
    auto& history = desk_.history;
    whenReady(this, inBackground([&history] { return history.auditTrail(20000); }), [this](auto records) {
        if (!records) {
            QMessageBox::critical(this, tr("Audit trail"), tr("Cannot read the audit trail: %1").arg(toQString(records.error())));
            return;
        }
        auto* dialog = new AuditDialog(std::move(*records), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

QLabel* MainWindow::addBanner(const QString& name, const QString& title, const QColor& background) {
    auto* banner = new QLabel(this);
    banner->setObjectName(name + QStringLiteral("Banner"));
    banner->setWordWrap(true);
    banner->setTextFormat(Qt::PlainText);
    banner->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: white; font-weight: bold; padding: 6px; }").arg(background.name()));
    banner->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* bar = new QToolBar(title, this);
    bar->setObjectName(name + QStringLiteral("ToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->toggleViewAction()->setEnabled(false);  // the user cannot hide what the banner says
    bar->addWidget(banner);
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, bar);
    bar->show();
    return banner;
}

void MainWindow::checkRulesInForce() {
    whenReady(this, desk_.engine.rules(), [this](Result<RuleBook> rules) {
        if (!rules) return;  // compliance does not run on this desk: nothing to say about its rules
        const bool anyActive =
            std::any_of(rules->rules.begin(), rules->rules.end(), [](const Rule& rule) { return rule.mode == RuleMode::Active; });
        if (anyActive) {
            if (uncheckedBanner_) uncheckedBanner_->parentWidget()->hide();
            return;
        }
        if (!uncheckedBanner_)
            uncheckedBanner_ = addBanner(QStringLiteral("unchecked"), tr("No compliance"), QColor(0xb2, 0x6a, 0x00));
        uncheckedBanner_->setText(
            tr("No compliance rule is active: every order goes to the broker unchecked. A compliance "
               "officer or an administrator imports or edits the rules (Compliance → Rules)."));
        uncheckedBanner_->parentWidget()->show();
    });
}

void MainWindow::showHalted(const QString& reason) {
    if (!haltBanner_) haltBanner_ = addBanner(QStringLiteral("halt"), tr("Desk halted"), profitColor(false));
    QString text = reason;
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    haltBanner_->setText(text);
}

void MainWindow::refreshStatus() {
    QStringList parts;
    for (const auto& session : desk_.gateway.sessions())
        parts << QStringLiteral("<span style='color:%1'>●</span> %2 %3")
                     .arg(sessionStateColor(session.state).name(), toQString(session.alias).toHtmlEscaped(),
                          toQString(nameOf(session.state)));
    sessions_->setText(parts.join(QStringLiteral("&nbsp;&nbsp;")));
    const int alerts = alerts_->rowCount();
    alertCount_->setText(alerts ? QStringLiteral("⚠ %1").arg(counted(alerts, "alert", "alerts")) : QString());
    clock_->setText(QDateTime::currentDateTime().toString(QStringLiteral("ddd d MMM  HH:mm:ss")));
}

void MainWindow::refreshPrices() {
    const auto changed = desk_.prices.changedSince(pricesSeen_, &pricesSeen_);
    if (!changed.empty()) positions_->updatePrices(changed);
}

void MainWindow::start() {
    feed_->start();
    refreshPrices();
    auto* prices = new QTimer(this);
    connect(prices, &QTimer::timeout, this, &MainWindow::refreshPrices);
    prices->start(250);
    loadQuarantine();
    reloadModels();
    refreshStatus();
    checkRulesInForce();
}

void MainWindow::loadQuarantine() {
    auto& history = desk_.history;
    whenReady(this, inBackground([&history] { return history.quarantine(true); }), [this](auto quarantined) {
        if (!quarantined) {
            alerts_->add({{nowUtc(), EngineAlert::Severity::Error, 0, "cannot read the quarantine: " + quarantined.error()}});
        } else {
            std::vector<EngineAlert> alerts;
            for (auto it = quarantined->rbegin(); it != quarantined->rend(); ++it)  // oldest first
                alerts.push_back({it->receivedAt, EngineAlert::Severity::Warning, it->orderId,
                                  "quarantined " + it->msgType + " message " + std::to_string(it->msgSeqNum) + " from " +
                                      it->session + ": " + it->reason});
            alerts_->add(alerts);
        }
        refreshStatus();
    });
}

void MainWindow::exportBlotter(BlotterWidget* blotter, const QString& what) {
    const auto suggested =
        QDir(QDir::homePath()).filePath(QStringLiteral("%1-%2.csv").arg(what, QDate::currentDate().toString(Qt::ISODate)));
    const auto path = QFileDialog::getSaveFileName(this, tr("Export %1 in view").arg(what), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    if (auto saved = blotter->exportCsv(path); !saved)
        QMessageBox::critical(this, tr("Export failed"), toQString(saved.error()));
    else
        statusBar()->showMessage(tr("Exported %1 to %2").arg(counted(blotter->proxy()->rowCount(), "row", "rows"), path), 8000);
}

void MainWindow::showShortcuts() {
    QStringList rows;
    for (auto* action : {actions_->buy(), actions_->sell(), actions_->amend(), actions_->cancel(), actions_->cancelAllInView(),
                         actions_->details(), actions_->copy()})
        rows << QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(action->shortcut().toString(QKeySequence::NativeText), action->statusTip().toHtmlEscaped());
    rows << tr(
        "<tr><td><b>Enter</b></td><td>In a ticket: send</td></tr><tr><td><b>Esc</b></td><td>Close a ticket or dialog</td></tr>");
    QMessageBox::information(this, tr("Keyboard shortcuts"),
                             QStringLiteral("<table cellspacing=6>%1</table>").arg(rows.join(QString())));
}

QString MainWindow::workspaceKey(const std::string& user, const QString& key) {
    // Percent-encoded: a user name may hold a '/', which QSettings reads as a group.
    return QStringLiteral("workspaces/%1/%2")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(user))), key);
}

void MainWindow::setTheme(Theme theme) {
    applyTheme(theme);
    QSettings settings;
    settings.setValue(workspaceKey(desk_.actor.user, QStringLiteral("appearance/theme")), themeName(theme));
    // The login, before anyone is known, shows the theme last chosen.
    settings.setValue(QStringLiteral("appearance/theme"), themeName(theme));
    for (auto* choice : themeGroup_->actions())
        choice->setChecked(choice->objectName() == QStringLiteral("actionTheme") + themeName(theme));
    // Colours come from the models: ask the views to draw again.
    for (auto* view : findChildren<QAbstractItemView*>()) view->viewport()->update();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    // A user without a workspace of their own starts from the one this account kept before workspaces were per user.
    auto value = [&](const QString& key) {
        const auto own = workspaceKey(desk_.actor.user, key);
        return settings.contains(own) ? settings.value(own) : settings.value(key);
    };
    restoreGeometry(value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(value(QStringLiteral("mainWindow/state")).toByteArray());
    ordersBlotter_->restoreHeaderState(value(QStringLiteral("mainWindow/ordersHeader")).toByteArray());
    executionsBlotter_->restoreHeaderState(value(QStringLiteral("mainWindow/executionsHeader")).toByteArray());
    ordersBlotter_->restoreFilters(value(QStringLiteral("mainWindow/ordersFilters")).toMap());
    executionsBlotter_->restoreFilters(value(QStringLiteral("mainWindow/executionsFilters")).toMap());
    // The theme is the user's own only: another user's last choice is no default.
    const auto theme = settings.value(workspaceKey(desk_.actor.user, QStringLiteral("appearance/theme"))).toString();
    setTheme(theme.isEmpty() ? Theme::Light : themeFromName(theme));
}

void MainWindow::saveLayout() const {
    QSettings settings;
    const auto& user = desk_.actor.user;
    settings.setValue(workspaceKey(user, QStringLiteral("mainWindow/geometry")), saveGeometry());
    settings.setValue(workspaceKey(user, QStringLiteral("mainWindow/state")), saveState());
    settings.setValue(workspaceKey(user, QStringLiteral("mainWindow/ordersHeader")), ordersBlotter_->saveHeaderState());
    settings.setValue(workspaceKey(user, QStringLiteral("mainWindow/executionsHeader")), executionsBlotter_->saveHeaderState());
    settings.setValue(workspaceKey(user, QStringLiteral("mainWindow/ordersFilters")), ordersBlotter_->saveFilters());
    settings.setValue(workspaceKey(user, QStringLiteral("mainWindow/executionsFilters")), executionsBlotter_->saveFilters());
    settings.setValue(workspaceKey(user, QStringLiteral("appearance/theme")), themeName(currentTheme()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
    Q_EMIT closed();
}

}  // namespace ob::ui

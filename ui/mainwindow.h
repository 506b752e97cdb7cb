#pragma once

#include "deskservices.h"
#include "models/instrumentdirectory.h"
#include "portfolio/modelportfolio.h"
#include "theme.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QColor;
class QActionGroup;
class QLabel;

namespace ob::ui {

class AlertsModel;
class AlertsPanel;
class BasketDialog;
class BreachesTableModel;
class CompliancePanel;
class BlotterWidget;
class EngineFeed;
class ExecutionsTableModel;
class FixSessionsPanel;
class OrderActions;
class OrdersTableModel;
class PositionsPanel;
class PositionsTableModel;
class PortfolioBook;
class FundsPanel;
class StagedListsModel;
class StagedListsPanel;
class RebalanceDialog;
class ModelsDialog;
class ReferenceDataDialog;
class UsersDialog;
class ChangePasswordDialog;

/// The desk's main window: the orders and executions blotters, positions,
/// FIX sessions, alerts and compliance breaches as dockable panels whose
/// arrangement persists between runs; menus and a toolbar with the order
/// actions and their shortcuts; the compliance rules and the audit trail; a
/// status bar with the user and role, the mode, each FIX session's state,
/// the breaches awaiting a decision and the clock. What the user may do
/// follows their role. The layout, the blotters' columns and filters and the
/// theme are the desk user's own (workspaceKey), not the operating system account's.
///
/// Construct it before the desk starts (it subscribes to the engine), then
/// call start() once the engine runs.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const DeskServices& desk, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Loads the book into the blotters and starts following the engine and the prices.
    void start();

    BlotterWidget* ordersBlotter() const { return ordersBlotter_; }
    BlotterWidget* executionsBlotter() const { return executionsBlotter_; }
    OrdersTableModel& ordersModel() const { return *orders_; }
    ExecutionsTableModel& executionsModel() const { return *executions_; }
    PositionsTableModel& positionsModel() const { return *positions_; }
    AlertsModel& alertsModel() const { return *alerts_; }
    PositionsPanel* positionsPanel() const { return positionsPanel_; }
    FixSessionsPanel* sessionsPanel() const { return sessionsPanel_; }
    CompliancePanel* compliancePanel() const { return compliancePanel_; }
    BreachesTableModel& breachesModel() const { return *breaches_; }
    OrderActions* orderActions() const { return actions_; }
    EngineFeed& feed() const { return *feed_; }
    PortfolioBook& portfolioBook() const { return *portfolio_; }
    StagedListsModel& listsModel() const { return *lists_; }
    FundsPanel* fundsPanel() const { return fundsPanel_; }
    StagedListsPanel* stagedListsPanel() const { return stagedListsPanel_; }
    /// Opens the rebalance for a portfolio manager, with the models as last loaded.
    RebalanceDialog* openRebalance();
    ModelsDialog* openModels();
    /// Administration → Reference data (administrators only).
    ReferenceDataDialog* openReferenceData();
    /// Reads a positions file and, once confirmed (or at once when `confirm` is false), asks the engine to replace
    /// the funds' opening positions; the result arrives in the status bar. A bad file is refused, saying why.
    Status importPositions(const QString& path, bool confirm = true);
    /// Loads the model portfolios again (after a save), for the funds view and the rebalance.
    void reloadModels();

    /// Checks a basket file against compliance and offers to send it.
    BasketDialog* openBasket(const QString& path);

    /// The user administration (administrators only; nullptr for anyone else).
    UsersDialog* openUsers();
    ChangePasswordDialog* openChangePassword();

    /// Restores the user's workspace: the window's layout, the blotters' columns and filters, the theme.
    void restoreLayout();
    void saveLayout() const;
    void setTheme(Theme theme);
    /// Where the desk user `user` keeps `key` in the settings: a group per desk user.
    static QString workspaceKey(const std::string& user, const QString& key);

Q_SIGNALS:
    /// File → Log out: the window saves the user's workspace and closes; the desk keeps running.
    void logOutRequested();
    /// The window closed (after saving the workspace).
    void closed();

public Q_SLOTS:
    /// The order and execution counts, after each change.
    void refreshCounts();
    /// The sessions, alerts and clock, once a second and when alerts arrive.
    void refreshStatus();
    void refreshPrices();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area);
    void createMenus();
    /// Administration: the users and the reference data.
    void createAdministrationMenu();
    void createStatusBar();
    void exportBlotter(BlotterWidget* blotter, const QString& what);
    void loadQuarantine();
    void showShortcuts();
    void openRules();
    void openAudit();
    /// The desk's reference data changed (an import or an edit, by anyone): the ticket, the blotters' filters, the
    /// positions and the funds take it at once.
    void takeReference(const ReferenceData& reference);
    /// A banner across the top of the window that the user cannot hide.
    QLabel* addBanner(const QString& name, const QString& title, const QColor& background);
    /// An amber banner while no compliance rule is active: every order passes unchecked.
    void checkRulesInForce();
    /// A red banner across the window: the desk takes no orders or fills until it is restarted.
    void showHalted(const QString& reason);

    DeskServices desk_;
    InstrumentDirectory instruments_;
    std::unique_ptr<OrdersTableModel> orders_;
    std::unique_ptr<ExecutionsTableModel> executions_;
    std::unique_ptr<PositionsTableModel> positions_;
    std::unique_ptr<AlertsModel> alerts_;
    std::unique_ptr<BreachesTableModel> breaches_;
    std::unique_ptr<PortfolioBook> portfolio_;
    std::unique_ptr<StagedListsModel> lists_;
    std::unique_ptr<EngineFeed> feed_;
    std::vector<ModelPortfolio> models_;
    FundsPanel* fundsPanel_;
    StagedListsPanel* stagedListsPanel_;
    QDockWidget* fundsDock_ = nullptr;
    QDockWidget* listsDock_ = nullptr;
    BlotterWidget* ordersBlotter_;
    BlotterWidget* executionsBlotter_;
    PositionsPanel* positionsPanel_;
    FixSessionsPanel* sessionsPanel_;
    AlertsPanel* alertsPanel_;
    CompliancePanel* compliancePanel_;
    QDockWidget* complianceDock_ = nullptr;
    QLabel* breachCount_ = nullptr;
    OrderActions* actions_;
    QDockWidget* alertsDock_ = nullptr;
    QLabel* counts_ = nullptr;
    QLabel* sessions_ = nullptr;
    QLabel* alertCount_ = nullptr;
    QLabel* clock_ = nullptr;
    QLabel* haltBanner_ = nullptr;
    QLabel* uncheckedBanner_ = nullptr;
    QActionGroup* themeGroup_ = nullptr;
    QByteArray defaultState_;
    std::uint64_t pricesSeen_ = 0;
};

}  // namespace ob::ui

#pragma once

#include <QMainWindow>

#include <functional>

class QLabel;

namespace ob::ui {

class BlotterWidget;
class OrdersTableModel;
class ExecutionsTableModel;

/// The trader's desktop: the blotters as dockable panels whose arrangement
/// persists between runs, and a status bar with the desk's mode and the clock.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    struct Context {
        QString mode;  ///< e.g. "Simulated broker on 127.0.0.1:40123"
        QString dataDirectory;
        std::function<QString()> sessionSummary;  ///< each FIX session's state, asked every second
    };

    MainWindow(OrdersTableModel& orders, ExecutionsTableModel& executions, const Context& context, QWidget* parent = nullptr);

    BlotterWidget* ordersBlotter() const { return ordersBlotter_; }
    BlotterWidget* executionsBlotter() const { return executionsBlotter_; }

    void restoreLayout();
    void saveLayout() const;

public Q_SLOTS:
    void refreshCounts();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    QDockWidget* addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area);

    OrdersTableModel& orders_;
    ExecutionsTableModel& executions_;
    BlotterWidget* ordersBlotter_;
    BlotterWidget* executionsBlotter_;
    QLabel* counts_;
    QLabel* sessions_;
    QLabel* clock_;
    QMenu* viewMenu_ = nullptr;
};

}  // namespace ob::ui

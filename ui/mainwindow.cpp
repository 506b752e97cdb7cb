#include "mainwindow.h"

#include "models/executionstablemodel.h"
#include "models/orderstablemodel.h"
#include "widgets/blotterwidget.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace ob::ui {

MainWindow::MainWindow(OrdersTableModel& orders, ExecutionsTableModel& executions, const Context& context, QWidget* parent)
    : QMainWindow(parent)
    , orders_(orders)
    , executions_(executions)
    , ordersBlotter_(new BlotterWidget(&orders, OrdersTableModel::RawValueRole, QStringLiteral("orders"), this))
    , executionsBlotter_(new BlotterWidget(&executions, ExecutionsTableModel::RawValueRole, QStringLiteral("executions"), this))
    , counts_(new QLabel(this))
    , sessions_(new QLabel(this))
    , clock_(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("OpenBlotter"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/openblotter.svg")));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    setDockNestingEnabled(true);

    // The orders blotter is the centre of the desk; everything else docks around it.
    auto* ordersDock = addPanel(ordersBlotter_, tr("Orders"), Qt::TopDockWidgetArea);
    auto* executionsDock = addPanel(executionsBlotter_, tr("Executions"), Qt::BottomDockWidgetArea);
    setCentralWidget(nullptr);
    resizeDocks({ordersDock, executionsDock}, {3, 2}, Qt::Vertical);
    createMenus();

    auto* mode = new QLabel(context.mode, this);
    mode->setObjectName(QStringLiteral("modeLabel"));
    auto* directory = new QLabel(context.dataDirectory, this);
    directory->setToolTip(tr("Data directory: the order database, FIX logs and application logs"));
    statusBar()->addWidget(mode);
    statusBar()->addWidget(counts_);
    sessions_->setObjectName(QStringLiteral("sessionsLabel"));
    sessions_->setToolTip(tr("FIX sessions and their state"));
    statusBar()->addPermanentWidget(sessions_);
    statusBar()->addPermanentWidget(directory);
    statusBar()->addPermanentWidget(clock_);

    auto* tick = new QTimer(this);
    auto refresh = [this, summary = context.sessionSummary] {
        clock_->setText(QDateTime::currentDateTime().toString(QStringLiteral("ddd d MMM  HH:mm:ss")));
        if (summary) sessions_->setText(summary());
    };
    connect(tick, &QTimer::timeout, this, refresh);
    tick->start(1000);
    refresh();
    connect(&orders_, &OrdersTableModel::countsChanged, this, &MainWindow::refreshCounts);
    connect(&executions_, &QAbstractItemModel::rowsInserted, this, &MainWindow::refreshCounts);
    connect(&executions_, &QAbstractItemModel::modelReset, this, &MainWindow::refreshCounts);
    resize(1400, 860);
    refreshCounts();
}

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(panel->objectName() + QStringLiteral("Dock"));
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    for (auto* dock : findChildren<QDockWidget*>()) viewMenu_->addAction(dock->toggleViewAction());

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OpenBlotter"), this, [this] {
        QMessageBox::about(this, tr("About OpenBlotter"),
                           tr("<h3>OpenBlotter %1</h3><p>Order management system and trader blotter.</p>"
                              "<p>FIX 4.2/4.4 order routing, compliance and portfolio management for a fund's trading desk.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::refreshCounts() {
    const auto& counts = orders_.counts();
    counts_->setText(tr("%1 orders · %2 working · %3 filled · %4 executions")
                         .arg(orders_.rowCount())
                         .arg(counts.working)
                         .arg(counts.filled)
                         .arg(executions_.rowCount()));
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    ordersBlotter_->restoreHeaderState(settings.value(QStringLiteral("mainWindow/ordersHeader")).toByteArray());
    executionsBlotter_->restoreHeaderState(settings.value(QStringLiteral("mainWindow/executionsHeader")).toByteArray());
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/ordersHeader"), ordersBlotter_->saveHeaderState());
    settings.setValue(QStringLiteral("mainWindow/executionsHeader"), executionsBlotter_->saveHeaderState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
}

}  // namespace ob::ui

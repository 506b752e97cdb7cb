#include "stagedlistspanel.h"

#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "format.h"
#include "futures.h"
#include "models/orderstablemodel.h"
#include "models/stagedlistsmodel.h"
#include "widgets/fillprogressdelegate.h"
#include "widgets/tablestyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ob::ui {

StagedListsPanel::StagedListsPanel(const DeskServices& desk, StagedListsModel& lists, OrdersTableModel& orders, QWidget* parent)
    : QWidget(parent)
    , desk_(desk)
    , lists_(lists)
    , orders_(orders)
    , listsView_(new QTableView(this))
    , ordersProxy_(new QSortFilterProxyModel(this))
    , ordersView_(new QTableView(this))
    , broker_(new QComboBox(this))
    , reason_(new QLineEdit(this))
    , releaseAll_(new QPushButton(tr("Release &list"), this))
    , releaseSelected_(new QPushButton(tr("Release &selected"), this))
    , status_(new QLabel(this)) {
    setObjectName(QStringLiteral("stagedLists"));
    listsView_->setObjectName(QStringLiteral("listsView"));
    listsView_->setModel(&lists_);
    listsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    listsView_->setSelectionMode(QAbstractItemView::SingleSelection);
    listsView_->setItemDelegateForColumn(StagedListsModel::FilledPercent,
                                         new FillProgressDelegate(StagedListsModel::FillRatioRole, listsView_));
    styleTable(listsView_);

    ordersProxy_->setSourceModel(&orders_);
    ordersProxy_->setFilterRole(OrdersTableModel::ListIdRole);
    ordersProxy_->setFilterKeyColumn(0);
    ordersProxy_->setFilterRegularExpression(QStringLiteral("^-1$"));  // nothing until a list is chosen
    ordersView_->setObjectName(QStringLiteral("listOrdersView"));
    ordersView_->setModel(ordersProxy_);
    ordersView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    ordersView_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    ordersView_->setItemDelegateForColumn(OrdersTableModel::Progress,
                                          new FillProgressDelegate(OrdersTableModel::FillRatioRole, ordersView_));
    styleTable(ordersView_);
    for (int column : {int(OrdersTableModel::ClOrdId), int(OrdersTableModel::StopPrice), int(OrdersTableModel::BrokerOrderId)})
        ordersView_->hideColumn(column);

    broker_->setObjectName(QStringLiteral("releaseBroker"));
    for (const auto& session : desk_.gateway.sessions()) broker_->addItem(toQString(session.alias), toQString(session.id));
    broker_->setToolTip(tr("The broker the released orders go to"));
    reason_->setObjectName(QStringLiteral("releaseReason"));
    reason_->setPlaceholderText(tr("Reason, if compliance warns"));
    releaseAll_->setObjectName(QStringLiteral("releaseList"));
    releaseAll_->setToolTip(tr("Send every staged order of the list to the broker"));
    releaseSelected_->setObjectName(QStringLiteral("releaseSelected"));
    releaseSelected_->setToolTip(tr("Send the staged orders selected below to the broker"));
    status_->setObjectName(QStringLiteral("releaseStatus"));
    status_->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Broker"), this));
    controls->addWidget(broker_);
    controls->addWidget(reason_, 1);
    controls->addWidget(releaseSelected_);
    controls->addWidget(releaseAll_);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(listsView_);
    splitter->addWidget(ordersView_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter, 1);
    layout->addLayout(controls);
    layout->addWidget(status_);

    connect(listsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        const auto* list = lists_.listAt(current.row());
        ordersProxy_->setFilterRegularExpression(QStringLiteral("^%1$").arg(list ? list->id : -1));
        updateButtons();
    });
    connect(ordersView_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StagedListsPanel::updateButtons);
    connect(&lists_, &StagedListsModel::progressChanged, this, &StagedListsPanel::updateButtons);
    connect(&lists_, &QAbstractItemModel::dataChanged, listsView_,
            [this] { listsView_->resizeColumnToContents(StagedListsModel::FilledPercent); });
    connect(&lists_, &QAbstractItemModel::rowsInserted, listsView_, [this] {
        listsView_->resizeColumnsToContents();
        if (!listsView_->currentIndex().isValid()) listsView_->selectRow(lists_.rowCount() - 1);
    });
    connect(releaseAll_, &QPushButton::clicked, this, &StagedListsPanel::releaseAll);
    connect(releaseSelected_, &QPushButton::clicked, this, &StagedListsPanel::releaseSelected);
    updateButtons();
}

void StagedListsPanel::selectList(std::int64_t listId) {
    const int row = lists_.rowOf(listId);
    if (row >= 0) listsView_->selectRow(row);
}

std::int64_t StagedListsPanel::currentList() const {
    const auto* list = lists_.listAt(listsView_->currentIndex().row());
    return list ? list->id : 0;
}

void StagedListsPanel::updateButtons() {
    const bool allowed = desk_.actor.may(Permission::ReleaseLists);
    const QString refused = allowed ? QString() : toQString(refusal(desk_.actor, "release staged orders"));
    const auto staged = currentList() ? lists_.stagedOrders(currentList()).size() : 0;
    releaseAll_->setEnabled(allowed && staged > 0 && broker_->count() > 0);
    releaseAll_->setText(staged ? tr("Release &list (%1)").arg(staged) : tr("Release &list"));
    releaseSelected_->setEnabled(allowed && staged > 0 && ordersView_->selectionModel()->hasSelection());
    for (auto* button : {releaseAll_, releaseSelected_})
        if (!allowed) button->setToolTip(refused);
}

void StagedListsPanel::releaseAll() {
    if (const auto list = currentList()) release(lists_.stagedOrders(list));
}

void StagedListsPanel::releaseSelected() {
    std::vector<OrderId> ids;
    for (const auto& row : ordersView_->selectionModel()->selectedRows()) {
        const auto* order = orders_.orderAt(ordersProxy_->mapToSource(row).row());
        if (order && order->staged) ids.push_back(order->id);
    }
    std::sort(ids.begin(), ids.end());
    release(std::move(ids));
}

void StagedListsPanel::release(std::vector<OrderId> ids) {
    if (ids.empty() || broker_->currentIndex() < 0) return;
    releaseAll_->setEnabled(false);
    releaseSelected_->setEnabled(false);
    status_->setText(tr("Releasing %1…").arg(counted(qint64(ids.size()), "order", "orders")));
    auto future = desk_.engine.release(std::move(ids), broker_->currentData().toString().toStdString(), desk_.actor,
                                       reason_->text().trimmed().toStdString());
    whenReady(
        this, std::move(future),
        [this](std::vector<Result<OrderState>> results) {
            int sent = 0, held = 0;
            QStringList refusals;
            for (const auto& result : results) {
                if (!result)
                    refusals << toQString(result.error());
                else if (result->held)
                    ++held;
                else
                    ++sent;
            }
            QString text = tr("%1 sent").arg(sent);
            if (held) text += tr(", %1 held for compliance").arg(held);
            // The first refusal in full; all of them in the tooltip, one per line.
            if (!refusals.empty())
                text +=
                    tr(", %1 not released: %2%3")
                        .arg(refusals.size())
                        .arg(refusals.front(), refusals.size() > 1 ? tr(" (and %1 more)").arg(refusals.size() - 1) : QString());
            status_->setText(text);
            status_->setToolTip(refusals.join(QStringLiteral("\n")));
            Q_EMIT message(text);
            Q_EMIT released(sent, held, int(refusals.size()));
            updateButtons();
        },
        [this](const QString& what) {
            status_->setText(tr("The release failed: %1").arg(what));
            updateButtons();
        });
}

}  // namespace ob::ui

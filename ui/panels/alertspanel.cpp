#include "alertspanel.h"

#include "models/alertsmodel.h"
#include "widgets/tablestyle.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace ob::ui {

AlertsPanel::AlertsPanel(AlertsModel& model, QWidget* parent) : QWidget(parent), view_(new QTableView(this)) {
    setObjectName(QStringLiteral("alerts"));
    view_->setObjectName(QStringLiteral("alertsView"));
    view_->setModel(&model);
    styleTable(view_);
    view_->setToolTip(tr("Double-click an alert to open its order"));
    connect(view_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        const auto id = index.data(AlertsModel::OrderIdRole).toLongLong();
        if (id > 0) Q_EMIT orderRequested(id);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_);
}

}  // namespace ob::ui

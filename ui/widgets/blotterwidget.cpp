#include "blotterwidget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ob::ui {

BlotterWidget::BlotterWidget(QAbstractItemModel* model, int sortRole, const QString& objectName, QWidget* parent)
    : QWidget(parent)
    , filter_(new QLineEdit(this))
    , count_(new QLabel(this))
    , view_(new QTableView(this))
    , proxy_(new QSortFilterProxyModel(this)) {
    setObjectName(objectName);
    proxy_->setSourceModel(model);
    proxy_->setSortRole(sortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setDynamicSortFilter(true);

    filter_->setPlaceholderText(tr("Filter: symbol, account, ClOrdID, status…"));
    filter_->setClearButtonEnabled(true);
    filter_->setObjectName(objectName + QStringLiteral("Filter"));
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    view_->setObjectName(objectName + QStringLiteral("View"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(0, Qt::DescendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
    view_->horizontalHeader()->setSectionsMovable(true);
    view_->horizontalHeader()->setHighlightSections(false);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    connect(proxy_, &QAbstractItemModel::rowsInserted, this, &BlotterWidget::updateCount);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, &BlotterWidget::updateCount);
    connect(proxy_, &QAbstractItemModel::modelReset, this, &BlotterWidget::updateCount);
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, &BlotterWidget::updateCount);

    auto* bar = new QHBoxLayout;
    bar->addWidget(filter_, 1);
    bar->addWidget(count_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
    updateCount();
}

void BlotterWidget::updateCount() {
    const int shown = proxy_->rowCount();
    const int total = proxy_->sourceModel()->rowCount();
    count_->setText(shown == total ? tr("%n row(s)", nullptr, total) : tr("%1 of %2 rows").arg(shown).arg(total));
}

QByteArray BlotterWidget::saveHeaderState() const { return view_->horizontalHeader()->saveState(); }

void BlotterWidget::restoreHeaderState(const QByteArray& state) {
    if (state.isEmpty() || !view_->horizontalHeader()->restoreState(state)) view_->resizeColumnsToContents();
}

}  // namespace ob::ui

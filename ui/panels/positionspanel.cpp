#include "positionspanel.h"

#include "format.h"
#include "models/positionstablemodel.h"
#include "theme.h"
#include "widgets/tablestyle.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ob::ui {

PositionsPanel::PositionsPanel(PositionsTableModel& model, QWidget* parent)
    : QWidget(parent)
    , model_(model)
    , proxy_(new QSortFilterProxyModel(this))
    , view_(new QTableView(this))
    , totals_(new QLabel(this)) {
    setObjectName(QStringLiteral("positions"));
    proxy_->setSourceModel(&model_);
    proxy_->setSortRole(PositionsTableModel::RawValueRole);
    proxy_->setDynamicSortFilter(true);
    view_->setObjectName(QStringLiteral("positionsView"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(PositionsTableModel::Fund, Qt::AscendingOrder);
    styleTable(view_);
    view_->horizontalHeader()->setSectionsMovable(true);
    totals_->setObjectName(QStringLiteral("positionsTotals"));
    totals_->setTextFormat(Qt::RichText);
    totals_->setWordWrap(true);
    totals_->setToolTip(tr("Totals per currency; realised P&L by the average cost method"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 1);
    layout->addWidget(totals_);
    connect(&model_, &PositionsTableModel::totalsChanged, this, &PositionsPanel::updateTotals);
    // Fit the columns whenever a new position opens (rare: once per account and
    // instrument a day), so that the figures and the P&L columns stay in sight.
    connect(proxy_, &QAbstractItemModel::rowsInserted, view_, &QTableView::resizeColumnsToContents);
    updateTotals();
}

void PositionsPanel::updateTotals() {
    const auto totals = model_.totalsByCurrency();
    if (totals.empty()) {
        totals_->setText(tr("No fills today"));
        return;
    }
    QStringList parts;
    for (const auto& [currency, total] : totals)
        parts << tr("<b>%1</b> value %2 · unrealised %3 · realised %4 · total %5")
                     .arg(toQString(currency), formatMoney(total.marketValue, 2), profitHtml(total.unrealised),
                          profitHtml(total.realised), profitHtml(total.unrealised + total.realised));
    totals_->setText(parts.join(QStringLiteral("<br>")));
}

}  // namespace ob::ui

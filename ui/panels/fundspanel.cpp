#include "fundspanel.h"

#include "format.h"
#include "market/marketprices.h"
#include "models/fundholdingsmodel.h"
#include "models/portfoliobook.h"
#include "portfolio/exposure.h"
#include "theme.h"
#include "widgets/tablestyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>

namespace ob::ui {

namespace {

constexpr int kChartBars = 12;  ///< the largest exposures; the rest are summed as "Other"

double percentOfNav(Money amount, Money nav) {
    return nav.isPositive() ? amount.toDouble() / nav.toDouble() * 100.0 : 0.0;  // for drawing only
}

}  // namespace

FundsPanel::FundsPanel(PortfolioBook& book, QWidget* parent)
    : QWidget(parent)
    , book_(book)
    , holdings_(new FundHoldingsModel(this))
    , proxy_(new QSortFilterProxyModel(this))
    , fund_(new QComboBox(this))
    , model_(new QComboBox(this))
    , dimension_(new QComboBox(this))
    , summary_(new QLabel(this))
    , view_(new QTableView(this))
    , chart_(new QChartView(this)) {
    setObjectName(QStringLiteral("funds"));
    fund_->setObjectName(QStringLiteral("fundCombo"));
    fund_->addItems(book_.funds());
    model_->setObjectName(QStringLiteral("modelCombo"));
    model_->addItem(tr("(no model)"));
    model_->setToolTip(tr("Show the targets and drift of a model portfolio"));
    dimension_->setObjectName(QStringLiteral("exposureCombo"));
    dimension_->addItems({tr("Sector"), tr("Country"), tr("Issuer")});
    summary_->setObjectName(QStringLiteral("fundSummary"));
    summary_->setTextFormat(Qt::RichText);

    proxy_->setSourceModel(holdings_);
    proxy_->setSortRole(FundHoldingsModel::RawValueRole);
    view_->setObjectName(QStringLiteral("fundHoldingsView"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(FundHoldingsModel::MarketValue, Qt::DescendingOrder);
    styleTable(view_);

    chart_->setObjectName(QStringLiteral("exposureChart"));
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumWidth(280);
    chart_->chart()->legend()->hide();
    chart_->chart()->setMargins(QMargins(2, 2, 2, 2));

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Fund"), this));
    controls->addWidget(fund_);
    controls->addWidget(new QLabel(tr("Model"), this));
    controls->addWidget(model_);
    controls->addWidget(new QLabel(tr("Exposure by"), this));
    controls->addWidget(dimension_);
    controls->addStretch(1);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(view_);
    splitter->addWidget(chart_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(summary_);
    layout->addWidget(splitter, 1);

    connect(fund_, &QComboBox::currentTextChanged, this, [this] {
        refresh();
        view_->resizeColumnsToContents();
    });
    connect(model_, &QComboBox::currentIndexChanged, this, &FundsPanel::updateTargets);
    connect(dimension_, &QComboBox::currentIndexChanged, this, &FundsPanel::updateChart);
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &FundsPanel::refreshIfChanged);
    timer->start(1000);
    refresh();
    view_->resizeColumnsToContents();
}

FundsPanel::~FundsPanel() = default;

void FundsPanel::setModels(std::vector<ModelPortfolio> models) {
    const QString chosen = model_->currentText();
    models_ = std::move(models);
    model_->blockSignals(true);
    model_->clear();
    model_->addItem(tr("(no model)"));
    for (const auto& model : models_) model_->addItem(toQString(model.name));
    model_->setCurrentIndex(std::max(0, model_->findText(chosen)));
    model_->blockSignals(false);
    updateTargets();
}

void FundsPanel::showFund(const QString& fund) { fund_->setCurrentText(fund); }

void FundsPanel::updateFunds() {
    const auto shown = fund_->currentText();
    {
        const QSignalBlocker keep(fund_);
        fund_->clear();
        fund_->addItems(book_.funds());
        fund_->setCurrentText(shown);
    }
    if (fund_->currentText() != shown) refresh();
}

QString FundsPanel::currentFund() const { return fund_->currentText(); }

void FundsPanel::refreshIfChanged() {
    if (!isVisible()) return;
    const auto fund = fund_->currentText().toStdString();
    if (book_.version(fund) == seenVersion_ && book_.pricesVersion() == seenPrices_) return;
    refresh();
}

void FundsPanel::refresh() {
    const auto fund = fund_->currentText().toStdString();
    seenVersion_ = book_.version(fund);
    seenPrices_ = book_.pricesVersion();
    holdings_->setValuation(book_.value(fund));
    updateSummary();
    updateChart();
}

void FundsPanel::updateTargets() {
    std::unordered_map<std::string, Money> targets;
    const int chosen = model_->currentIndex() - 1;
    if (chosen >= 0 && chosen < int(models_.size()))
        for (const auto& [symbol, weight] : models_[std::size_t(chosen)].weights) targets.emplace(symbol, weight);
    holdings_->setTargets(std::move(targets));
}

void FundsPanel::updateSummary() {
    const auto& valuation = holdings_->valuation();
    if (valuation.baseCurrency.empty()) {
        summary_->setText(tr("No holdings"));
        return;
    }
    std::size_t open = 0;
    for (const auto& holding : valuation.holdings) open += holding.quantity.isZero() ? 0 : 1;
    QString text =
        tr("<b>NAV</b> %1 %2 · <b>cash</b> %3 (%4%) · %5 · <b>unrealised</b> %6 · <b>realised</b> %7")
            .arg(toQString(valuation.baseCurrency), formatMoney(valuation.nav, 2), formatMoney(valuation.cash, 2))
            .arg(percentOfNav(valuation.cash, valuation.nav), 0, 'f', 2)
            .arg(counted(qint64(open), "holding", "holdings"), profitHtml(valuation.unrealised), profitHtml(valuation.realised));
    if (!valuation.unpriced.empty())
        text += tr(" · <span style='color:%1'>%2 without a price or rate, left out of NAV</span>")
                    .arg(warningColor().name())
                    .arg(valuation.unpriced.size());
    summary_->setText(text);
}

void FundsPanel::updateChart() {
    const auto& valuation = holdings_->valuation();
    const auto& exposures = dimension_->currentIndex() == 0   ? valuation.bySector
                            : dimension_->currentIndex() == 1 ? valuation.byCountry
                                                              : valuation.byIssuer;
    std::vector<std::pair<std::string, Money>> sorted(exposures.begin(), exposures.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return absolute(a.second) != absolute(b.second) ? absolute(a.second) > absolute(b.second) : a.first < b.first;
    });
    if (sorted.size() > std::size_t(kChartBars)) {
        Money other;
        for (auto it = sorted.begin() + (kChartBars - 1); it != sorted.end(); ++it) other += it->second;
        sorted.resize(kChartBars - 1);
        sorted.emplace_back(tr("Other").toStdString(), other);
    }
    auto* chart = chart_->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    auto* set = new QBarSet(tr("% of NAV"));
    set->setColor(palette().color(QPalette::Highlight));
    QStringList categories;
    double largest = 1.0;
    double smallest = 0.0;
    // Largest at the top: a horizontal bar chart draws its first category at the bottom.
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
        const double value = percentOfNav(it->second, valuation.nav);
        *set << value;
        largest = std::max(largest, value);
        smallest = std::min(smallest, value);
        categories << toQString(it->first);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value%"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    auto* names = new QBarCategoryAxis;
    names->append(categories);
    chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto* values = new QValueAxis;
    values->setRange(smallest * 1.15, largest * 1.15);
    values->setLabelFormat(QStringLiteral("%.0f%%"));
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    chart->setTitle(tr("Exposure by %1, %% of NAV").arg(dimension_->currentText().toLower()));
}

}  // namespace ob::ui

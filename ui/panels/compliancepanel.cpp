#include "compliancepanel.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "engine/orderengine.h"
#include "format.h"
#include "futures.h"
#include "models/breachestablemodel.h"
#include "models/orderstablemodel.h"
#include "theme.h"
#include "widgets/tablestyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ob::ui {

namespace {

/// The "Show" choices: which states a row may be in.
enum class Show { AwaitingDecision, NotClosed, All };

}  // namespace

/// Keeps the rows whose state, rule, trader and fund match the panel's choices.
class BreachFilter final : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    Show show = Show::NotClosed;
    QString rule, trader, fund;  ///< empty: any

    void changed() { invalidateRowsFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex&) const override {
        const auto* breach = static_cast<const BreachesTableModel*>(sourceModel())->breachAt(row);
        if (!breach) return false;
        if (show == Show::AwaitingDecision && !awaitsDecision(*breach)) return false;
        if (show == Show::NotClosed && breach->isClosed()) return false;
        if (!rule.isEmpty() && toQString(breach->finding.ruleName) != rule) return false;
        if (!trader.isEmpty() && toQString(breach->trader) != trader) return false;
        return fund.isEmpty() || toQString(breach->fund) == fund;
    }
};

CompliancePanel::CompliancePanel(BreachesTableModel& breaches, const OrdersTableModel& orders, OrderEngine& engine, Actor actor,
                                 QWidget* parent)
    : QWidget(parent), breaches_(breaches), orders_(orders), engine_(engine), actor_(std::move(actor)) {
    setObjectName(QStringLiteral("compliance"));
    filter_ = new BreachFilter(this);
    filter_->setSourceModel(&breaches_);
    filter_->setSortRole(Qt::DisplayRole);

    state_ = new QComboBox(this);
    state_->setObjectName(QStringLiteral("complianceState"));
    state_->addItem(tr("Awaiting a decision"), int(Show::AwaitingDecision));
    state_->addItem(tr("Not closed"), int(Show::NotClosed));
    state_->addItem(tr("All of today's and every open one"), int(Show::All));
    state_->setCurrentIndex(1);
    auto makeFilter = [this](const char* name, const QString& tip) {
        auto* box = new QComboBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setToolTip(tip);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->addItem(tr("All"), QString());
        return box;
    };
    rule_ = makeFilter("complianceRule", tr("Only breaches of this rule"));
    trader_ = makeFilter("complianceTrader", tr("Only breaches of this trader's orders"));
    fund_ = makeFilter("complianceFund", tr("Only breaches in this fund"));

    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("breachesView"));
    view_->setModel(filter_);
    styleTable(view_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(BreachesTableModel::Id, Qt::DescendingOrder);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setToolTip(tr("Double-click a breach to open its order"));

    details_ = new QTextBrowser(this);
    details_->setObjectName(QStringLiteral("breachDetails"));
    details_->setOpenLinks(false);

    reason_ = new QLineEdit(this);
    reason_->setObjectName(QStringLiteral("breachReason"));
    reason_->setPlaceholderText(tr("Reason (recorded with the decision; needed to override or reject)"));
    acknowledge_ = new QPushButton(tr("&Acknowledge"), this);
    acknowledge_->setObjectName(QStringLiteral("breachAcknowledge"));
    override_ = new QPushButton(tr("&Override"), this);
    override_->setObjectName(QStringLiteral("breachOverride"));
    reject_ = new QPushButton(tr("Re&ject"), this);
    reject_->setObjectName(QStringLiteral("breachReject"));
    outcome_ = new QLabel(this);
    outcome_->setObjectName(QStringLiteral("breachOutcome"));
    outcome_->setWordWrap(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show"), this));
    filters->addWidget(state_);
    filters->addWidget(new QLabel(tr("Rule"), this));
    filters->addWidget(rule_);
    filters->addWidget(new QLabel(tr("Trader"), this));
    filters->addWidget(trader_);
    filters->addWidget(new QLabel(tr("Fund"), this));
    filters->addWidget(fund_);
    filters->addStretch();

    auto* decision = new QHBoxLayout;
    decision->addWidget(reason_, 1);
    decision->addWidget(acknowledge_);
    decision->addWidget(override_);
    decision->addWidget(reject_);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(details_, 1);
    sideLayout->addLayout(decision);
    sideLayout->addWidget(outcome_);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(view_);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    connect(state_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->show = Show(state_->currentData().toInt());
        filter_->changed();
    });
    for (auto* box : {rule_, trader_, fund_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            filter_->rule = rule_->currentData().toString();
            filter_->trader = trader_->currentData().toString();
            filter_->fund = fund_->currentData().toString();
            filter_->changed();
        });
    connect(&breaches_, &BreachesTableModel::breachesChanged, this, [this] {
        refreshChoices();
        refreshSelection();
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CompliancePanel::refreshSelection);
    connect(reason_, &QLineEdit::textChanged, this, &CompliancePanel::refreshSelection);
    connect(acknowledge_, &QPushButton::clicked, this, [this] { decide(BreachDecision::Acknowledge); });
    connect(override_, &QPushButton::clicked, this, [this] { decide(BreachDecision::Override); });
    connect(reject_, &QPushButton::clicked, this, [this] { decide(BreachDecision::Reject); });
    connect(view_, &QAbstractItemView::doubleClicked, this, [this] {
        if (const auto* breach = selected(); breach && breach->orderId) Q_EMIT orderRequested(breach->orderId);
    });
    refreshChoices();
    refreshSelection();
}

QPushButton* CompliancePanel::button(BreachDecision decision) const {
    switch (decision) {
        case BreachDecision::Acknowledge: return acknowledge_;
        case BreachDecision::Override: return override_;
        case BreachDecision::Reject: return reject_;
    }
    return nullptr;
}

const Breach* CompliancePanel::selected() const {
    const auto rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return nullptr;
    return breaches_.breachAt(filter_->mapToSource(rows.first()).row());
}

bool CompliancePanel::select(std::int64_t breachId) {
    for (int row = 0; row < filter_->rowCount(); ++row) {
        const auto index = filter_->index(row, 0);
        if (index.data(BreachesTableModel::BreachIdRole).toLongLong() != breachId) continue;
        view_->selectRow(row);
        view_->scrollTo(index);
        return true;
    }
    return false;
}

void CompliancePanel::refreshChoices() {
    // The filters offer what the breaches hold; a choice made stays while it still exists.
    QSet<QString> rules, traders, funds;
    for (int row = 0; row < breaches_.rowCount(); ++row) {
        const auto* breach = breaches_.breachAt(row);
        rules.insert(toQString(breach->finding.ruleName));
        if (!breach->trader.empty()) traders.insert(toQString(breach->trader));
        if (!breach->fund.empty()) funds.insert(toQString(breach->fund));
    }
    auto fill = [](QComboBox* box, const QSet<QString>& values) {
        QStringList sorted(values.begin(), values.end());
        sorted.sort();
        QStringList present;
        for (int i = 1; i < box->count(); ++i) present << box->itemData(i).toString();
        if (present == sorted) return;
        const auto chosen = box->currentData().toString();
        const QSignalBlocker quiet(box);
        while (box->count() > 1) box->removeItem(1);
        for (const auto& value : sorted) box->addItem(value, value);
        box->setCurrentIndex(std::max(0, box->findData(chosen)));
    };
    fill(rule_, rules);
    fill(trader_, traders);
    fill(fund_, funds);
}

QString CompliancePanel::describe(const Breach& breach) const {
    const auto& f = breach.finding;
    const auto unit = unitOf(f.kind);
    auto figure = [&](Money value) -> QString {
        switch (unit) {
            case FigureUnit::Percent: return formatMoney(value, 2) + QLatin1Char('%');
            case FigureUnit::Amount: return formatMoney(value, 2);
            default: return formatMoney(value, 0);
        }
    };
    QString html =
        QStringLiteral("<h3>%1 — %2</h3><p>%3</p><table cellspacing=4>")
            .arg(toQString(f.ruleName).toHtmlEscaped(), toQString(nameOf(breach.state)), toQString(f.message).toHtmlEscaped());
    auto row = [&html](const QString& name, const QString& value) {
        if (!value.isEmpty()) html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name, value.toHtmlEscaped());
    };
    row(tr("Verdict"), toQString(nameOf(f.verdict)) + (f.logOnly ? tr(" (log only: the order was not stopped)") : QString()));
    row(tr("Stage"), toQString(nameOf(breach.stage)));
    row(tr("Cause"), toQString(nameOf(f.cause)));
    if (unit != FigureUnit::None) {
        if (f.limit) row(specOf(f.kind).lowerIsWorse ? tr("Minimum") : tr("Limit"), figure(*f.limit));
        if (breach.stage == BreachStage::PreTrade) row(tr("Before the trade"), figure(f.before));
        row(breach.stage == BreachStage::PreTrade ? tr("After the trade") : tr("Now"), figure(f.after));
    }
    row(tr("Subject"), toQString(f.subject));
    row(tr("Fund"), toQString(breach.fund));
    if (const auto* order = breach.orderId ? orders_.find(breach.orderId) : nullptr) {
        QString terms = QStringLiteral("%1 %2 %3 %4")
                            .arg(toQString(nameOf(order->side)), formatQty(order->terms.quantity), toQString(order->symbol),
                                 toQString(nameOf(order->terms.type)));
        if (order->terms.limitPrice) terms += tr(" limit %1").arg(toQString(order->terms.limitPrice->toString()));
        row(tr("Order"), tr("%1 (id %2, %3) for %4 — %5")
                             .arg(terms)
                             .arg(order->id)
                             .arg(toQString(order->clOrdId), toQString(order->account), toQString(order->statusName())));
    } else if (breach.orderId) {
        row(tr("Order"), tr("id %1").arg(breach.orderId));
    }
    row(tr("Trader"), toQString(breach.trader));
    row(tr("Raised"), formatTime(breach.raisedAt));
    if (!breach.decidedBy.empty())
        row(tr("Decided"),
            tr("%1 by %2: %3").arg(formatTime(breach.updatedAt), toQString(breach.decidedBy), toQString(breach.reason)));
    return html + QStringLiteral("</table>");
}

void CompliancePanel::refreshSelection() {
    const auto* breach = selected();
    if (const auto id = breach ? breach->id : 0; id != shown_) {
        // A reason is written for one breach: another one starts without it.
        shown_ = id;
        const QSignalBlocker quiet(reason_);
        reason_->clear();
    }
    details_->setHtml(breach ? describe(*breach) : tr("<p>Select a breach to see its figures and the order.</p>"));
    const std::string reason = reason_->text().trimmed().toStdString();
    for (auto decision : {BreachDecision::Acknowledge, BreachDecision::Override, BreachDecision::Reject}) {
        auto* action = button(decision);
        const auto allowed = breach ? mayDecide(*breach, decision, actor_, reason) : Status(Error{"select a breach first"});
        action->setEnabled(allowed.ok());
        action->setToolTip(allowed.ok() ? QString() : toQString(allowed.error()));
    }
}

void CompliancePanel::decide(BreachDecision decision) {
    const auto* breach = selected();
    if (!breach) return;
    const auto id = breach->id;
    const auto reason = reason_->text().trimmed().toStdString();
    whenReady(this, engine_.decideBreach(id, decision, actor_, reason), [this, id, decision](Status done) {
        QPalette palette = outcome_->palette();
        palette.setColor(QPalette::WindowText, done.ok() ? mutedColor() : profitColor(false));
        outcome_->setPalette(palette);
        if (!done) {
            outcome_->setText(tr("Not done: %1").arg(toQString(done.error())));
            return;
        }
        outcome_->setText(
            tr("Breach %1: %2 by %3").arg(id).arg(toQString(aliasOf(stateAfter(decision))), toQString(actor_.user)));
        reason_->clear();
    });
}

}  // namespace ob::ui

#include "rebalancedialog.h"

#include "engine/orderengine.h"
#include "format.h"
#include "futures.h"
#include "models/portfoliobook.h"
#include "rebalance/rebalanceorders.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <future>
#include <unordered_map>

namespace ob::ui {

namespace {

constexpr const char* kTitles[RebalanceDialog::ColumnCount] = {"Send",     "Fund",         "Symbol",          "Side",
                                                               "Quantity", "Est. price",   "Weight before %", "Weight after %",
                                                               "Target %", "Drift before", "Drift after",     "Compliance"};

QString percent(Money fraction) { return formatMoney(Money::fromRaw(fraction.raw() * 100), 2); }

/// An exact decimal from a spin box: the value as it shows.
Money decimalOf(const QDoubleSpinBox* box) {
    return Money::of(QString::number(box->value(), 'f', box->decimals()).toStdString());
}

QDoubleSpinBox* spinBox(QWidget* parent, double maximum, int decimals, const QString& suffix, const QString& tip) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0, maximum);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    return box;
}

}  // namespace

RebalanceDialog::RebalanceDialog(const DeskServices& desk, PortfolioBook& book, std::vector<ModelPortfolio> models,
                                 OpenOrders openOrders, QWidget* parent)
    : QDialog(parent)
    , desk_(desk)
    , book_(book)
    , instruments_(desk.reference.instruments)
    , models_(std::move(models))
    , openOrders_(std::move(openOrders))
    , pages_(new QStackedWidget(this))
    , funds_(new QListWidget(this))
    , model_(new QComboBox(this))
    , band_(
          spinBox(this, 100, 2, tr(" points"), tr("A holding within target ± band is left alone; 0 trades everything to target")))
    , cashBuffer_(spinBox(this, 100, 2, tr(" % of NAV"), tr("Cash that buys never spend")))
    , minTrade_(spinBox(this, 1e12, 2, QString(), tr("No trade worth less than this, in the fund's currency")))
    , wholeLots_(new QCheckBox(tr("Round to whole lots"), this))
    , newNames_(new QCheckBox(tr("Allow new names (buy instruments the fund does not hold)"), this))
    , fullExits_(new QCheckBox(tr("Allow full exits (sell out of instruments the model does not hold)"), this))
    , blocks_(new QCheckBox(tr("Combine the funds' orders into block orders"), this))
    , table_(new QTableWidget(0, ColumnCount, this))
    , summary_(new QLabel(this))
    , listName_(new QLineEdit(this))
    , status_(new QLabel(this))
    , back_(new QPushButton(tr("&Back"), this))
    , propose_(new QPushButton(tr("&Propose"), this))
    , recheck_(new QPushButton(tr("&Check compliance"), this))
    , approve_(new QPushButton(tr("&Approve and stage"), this)) {
    setObjectName(QStringLiteral("rebalanceDialog"));
    setWindowTitle(tr("Rebalance"));

    // Step 1: what to rebalance, and how.
    funds_->setObjectName(QStringLiteral("rebalanceFunds"));
    for (const auto& fund : book_.funds()) {
        auto* item = new QListWidgetItem(fund, funds_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    funds_->setMaximumHeight(120);
    model_->setObjectName(QStringLiteral("rebalanceModel"));
    for (const auto& model : models_) model_->addItem(toQString(model.name));
    band_->setObjectName(QStringLiteral("rebalanceBand"));
    band_->setValue(1.0);
    cashBuffer_->setObjectName(QStringLiteral("rebalanceCashBuffer"));
    cashBuffer_->setValue(1.0);
    minTrade_->setObjectName(QStringLiteral("rebalanceMinTrade"));
    minTrade_->setValue(1000);
    for (auto* box : {wholeLots_, newNames_, fullExits_}) box->setChecked(true);
    blocks_->setObjectName(QStringLiteral("rebalanceBlocks"));
    blocks_->setToolTip(tr("One order to the broker per symbol and side, allocated to each fund by its quantity"));
    auto* settings = new QWidget(this);
    auto* form = new QFormLayout(settings);
    form->addRow(tr("Funds"), funds_);
    form->addRow(tr("Model"), model_);
    form->addRow(tr("Tolerance band"), band_);
    form->addRow(tr("Cash buffer"), cashBuffer_);
    form->addRow(tr("Minimum trade"), minTrade_);
    form->addRow(QString(), wholeLots_);
    form->addRow(QString(), newNames_);
    form->addRow(QString(), fullExits_);
    form->addRow(QString(), blocks_);
    if (models_.empty())
        form->addRow(QString(), new QLabel(tr("No model portfolios yet: Portfolio → Models… creates or imports one"), this));

    // Step 2: the proposal.
    table_->setObjectName(QStringLiteral("rebalanceProposal"));
    QStringList titles;
    for (const auto* title : kTitles) titles << tr(title);
    table_->setHorizontalHeaderLabels(titles);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    summary_->setObjectName(QStringLiteral("rebalanceSummary"));
    summary_->setTextFormat(Qt::RichText);
    summary_->setWordWrap(true);
    listName_->setObjectName(QStringLiteral("rebalanceListName"));
    listName_->setPlaceholderText(tr("Name of the list the traders receive"));
    auto* proposal = new QWidget(this);
    auto* proposalLayout = new QVBoxLayout(proposal);
    proposalLayout->setContentsMargins(0, 0, 0, 0);
    proposalLayout->addWidget(summary_);
    proposalLayout->addWidget(table_, 1);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(new QLabel(tr("List name"), this));
    nameRow->addWidget(listName_, 1);
    proposalLayout->addLayout(nameRow);

    pages_->addWidget(settings);
    pages_->addWidget(proposal);
    status_->setObjectName(QStringLiteral("rebalanceStatus"));
    status_->setWordWrap(true);
    propose_->setObjectName(QStringLiteral("rebalancePropose"));
    recheck_->setObjectName(QStringLiteral("rebalanceRecheck"));
    approve_->setObjectName(QStringLiteral("rebalanceApprove"));
    const bool allowed = desk_.actor.may(Permission::ManagePortfolios);
    if (!allowed) approve_->setToolTip(toQString(refusal(desk_.actor, "hand rebalances to the traders")));
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(back_, QDialogButtonBox::ActionRole);
    buttons->addButton(propose_, QDialogButtonBox::ActionRole);
    buttons->addButton(recheck_, QDialogButtonBox::ActionRole);
    buttons->addButton(approve_, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pages_, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(back_, &QPushButton::clicked, this, [this] {
        pages_->setCurrentIndex(0);
        setBusy(false, QString());
    });
    connect(propose_, &QPushButton::clicked, this, &RebalanceDialog::propose);
    connect(recheck_, &QPushButton::clicked, this, &RebalanceDialog::checkAgain);
    connect(approve_, &QPushButton::clicked, this, &RebalanceDialog::approve);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (filling_) return;
        const int row = item->row();
        if (row < 0 || row >= int(lines_.size())) return;
        if (item->column() == Include) {
            lines_[std::size_t(row)].included = item->checkState() == Qt::Checked;
            for (auto& line : lines_) line.checked = false;  // the orders after it see a different portfolio
            showProposal();
            status_->setText(tr("Orders changed: check compliance again before approving"));
        } else if (item->column() == Quantity) {
            quantityEdited(row);
        }
    });
    setBusy(false, QString());
    resize(1100, 680);
}

void RebalanceDialog::chooseFunds(const QStringList& funds) {
    for (int i = 0; i < funds_->count(); ++i)
        funds_->item(i)->setCheckState(funds.contains(funds_->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
}

void RebalanceDialog::chooseModel(const QString& name) { model_->setCurrentText(name); }

void RebalanceDialog::setLimits(double bandPoints, double cashBufferPoints, double minTrade) {
    band_->setValue(bandPoints);
    cashBuffer_->setValue(cashBufferPoints);
    minTrade_->setValue(minTrade);
}

void RebalanceDialog::setBlocks(bool combine) { blocks_->setChecked(combine); }

QString RebalanceDialog::statusText() const { return status_->text(); }

void RebalanceDialog::setBusy(bool busy, const QString& status) {
    const bool proposing = pages_->currentIndex() == 0;
    back_->setVisible(!proposing);
    propose_->setVisible(proposing);
    recheck_->setVisible(!proposing);
    approve_->setVisible(!proposing);
    back_->setEnabled(!busy);
    propose_->setEnabled(!busy && !models_.empty());
    recheck_->setEnabled(!busy);
    approve_->setEnabled(!busy && desk_.actor.may(Permission::ManagePortfolios));
    status_->setText(status);
}

ComplianceEngine::PriceSource RebalanceDialog::pricesNow(const std::vector<std::string>& funds) const {
    // Taken on the GUI thread: the book is not thread-safe; the plan runs on another thread.
    auto prices = std::make_shared<std::unordered_map<std::string, Price>>();
    for (const auto& instrument : desk_.reference.instruments)
        if (auto price = book_.priceOf(instrument.symbol)) prices->emplace(instrument.symbol, *price);
    for (const auto& fund : funds)
        for (const auto& held : book_.currentHoldings(fund))
            if (held.price) prices->emplace(held.symbol, *held.price);
    return [prices](const std::string& symbol) -> std::optional<Price> {
        const auto found = prices->find(symbol);
        return found == prices->end() ? std::nullopt : std::optional<Price>(found->second);
    };
}

void RebalanceDialog::propose() {
    std::vector<std::string> funds;
    for (int i = 0; i < funds_->count(); ++i)
        if (funds_->item(i)->checkState() == Qt::Checked) funds.push_back(funds_->item(i)->text().toStdString());
    const int chosen = model_->currentIndex();
    if (funds.empty() || chosen < 0 || chosen >= int(models_.size())) {
        const QString why = funds.empty() ? tr("Choose at least one fund") : tr("Choose a model portfolio");
        status_->setText(why);
        Q_EMIT failed(why);
        return;
    }
    const RebalanceOptions options{decimalOf(band_),       decimalOf(cashBuffer_),  decimalOf(minTrade_),
                                   newNames_->isChecked(), fullExits_->isChecked(), wholeLots_->isChecked()};
    std::vector<RebalanceRequest> requests;
    for (const auto& fund : funds)
        requests.push_back(
            {fund, book_.currentHoldings(fund), models_[std::size_t(chosen)], options, {}, desk_.actor.user, nowUtc()});
    prices_ = pricesNow(funds);
    setBusy(true, tr("Working out the proposal and its compliance…"));
    const int generation = ++generation_;
    auto work = [rulesInForce = desk_.engine.rules(), reference = desk_.reference, requests = std::move(requests),
                 prices = prices_]() mutable -> Result<std::vector<FundPlan>> {
        auto rules = rulesInForce.get();
        if (!rules) return Error{"cannot read the compliance rules: " + rules.error()};
        std::vector<FundPlan> plans;
        for (auto& request : requests) {
            request.rules = *rules;
            auto plan = planRebalance(reference, request, prices);
            if (!plan) return Error{plan.error()};
            plans.push_back({std::move(request), std::move(*plan)});
        }
        return plans;
    };
    whenReady(
        this, inBackground(std::move(work)),
        [this, generation](Result<std::vector<FundPlan>> plans) {
            if (generation != generation_) return;
            if (!plans) {
                setBusy(false, toQString(plans.error()));
                Q_EMIT failed(toQString(plans.error()));
                return;
            }
            plans_ = std::move(*plans);
            lines_.clear();
            for (std::size_t p = 0; p < plans_.size(); ++p)
                for (std::size_t t = 0; t < plans_[p].plan.proposal.trades.size(); ++t)
                    lines_.push_back({p, t, true, plans_[p].plan.proposal.trades[t].quantity, plans_[p].plan.checks[t]});
            QStringList names;
            for (const auto& plan : plans_) names << toQString(plan.request.fund);
            listName_->setText(tr("Rebalance %1 to %2").arg(names.join(QStringLiteral(", ")), model_->currentText()));
            pages_->setCurrentIndex(1);
            showProposal();
            setBusy(false, lines_.empty() ? tr("Nothing to trade: every holding is within its band") : QString());
            Q_EMIT proposed();
        },
        [this](const QString& what) { setBusy(false, tr("The proposal failed: %1").arg(what)); });
}

void RebalanceDialog::showProposal() {
    filling_ = true;
    table_->setRowCount(int(lines_.size()));
    for (int row = 0; row < int(lines_.size()); ++row) fillRow(row);
    filling_ = false;
    table_->resizeColumnsToContents();

    QStringList parts;
    int breaches = 0;
    for (const auto& line : lines_) breaches += line.included && line.check.verdict != ob::Verdict::Pass ? 1 : 0;
    for (const auto& fund : plans_) {
        const auto& proposal = fund.plan.proposal;
        if (const int open = openOrders_ ? openOrders_(fund.request.fund) : 0)
            parts << tr("<span style='color:%1'>%2 has %3 staged or working: this proposal does not count them</span>")
                         .arg(warningColor().name(), toQString(fund.request.fund), counted(open, "order", "orders"));
        parts << tr("<b>%1</b>: NAV %2 · cash %3 → %4 · %5 · %6 left alone")
                     .arg(toQString(fund.request.fund), formatMoney(proposal.nav, 2), formatMoney(proposal.cashBefore, 2),
                          formatMoney(proposal.cashAfter, 2), counted(qint64(proposal.trades.size()), "order", "orders"))
                     .arg(proposal.leftAlone.size());
    }
    if (breaches)
        parts
            << tr("<span style='color:%1'>%2 would breach a compliance rule (see the Compliance column); a blocked order is held "
                  "for compliance when the trader releases it</span>")
                   .arg(warningColor().name(), counted(breaches, "order", "orders"));
    summary_->setText(parts.join(QStringLiteral("<br>")));
}

void RebalanceDialog::fillRow(int row) {
    const auto& line = lines_[std::size_t(row)];
    const auto& fund = plans_[line.plan];
    const auto& trade = fund.plan.proposal.trades[line.trade];
    auto set = [&](int column, const QString& text, bool editable = false) {
        auto* item = table_->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            table_->setItem(row, column, item);
        }
        item->setText(text);
        item->setFlags(editable ? item->flags() | Qt::ItemIsEditable : item->flags() & ~Qt::ItemIsEditable);
        if (column >= Quantity && column < ComplianceVerdict) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    auto* include = set(Include, QString());
    include->setFlags(include->flags() | Qt::ItemIsUserCheckable);
    include->setCheckState(line.included ? Qt::Checked : Qt::Unchecked);
    set(Fund, toQString(fund.request.fund));
    set(Symbol, toQString(trade.symbol));
    set(SideColumn, toQString(nameOf(trade.side)))->setForeground(sideColor(trade.side));
    set(Quantity, formatQty(line.quantity), true);
    const auto* instrument = instruments_.find(toQString(trade.symbol));
    set(EstimatedPrice, formatPrice(trade.estimatedPrice, instrument ? instrument->priceDecimals() : 2));
    set(WeightBefore, percent(trade.weightBefore));
    // The weight moves with the quantity: by the proposal's own weight per share.
    Money after = trade.weightBefore;
    if (trade.quantity.isPositive())
        after += Money::fromRaw((trade.weightAfter - trade.weightBefore).raw() * line.quantity.raw() / trade.quantity.raw());
    set(WeightAfter, percent(after));
    set(Target, percent(trade.targetWeight));
    set(DriftBefore, percent(trade.weightBefore - trade.targetWeight));
    set(DriftAfter, percent(after - trade.targetWeight));
    const auto verdict = line.check.verdict;
    if (!line.checked) {
        set(ComplianceVerdict, tr("Not checked"))->setToolTip(tr("The orders changed: check compliance again"));
        return;
    }
    auto* compliance = set(ComplianceVerdict, verdict == ob::Verdict::Pass   ? tr("Pass")
                                              : verdict == ob::Verdict::Warn ? tr("Warn")
                                                                             : tr("Block"));
    compliance->setForeground(verdict == ob::Verdict::Pass   ? palette().color(QPalette::Text)
                              : verdict == ob::Verdict::Warn ? warningColor()
                                                             : profitColor(false));
    compliance->setToolTip(line.check.findings.empty() ? tr("No rule breached") : toQString(line.check.summary()));
}

void RebalanceDialog::quantityEdited(int row) {
    auto& line = lines_[std::size_t(row)];
    const auto text = table_->item(row, Quantity)->text().remove(QLocale().groupSeparator()).trimmed();
    const auto quantity = Qty::parse(text.toStdString());
    filling_ = true;
    if (!quantity || quantity->isNegative()) {
        status_->setText(tr("Row %1: '%2' is not a quantity; kept %3").arg(row + 1).arg(text, formatQty(line.quantity)));
    } else {
        line.quantity = *quantity;
        for (auto& other : lines_) other.checked = false;  // the orders after it see a different portfolio
        status_->setText(tr("Orders changed: check compliance again before approving"));
    }
    filling_ = false;
    showProposal();
}

RebalanceProposal RebalanceDialog::editedProposal(std::size_t plan) const {
    RebalanceProposal proposal = plans_[plan].plan.proposal;
    proposal.trades.clear();
    for (const auto& line : lines_) {
        if (line.plan != plan || !line.included || !line.quantity.isPositive()) continue;
        auto trade = plans_[plan].plan.proposal.trades[line.trade];
        trade.quantity = line.quantity;
        proposal.trades.push_back(std::move(trade));
    }
    return proposal;
}

void RebalanceDialog::checkAgain() {
    if (plans_.empty()) return;
    setBusy(true, tr("Checking compliance…"));
    const int generation = ++generation_;
    std::vector<std::pair<RebalanceRequest, RebalanceProposal>> work;
    for (std::size_t p = 0; p < plans_.size(); ++p) work.emplace_back(plans_[p].request, editedProposal(p));
    auto check = [reference = desk_.reference, work = std::move(work), prices = prices_] {
        std::vector<std::vector<CheckResult>> results;
        for (const auto& [request, proposal] : work) results.push_back(checkRebalance(reference, request, proposal, prices));
        return results;
    };
    whenReady(this, inBackground(std::move(check)), [this, generation](std::vector<std::vector<CheckResult>> results) {
        if (generation != generation_ || results.size() != plans_.size()) return;
        std::vector<std::size_t> next(results.size(), 0);
        for (auto& line : lines_) {
            line.checked = true;
            if (!line.included || !line.quantity.isPositive()) {
                line.check = {};
                continue;
            }
            auto& found = results[line.plan];
            if (next[line.plan] < found.size()) line.check = found[next[line.plan]++];
        }
        showProposal();
        setBusy(false, tr("Compliance checked on the orders as they stand"));
        Q_EMIT checked();
    });
}

void RebalanceDialog::approve() {
    if (!desk_.actor.may(Permission::ManagePortfolios) || plans_.empty()) return;
    if (std::any_of(lines_.begin(), lines_.end(), [](const Line& line) { return !line.checked; })) {
        status_->setText(tr("The orders changed since compliance saw them: check compliance again, then approve"));
        Q_EMIT failed(status_->text());
        return;
    }
    std::vector<FundTrades> funds;
    QStringList names;
    for (std::size_t p = 0; p < plans_.size(); ++p) {
        const auto& fund = plans_[p].request.fund;
        std::string account;
        for (const auto& known : desk_.reference.accounts)
            if (known.fundCode == fund && account.empty()) account = known.code;
        if (account.empty()) {
            const QString why = tr("Fund %1 has no account to book orders to").arg(toQString(fund));
            status_->setText(why);
            Q_EMIT failed(why);
            return;
        }
        funds.push_back({fund, account, editedProposal(p).trades});
        names << toQString(fund);
    }
    auto orders = rebalanceOrders(funds, blocks_->isChecked());
    if (orders.empty()) {
        status_->setText(tr("No orders to stage: every order is dropped or zero"));
        Q_EMIT failed(status_->text());
        return;
    }
    OrderList list;
    list.name = listName_->text().trimmed().toStdString();
    list.fund = names.join(QStringLiteral(",")).toStdString();
    const int count = int(orders.size());
    setBusy(true, tr("Handing %1 to the traders…").arg(counted(count, "order", "orders")));
    whenReady(
        this, desk_.engine.stageList(std::move(list), std::move(orders), desk_.actor),
        [this, count](Result<OrderList> staged) {
            if (!staged) {
                setBusy(false, tr("Not staged: %1").arg(toQString(staged.error())));
                Q_EMIT failed(toQString(staged.error()));
                return;
            }
            setBusy(false, tr("List %1 staged: %2 for the traders").arg(staged->id).arg(counted(count, "order", "orders")));
            Q_EMIT this->staged(*staged, count);
            accept();
        },
        [this](const QString& what) { setBusy(false, tr("Not staged: %1").arg(what)); });
}

}  // namespace ob::ui

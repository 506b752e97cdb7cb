#include "rulesdialog.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "engine/orderengine.h"
#include "format.h"
#include "futures.h"
#include "theme.h"
#include "widgets/tablestyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ob::ui {

namespace {

template <typename E>
QComboBox* enumCombo(QWidget* parent, const char* name) {
    auto* box = new QComboBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    for (const auto& entry : allValues<E>()) box->addItem(toQString(entry.alias), int(entry.value));
    return box;
}

template <typename E>
E chosen(const QComboBox* box) {
    return E(box->currentData().toInt());
}

template <typename E>
void choose(QComboBox* box, E value) {
    box->setCurrentIndex(box->findData(int(value)));
}

QString decimalText(const std::optional<Money>& value) { return value ? toQString(value->toString()) : QString(); }

std::vector<std::string> entries(const QString& text, const QRegularExpression& separators) {
    std::vector<std::string> result;
    for (const auto& part : text.split(separators, Qt::SkipEmptyParts))
        if (const auto trimmed = part.trimmed(); !trimmed.isEmpty()) result.push_back(trimmed.toStdString());
    return result;
}

QString joined(const std::vector<std::string>& values, const QString& separator) {
    QStringList parts;
    for (const auto& value : values) parts << toQString(value);
    return parts.join(separator);
}

/// Only the count matters: the cells are filled in order.
constexpr int RuleColumns = 7;
enum LocateColumn { LocateFund, LocateSymbol, LocateQuantity, LocateColumns };

}  // namespace

RulesDialog::RulesDialog(RuleBook rules, OrderEngine& engine, Actor actor, QWidget* parent)
    : QDialog(parent), rules_(std::move(rules)), loaded_(rules_), engine_(engine), actor_(std::move(actor)) {
    build();
    fillTable();
    setEditable(actor_.may(Permission::EditRules));
    if (!rules_.rules.empty())
        table_->selectRow(0);
    else
        showRule(-1);
}

void RulesDialog::build() {
    setObjectName(QStringLiteral("rulesDialog"));
    setWindowTitle(tr("Compliance rules"));

    table_ = new QTableWidget(0, RuleColumns, this);
    table_->setObjectName(QStringLiteral("rulesTable"));
    table_->setHorizontalHeaderLabels({tr("Id"), tr("Name"), tr("Kind"), tr("Severity"), tr("Mode"), tr("Scope"), tr("Limit")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);

    name_ = new QLineEdit(this);
    name_->setObjectName(QStringLiteral("ruleName"));
    kind_ = enumCombo<RuleKind>(this, "ruleKind");
    severity_ = enumCombo<Severity>(this, "ruleSeverity");
    severity_->setToolTip(
        tr("warning: the trader may send the order with a reason; block: held until a compliance officer overrides it"));
    mode_ = enumCombo<RuleMode>(this, "ruleMode");
    mode_->setToolTip(tr("active: warns or blocks; log_only: breaches are recorded for compliance only; disabled: not checked"));
    scope_ = enumCombo<ScopeKind>(this, "ruleScope");
    scopeValue_ = new QLineEdit(this);
    scopeValue_->setObjectName(QStringLiteral("ruleScopeValue"));
    scopeValue_->setPlaceholderText(
        tr("fund code, account, user, or sector=… / country=… / issuer=… / currency=… / symbols=A,B"));
    limit_ = new QLineEdit(this);
    limit_->setObjectName(QStringLiteral("ruleLimit"));
    limit_->setToolTip(
        tr("A quantity, an amount (USD for order and trader notionals, the fund's currency for cash) or a percent "
           "(25 means 25%), by kind"));
    warnAt_ = new QLineEdit(this);
    warnAt_->setObjectName(QStringLiteral("ruleWarnAt"));
    warnAt_->setToolTip(tr("A warning threshold below the limit (optional)"));
    restriction_ = enumCombo<Restriction>(this, "ruleRestriction");
    symbols_ = new QPlainTextEdit(this);
    symbols_->setObjectName(QStringLiteral("ruleSymbols"));
    symbols_->setPlaceholderText(tr("Symbols, separated by spaces, commas or lines"));
    symbols_->setMaximumHeight(fontMetrics().height() * 4);
    issuers_ = new QPlainTextEdit(this);
    issuers_->setObjectName(QStringLiteral("ruleIssuers"));
    issuers_->setPlaceholderText(tr("Issuers, one per line"));
    issuers_->setMaximumHeight(fontMetrics().height() * 4);
    window_ = new QSpinBox(this);
    window_->setObjectName(QStringLiteral("ruleWindow"));
    window_->setRange(0, 86400);
    window_->setSuffix(tr(" s"));
    target_ = new QLineEdit(this);
    target_->setObjectName(QStringLiteral("ruleTarget"));
    target_->setPlaceholderText(tr("One sector or country; empty: each of them"));
    description_ = new QLineEdit(this);
    description_->setObjectName(QStringLiteral("ruleDescription"));

    form_ = new QFormLayout;
    form_->addRow(tr("&Name"), name_);
    form_->addRow(tr("&Kind"), kind_);
    form_->addRow(tr("&Severity"), severity_);
    form_->addRow(tr("&Mode"), mode_);
    form_->addRow(tr("S&cope"), scope_);
    form_->addRow(tr("Scope &value"), scopeValue_);
    form_->addRow(tr("&Limit"), limit_);
    form_->addRow(tr("&Warn at"), warnAt_);
    form_->addRow(tr("&Restriction"), restriction_);
    form_->addRow(tr("S&ymbols"), symbols_);
    form_->addRow(tr("&Issuers"), issuers_);
    form_->addRow(tr("Wi&ndow"), window_);
    form_->addRow(tr("&Target"), target_);
    form_->addRow(tr("&Description"), description_);
    auto* formHost = new QWidget(this);
    formHost->setLayout(form_);

    add_ = new QPushButton(tr("Add rule"), this);
    add_->setObjectName(QStringLiteral("ruleAdd"));
    remove_ = new QPushButton(tr("Remove rule"), this);
    remove_->setObjectName(QStringLiteral("ruleRemove"));
    auto* ruleButtons = new QHBoxLayout;
    ruleButtons->addWidget(add_);
    ruleButtons->addWidget(remove_);
    ruleButtons->addStretch();
    auto* listHost = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listHost);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(table_);
    listLayout->addLayout(ruleButtons);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listHost);
    splitter->addWidget(formHost);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    locates_ = new QTableWidget(0, LocateColumns, this);
    locates_->setObjectName(QStringLiteral("locatesTable"));
    locates_->setHorizontalHeaderLabels({tr("Fund"), tr("Symbol"), tr("Quantity")});
    locates_->horizontalHeader()->setStretchLastSection(true);
    locates_->verticalHeader()->hide();
    addLocate_ = new QPushButton(tr("Add locate"), this);
    removeLocate_ = new QPushButton(tr("Remove locate"), this);
    auto* locateButtons = new QHBoxLayout;
    locateButtons->addWidget(addLocate_);
    locateButtons->addWidget(removeLocate_);
    locateButtons->addStretch();
    auto* locatesHost = new QWidget(this);
    auto* locatesLayout = new QVBoxLayout(locatesHost);
    locatesLayout->addWidget(new QLabel(tr("Borrow located for short sales: the quantity each fund may sell short."), this));
    locatesLayout->addWidget(locates_);
    locatesLayout->addLayout(locateButtons);

    auto* tabs = new QTabWidget(this);
    tabs->addTab(splitter, tr("Rules"));
    tabs->addTab(locatesHost, tr("Locates"));

    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("rulesProblem"));
    problem_->setWordWrap(true);
    QPalette palette = problem_->palette();
    palette.setColor(QPalette::WindowText, profitColor(false));
    problem_->setPalette(palette);

    auto* buttons = new QDialogButtonBox(this);
    save_ = buttons->addButton(tr("Save rules"), QDialogButtonBox::AcceptRole);
    save_->setObjectName(QStringLiteral("rulesSave"));
    buttons->addButton(QDialogButtonBox::Close);
    connect(save_, &QPushButton::clicked, this, &RulesDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(problem_);
    layout->addWidget(buttons);
    resize(1100, 620);

    connect(kind_, &QComboBox::currentIndexChanged, this, &RulesDialog::showFieldsOfKind);
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int row, int, int previous) {
        if (row == previous || loading_) return;
        if (previous >= 0 && !readForm()) {
            const QSignalBlocker quiet(table_);
            table_->selectRow(previous);
            return;
        }
        showRule(row);
    });
    connect(add_, &QPushButton::clicked, this, [this] {
        if (current_ >= 0 && !readForm()) return;
        // Disabled until it is finished: a half-made rule must not stop orders.
        Rule rule;
        rule.name = tr("New rule %1").arg(rules_.rules.size() + 1).toStdString();
        rule.mode = RuleMode::Disabled;
        rule.limit = Money::fromInteger(0);
        rules_.rules.push_back(rule);
        fillTable();
        table_->selectRow(int(rules_.rules.size()) - 1);
        name_->setFocus();
        name_->selectAll();
    });
    connect(remove_, &QPushButton::clicked, this, [this] {
        if (current_ < 0) return;
        rules_.rules.erase(rules_.rules.begin() + current_);
        current_ = -1;
        fillTable();
        if (!rules_.rules.empty())
            table_->selectRow(0);
        else
            showRule(-1);
    });
    connect(addLocate_, &QPushButton::clicked, this, [this] {
        locates_->insertRow(locates_->rowCount());
        locates_->setCurrentCell(locates_->rowCount() - 1, LocateFund);
    });
    connect(removeLocate_, &QPushButton::clicked, this, [this] {
        if (locates_->currentRow() >= 0) locates_->removeRow(locates_->currentRow());
    });
}

void RulesDialog::setEditable(bool editable) {
    for (QWidget* field : std::initializer_list<QWidget*>{name_, kind_, severity_, mode_, scope_, scopeValue_, limit_, warnAt_,
                                                          restriction_, symbols_, issuers_, window_, target_, description_, add_,
                                                          remove_, addLocate_, removeLocate_, save_})
        field->setEnabled(editable);
    locates_->setEditTriggers(editable ? QAbstractItemView::AllEditTriggers : QAbstractItemView::NoEditTriggers);
    if (!editable) problem_->setText(tr("%1: shown read-only.").arg(toQString(refusal(actor_, "change compliance rules"))));
}

void RulesDialog::fillTable() {
    loading_ = true;
    table_->setRowCount(int(rules_.rules.size()));
    for (int row = 0; row < int(rules_.rules.size()); ++row) refreshRow(row);
    locates_->setRowCount(int(rules_.locates.size()));
    for (int row = 0; row < int(rules_.locates.size()); ++row) {
        const auto& locate = rules_.locates[std::size_t(row)];
        locates_->setItem(row, LocateFund, new QTableWidgetItem(toQString(locate.fund)));
        locates_->setItem(row, LocateSymbol, new QTableWidgetItem(toQString(locate.symbol)));
        locates_->setItem(row, LocateQuantity, new QTableWidgetItem(toQString(locate.quantity.toString())));
    }
    table_->resizeColumnsToContents();
    loading_ = false;
}

void RulesDialog::refreshRow(int row) {
    const auto& rule = rules_.rules[std::size_t(row)];
    const QString scope =
        toQString(aliasOf(rule.scope)) + (rule.scopeValue.empty() ? QString() : QLatin1Char(' ') + toQString(rule.scopeValue));
    const QStringList cells{rule.id ? QString::number(rule.id) : tr("new"),
                            toQString(rule.name),
                            toQString(aliasOf(rule.kind)),
                            toQString(aliasOf(rule.severity)),
                            toQString(aliasOf(rule.mode)),
                            scope,
                            decimalText(rule.limit)};
    for (int column = 0; column < RuleColumns; ++column) {
        auto* item = table_->item(row, column);
        if (!item) table_->setItem(row, column, item = new QTableWidgetItem);
        item->setText(cells[column]);
    }
}

void RulesDialog::showRule(int index) {
    current_ = index;
    loading_ = true;
    const Rule rule = index >= 0 ? rules_.rules[std::size_t(index)] : Rule{};
    name_->setText(toQString(rule.name));
    choose(kind_, rule.kind);
    choose(severity_, rule.severity);
    choose(mode_, rule.mode);
    choose(scope_, rule.scope);
    scopeValue_->setText(toQString(rule.scopeValue));
    limit_->setText(decimalText(rule.limit));
    warnAt_->setText(decimalText(rule.warnAt));
    choose(restriction_, rule.restriction);
    symbols_->setPlainText(joined(rule.symbols, QStringLiteral(", ")));
    issuers_->setPlainText(joined(rule.issuers, QStringLiteral("\n")));
    window_->setValue(int(rule.windowSeconds));
    target_->setText(toQString(rule.target));
    description_->setText(toQString(rule.description));
    loading_ = false;
    showFieldsOfKind();
}

void RulesDialog::showFieldsOfKind() {
    // Only the parameters the kind reads: a field that does nothing would mislead.
    const auto& spec = specOf(chosen<RuleKind>(kind_));
    form_->setRowVisible(limit_, spec.readsLimit);
    form_->setRowVisible(warnAt_, spec.readsLimit);
    form_->setRowVisible(restriction_, spec.readsEntries);
    form_->setRowVisible(symbols_, spec.readsEntries);
    form_->setRowVisible(issuers_, spec.readsEntries);
    form_->setRowVisible(window_, spec.readsWindow);
    form_->setRowVisible(target_, spec.readsTarget);
}

bool RulesDialog::readForm() {
    if (current_ < 0 || current_ >= int(rules_.rules.size())) return true;
    Rule& rule = rules_.rules[std::size_t(current_)];
    auto decimal = [this](QLineEdit* edit, const QString& what) -> std::optional<std::optional<Money>> {
        const auto text = edit->text().trimmed();
        if (text.isEmpty()) return std::optional<Money>();
        auto parsed = Money::parse(text.toStdString());
        if (!parsed) {
            problem_->setText(tr("%1 '%2' is not a decimal: %3").arg(what, text, toQString(parsed.error())));
            edit->setFocus();
            return std::nullopt;
        }
        return std::optional<Money>(*parsed);
    };
    const auto limit = decimal(limit_, tr("The limit"));
    const auto warnAt = decimal(warnAt_, tr("The warning threshold"));
    if (!limit || !warnAt) return false;
    rule.name = name_->text().trimmed().toStdString();
    rule.kind = chosen<RuleKind>(kind_);
    rule.severity = chosen<Severity>(severity_);
    rule.mode = chosen<RuleMode>(mode_);
    rule.scope = chosen<ScopeKind>(scope_);
    rule.scopeValue = scopeValue_->text().trimmed().toStdString();
    rule.limit = *limit;
    rule.warnAt = *warnAt;
    rule.restriction = chosen<Restriction>(restriction_);
    rule.symbols = entries(symbols_->toPlainText().toUpper(), QRegularExpression(QStringLiteral("[\\s,;]+")));
    rule.issuers = entries(issuers_->toPlainText(), QRegularExpression(QStringLiteral("\\n")));
    rule.windowSeconds = window_->value();
    rule.target = target_->text().trimmed().toStdString();
    rule.description = description_->text().trimmed().toStdString();
    // What the kind does not read is not kept (the form hides it too).
    const auto& spec = specOf(rule.kind);
    if (!spec.readsLimit) rule.limit = rule.warnAt = std::nullopt;
    if (!spec.readsEntries) {
        rule.symbols.clear();
        rule.issuers.clear();
        rule.restriction = Restriction::NoTrade;
    }
    if (!spec.readsWindow) rule.windowSeconds = 0;
    if (!spec.readsTarget) rule.target.clear();
    refreshRow(current_);
    problem_->clear();
    return true;
}

void RulesDialog::readLocates() {
    rules_.locates.clear();
    for (int row = 0; row < locates_->rowCount(); ++row) {
        auto text = [&](int column) {
            return locates_->item(row, column) ? locates_->item(row, column)->text().trimmed() : QString();
        };
        if (text(LocateFund).isEmpty() && text(LocateSymbol).isEmpty() && text(LocateQuantity).isEmpty()) continue;
        const auto quantity = Qty::parse(text(LocateQuantity).toStdString());
        // An unreadable quantity becomes -1, which the engine refuses with the reason.
        rules_.locates.push_back({text(LocateFund).toStdString(), text(LocateSymbol).toUpper().toStdString(),
                                  quantity ? *quantity : Qty::fromInteger(-1)});
    }
}

void RulesDialog::save() {
    if (!readForm()) return;
    readLocates();
    for (const auto& rule : rules_.rules)
        if (auto valid = rule.validate(); !valid) {
            problem_->setText(toQString(valid.error()));
            return;
        }
    save_->setEnabled(false);
    const auto notSaved = [this](const QString& why) {
        save_->setEnabled(true);
        problem_->setText(tr("Not saved: %1").arg(why));
    };
    whenReady(
        this, engine_.setRules(rules_, actor_, "edited in the rules dialog", loaded_),
        [this, notSaved](Status done) {
            if (!done) return notSaved(toQString(done.error()));
            Q_EMIT saved();
            accept();
        },
        notSaved);
}

}  // namespace ob::ui

#include "orderticket.h"

#include "engine/orderengine.h"
#include "format.h"
#include "futures.h"
#include "market/marketprices.h"
#include "theme.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace ob::ui {

namespace {

QLineEdit* numberEdit(QWidget* parent, const QString& name, const QString& tip) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setToolTip(tip);
    edit->setAlignment(Qt::AlignRight);
    edit->setClearButtonEnabled(true);
    return edit;
}

/// Reads a decimal a person typed: group separators and spaces are allowed.
template <typename T>
std::optional<T> parseTyped(const QString& text, const char* what, std::vector<std::pair<QWidget*, QString>>& problems,
                            QWidget* field) {
    QString plain = text.trimmed();
    plain.remove(QLatin1Char(',')).remove(QLatin1Char(' ')).remove(QLocale().groupSeparator());
    if (plain.isEmpty()) return std::nullopt;
    auto parsed = T::parse(plain.toStdString());
    if (!parsed) {
        problems.push_back({field, QStringLiteral("%1 '%2' is not a number: %3")
                                       .arg(QString::fromLatin1(what), text.trimmed(), toQString(parsed.error()))});
        return std::nullopt;
    }
    return *parsed;
}

}  // namespace

OrderTicket::OrderTicket(const TicketContext& context, QWidget* parent) : QDialog(parent), context_(context) {}

OrderTicket::OrderTicket(const TicketContext& context, Side side, const QString& symbol, QWidget* parent)
    : OrderTicket(context, parent) {
    build();
    side_->setCurrentIndex(side_->findData(int(side)));
    symbol_->setText(symbol);
    refresh();
    (symbol.isEmpty() ? symbol_ : quantity_)->setFocus();
}

OrderTicket::OrderTicket(const TicketContext& context, const OrderState& order, QWidget* parent) : OrderTicket(context, parent) {
    amending_ = order;
    build();
    const int decimals = context_.instruments.priceDecimals(order.symbol);
    side_->setCurrentIndex(side_->findData(int(order.side)));
    symbol_->setText(toQString(order.symbol));
    quantity_->setText(toQString(order.terms.quantity.toString()));
    type_->setCurrentIndex(type_->findData(int(order.terms.type)));
    if (order.terms.limitPrice) limit_->setText(toQString(order.terms.limitPrice->toString(decimals)));
    if (order.terms.stopPrice) stop_->setText(toQString(order.terms.stopPrice->toString(decimals)));
    tif_->setCurrentIndex(tif_->findData(int(order.terms.timeInForce)));
    account_->setCurrentIndex(std::max(0, account_->findData(toQString(order.account))));
    for (int i = 0; i < broker_->count(); ++i)
        if (broker_->itemData(i).toString().toStdString() == order.session) broker_->setCurrentIndex(i);
    for (QWidget* fixed : std::initializer_list<QWidget*>{side_, symbol_, account_, broker_}) fixed->setEnabled(false);
    refresh();
    quantity_->setFocus();
    quantity_->selectAll();
}

void OrderTicket::build() {
    setObjectName(QStringLiteral("orderTicket"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(isAmendment() ? tr("Amend order %1").arg(toQString(amending_->clOrdId)) : tr("New order"));

    heading_ = new QLabel(this);
    heading_->setObjectName(QStringLiteral("ticketHeading"));
    heading_->setAlignment(Qt::AlignCenter);
    QFont headingFont = heading_->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    heading_->setFont(headingFont);

    side_ = new QComboBox(this);
    side_->setObjectName(QStringLiteral("ticketSide"));
    for (auto side : {Side::Buy, Side::Sell, Side::SellShort}) side_->addItem(toQString(nameOf(side)), int(side));

    symbol_ = new QLineEdit(this);
    symbol_->setObjectName(QStringLiteral("ticketSymbol"));
    symbol_->setPlaceholderText(tr("Symbol"));
    symbol_->setToolTip(tr("The instrument; completes from the instruments the desk knows"));
    auto* completer = new QCompleter(context_.instruments.symbols(true), symbol_);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    symbol_->setCompleter(completer);

    quantity_ = numberEdit(this, QStringLiteral("ticketQuantity"), tr("Quantity: a whole number of the instrument's lots"));
    type_ = new QComboBox(this);
    type_->setObjectName(QStringLiteral("ticketType"));
    for (const auto& entry : EnumTable<OrdType>::entries) type_->addItem(toQString(entry.name), int(entry.value));
    type_->setCurrentIndex(type_->findData(int(OrdType::Limit)));
    limit_ = numberEdit(this, QStringLiteral("ticketLimit"), tr("Limit price, on the instrument's tick"));
    stop_ = numberEdit(this, QStringLiteral("ticketStop"), tr("Stop (trigger) price, on the instrument's tick"));
    tif_ = new QComboBox(this);
    tif_->setObjectName(QStringLiteral("ticketTif"));
    for (const auto& entry : EnumTable<TimeInForce>::entries) {
        const auto alias = toQString(entry.alias);
        const auto name = toQString(entry.name);
        tif_->addItem(alias.compare(name, Qt::CaseInsensitive) == 0 ? alias : QStringLiteral("%1 — %2").arg(alias, name),
                      int(entry.value));
    }
    expiry_ = new QDateTimeEdit(QDateTime::currentDateTime().addDays(7), this);
    expiry_->setObjectName(QStringLiteral("ticketExpiry"));
    expiry_->setCalendarPopup(true);
    expiry_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    expiry_->setToolTip(tr("When a GoodTillDate order expires (local time)"));

    account_ = new QComboBox(this);
    account_->setObjectName(QStringLiteral("ticketAccount"));
    for (const auto& account : context_.accounts)
        if (account.active)
            account_->addItem(
                QStringLiteral("%1 — %2 (%3)").arg(toQString(account.code), toQString(account.name), toQString(account.fundCode)),
                toQString(account.code));
    broker_ = new QComboBox(this);
    broker_->setObjectName(QStringLiteral("ticketBroker"));
    for (const auto& [session, name] : context_.brokers) broker_->addItem(name, toQString(session));
    broker_->setToolTip(tr("The FIX session the order goes to"));

    instrumentLabel_ = new QLabel(this);
    marketLabel_ = new QLabel(this);
    marketLabel_->setObjectName(QStringLiteral("ticketMarket"));
    rulesLabel_ = new QLabel(this);
    notionalLabel_ = new QLabel(this);
    notionalLabel_->setObjectName(QStringLiteral("ticketNotional"));
    problemsLabel_ = new QLabel(this);
    problemsLabel_->setObjectName(QStringLiteral("ticketProblems"));
    problemsLabel_->setWordWrap(true);
    problemsLabel_->setTextFormat(Qt::PlainText);
    complianceLabel_ = new QLabel(this);
    complianceLabel_->setObjectName(QStringLiteral("ticketCompliance"));
    complianceLabel_->setWordWrap(true);
    complianceLabel_->setTextFormat(Qt::PlainText);
    headroomLabel_ = new QLabel(this);
    headroomLabel_->setObjectName(QStringLiteral("ticketHeadroom"));
    headroomLabel_->setWordWrap(true);
    headroomLabel_->setTextFormat(Qt::PlainText);
    headroomLabel_->setToolTip(tr("For each rule that bounds the quantity: the largest quantity that still passes it"));
    reason_ = new QLineEdit(this);
    reason_->setObjectName(QStringLiteral("ticketReason"));
    reason_->setPlaceholderText(tr("Why send it despite the warning (recorded for compliance)"));
    complianceTimer_ = new QTimer(this);
    complianceTimer_->setSingleShot(true);
    complianceTimer_->setInterval(150);
    connect(complianceTimer_, &QTimer::timeout, this, &OrderTicket::checkCompliance);
    for (auto* label : {instrumentLabel_, marketLabel_, rulesLabel_, headroomLabel_}) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, mutedColor());
        label->setPalette(palette);
    }

    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form_->addRow(tr("&Side"), side_);
    form_->addRow(tr("S&ymbol"), symbol_);
    form_->addRow(QString(), instrumentLabel_);
    form_->addRow(QString(), marketLabel_);
    form_->addRow(tr("&Quantity"), quantity_);
    form_->addRow(tr("&Type"), type_);
    form_->addRow(tr("&Limit"), limit_);
    form_->addRow(tr("St&op"), stop_);
    form_->addRow(tr("T&IF"), tif_);
    form_->addRow(tr("E&xpires"), expiry_);
    form_->addRow(tr("&Account"), account_);
    form_->addRow(tr("&Broker"), broker_);
    form_->addRow(QString(), rulesLabel_);
    form_->addRow(tr("Notional"), notionalLabel_);
    form_->addRow(tr("Compliance"), complianceLabel_);
    form_->addRow(tr("Headroom"), headroomLabel_);
    form_->addRow(tr("&Reason"), reason_);
    form_->setRowVisible(reason_, false);

    auto* buttons = new QDialogButtonBox(this);
    send_ = buttons->addButton(isAmendment() ? tr("Send amendment") : tr("Send"), QDialogButtonBox::AcceptRole);
    send_->setObjectName(QStringLiteral("ticketSend"));
    send_->setDefault(true);
    send_->setAutoDefault(true);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    close->setToolTip(tr("Close without sending (Esc)"));
    connect(send_, &QPushButton::clicked, this, &OrderTicket::submit);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading_);
    layout->addLayout(form_);
    layout->addWidget(problemsLabel_);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    connect(symbol_, &QLineEdit::textEdited, this, [this](const QString& text) {
        const int cursor = symbol_->cursorPosition();
        symbol_->setText(text.toUpper());
        symbol_->setCursorPosition(cursor);
    });
    for (auto* edit : {symbol_, quantity_, limit_, stop_}) connect(edit, &QLineEdit::textChanged, this, &OrderTicket::refresh);
    for (auto* box : {side_, type_, tif_, account_, broker_})
        connect(box, &QComboBox::currentIndexChanged, this, &OrderTicket::refresh);
    connect(expiry_, &QDateTimeEdit::dateTimeChanged, this, &OrderTicket::refresh);
    connect(reason_, &QLineEdit::textChanged, this, &OrderTicket::updateSend);

    auto* marketTimer = new QTimer(this);
    connect(marketTimer, &QTimer::timeout, this, &OrderTicket::refreshMarket);
    marketTimer->start(1000);
}

Side OrderTicket::side() const { return Side(side_->currentData().toInt()); }

const Instrument* OrderTicket::instrument() const { return context_.instruments.find(symbol_->text().trimmed().toUpper()); }

QWidget* OrderTicket::fieldOf(OrderField field) const {
    switch (field) {
        case OrderField::Account: return account_;
        case OrderField::Broker: return broker_;
        case OrderField::Symbol: return symbol_;
        case OrderField::Quantity: return quantity_;
        case OrderField::OrderType: return type_;
        case OrderField::LimitPrice: return limit_;
        case OrderField::StopPrice: return stop_;
        case OrderField::TimeInForce: return tif_;
        case OrderField::ExpireTime: return expiry_;
    }
    return nullptr;
}

OrderTerms OrderTicket::readTerms(std::vector<std::pair<QWidget*, QString>>& problems) const {
    OrderTerms terms;
    terms.type = OrdType(type_->currentData().toInt());
    terms.timeInForce = TimeInForce(tif_->currentData().toInt());
    terms.quantity = parseTyped<Qty>(quantity_->text(), "quantity", problems, quantity_).value_or(Qty{});
    if (needsLimitPrice(terms.type)) terms.limitPrice = parseTyped<Price>(limit_->text(), "limit price", problems, limit_);
    if (needsStopPrice(terms.type)) terms.stopPrice = parseTyped<Price>(stop_->text(), "stop price", problems, stop_);
    if (terms.timeInForce == TimeInForce::GoodTillDate)
        terms.expireTime = fromNanos(expiry_->dateTime().toMSecsSinceEpoch() * 1'000'000);
    return terms;
}

void OrderTicket::markInvalid(QWidget* field, bool invalid) {
    const QString style = QStringLiteral("border: 1px solid %1; border-radius: 2px;").arg(profitColor(false).name());
    field->setStyleSheet(invalid ? style : QString());
}

void OrderTicket::refreshMarket() {
    const auto* found = instrument();
    if (!found) {
        marketLabel_->clear();
        return;
    }
    const auto quote = context_.prices.quote(found->symbol);
    const int decimals = context_.instruments.priceDecimals(found->symbol);
    auto price = [&](const std::optional<Price>& value) { return value ? formatPrice(*value, decimals) : QStringLiteral("–"); };
    if (!quote) {
        marketLabel_->setText(tr("No price yet"));
    } else {
        marketLabel_->setText(tr("Last %1   Bid %2   Offer %3%4")
                                  .arg(price(quote->last), price(quote->bid), price(quote->offer),
                                       quote->fromMarketData ? QString() : tr("   (reference price)")));
    }
}

void OrderTicket::refresh() {
    const Side currentSide = side();
    heading_->setText(isAmendment() ? tr("AMEND %1 %2").arg(toQString(nameOf(currentSide)).toUpper(), symbol_->text())
                                    : toQString(nameOf(currentSide)).toUpper());
    QPalette palette = heading_->palette();
    palette.setColor(QPalette::WindowText, sideColor(currentSide));
    heading_->setPalette(palette);

    const auto type = OrdType(type_->currentData().toInt());
    const bool needsLimit = needsLimitPrice(type);
    const bool needsStop = needsStopPrice(type);
    limit_->setEnabled(needsLimit);
    stop_->setEnabled(needsStop);
    const bool goodTillDate = TimeInForce(tif_->currentData().toInt()) == TimeInForce::GoodTillDate;
    expiry_->setEnabled(goodTillDate);
    form_->setRowVisible(expiry_, goodTillDate);

    std::vector<std::pair<QWidget*, QString>> found;
    const auto terms = readTerms(found);
    const auto* instrumentFound = instrument();
    const QString symbolText = symbol_->text().trimmed();
    if (symbolText.isEmpty())
        found.push_back({symbol_, tr("enter a symbol")});
    else if (!instrumentFound)
        found.push_back({symbol_, tr("unknown symbol '%1'").arg(symbolText)});
    else if (!instrumentFound->active && !isAmendment())
        found.push_back({symbol_, tr("%1 is inactive: it takes no new order").arg(symbolText)});
    if (quantity_->text().trimmed().isEmpty()) found.push_back({quantity_, tr("enter a quantity")});
    if (account_->count() == 0) found.push_back({account_, tr("no account to book to")});
    if (broker_->count() == 0) found.push_back({broker_, tr("no FIX session to send to")});

    const std::optional<Price> last = instrumentFound ? context_.prices.last(instrumentFound->symbol) : std::nullopt;
    if (instrumentFound) {
        const int decimals = context_.instruments.priceDecimals(instrumentFound->symbol);
        instrumentLabel_->setText(QStringLiteral("%1 · %2 · %3")
                                      .arg(toQString(instrumentFound->name), toQString(instrumentFound->currency),
                                           toQString(instrumentFound->country)));
        rulesLabel_->setText(
            tr("Lot %1   Tick %2").arg(formatQty(instrumentFound->lotSize), formatPrice(instrumentFound->tickSize, decimals)));
        const bool typedQuantity = !quantity_->text().trimmed().isEmpty();
        const bool typedPrices =
            (!needsLimit || !limit_->text().trimmed().isEmpty()) && (!needsStop || !stop_->text().trimmed().isEmpty());
        if (typedQuantity && typedPrices)
            for (const auto& problem : checkTerms(currentSide, terms, *instrumentFound, {last, nowUtc()}))
                found.push_back({fieldOf(problem.field), toQString(problem.message)});
        const auto pricedAt = terms.limitPrice ? terms.limitPrice : terms.stopPrice ? terms.stopPrice : last;
        if (terms.quantity.isPositive() && pricedAt)
            notionalLabel_->setText(
                QStringLiteral("%1 %2%3").arg(formatMoney(terms.quantity * *pricedAt, 2), toQString(instrumentFound->currency),
                                              terms.limitPrice || terms.stopPrice ? QString() : tr(" at the last price")));
        else
            notionalLabel_->setText(QStringLiteral("–"));
    } else {
        instrumentLabel_->clear();
        rulesLabel_->clear();
        notionalLabel_->setText(QStringLiteral("–"));
    }
    QStringList notes;
    if (isAmendment()) {
        if (terms == amending_->terms) found.push_back({quantity_, tr("nothing changed")});
        if (terms.quantity.isPositive() && terms.quantity <= amending_->cumQty)
            notes << tr("%1 is already filled: this quantity finishes the order").arg(formatQty(amending_->cumQty));
    }
    refreshMarket();

    problems_.clear();
    for (auto* field : std::initializer_list<QWidget*>{symbol_, quantity_, limit_, stop_, expiry_, account_, broker_})
        markInvalid(field, false);
    for (const auto& [field, message] : found) {
        markInvalid(field, true);
        problems_.push_back(message);
    }
    const bool blocked = !problems_.empty();
    QStringList lines(problems_.begin(), problems_.end());
    lines += notes;
    problemsLabel_->setText(lines.isEmpty() ? QString() : QStringLiteral("• ") + lines.join(QStringLiteral("\n• ")));
    QPalette problemsPalette = problemsLabel_->palette();
    problemsPalette.setColor(QPalette::WindowText, blocked ? profitColor(false) : mutedColor());
    problemsLabel_->setPalette(problemsPalette);

    // The terms changed: what compliance said no longer applies.
    compliance_.reset();
    sendWhenPassed_ = false;
    ++complianceAsked_;
    complianceLabel_->setText(blocked ? tr("checked once the ticket is complete") : tr("checking…"));
    headroomLabel_->clear();
    if (!blocked) complianceTimer_->start();
    updateSend();
}

std::optional<Verdict> OrderTicket::complianceVerdict() const {
    return compliance_ ? std::optional<Verdict>(compliance_->verdict) : std::nullopt;
}

std::optional<NewOrderRequest> OrderTicket::request() const {
    std::vector<std::pair<QWidget*, QString>> ignored;
    NewOrderRequest request;
    request.terms = readTerms(ignored);
    if (isAmendment()) {
        request.session = amending_->session;
        request.account = amending_->account;
        request.symbol = amending_->symbol;
        request.side = amending_->side;
        request.owner = amending_->owner;
    } else {
        request.session = broker_->currentData().toString().toStdString();
        request.account = account_->currentData().toString().toStdString();
        request.symbol = symbol_->text().trimmed().toUpper().toStdString();
        request.side = side();
    }
    return request;
}

void OrderTicket::checkCompliance() {
    complianceTimer_->stop();
    if (!problems_.empty()) return;
    const auto asked = complianceAsked_;
    whenReady(this, context_.engine.whatIf(*request(), context_.actor, isAmendment() ? amending_->id : 0),
              [this, asked](OrderEngine::WhatIf answer) {
                  if (asked != complianceAsked_) return;  // the terms changed since
                  showCompliance(answer.check, answer.headroom);
              });
}

void OrderTicket::showCompliance(const CheckResult& check, const std::vector<Headroom>& headroom) {
    compliance_ = check;
    QStringList lines;
    for (const auto& finding : check.findings)
        lines << QStringLiteral("%1 %2").arg(
            finding.logOnly ? tr("[logged]") : toQString(nameOf(finding.verdict)).toUpper() + QLatin1Char(':'),
            toQString(finding.message));
    complianceLabel_->setText(lines.isEmpty() ? tr("Passes every rule") : lines.join(QLatin1Char('\n')));
    QPalette palette = complianceLabel_->palette();
    palette.setColor(QPalette::WindowText, check.verdict == Verdict::Block  ? profitColor(false)
                                           : check.verdict == Verdict::Warn ? warningColor()
                                                                            : profitColor(true));
    complianceLabel_->setPalette(palette);
    // The tightest rule first: it is the one that decides how much can go.
    auto sorted = headroom;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Headroom& a, const Headroom& b) { return a.quantity < b.quantity; });
    QStringList room;
    for (const auto& entry : sorted) room << tr("%1 up to %2").arg(toQString(entry.ruleName), formatQty(entry.quantity));
    headroomLabel_->setText(room.isEmpty() ? tr("no quantity limit applies") : room.join(QStringLiteral(" · ")));
    updateSend();
    if (sizeHint().height() > height()) resize(width(), sizeHint().height());
    // Sent at once only when nothing needs the trader's attention; otherwise they see why first.
    if (std::exchange(sendWhenPassed_, false) && check.verdict == Verdict::Pass) submit();
}

void OrderTicket::updateSend() {
    const bool warned = compliance_ && compliance_->verdict == Verdict::Warn;
    form_->setRowVisible(reason_, warned);
    QString why;
    if (!problems_.empty())
        why = tr("Not sent while the ticket has problems");
    else if (warned && reason_->text().trimmed().isEmpty())
        why = tr("Give a reason to send despite the compliance warning");
    else if (compliance_ && compliance_->verdict == Verdict::Block && isAmendment())
        why = tr("Compliance blocks this amendment");
    const bool held = compliance_ && compliance_->verdict == Verdict::Block && !isAmendment();
    send_->setText(isAmendment() ? tr("Send amendment") : held ? tr("Send for compliance review") : tr("Send"));
    send_->setEnabled(why.isEmpty() && !sending_);
    send_->setToolTip(!why.isEmpty() ? why
                      : held ? tr("Compliance blocks this order: it is held, not sent, until a compliance officer decides")
                      : !compliance_ ? tr("Send (Enter): checks compliance first, and sends if it passes")
                                     : tr("Send (Enter)"));
}

void OrderTicket::submit() {
    if (!send_->isEnabled() || sending_) return;
    if (!compliance_) {
        sendWhenPassed_ = true;
        checkCompliance();
        return;
    }
    std::vector<std::pair<QWidget*, QString>> ignored;
    const auto terms = readTerms(ignored);
    const std::string reason = reason_->text().trimmed().toStdString();
    sending_ = true;
    send_->setEnabled(false);
    auto fail = [this](const QString& why) {
        sending_ = false;
        problemsLabel_->setText(tr("Not sent: %1").arg(why));
        QPalette palette = problemsLabel_->palette();
        palette.setColor(QPalette::WindowText, profitColor(false));
        problemsLabel_->setPalette(palette);
        send_->setEnabled(true);
    };
    if (isAmendment()) {
        const OrderId id = amending_->id;
        whenReady(
            this, context_.engine.replace(id, terms, context_.actor, reason),
            [this, id, fail](Outcome outcome) {
                if (!outcome.isApplied()) return fail(toQString(outcome.detail));
                Q_EMIT sent(id);
                accept();
            },
            fail);
        return;
    }
    whenReady(
        this, context_.engine.submit(*request(), context_.actor, reason),
        [this, fail](Result<OrderState> result) {
            if (!result) return fail(toQString(result.error()));
            Q_EMIT sent(result->id);
            accept();
        },
        fail);
}

}  // namespace ob::ui

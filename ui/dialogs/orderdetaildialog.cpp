#include "orderdetaildialog.h"

#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "fix/fixtags.h"
#include "format.h"
#include "futures.h"
#include "models/instrumentdirectory.h"
#include "models/messagelogmodel.h"
#include "store/history.h"
#include "theme.h"
#include "widgets/fixmessageview.h"
#include "widgets/tablestyle.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <future>
#include <set>

namespace ob::ui {

namespace {

QTableWidget* table(QWidget* parent, const QString& name, const QStringList& headers) {
    auto* widget = new QTableWidget(0, int(headers.size()), parent);
    widget->setObjectName(name);
    widget->setHorizontalHeaderLabels(headers);
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    styleTable(widget);
    widget->setSelectionMode(QAbstractItemView::SingleSelection);
    return widget;
}

void setRow(QTableWidget* widget, int row, const QStringList& cells) {
    for (int column = 0; column < cells.size(); ++column) widget->setItem(row, column, new QTableWidgetItem(cells[column]));
}

/// One line of the order's history: an event or an execution, by time.
struct HistoryLine {
    Timestamp at;
    QStringList cells;
};

}  // namespace

OrderDetailDialog::OrderDetailDialog(const DeskServices& desk, const InstrumentDirectory& instruments, const OrderState& order,
                                     QWidget* parent)
    : QDialog(parent)
    , desk_(desk)
    , instruments_(instruments)
    , order_(order)
    , summary_(new QLabel(this))
    , tabs_(new QTabWidget(this))
    , history_(table(this, QStringLiteral("detailHistory"),
                     {tr("Time"), tr("What"), tr("ClOrdID"), tr("Qty"), tr("Price"), tr("Status after"), tr("Detail")}))
    , chain_(table(this, QStringLiteral("detailChain"), {tr("ClOrdID"), tr("Request"), tr("State"), tr("Status")}))
    , messages_(table(this, QStringLiteral("detailMessages"), {tr("Time"), tr("Dir"), tr("Seq"), tr("Type"), tr("Summary")}))
    , messageView_(new FixMessageView(this)) {
    setObjectName(QStringLiteral("orderDetail"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Order %1 — %2").arg(toQString(order.clOrdId), toQString(order.symbol)));
    summary_->setTextFormat(Qt::RichText);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setObjectName(QStringLiteral("detailSummary"));
    showSummary(order);

    auto* messagesSplit = new QSplitter(Qt::Vertical, this);
    messagesSplit->addWidget(messages_);
    messagesSplit->addWidget(messageView_);
    tabs_->addTab(history_, tr("&History"));
    tabs_->addTab(chain_, tr("&Replace chain"));
    tabs_->addTab(messagesSplit, tr("&FIX messages"));
    connect(messages_, &QTableWidget::currentCellChanged, this, [this](int row) {
        messageView_->showMessage(row >= 0 && row < int(messageTexts_.size()) ? messageTexts_[std::size_t(row)] : std::string());
    });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(tabs_, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 130, fontMetrics().height() * 40);

    loadHistory();
    loadChain();
}

void OrderDetailDialog::showSummary(const OrderState& o) {
    const int decimals = instruments_.priceDecimals(o.symbol);
    auto price = [&](const std::optional<Price>& value) { return value ? formatPrice(*value, decimals) : QStringLiteral("–"); };
    const auto status = o.status();
    // "BUY 330 SIE.DE STP 150.00 LMT 151.00 DAY", as a trader says it.
    QString terms =
        QStringLiteral("%1 %2 %3").arg(toQString(nameOf(o.side)).toUpper(), formatQty(o.terms.quantity), toQString(o.symbol));
    if (o.terms.type == OrdType::Market) terms += tr(" MKT");
    if (o.terms.stopPrice) terms += tr(" STP %1").arg(price(o.terms.stopPrice));
    if (o.terms.limitPrice) terms += tr(" LMT %1").arg(price(o.terms.limitPrice));
    terms += QStringLiteral(" %1").arg(toQString(aliasOf(o.terms.timeInForce)));
    auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(name, value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3 style='color:%1'>%2 — <span style='color:%3'>%4</span></h3><table>")
                       .arg(sideColor(o.side).name(), terms.toHtmlEscaped(),
                            statusColor(o.unconfirmed ? OrdStatus::Rejected : status).name(), toQString(o.statusName()));
    html += row(tr("ClOrdID"), toQString(o.clOrdId)) + row(tr("Broker OrderID"), toQString(o.brokerOrderId)) +
            row(tr("Account"), toQString(o.account)) + row(tr("Session"), toQString(o.session)) +
            row(tr("Filled"),
                tr("%1 of %2, %3 leaves").arg(formatQty(o.cumQty), formatQty(o.terms.quantity), formatQty(o.leavesQty()))) +
            row(tr("Average price"), o.cumQty.isZero() ? QStringLiteral("–") : formatAveragePrice(o.avgPx(), decimals)) +
            row(tr("Notional filled"), formatMoney(o.notional, 2)) + row(tr("Created"), toQString(toIsoString(o.createdAt))) +
            row(tr("Updated"), toQString(toIsoString(o.updatedAt)));
    if (o.pending)
        html += row(tr("Pending"), tr("%1 %2%3").arg(toQString(nameOf(o.pending->kind)), toQString(o.pending->clOrdId),
                                                     o.pending->acknowledged ? tr(" (acknowledged)") : QString()));
    html += QStringLiteral("</table>");
    if (!o.text.empty())
        html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>")
                    .arg((status == OrdStatus::Rejected ? profitColor(false) : statusColor(OrdStatus::PendingNew)).name(),
                         tr("Reason:"), toQString(o.text).toHtmlEscaped());
    summary_->setText(html);
}

void OrderDetailDialog::loadHistory() {
    auto& history = desk_.history;
    const OrderId id = order_.id;
    auto work = inBackground([&history, id] { return std::pair{history.eventsOf(id), history.executionsOf(id)}; });
    whenReady(this, std::move(work), [this](auto results) {
        auto& [events, executions] = results;
        std::vector<HistoryLine> lines;
        if (!events || !executions) {
            lines.push_back({nowUtc(),
                             {QString(), tr("Error"), QString(), QString(), QString(), QString(),
                              toQString(events ? executions.error() : events.error())}});
        } else {
            const int decimals = instruments_.priceDecimals(order_.symbol);
            for (const auto& event : *events)
                lines.push_back({event.at,
                                 {formatTime(event.at), toQString(nameOf(event.kind)), toQString(event.clOrdId), QString(),
                                  QString(), QString(), toQString(event.text)}});
            for (const auto& e : *executions) {
                const bool trade = e.execType == ExecType::Trade || e.execType == ExecType::TradeCorrect;
                QString detail = toQString(e.text);
                if (!e.execRefId.empty()) detail = tr("refers to %1 %2").arg(toQString(e.execRefId), detail);
                lines.push_back(
                    {e.receivedAt,
                     {formatTime(e.receivedAt), tr("%1 (ExecID %2)").arg(toQString(nameOf(e.execType)), toQString(e.execId)),
                      toQString(e.clOrdId), trade ? formatQty(e.lastQty) : QString(),
                      trade ? formatPrice(e.lastPx, decimals) : QString(), toQString(nameOf(e.status)), detail}});
            }
            std::stable_sort(lines.begin(), lines.end(), [](const HistoryLine& a, const HistoryLine& b) { return a.at < b.at; });
        }
        history_->setRowCount(int(lines.size()));
        for (int row = 0; row < int(lines.size()); ++row) setRow(history_, row, lines[std::size_t(row)].cells);
        history_->resizeColumnsToContents();
        partLoaded();
    });
}

void OrderDetailDialog::loadChain() {
    whenReady(this, desk_.engine.order(order_.id), [this](std::optional<Order> order) {
        std::vector<std::string> clOrdIds{order_.clOrdId};
        if (order) {
            showSummary(order->state);
            chain_->setRowCount(int(order->chain.size()));
            for (int row = 0; row < int(order->chain.size()); ++row) {
                const auto& link = order->chain[std::size_t(row)];
                const auto status = order->statusOf(link.clOrdId);
                setRow(chain_, row,
                       {toQString(link.clOrdId), toQString(nameOf(link.kind)), toQString(nameOf(link.state)),
                        status ? toQString(nameOf(*status)) : QString()});
                clOrdIds.push_back(link.clOrdId);
            }
            chain_->resizeColumnsToContents();
        }
        partLoaded();
        loadMessages(clOrdIds);
    });
}

void OrderDetailDialog::loadMessages(const std::vector<std::string>& clOrdIds) {
    auto& log = desk_.gateway.messageLog();
    const std::set<std::string> ids(clOrdIds.begin(), clOrdIds.end());
    auto work = inBackground([&log, ids] {
        std::vector<LoggedMessage> found;
        std::set<std::uint64_t> seen;
        for (const auto& id : ids)
            for (const int tag : {fixtag::ClOrdID, fixtag::OrigClOrdID}) {
                MessageLog::Filter filter;
                filter.contains = "|" + std::to_string(tag) + "=" + id + "|";
                filter.limit = 10'000;
                for (auto& message : log.query(filter))
                    if (seen.insert(message.id).second) found.push_back(std::move(message));
            }
        std::sort(found.begin(), found.end(), [](const LoggedMessage& a, const LoggedMessage& b) { return a.id < b.id; });
        return found;
    });
    whenReady(this, std::move(work), [this](std::vector<LoggedMessage> found) {
        messages_->setRowCount(int(found.size()));
        messageTexts_.clear();
        for (int row = 0; row < int(found.size()); ++row) {
            const auto& message = found[std::size_t(row)];
            setRow(messages_, row,
                   {formatTime(message.at), message.incoming ? tr("In") : tr("Out"), QString::number(message.msgSeqNum),
                    MessageLogModel::typeName(message.msgType), MessageLogModel::summarize(message.text)});
            messageTexts_.push_back(message.text);
        }
        messages_->resizeColumnsToContents();
        partLoaded();
    });
}

void OrderDetailDialog::partLoaded() {
    if (++loaded_ == 3) Q_EMIT loaded();
}

}  // namespace ob::ui

#include "orderactions.h"

#include "dialogs/orderdetaildialog.h"
#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "format.h"
#include "futures.h"
#include "market/marketprices.h"
#include "models/orderstablemodel.h"
#include "widgets/blotterwidget.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

#include <future>

namespace ob::ui {

namespace {

QAction* action(QObject* parent, const QString& text, const QKeySequence& shortcut, const QString& tip, const QString& name) {
    auto* created = new QAction(text, parent);
    created->setShortcut(shortcut);
    created->setShortcutContext(Qt::WindowShortcut);
    created->setObjectName(name);
    created->setToolTip(shortcut.isEmpty() ? tip
                                           : QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    created->setStatusTip(tip);
    return created;
}

/// Working, with no cancel or replace awaiting an answer: one may be sent. An unconfirmed order is resolved
/// with its own actions instead.
bool takesRequests(const OrderState& order) { return order.isLive() && !order.pending && !order.unconfirmed; }

}  // namespace

OrderActions::OrderActions(const DeskServices& desk, const InstrumentDirectory& instruments, OrdersTableModel& orders,
                           BlotterWidget& blotter, QWidget* window)
    : QObject(window)
    , desk_(desk)
    , instruments_(instruments)
    , orders_(orders)
    , blotter_(blotter)
    , window_(window)
    , buy_(action(this, tr("&Buy…"), Qt::Key_F2, tr("New buy order ticket"), QStringLiteral("actionBuy")))
    , sell_(action(this, tr("&Sell…"), Qt::Key_F3, tr("New sell order ticket"), QStringLiteral("actionSell")))
    , amend_(action(this, tr("&Amend…"), Qt::Key_F4, tr("Amend the selected order: quantity, price, time in force"),
                    QStringLiteral("actionAmend")))
    , cancel_(action(this, tr("&Cancel"), Qt::Key_Delete, tr("Cancel the selected orders"), QStringLiteral("actionCancel")))
    , cancelAll_(action(this, tr("Cancel all &working in view…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                        tr("Cancel every working order the blotter shows, after confirming"), QStringLiteral("actionCancelAll")))
    , details_(action(this, tr("&Details…"), QKeySequence(Qt::CTRL | Qt::Key_D), tr("The selected order's whole history"),
                      QStringLiteral("actionDetails")))
    , copy_(
          action(this, tr("C&opy rows"), QKeySequence::Copy, tr("Copy the selected rows as text"), QStringLiteral("actionCopy")))
    , resolveByCancel_(action(this, tr("Resolve: cancel at the &broker"), {},
                              tr("Ask the broker to cancel the selected unconfirmed orders"),
                              QStringLiteral("actionResolveByCancel")))
    , resolveAsRejected_(action(this, tr("Resolve: mark &rejected…"), {},
                                tr("Close the selected unconfirmed orders here: they never reached the broker"),
                                QStringLiteral("actionResolveAsRejected"))) {
    for (auto* each : {buy_, sell_, amend_, cancel_, cancelAll_, details_}) window_->addAction(each);
    copy_->setShortcutContext(Qt::WidgetShortcut);  // the blotter's own Ctrl+C does the copying

    connect(buy_, &QAction::triggered, this, [this] { openTicket(Side::Buy); });
    connect(sell_, &QAction::triggered, this, [this] { openTicket(Side::Sell); });
    connect(amend_, &QAction::triggered, this, [this] {
        const auto selected = selectedOrders();
        if (selected.size() == 1) openAmendment(selected.front()->id);
    });
    connect(cancel_, &QAction::triggered, this, &OrderActions::confirmCancelSelected);
    connect(cancelAll_, &QAction::triggered, this, &OrderActions::confirmCancelAll);
    connect(details_, &QAction::triggered, this, [this] {
        const auto selected = selectedOrders();
        if (!selected.empty()) openDetails(selected.front()->id);
    });
    connect(copy_, &QAction::triggered, &blotter_, &BlotterWidget::copySelection);
    connect(resolveByCancel_, &QAction::triggered, this, [this] { resolveSelected(Resolution::Cancel); });
    connect(resolveAsRejected_, &QAction::triggered, this, [this] { resolveSelected(Resolution::MarkRejected); });
    connect(&blotter_, &BlotterWidget::activated, this, [this](int row) {
        if (const auto* order = orders_.orderAt(row)) openDetails(order->id);
    });
    connect(blotter_.view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &OrderActions::updateEnabled);
    connect(&orders_, &QAbstractItemModel::dataChanged, this, &OrderActions::updateEnabled);
    updateEnabled();
}

TicketContext OrderActions::ticketContext() const {
    std::vector<std::pair<std::string, QString>> brokers;
    for (const auto& session : desk_.gateway.sessions()) brokers.emplace_back(session.id, toQString(session.alias));
    return {instruments_, desk_.reference.accounts, std::move(brokers), desk_.prices, desk_.engine, desk_.actor};
}

std::vector<const OrderState*> OrderActions::selectedOrders() const {
    std::vector<const OrderState*> selected;
    for (int row : blotter_.selectedSourceRows())
        if (const auto* order = orders_.orderAt(row)) selected.push_back(order);
    return selected;
}

void OrderActions::updateEnabled() {
    const auto selected = selectedOrders();
    int live = 0;
    int unconfirmed = 0;
    for (const auto* order : selected) {
        live += takesRequests(*order) ? 1 : 0;
        unconfirmed += order->unconfirmed ? 1 : 0;
    }
    // Compliance officers and administrators watch orders; only traders and PMs act on them.
    const bool trades = desk_.actor.may(Permission::TradeOrders);
    for (auto* action : {buy_, sell_, cancelAll_}) action->setEnabled(trades);
    // A held or staged order is never amended: it is cancelled, released or decided.
    amend_->setEnabled(trades && selected.size() == 1 && live == 1 && !selected.front()->isUnsent());
    cancel_->setEnabled(trades && live > 0);
    details_->setEnabled(!selected.empty());
    for (auto* action : {resolveByCancel_, resolveAsRejected_}) {
        action->setEnabled(trades && unconfirmed > 0);
        action->setVisible(unconfirmed > 0);  // in menus only where it applies
    }
}

OrderTicket* OrderActions::openTicket(Side side) {
    const auto selected = selectedOrders();
    auto* ticket =
        new OrderTicket(ticketContext(), side, selected.empty() ? QString() : toQString(selected.front()->symbol), window_);
    connect(ticket, &OrderTicket::sent, this, [this](OrderId id) {
        if (const auto* order = orders_.find(id))
            Q_EMIT message(tr("Order %1 sent").arg(toQString(order->clOrdId)));
        else
            Q_EMIT message(tr("Order sent"));
    });
    ticket->show();
    return ticket;
}

OrderTicket* OrderActions::openAmendment(OrderId id) {
    const auto* order = orders_.find(id);
    if (!order) return nullptr;
    auto* ticket = new OrderTicket(ticketContext(), *order, window_);
    const QString clOrdId = toQString(order->clOrdId);
    connect(ticket, &OrderTicket::sent, this, [this, clOrdId] { Q_EMIT message(tr("Amendment of %1 sent").arg(clOrdId)); });
    ticket->show();
    return ticket;
}

QDialog* OrderActions::openDetails(OrderId id) {
    const auto* order = orders_.find(id);
    if (!order) return nullptr;
    auto* dialog = new OrderDetailDialog(desk_, instruments_, *order, window_);
    dialog->show();
    return dialog;
}

OrderActions::Exposure OrderActions::workingIn(const std::vector<int>& sourceRows) const {
    Exposure exposure;
    for (int row : sourceRows) {
        const auto* order = orders_.orderAt(row);
        // What is at the broker: held and staged orders are not working, and stay as they are.
        if (!order || !takesRequests(*order) || order->isUnsent()) continue;
        exposure.orders.push_back(order->id);
        auto price = order->terms.limitPrice ? order->terms.limitPrice : order->terms.stopPrice;
        if (!price) price = desk_.prices.last(order->symbol);
        const auto* instrument = instruments_.find(toQString(order->symbol));
        if (price && instrument)
            exposure.notional[instrument->currency] += order->leavesQty() * *price;
        else
            ++exposure.unpriced;
    }
    return exposure;
}

QString OrderActions::describe(const Exposure& exposure) {
    QStringList amounts;
    for (const auto& [currency, amount] : exposure.notional)
        amounts << QStringLiteral("%1 %2").arg(toQString(currency), formatMoney(amount, 2));
    QString text = counted(qint64(exposure.orders.size()), "working order", "working orders");
    if (!amounts.isEmpty()) text += tr(", open notional %1").arg(amounts.join(QStringLiteral(" · ")));
    if (exposure.unpriced > 0) text += tr(" (%1 without a price)").arg(exposure.unpriced);
    return text;
}

void OrderActions::confirmCancelAll() {
    const auto exposure = workingIn(blotter_.visibleSourceRows());
    if (exposure.orders.empty()) {
        QMessageBox::information(window_, tr("Cancel all working in view"), tr("No working order is in view."));
        return;
    }
    QMessageBox box(QMessageBox::Warning, tr("Cancel all working in view"),
                    tr("Cancel %1?\n\nOnly the orders the blotter shows now are cancelled.").arg(describe(exposure)),
                    QMessageBox::NoButton, window_);
    box.setObjectName(QStringLiteral("cancelAllConfirmation"));
    auto* yes = box.addButton(tr("Cancel %1").arg(counted(qint64(exposure.orders.size()), "order", "orders")),
                              QMessageBox::DestructiveRole);
    auto* keep = box.addButton(tr("Keep them"), QMessageBox::RejectRole);
    box.setDefaultButton(keep);  // Enter keeps the orders
    box.exec();
    if (box.clickedButton() == yes) cancelOrders(exposure.orders);
}

void OrderActions::confirmCancelSelected() {
    std::vector<int> rows = blotter_.selectedSourceRows();
    const auto exposure = workingIn(rows);
    if (exposure.orders.empty()) return;
    if (exposure.orders.size() > 1) {
        const auto answer = QMessageBox::question(window_, tr("Cancel orders"), tr("Cancel %1?").arg(describe(exposure)),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) return;
    }
    cancelOrders(exposure.orders);
}

void OrderActions::resolveSelected(Resolution how) {
    std::vector<OrderId> ids;
    QStringList names;
    for (const auto* order : selectedOrders())
        if (order->unconfirmed) {
            ids.push_back(order->id);
            names << toQString(order->clOrdId);
        }
    if (ids.empty()) return;
    if (how == Resolution::MarkRejected) {
        // Closing an order the broker may still hold would leave it working where no one sees it: the trader
        // does this knowingly.
        QMessageBox box(
            QMessageBox::Warning, tr("Mark rejected"),
            tr("Close %1 here?\n\n%2\n\nDo this only when the broker confirms it does not hold them (by "
               "phone or on its own screen). Orders without fills become Rejected, orders with fills "
               "Canceled with what they filled.")
                .arg(counted(qint64(ids.size()), "unconfirmed order", "unconfirmed orders"), names.join(QStringLiteral(", "))),
            QMessageBox::NoButton, window_);
        box.setObjectName(QStringLiteral("markRejectedConfirmation"));
        auto* yes = box.addButton(tr("Mark rejected"), QMessageBox::DestructiveRole);
        auto* keep = box.addButton(tr("Keep them unconfirmed"), QMessageBox::RejectRole);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() != yes) return;
    }
    std::vector<std::future<Outcome>> pending;
    for (OrderId id : ids) pending.push_back(desk_.engine.resolveUnconfirmed(id, how, desk_.actor));
    reportOutcomes(std::move(pending), ids, how == Resolution::Cancel ? tr("Cancel sent for %1") : tr("Marked rejected: %1"));
}

void OrderActions::cancelOrders(const std::vector<OrderId>& ids) {
    std::vector<std::future<Outcome>> pending;
    for (OrderId id : ids) pending.push_back(desk_.engine.cancel(id, desk_.actor));
    reportOutcomes(std::move(pending), ids, tr("Cancel sent for %1"));
}

void OrderActions::reportOutcomes(std::vector<std::future<Outcome>> pending, const std::vector<OrderId>& ids,
                                  const QString& done) {
    // One waiter for the lot: the engine answers them all in one or two batches.
    auto all = inBackground([pending = std::move(pending)]() mutable {
        std::vector<Outcome> outcomes;
        for (auto& future : pending) outcomes.push_back(future.get());
        return outcomes;
    });
    whenReady(this, std::move(all), [this, ids, done](std::vector<Outcome> outcomes) {
        int sent = 0;
        QStringList refused;
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            if (outcomes[i].isApplied())
                ++sent;
            else
                refused << tr("order %1: %2").arg(ids[i]).arg(toQString(outcomes[i].detail));
        }
        QString text = done.arg(counted(sent, "order", "orders"));
        if (!refused.isEmpty()) text += tr("; refused: %1").arg(refused.join(QStringLiteral("; ")));
        Q_EMIT message(text);
    });
}

}  // namespace ob::ui

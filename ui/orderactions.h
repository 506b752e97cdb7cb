#pragma once

#include "deskservices.h"
#include "dialogs/orderticket.h"
#include "engine/orderengine.h"
#include "orders/order.h"

#include <QObject>

#include <future>
#include <map>

class QAction;
class QWidget;

namespace ob::ui {

class BlotterWidget;
class InstrumentDirectory;
class OrdersTableModel;

/// What a trader does to orders, as actions with shortcuts for the menus,
/// the toolbar and the blotter's context menu: new buy and sell tickets,
/// amend, cancel, cancel all working orders in view (after saying how many
/// and how much), resolving unconfirmed orders, the order's details, and
/// exporting the blotters.
class OrderActions final : public QObject {
    Q_OBJECT

public:
    OrderActions(const DeskServices& desk, const InstrumentDirectory& instruments, OrdersTableModel& orders,
                 BlotterWidget& blotter, QWidget* window);

    QAction* buy() const { return buy_; }
    QAction* sell() const { return sell_; }
    QAction* amend() const { return amend_; }
    QAction* cancel() const { return cancel_; }
    QAction* cancelAllInView() const { return cancelAll_; }
    QAction* details() const { return details_; }
    QAction* copy() const { return copy_; }
    /// For orders the broker has not confirmed: ask it to cancel them, or close them here as never received.
    QAction* resolveByCancel() const { return resolveByCancel_; }
    QAction* resolveAsRejected() const { return resolveAsRejected_; }

    /// Opens a ticket (the symbol of the selected order, if any).
    OrderTicket* openTicket(Side side);
    OrderTicket* openAmendment(OrderId id);
    /// Opens the detail view of an order.
    QDialog* openDetails(OrderId id);

    /// The working orders among these rows, and their open notional (leaves
    /// × limit, else stop, else last price) per currency.
    struct Exposure {
        std::vector<OrderId> orders;
        std::map<std::string, Money> notional;
        int unpriced = 0;  ///< orders without any price to value them at
    };
    Exposure workingIn(const std::vector<int>& sourceRows) const;
    /// "12 working orders, open notional USD 1,234.00 · GBP 50.00"
    static QString describe(const Exposure& exposure);

    /// Sends cancels without asking (after the confirmation, and for tests).
    void cancelOrders(const std::vector<OrderId>& ids);

Q_SIGNALS:
    /// Something to tell the trader in the status bar.
    void message(const QString& text);

private:
    TicketContext ticketContext() const;
    std::vector<const OrderState*> selectedOrders() const;
    void updateEnabled();
    void confirmCancelAll();
    void confirmCancelSelected();
    void resolveSelected(Resolution how);
    /// Says in the status bar how many requests the engine took ("Cancel sent for %1") and why it refused the others.
    void reportOutcomes(std::vector<std::future<Outcome>> pending, const std::vector<OrderId>& ids, const QString& done);

    const DeskServices& desk_;
    const InstrumentDirectory& instruments_;
    OrdersTableModel& orders_;
    BlotterWidget& blotter_;
    QWidget* window_;
    QAction* buy_;
    QAction* sell_;
    QAction* amend_;
    QAction* cancel_;
    QAction* cancelAll_;
    QAction* details_;
    QAction* copy_;
    QAction* resolveByCancel_;
    QAction* resolveAsRejected_;
};

}  // namespace ob::ui

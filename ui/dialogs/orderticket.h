#pragma once

#include "auth/access.h"
#include "compliance/breach.h"
#include "domain/fund.h"
#include "models/instrumentdirectory.h"
#include "orders/order.h"
#include "orders/ordercheck.h"
#include "orders/orderevents.h"

#include <QDialog>

#include <optional>
#include <vector>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace ob {
class MarketPrices;
class OrderEngine;
}  // namespace ob

namespace ob::ui {

/// What a ticket needs from the desk.
struct TicketContext {
    const InstrumentDirectory& instruments;
    const std::vector<ob::Account>& accounts;
    std::vector<std::pair<std::string, QString>> brokers;  ///< FIX session id and its name
    MarketPrices& prices;
    OrderEngine& engine;
    Actor actor;
};

/// The order ticket: a new order, or an amendment (cancel/replace) of a
/// working one. It checks as the trader types (lots, ticks, what each order
/// type needs, stops against the last price) and names every problem; Send
/// stays disabled while any remains. Enter sends, Esc closes.
///
/// Once the terms are complete it asks compliance what it would say (a
/// what-if on the engine's thread) and shows each warning and block with its
/// figures, and the headroom of each quantity-bound rule. A warning needs a
/// reason before Send; a blocked new order can still be sent, to be held for
/// compliance; a blocked amendment cannot.
class OrderTicket final : public QDialog {
    Q_OBJECT

public:
    /// A new order on `side`, optionally for `symbol`.
    OrderTicket(const TicketContext& context, Side side, const QString& symbol = {}, QWidget* parent = nullptr);
    /// An amendment of `order`: quantity, type, prices and time in force.
    OrderTicket(const TicketContext& context, const OrderState& order, QWidget* parent = nullptr);

    bool isAmendment() const { return amending_.has_value(); }
    /// Every problem with what is entered now; empty when it can be sent.
    const std::vector<QString>& problems() const { return problems_; }

    QLineEdit* symbolEdit() const { return symbol_; }
    QLineEdit* quantityEdit() const { return quantity_; }
    QLineEdit* limitEdit() const { return limit_; }
    QLineEdit* stopEdit() const { return stop_; }
    QComboBox* sideCombo() const { return side_; }
    QComboBox* typeCombo() const { return type_; }
    QComboBox* tifCombo() const { return tif_; }
    QComboBox* accountCombo() const { return account_; }
    QComboBox* brokerCombo() const { return broker_; }
    QPushButton* sendButton() const { return send_; }
    QLabel* problemsLabel() const { return problemsLabel_; }
    QLabel* complianceLabel() const { return complianceLabel_; }
    QLabel* headroomLabel() const { return headroomLabel_; }
    QLineEdit* reasonEdit() const { return reason_; }
    /// The verdict of the last compliance check, once one has come back for the terms shown.
    std::optional<Verdict> complianceVerdict() const;

Q_SIGNALS:
    /// The engine took the order (or the amendment) and it is on its way.
    void sent(ob::OrderId id);

public Q_SLOTS:
    /// Sends when valid; otherwise shows why not.
    void submit();

private:
    OrderTicket(const TicketContext& context, QWidget* parent);
    void build();
    void refresh();
    void refreshMarket();
    void markInvalid(QWidget* field, bool invalid);
    /// Asks compliance about the terms as they stand (debounced), and shows the answer.
    void checkCompliance();
    void showCompliance(const CheckResult& check, const std::vector<Headroom>& headroom);
    void updateSend();
    std::optional<NewOrderRequest> request() const;
    QWidget* fieldOf(OrderField field) const;
    /// The terms as entered, with a problem for each field that does not parse.
    OrderTerms readTerms(std::vector<std::pair<QWidget*, QString>>& problems) const;
    const Instrument* instrument() const;
    Side side() const;

    TicketContext context_;
    std::optional<OrderState> amending_;
    QComboBox* side_;
    QLineEdit* symbol_;
    QLineEdit* quantity_;
    QComboBox* type_;
    QLineEdit* limit_;
    QLineEdit* stop_;
    QComboBox* tif_;
    QDateTimeEdit* expiry_;
    QComboBox* account_;
    QComboBox* broker_;
    QLabel* instrumentLabel_;
    QLabel* marketLabel_;
    QLabel* rulesLabel_;
    QLabel* notionalLabel_;
    QLabel* problemsLabel_;
    QLabel* complianceLabel_;
    QLabel* headroomLabel_;
    QLineEdit* reason_;
    QTimer* complianceTimer_;
    std::optional<CheckResult> compliance_;  ///< for the terms shown; reset when they change
    std::uint64_t complianceAsked_ = 0;      ///< numbers the checks, so that a late answer to old terms is dropped
    bool sendWhenPassed_ = false;            ///< Send was pressed before the check came back
    QLabel* heading_;
    QPushButton* send_;
    QFormLayout* form_;
    std::vector<QString> problems_;
    bool sending_ = false;
};

}  // namespace ob::ui

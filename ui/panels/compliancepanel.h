#pragma once

#include "auth/access.h"
#include "compliance/breach.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace ob {
class OrderEngine;
}

namespace ob::ui {

class BreachesTableModel;
class BreachFilter;
class OrdersTableModel;

/// The compliance officer's panel: every breach, live, filtered by state,
/// rule, trader and fund; the selected one explained (rule, limit, the
/// figure before and after, the order); and the decisions the user's role
/// allows on it, each with a reason. Decisions go to the engine, which
/// checks the same permissions again.
class CompliancePanel final : public QWidget {
    Q_OBJECT

public:
    CompliancePanel(BreachesTableModel& breaches, const OrdersTableModel& orders, OrderEngine& engine, Actor actor,
                    QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    QComboBox* stateFilter() const { return state_; }
    QComboBox* ruleFilter() const { return rule_; }
    QComboBox* traderFilter() const { return trader_; }
    QComboBox* fundFilter() const { return fund_; }
    QLineEdit* reasonEdit() const { return reason_; }
    QPushButton* button(BreachDecision decision) const;
    QTextBrowser* details() const { return details_; }
    QLabel* outcomeLabel() const { return outcome_; }
    /// Selects the breach with this id, if the filters show it.
    bool select(std::int64_t breachId);
    /// The breach selected, if any.
    const Breach* selected() const;

public Q_SLOTS:
    void decide(ob::BreachDecision decision);

Q_SIGNALS:
    /// The user asked to see the order a breach concerns.
    void orderRequested(qlonglong orderId);

private:
    void refreshChoices();
    void refreshSelection();
    QString describe(const Breach& breach) const;

    BreachesTableModel& breaches_;
    const OrdersTableModel& orders_;
    OrderEngine& engine_;
    Actor actor_;
    BreachFilter* filter_;
    QComboBox* state_;
    QComboBox* rule_;
    QComboBox* trader_;
    QComboBox* fund_;
    QTableView* view_;
    QTextBrowser* details_;
    QLineEdit* reason_;
    QPushButton* acknowledge_;
    QPushButton* override_;
    QPushButton* reject_;
    QLabel* outcome_;
    std::int64_t shown_ = 0;  ///< the breach whose details and reason are shown
};

}  // namespace ob::ui

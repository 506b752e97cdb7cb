#include "basketdialog.h"

#include "engine/orderengine.h"
#include "fix/fixgateway.h"
#include "format.h"
#include "formats/basket.h"
#include "futures.h"
#include "theme.h"

#include <QBrush>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <future>
#include <memory>

namespace ob::ui {

namespace {
enum Column { Number, Account, Symbol, SideColumn, Quantity, Type, Limit, Compliance, Findings, ColumnCount };
}

BasketDialog::BasketDialog(const DeskServices& desk, const QString& file, QWidget* parent) : QDialog(parent), desk_(desk) {
    setObjectName(QStringLiteral("basketDialog"));
    setWindowTitle(tr("Basket %1").arg(QFileInfo(file).fileName()));
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setObjectName(QStringLiteral("basketTable"));
    table_->setHorizontalHeaderLabels(
        {tr("#"), tr("Account"), tr("Symbol"), tr("Side"), tr("Qty"), tr("Type"), tr("Limit"), tr("Compliance"), tr("Findings")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("basketSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    reason_ = new QLineEdit(this);
    reason_->setObjectName(QStringLiteral("basketReason"));
    reason_->setPlaceholderText(tr("Why send the orders with warnings (recorded for compliance)"));
    reason_->hide();

    auto* buttons = new QDialogButtonBox(this);
    send_ = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    send_->setObjectName(QStringLiteral("basketSend"));
    buttons->addButton(QDialogButtonBox::Close);
    connect(send_, &QPushButton::clicked, this, &BasketDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(reason_, &QLineEdit::textChanged, this, &BasketDialog::updateSend);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_, 1);
    layout->addWidget(summary_);
    layout->addWidget(reason_);
    layout->addWidget(buttons);
    resize(1000, 520);
    load(file);
}

void BasketDialog::load(const QString& file) {
    auto csv = CsvTable::readFile(file.toStdString());
    auto parsed =
        csv ? parseBasket(*csv, desk_.reference, [this](std::string_view broker) { return desk_.gateway.resolve(broker); })
            : Result<std::vector<NewOrderRequest>>(Error{csv.error()});
    if (!parsed) {
        summary_->setText(tr("The basket has errors; nothing can be sent:\n%1").arg(toQString(parsed.error())));
        QPalette palette = summary_->palette();
        palette.setColor(QPalette::WindowText, profitColor(false));
        summary_->setPalette(palette);
        updateSend();
        return;
    }
    orders_ = std::move(*parsed);
    verdicts_.assign(orders_.size(), Verdict::Pass);
    table_->setRowCount(int(orders_.size()));
    for (int row = 0; row < int(orders_.size()); ++row) {
        const auto& order = orders_[std::size_t(row)];
        const QStringList cells{QString::number(row + 1),
                                toQString(order.account),
                                toQString(order.symbol),
                                toQString(nameOf(order.side)),
                                formatQty(order.terms.quantity),
                                toQString(nameOf(order.terms.type)),
                                order.terms.limitPrice ? toQString(order.terms.limitPrice->toString()) : QString(),
                                tr("checking…"),
                                QString()};
        for (int column = 0; column < ColumnCount; ++column) table_->setItem(row, column, new QTableWidgetItem(cells[column]));
        whenReady(
            this, desk_.engine.whatIf(order, desk_.actor),
            [this, row](OrderEngine::WhatIf answer) { showVerdict(row, answer.check); },
            [this, row](const QString& why) {
                // Shown as blocked: the engine checks it again when it is sent.
                RuleResult failed;
                failed.verdict = Verdict::Block;
                failed.message = "the check failed: " + why.toStdString();
                showVerdict(row, CheckResult{{failed}, Verdict::Block});
            });
    }
    table_->resizeColumnsToContents();
    updateSend();
}

void BasketDialog::showVerdict(int row, const CheckResult& check) {
    verdicts_[std::size_t(row)] = check.verdict;
    ++checked_;
    auto* verdict = table_->item(row, Compliance);
    verdict->setText(toQString(nameOf(check.verdict)));
    if (check.verdict != Verdict::Pass)
        verdict->setForeground(QBrush(check.verdict == Verdict::Block ? profitColor(false) : warningColor()));
    table_->item(row, Findings)->setText(toQString(check.summary()));
    table_->item(row, Findings)->setToolTip(toQString(check.summary()));
    updateSend();
}

void BasketDialog::updateSend() {
    const int total = int(orders_.size());
    const int warned = int(std::count(verdicts_.begin(), verdicts_.end(), Verdict::Warn));
    const int blocked = int(std::count(verdicts_.begin(), verdicts_.end(), Verdict::Block));
    reason_->setVisible(isChecked() && warned > 0);
    const bool reasonMissing = warned > 0 && reason_->text().trimmed().isEmpty();
    send_->setEnabled(isChecked() && !reasonMissing && !sending_ && desk_.actor.may(Permission::TradeOrders));
    send_->setText(total ? tr("Send %1").arg(counted(total, "order", "orders")) : tr("Send"));
    if (!desk_.actor.may(Permission::TradeOrders)) send_->setToolTip(toQString(refusal(desk_.actor, "enter orders")));
    if (total == 0) return;
    if (!isChecked()) {
        summary_->setText(tr("%1: checking compliance…").arg(counted(total, "order", "orders")));
        return;
    }
    summary_->setText(tr("%1: %2 pass, %3 with warnings, %4 blocked (held for compliance when sent).%5")
                          .arg(counted(total, "order", "orders"))
                          .arg(total - warned - blocked)
                          .arg(warned)
                          .arg(blocked)
                          .arg(reasonMissing ? tr(" Give a reason to send the orders with warnings.") : QString()));
}

void BasketDialog::send() {
    if (!send_->isEnabled()) return;
    sending_ = true;
    updateSend();
    // In order, one after another: each order is checked with the ones before it in the book.
    auto results = std::make_shared<std::vector<std::future<Result<OrderState>>>>();
    const auto reason = reason_->text().trimmed().toStdString();
    for (const auto& order : orders_) results->push_back(desk_.engine.submit(order, desk_.actor, reason));
    whenReady(
        this, inBackground([results] {
            std::vector<Result<OrderState>> done;
            for (auto& result : *results) done.push_back(result.get());
            return done;
        }),
        [this](std::vector<Result<OrderState>> done) {
            int routed = 0, held = 0;
            QStringList refused;
            for (std::size_t i = 0; i < done.size(); ++i) {
                if (!done[i])
                    refused << tr("order %1: %2").arg(i + 1).arg(toQString(done[i].error()));
                else if (done[i]->held)
                    ++held;
                else
                    ++routed;
            }
            sending_ = false;
            Q_EMIT sent(routed, held);
            if (refused.isEmpty()) return accept();
            summary_->setText(tr("Sent %1, held %2; refused:\n%3").arg(routed).arg(held).arg(refused.join(QLatin1Char('\n'))));
            send_->setEnabled(false);
        },
        [this](const QString& why) {
            sending_ = false;
            summary_->setText(tr("Sending failed: %1. The orders blotter shows what went.").arg(why));
        });
}

}  // namespace ob::ui

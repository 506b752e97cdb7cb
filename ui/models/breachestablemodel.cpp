#include "breachestablemodel.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "enginefeed.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

#include <algorithm>

namespace ob::ui {

namespace {

QString show(Money value, FigureUnit unit) {
    switch (unit) {
        case FigureUnit::Percent: return QStringLiteral("%1%").arg(formatMoney(value, 2));
        case FigureUnit::Amount: return formatMoney(value, 2);
        case FigureUnit::Quantity:
        case FigureUnit::None: return formatMoney(value, 0);
    }
    return {};
}

}  // namespace

QString figureOf(const RuleResult& finding) {
    const auto unit = unitOf(finding.kind);
    if (unit == FigureUnit::None) return {};
    const QString after = show(finding.after, unit);
    if (!finding.limit) return after;
    const bool lower = specOf(finding.kind).lowerIsWorse;
    return QStringLiteral("%1 %2 %3").arg(after, lower ? QStringLiteral("<") : QStringLiteral(">"), show(*finding.limit, unit));
}

const std::array<ColumnSpec<Breach>, BreachesTableModel::ColumnCount> BreachesTableModel::kColumns = {{
    {.title = "Raised",
     .tip = "When the breach was raised (local time)",
     .display = [](const Breach& b) -> QVariant { return formatTime(b.raisedAt); }},
    {.title = "Id",
     .tip = "The breach's number",
     .alignment = Qt::AlignRight,
     .display = [](const Breach& b) -> QVariant { return qlonglong(b.id); }},
    {.title = "State",
     .tip = "Open, Acknowledged, Overridden, Rejected or Resolved",
     .display = [](const Breach& b) -> QVariant { return toQString(nameOf(b.state)); },
     .foreground = [](const Breach& b) -> QVariant {
         return b.state == BreachState::Open ? QVariant(QBrush(profitColor(false))) : QVariant();
     }},
    {.title = "Verdict",
     .tip = "Warn or Block",
     .display = [](const Breach& b) -> QVariant {
         return QString(toQString(nameOf(b.finding.verdict)) + (b.finding.logOnly ? tr(" (logged)") : QString()));
     },
     .foreground = [](const Breach& b) -> QVariant {
         return QBrush(b.finding.verdict == ob::Verdict::Block ? profitColor(false) : warningColor());
     }},
    {.title = "Stage",
     .tip = "PreTrade (an order before it went) or PostTrade (a fund's "
            "holdings)",
     .display = [](const Breach& b) -> QVariant { return toQString(nameOf(b.stage)); }},
    {.title = "Cause",
     .tip = "Active: the trade causes it; Worsened: the trade deepens it; "
            "Passive: prices moved",
     .display = [](const Breach& b) -> QVariant { return toQString(nameOf(b.finding.cause)); }},
    {.title = "Rule",
     .tip = "The rule breached",
     .display = [](const Breach& b) -> QVariant { return toQString(b.finding.ruleName); }},
    {.title = "Fund", .tip = "The fund concerned", .display = [](const Breach& b) -> QVariant { return toQString(b.fund); }},
    {.title = "Account",
     .tip = "The order's account",
     .display = [](const Breach& b) -> QVariant { return toQString(b.account); }},
    {.title = "Trader",
     .tip = "Who entered the order",
     .display = [](const Breach& b) -> QVariant { return toQString(b.trader); }},
    {.title = "Subject",
     .tip = "What the figure is about: symbol, issuer, sector or country",
     .display = [](const Breach& b) -> QVariant { return toQString(b.finding.subject); }},
    {.title = "Order",
     .tip = "The internal id of the order, for a pre-trade breach",
     .alignment = Qt::AlignRight,
     .display = [](const Breach& b) { return b.orderId ? QVariant(qlonglong(b.orderId)) : QVariant(); }},
    {.title = "Figure",
     .tip = "The figure after the trade against the limit",
     .alignment = Qt::AlignRight,
     .display = [](const Breach& b) -> QVariant { return figureOf(b.finding); }},
    {.title = "Decided by",
     .tip = "Who acknowledged, overrode or rejected it",
     .display = [](const Breach& b) -> QVariant { return toQString(b.decidedBy); }},
    {.title = "Reason",
     .tip = "The reason they gave",
     .display = [](const Breach& b) -> QVariant { return toQString(b.reason); }},
}};

BreachesTableModel::BreachesTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int BreachesTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(breaches_.size()); }
int BreachesTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const Breach* BreachesTableModel::breachAt(int row) const {
    return row >= 0 && row < int(breaches_.size()) ? &breaches_[breaches_.size() - 1 - std::size_t(row)] : nullptr;
}

const Breach* BreachesTableModel::find(std::int64_t id) const {
    const auto it = index_.find(id);
    return it == index_.end() ? nullptr : &breaches_[it->second];
}

bool awaitsDecision(const Breach& breach) {
    // Open; or a block that was only acknowledged and still holds its order.
    return breach.state == BreachState::Open ||
           (breach.state == BreachState::Acknowledged && breach.stage == BreachStage::PreTrade &&
            breach.finding.verdict == Verdict::Block && !breach.finding.logOnly);
}

int BreachesTableModel::awaitingDecision() const {
    return int(std::count_if(breaches_.begin(), breaches_.end(), awaitsDecision));
}

QVariant BreachesTableModel::data(const QModelIndex& index, int role) const {
    const auto* breach = breachAt(index.row());
    if (!breach || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto& column = kColumns[std::size_t(index.column())];
    switch (role) {
        case BreachIdRole: return qlonglong(breach->id);
        case StateRole: return int(breach->state);
        case Qt::ForegroundRole:
            if (auto colour = columnData(column, *breach, role); colour.isValid()) return colour;
            if (breach->isClosed()) return QBrush(mutedColor());
            return {};
        case Qt::ToolTipRole: return toQString(breach->finding.message);
        default: return columnData(column, *breach, role);
    }
}

QVariant BreachesTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Breach>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
}

void BreachesTableModel::reset(std::vector<Breach> breaches) {
    beginResetModel();
    breaches_ = std::move(breaches);
    index_.clear();
    for (std::size_t i = 0; i < breaches_.size(); ++i) index_[breaches_[i].id] = i;
    endResetModel();
    Q_EMIT breachesChanged();
}

void BreachesTableModel::apply(const std::vector<Breach>& changed) {
    if (changed.empty()) return;
    std::vector<Breach> added;
    std::unordered_map<std::int64_t, std::size_t> addedIndex;  // a breach raised and changed in one drain comes twice
    for (const auto& breach : changed) {
        const auto it = index_.find(breach.id);
        if (it == index_.end()) {
            const auto [at, fresh] = addedIndex.try_emplace(breach.id, added.size());
            if (fresh)
                added.push_back(breach);
            else
                added[at->second] = breach;
            continue;
        }
        breaches_[it->second] = breach;
        const int row = int(breaches_.size() - 1 - it->second);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (!added.empty()) {
        // Newest first: new breaches come in at the top.
        beginInsertRows({}, 0, int(added.size()) - 1);
        for (auto& breach : added) {
            index_[breach.id] = breaches_.size();
            breaches_.push_back(std::move(breach));
        }
        endInsertRows();
    }
    Q_EMIT breachesChanged();
}

void BreachesTableModel::follow(const EngineFeed& feed) {
    connect(&feed, &EngineFeed::breachesLoaded, this, &BreachesTableModel::reset);
    connect(&feed, &EngineFeed::breachesChanged, this, &BreachesTableModel::apply);
}

}  // namespace ob::ui

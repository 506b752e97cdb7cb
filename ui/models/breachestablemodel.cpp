#include "breachestablemodel.h"

#include "compliance/rulekinds/rulekindspec.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

#include <algorithm>

namespace ob::ui {

namespace {

constexpr const char* kTitles[BreachesTableModel::ColumnCount] = {"Raised",  "Id",    "State",  "Verdict",    "Stage",
                                                                  "Cause",   "Rule",  "Fund",   "Account",    "Trader",
                                                                  "Subject", "Order", "Figure", "Decided by", "Reason"};
constexpr const char* kTips[BreachesTableModel::ColumnCount] = {
    "When the breach was raised (local time)",
    "The breach's number",
    "Open, Acknowledged, Overridden, Rejected or Resolved",
    "Warn or Block",
    "PreTrade (an order before it went) or PostTrade (a fund's holdings)",
    "Active: the trade causes it; Worsened: the trade deepens it; Passive: prices moved",
    "The rule breached",
    "The fund concerned",
    "The order's account",
    "Who entered the order",
    "What the figure is about: symbol, issuer, sector or country",
    "The internal id of the order, for a pre-trade breach",
    "The figure after the trade against the limit",
    "Who acknowledged, overrode or rejected it",
    "The reason they gave"};

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
    if (!breach) return {};
    const auto& f = breach->finding;
    switch (role) {
        case BreachIdRole: return qlonglong(breach->id);
        case StateRole: return int(breach->state);
        case Qt::ForegroundRole:
            if (index.column() == Verdict) return QBrush(f.verdict == ob::Verdict::Block ? profitColor(false) : warningColor());
            if (index.column() == State && breach->state == BreachState::Open) return QBrush(profitColor(false));
            if (breach->isClosed()) return QBrush(mutedColor());
            return {};
        case Qt::ToolTipRole: return toQString(f.message);
        case Qt::TextAlignmentRole:
            return int(
                (index.column() == Id || index.column() == Order || index.column() == Figure ? Qt::AlignRight : Qt::AlignLeft) |
                Qt::AlignVCenter);
        case Qt::DisplayRole:
            switch (index.column()) {
                case Raised: return formatTime(breach->raisedAt);
                case Id: return qlonglong(breach->id);
                case State: return toQString(nameOf(breach->state));
                case Verdict: return QString(toQString(nameOf(f.verdict)) + (f.logOnly ? tr(" (logged)") : QString()));
                case Stage: return toQString(nameOf(breach->stage));
                case Cause: return toQString(nameOf(f.cause));
                case Rule: return toQString(f.ruleName);
                case Fund: return toQString(breach->fund);
                case Account: return toQString(breach->account);
                case Trader: return toQString(breach->trader);
                case Subject: return toQString(f.subject);
                case Order: return breach->orderId ? QVariant(qlonglong(breach->orderId)) : QVariant();
                case Figure: return figureOf(f);
                case DecidedBy: return toQString(breach->decidedBy);
                case Reason: return toQString(breach->reason);
                default: return {};
            }
        default: return {};
    }
}

QVariant BreachesTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return QString::fromLatin1(kTitles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(kTips[section]);
    return {};
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

}  // namespace ob::ui

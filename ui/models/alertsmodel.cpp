#include "alertsmodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

AlertsModel::AlertsModel(QObject* parent) : QAbstractTableModel(parent) {}

int AlertsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(alerts_.size()); }

int AlertsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const EngineAlert* AlertsModel::alertAt(int row) const {
    return row >= 0 && row < int(alerts_.size()) ? &alerts_[alerts_.size() - 1 - std::size_t(row)] : nullptr;
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const {
    const auto* alert = alertAt(index.row());
    if (!alert) return {};
    const bool error = alert->severity == EngineAlert::Severity::Error;
    switch (role) {
        case OrderIdRole: return qlonglong(alert->orderId);
        case Qt::ForegroundRole:
            return index.column() == Severity ? QVariant(QBrush(error ? profitColor(false) : statusColor(OrdStatus::PendingNew)))
                                              : QVariant();
        case Qt::ToolTipRole: return index.column() == Message ? toQString(alert->message) : QVariant();
        case Qt::DisplayRole:
            switch (index.column()) {
                case Time: return formatTime(alert->at);
                case Severity: return error ? tr("Error") : tr("Warning");
                case Order: return alert->orderId ? QVariant(qlonglong(alert->orderId)) : QVariant();
                case Message: return toQString(alert->message);
                default: return {};
            }
        default: return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* const titles[ColumnCount] = {"Time", "Severity", "Order", "Message"};
    static const char* const tips[ColumnCount] = {"When it happened (local time)", "Warning or Error",
                                                  "The internal id of the order concerned", "What happened and why"};
    if (role == Qt::DisplayRole) return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(tips[section]);
    return {};
}

void AlertsModel::add(const std::vector<EngineAlert>& alerts) {
    if (alerts.empty()) return;
    beginInsertRows({}, 0, int(alerts.size()) - 1);
    alerts_.insert(alerts_.end(), alerts.begin(), alerts.end());
    endInsertRows();
}

}  // namespace ob::ui

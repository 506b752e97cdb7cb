#include "alertsmodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

bool isError(const EngineAlert& alert) { return alert.severity == EngineAlert::Severity::Error; }

}  // namespace

const std::array<ColumnSpec<EngineAlert>, AlertsModel::ColumnCount> AlertsModel::kColumns = {{
    {.title = "Time",
     .tip = "When it happened (local time)",
     .display = [](const EngineAlert& a) -> QVariant { return formatTime(a.at); }},
    {.title = "Severity",
     .tip = "Warning or Error",
     .display = [](const EngineAlert& a) -> QVariant { return isError(a) ? tr("Error") : tr("Warning"); },
     .foreground = [](const EngineAlert& a) -> QVariant {
         return QBrush(isError(a) ? profitColor(false) : statusColor(OrdStatus::PendingNew));
     }},
    {.title = "Order",
     .tip = "The internal id of the order concerned",
     .display = [](const EngineAlert& a) { return a.orderId ? QVariant(qlonglong(a.orderId)) : QVariant(); }},
    {.title = "Message",
     .tip = "What happened and why",
     .display = [](const EngineAlert& a) -> QVariant { return toQString(a.message); },
     .toolTip = [](const EngineAlert& a) -> QVariant { return toQString(a.message); }},
}};

AlertsModel::AlertsModel(QObject* parent) : QAbstractTableModel(parent) {}

int AlertsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(alerts_.size()); }

int AlertsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const EngineAlert* AlertsModel::alertAt(int row) const {
    return row >= 0 && row < int(alerts_.size()) ? &alerts_[alerts_.size() - 1 - std::size_t(row)] : nullptr;
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const {
    const auto* alert = alertAt(index.row());
    if (!alert || index.column() < 0 || index.column() >= ColumnCount) return {};
    if (role == OrderIdRole) return qlonglong(alert->orderId);
    return columnData(kColumns[std::size_t(index.column())], *alert, role);
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<EngineAlert>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
}

void AlertsModel::add(const std::vector<EngineAlert>& alerts) {
    if (alerts.empty()) return;
    beginInsertRows({}, 0, int(alerts.size()) - 1);
    alerts_.insert(alerts_.end(), alerts.begin(), alerts.end());
    endInsertRows();
}

}  // namespace ob::ui

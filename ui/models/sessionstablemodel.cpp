#include "sessionstablemodel.h"

#include "format.h"
#include "theme.h"

#include <QBrush>

namespace ob::ui {

namespace {

bool sameShown(const FixSessionInfo& a, const FixSessionInfo& b) {
    return a.id == b.id && a.state == b.state && a.nextSenderMsgSeqNum == b.nextSenderMsgSeqNum &&
           a.nextTargetMsgSeqNum == b.nextTargetMsgSeqNum && a.lastEvent == b.lastEvent && a.lastError == b.lastError;
}

}  // namespace

SessionNames sessionNames(const std::vector<FixSessionInfo>& sessions) {
    SessionNames names;
    for (const auto& session : sessions) names.emplace(session.id, toQString(session.alias));
    return names;
}

QColor sessionStateColor(FixSessionInfo::State state) {
    switch (state) {
        case FixSessionInfo::State::LoggedOn: return profitColor(true);
        case FixSessionInfo::State::Connecting: return statusColor(OrdStatus::PendingNew);
        case FixSessionInfo::State::Error: return profitColor(false);
        case FixSessionInfo::State::Disconnected: return mutedColor();
    }
    return mutedColor();
}

const std::array<ColumnSpec<FixSessionInfo>, SessionsTableModel::ColumnCount> SessionsTableModel::kColumns = {{
    {.title = "Broker",
     .tip = "The session's SessionAlias (else its TargetCompID)",
     .display = [](const FixSessionInfo& s) -> QVariant { return toQString(s.alias); }},
    {.title = "Session",
     .tip = "BeginString:SenderCompID->TargetCompID",
     .display = [](const FixSessionInfo& s) -> QVariant { return toQString(s.id); }},
    {.title = "State",
     .tip = "Disconnected, Connecting, LoggedOn or Error",
     .display = [](const FixSessionInfo& s) -> QVariant { return toQString(nameOf(s.state)); },
     .foreground = [](const FixSessionInfo& s) -> QVariant { return QBrush(sessionStateColor(s.state)); }},
    {.title = "Next out",
     .tip = "MsgSeqNum of the next message we send",
     .alignment = Qt::AlignRight,
     .display = [](const FixSessionInfo& s) -> QVariant { return s.nextSenderMsgSeqNum; }},
    {.title = "Next in",
     .tip = "MsgSeqNum we expect next from the counterparty",
     .alignment = Qt::AlignRight,
     .display = [](const FixSessionInfo& s) -> QVariant { return s.nextTargetMsgSeqNum; }},
    {.title = "Last event",
     .tip = "The session's last event",
     .display = [](const FixSessionInfo& s) -> QVariant { return toQString(s.lastEvent); },
     .toolTip = [](const FixSessionInfo& s) -> QVariant {
         if (!s.lastEventAt.time_since_epoch().count()) return {};
         return QStringLiteral("at %1").arg(formatTime(s.lastEventAt));
     }},
    {.title = "Last error",
     .tip = "The last error, until the next logon",
     .display = [](const FixSessionInfo& s) -> QVariant { return toQString(s.lastError); }},
}};

SessionsTableModel::SessionsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int SessionsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(sessions_.size()); }

int SessionsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const FixSessionInfo* SessionsTableModel::sessionAt(int row) const {
    return row >= 0 && row < int(sessions_.size()) ? &sessions_[std::size_t(row)] : nullptr;
}

QVariant SessionsTableModel::data(const QModelIndex& index, int role) const {
    const auto* session = sessionAt(index.row());
    if (!session || index.column() < 0 || index.column() >= ColumnCount) return {};
    return columnData(kColumns[std::size_t(index.column())], *session, role);
}

QVariant SessionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<FixSessionInfo>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
}

void SessionsTableModel::refresh(std::vector<FixSessionInfo> sessions) {
    if (sessions.size() != sessions_.size()) {
        beginResetModel();  // sessions come from the settings file: this happens once
        sessions_ = std::move(sessions);
        endResetModel();
        return;
    }
    for (std::size_t row = 0; row < sessions.size(); ++row) {
        if (sameShown(sessions[row], sessions_[row])) continue;
        sessions_[row] = std::move(sessions[row]);
        Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
    }
}

}  // namespace ob::ui

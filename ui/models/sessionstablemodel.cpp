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

SessionsTableModel::SessionsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int SessionsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(sessions_.size()); }

int SessionsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const FixSessionInfo* SessionsTableModel::sessionAt(int row) const {
    return row >= 0 && row < int(sessions_.size()) ? &sessions_[std::size_t(row)] : nullptr;
}

QVariant SessionsTableModel::data(const QModelIndex& index, int role) const {
    const auto* session = sessionAt(index.row());
    if (!session) return {};
    if (role == Qt::ForegroundRole && index.column() == State) return QBrush(sessionStateColor(session->state));
    if (role == Qt::ToolTipRole && index.column() == LastEvent && session->lastEventAt.time_since_epoch().count())
        return QStringLiteral("at %1").arg(formatTime(session->lastEventAt));
    if (role == Qt::TextAlignmentRole)
        return int((index.column() == NextOut || index.column() == NextIn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Broker: return toQString(session->alias);
        case Session: return toQString(session->id);
        case State: return toQString(nameOf(session->state));
        case NextOut: return session->nextSenderMsgSeqNum;
        case NextIn: return session->nextTargetMsgSeqNum;
        case LastEvent: return toQString(session->lastEvent);
        case LastError: return toQString(session->lastError);
        default: return {};
    }
}

QVariant SessionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* const titles[ColumnCount] = {"Broker",  "Session",    "State",     "Next out",
                                                    "Next in", "Last event", "Last error"};
    static const char* const tips[ColumnCount] = {"The session's SessionAlias (else its TargetCompID)",
                                                  "BeginString:SenderCompID->TargetCompID",
                                                  "Disconnected, Connecting, LoggedOn or Error",
                                                  "MsgSeqNum of the next message we send",
                                                  "MsgSeqNum we expect next from the counterparty",
                                                  "The session's last event",
                                                  "The last error, until the next logon"};
    if (role == Qt::DisplayRole) return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(tips[section]);
    return {};
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

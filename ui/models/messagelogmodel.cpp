#include "messagelogmodel.h"

#include "fix/fixdictionary.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

#include <algorithm>

namespace ob::ui {

MessageLogModel::MessageLogModel(std::size_t capacity, QObject* parent) : QAbstractTableModel(parent), capacity_(capacity) {}

int MessageLogModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int MessageLogModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const LoggedMessage* MessageLogModel::messageAt(int row) const {
    return row >= 0 && row < int(rows_.size()) ? &rows_[std::size_t(row)].message : nullptr;
}

QString MessageLogModel::typeName(const std::string& msgType) {
    const auto name = FixDictionary::valueName(35, msgType);
    return name.empty() ? toQString(msgType) : toQString(name);
}

QString MessageLogModel::summarize(const std::string& text) {
    // The fields that tell one order message from another, in this order.
    static const int kShown[] = {11, 41, 37, 17, 150, 39, 55, 54, 38, 40, 44, 32, 31, 14, 151, 58, 45, 373, 262};
    QStringList parts;
    const auto fields = FixDictionary::decode(text);
    for (int tag : kShown) {
        auto field = std::find_if(fields.begin(), fields.end(), [tag](const DecodedField& f) { return f.tag == tag; });
        if (field == fields.end()) continue;
        parts << QStringLiteral("%1=%2").arg(toQString(field->name),
                                             toQString(field->valueName.empty() ? field->value : field->valueName));
    }
    return parts.join(QLatin1Char(' '));
}

const QString& MessageLogModel::summaryOf(const Row& row) const {
    if (!row.summarized) {
        row.summary = summarize(row.message.text);
        row.summarized = true;
    }
    return row.summary;
}

QVariant MessageLogModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= int(rows_.size())) return {};
    const auto& row = rows_[std::size_t(index.row())];
    const auto& message = row.message;
    if (role == Qt::ForegroundRole && index.column() == Direction)
        return QBrush(message.incoming ? sideColor(Side::Buy) : statusColor(OrdStatus::New));
    if (role == Qt::ToolTipRole && index.column() == Summary) return summaryOf(row);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Time: return formatTime(message.at);
        case Session: {
            const auto name = sessionNames_.find(message.session);
            return name == sessionNames_.end() ? toQString(message.session) : name->second;
        }
        case Direction: return message.incoming ? tr("In") : tr("Out");
        case SeqNum: return message.msgSeqNum;
        case Type: return typeName(message.msgType);
        case Summary: return summaryOf(row);
        default: return {};
    }
}

QVariant MessageLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const char* const titles[ColumnCount] = {"Time", "Session", "Dir", "Seq", "Type", "Summary"};
    static const char* const tips[ColumnCount] = {"When the message crossed the wire (local time)",
                                                  "The FIX session",
                                                  "In: from the counterparty; Out: sent by the desk",
                                                  "MsgSeqNum (34)",
                                                  "MsgType (35)",
                                                  "The message's main fields, with their values' names"};
    if (role == Qt::DisplayRole) return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(tips[section]);
    return {};
}

void MessageLogModel::reset(const std::vector<LoggedMessage>& messages) {
    beginResetModel();
    rows_.clear();
    lastId_ = 0;
    const auto first = messages.size() > capacity_ ? messages.size() - capacity_ : 0;
    for (auto i = first; i < messages.size(); ++i) rows_.push_back({messages[i], {}, false});
    if (!messages.empty()) lastId_ = messages.back().id;
    endResetModel();
}

void MessageLogModel::append(const std::vector<LoggedMessage>& messages) {
    if (messages.empty()) return;
    lastId_ = std::max(lastId_, messages.back().id);
    const auto incoming = std::min(messages.size(), capacity_);
    const auto overflow = rows_.size() + incoming > capacity_ ? rows_.size() + incoming - capacity_ : 0;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        rows_.erase(rows_.begin(), rows_.begin() + std::ptrdiff_t(overflow));
        endRemoveRows();
    }
    const int first = int(rows_.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    for (auto i = messages.size() - incoming; i < messages.size(); ++i) rows_.push_back({messages[i], {}, false});
    endInsertRows();
}

}  // namespace ob::ui

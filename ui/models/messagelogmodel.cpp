#include "messagelogmodel.h"

#include "fix/fixdictionary.h"
#include "format.h"
#include "theme.h"

#include <QBrush>

#include <algorithm>

namespace ob::ui {

const std::array<ColumnSpec<MessageLogModel::Cell>, MessageLogModel::ColumnCount> MessageLogModel::kColumns = {{
    {.title = "Time",
     .tip = "When the message crossed the wire (local time)",
     .display = [](const Cell& c) -> QVariant { return formatTime(c.row.message.at); }},
    {.title = "Session",
     .tip = "The FIX session",
     .display = [](const Cell& c) -> QVariant {
         const auto name = c.model.sessionNames_.find(c.row.message.session);
         return name == c.model.sessionNames_.end() ? toQString(c.row.message.session) : name->second;
     }},
    {.title = "Dir",
     .tip = "In: from the counterparty; Out: sent by the desk",
     .display = [](const Cell& c) -> QVariant { return c.row.message.incoming ? tr("In") : tr("Out"); },
     .foreground = [](const Cell& c) -> QVariant {
         return QBrush(c.row.message.incoming ? sideColor(Side::Buy) : statusColor(OrdStatus::New));
     }},
    {.title = "Seq", .tip = "MsgSeqNum (34)", .display = [](const Cell& c) -> QVariant { return c.row.message.msgSeqNum; }},
    {.title = "Type",
     .tip = "MsgType (35)",
     .display = [](const Cell& c) -> QVariant { return typeName(c.row.message.msgType); }},
    {.title = "Summary",
     .tip = "The message's main fields, with their values' names",
     .display = [](const Cell& c) -> QVariant { return c.model.summaryOf(c.row); },
     .toolTip = [](const Cell& c) -> QVariant { return c.model.summaryOf(c.row); }},
}};

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
    if (index.row() < 0 || index.row() >= int(rows_.size()) || index.column() < 0 || index.column() >= ColumnCount) return {};
    return columnData(kColumns[std::size_t(index.column())], Cell{*this, rows_[std::size_t(index.row())]}, role);
}

QVariant MessageLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Cell>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
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

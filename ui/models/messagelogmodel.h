#pragma once

#include "fix/messagelog.h"
#include "models/columns.h"
#include "models/sessionstablemodel.h"

#include <QAbstractTableModel>

#include <array>
#include <deque>

namespace ob::ui {

/// FIX messages from the message log, newest last, with each message's type
/// by name and a one-line summary of the fields a trader looks for. It keeps
/// at most `capacity` rows, dropping the oldest.
class MessageLogModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Session, Direction, SeqNum, Type, Summary, ColumnCount };

    explicit MessageLogModel(std::size_t capacity = 50'000, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSessionNames(SessionNames names) { sessionNames_ = std::move(names); }
    void reset(const std::vector<LoggedMessage>& messages);
    void append(const std::vector<LoggedMessage>& messages);
    const LoggedMessage* messageAt(int row) const;
    std::uint64_t lastId() const { return lastId_; }

    /// "NewOrderSingle", or the MsgType itself when it has no name.
    static QString typeName(const std::string& msgType);
    /// The fields a trader looks for, "ClOrdID=… Symbol=… Side=Buy …".
    static QString summarize(const std::string& text);

private:
    struct Row {
        LoggedMessage message;
        mutable QString summary;  ///< made when first shown: most rows never are
        mutable bool summarized = false;
    };
    struct Cell {
        const MessageLogModel& model;
        const Row& row;
    };
    static const std::array<ColumnSpec<Cell>, ColumnCount> kColumns;

    const QString& summaryOf(const Row& row) const;

    std::size_t capacity_;
    std::deque<Row> rows_;
    std::uint64_t lastId_ = 0;
    SessionNames sessionNames_;
};

}  // namespace ob::ui

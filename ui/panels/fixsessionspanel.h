#pragma once

#include "fix/messagelog.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ob {
class FixGateway;
}

namespace ob::ui {

class FixMessageView;
class MessageLogModel;
class SessionsTableModel;

/// The FIX sessions: each one's state and sequence numbers with connect,
/// disconnect and reset; below, the message log, filtered by session,
/// direction, message type and text, with the selected message decoded.
class FixSessionsPanel final : public QWidget {
    Q_OBJECT

public:
    explicit FixSessionsPanel(FixGateway& gateway, QWidget* parent = nullptr);

    SessionsTableModel* sessionsModel() const { return sessions_; }
    MessageLogModel* messagesModel() const { return messages_; }
    QTableView* sessionsView() const { return sessionsView_; }
    QTableView* messagesView() const { return messagesView_; }
    FixMessageView* messageView() const { return messageView_; }
    QComboBox* sessionFilter() const { return sessionFilter_; }
    QComboBox* directionFilter() const { return directionFilter_; }
    QComboBox* typeFilter() const { return typeFilter_; }
    QLineEdit* textFilter() const { return textFilter_; }

public Q_SLOTS:
    /// Reads the sessions' state and the new messages (a timer calls it twice a second).
    void poll();
    /// Queries the log again with the filters (off the GUI thread).
    void requery();

private:
    std::string selectedSession() const;
    MessageLog::Filter currentFilter() const;
    void updateActions();

    FixGateway& gateway_;
    SessionsTableModel* sessions_;
    MessageLogModel* messages_;
    QTableView* sessionsView_;
    QTableView* messagesView_;
    FixMessageView* messageView_;
    QPushButton* connect_;
    QPushButton* disconnect_;
    QPushButton* reset_;
    QComboBox* sessionFilter_;
    QComboBox* directionFilter_;
    QComboBox* typeFilter_;
    QLineEdit* textFilter_;
    QLabel* messageCount_;
    bool querying_ = false;
    int generation_ = 0;  ///< the filters' version: results of an older query are dropped
};

}  // namespace ob::ui

#include "fixsessionspanel.h"

#include "fix/fixgateway.h"
#include "format.h"
#include "futures.h"
#include "models/messagelogmodel.h"
#include "models/sessionstablemodel.h"
#include "widgets/fixmessageview.h"
#include "widgets/tablestyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <future>

namespace ob::ui {

namespace {

QTableView* tableView(QWidget* parent, QAbstractItemModel* model, const QString& name) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    styleTable(view);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    return view;
}

}  // namespace

FixSessionsPanel::FixSessionsPanel(FixGateway& gateway, QWidget* parent)
    : QWidget(parent)
    , gateway_(gateway)
    , sessions_(new SessionsTableModel(this))
    , messages_(new MessageLogModel(50'000, this))
    , sessionsView_(tableView(this, sessions_, QStringLiteral("sessionsView")))
    , messagesView_(tableView(this, messages_, QStringLiteral("messagesView")))
    , messageView_(new FixMessageView(this))
    , connect_(new QPushButton(tr("&Connect"), this))
    , disconnect_(new QPushButton(tr("&Disconnect"), this))
    , reset_(new QPushButton(tr("&Reset sequence…"), this))
    , sessionFilter_(new QComboBox(this))
    , directionFilter_(new QComboBox(this))
    , typeFilter_(new QComboBox(this))
    , textFilter_(new QLineEdit(this))
    , messageCount_(new QLabel(this)) {
    setObjectName(QStringLiteral("fixSessions"));
    connect_->setObjectName(QStringLiteral("sessionConnect"));
    disconnect_->setObjectName(QStringLiteral("sessionDisconnect"));
    reset_->setObjectName(QStringLiteral("sessionReset"));
    connect_->setToolTip(tr("Log the selected session on"));
    disconnect_->setToolTip(tr("Log the selected session out; orders stay as they are at the broker"));
    reset_->setToolTip(tr("Log out and start both sequence numbers again at 1 (only by agreement with the broker)"));

    sessionFilter_->setObjectName(QStringLiteral("messageSessionFilter"));
    sessionFilter_->addItem(tr("All sessions"));
    const auto sessions = gateway_.sessions();
    for (const auto& session : sessions) sessionFilter_->addItem(toQString(session.alias), toQString(session.id));
    messages_->setSessionNames(sessionNames(sessions));
    directionFilter_->setObjectName(QStringLiteral("messageDirectionFilter"));
    directionFilter_->addItem(tr("In and out"), 0);
    directionFilter_->addItem(tr("In"), 1);
    directionFilter_->addItem(tr("Out"), 2);
    typeFilter_->setObjectName(QStringLiteral("messageTypeFilter"));
    typeFilter_->addItem(tr("All but market data"), QStringLiteral("-md"));
    typeFilter_->addItem(tr("All types"));
    for (const char* type : {"D", "F", "G", "8", "9", "3", "j", "V", "W", "X", "A", "5", "0", "1", "2", "4"})
        typeFilter_->addItem(QStringLiteral("%1 (%2)").arg(MessageLogModel::typeName(type), QString::fromLatin1(type)),
                             QString::fromLatin1(type));
    textFilter_->setObjectName(QStringLiteral("messageTextFilter"));
    textFilter_->setPlaceholderText(tr("Contains, e.g. 11=C20261129-42 or AAPL ('|' for SOH)"));
    textFilter_->setClearButtonEnabled(true);

    connect(connect_, &QPushButton::clicked, this, [this] { gateway_.connect(selectedSession()); });
    connect(disconnect_, &QPushButton::clicked, this, [this] { gateway_.disconnect(selectedSession()); });
    connect(reset_, &QPushButton::clicked, this, [this] {
        const auto session = selectedSession();
        const auto answer = QMessageBox::warning(
            this, tr("Reset sequence numbers"),
            tr("Log %1 out and start both sequence numbers again at 1?\n\nDo this only when the broker does the same (a new FIX "
               "session day). Messages not yet recovered are not resent afterwards.")
                .arg(toQString(session)),
            QMessageBox::Reset | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer == QMessageBox::Reset) gateway_.reset(session);
    });
    connect(sessionsView_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FixSessionsPanel::updateActions);
    for (auto* box : {sessionFilter_, directionFilter_, typeFilter_})
        connect(box, &QComboBox::currentIndexChanged, this, &FixSessionsPanel::requery);
    auto* textDelay = new QTimer(this);
    textDelay->setSingleShot(true);
    textDelay->setInterval(250);
    connect(textFilter_, &QLineEdit::textChanged, textDelay, qOverload<>(&QTimer::start));
    connect(textDelay, &QTimer::timeout, this, &FixSessionsPanel::requery);
    connect(messagesView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        const auto* message = messages_->messageAt(current.row());
        messageView_->showMessage(message ? message->text : std::string());
    });

    auto* actions = new QHBoxLayout;
    actions->addWidget(connect_);
    actions->addWidget(disconnect_);
    actions->addWidget(reset_);
    actions->addStretch(1);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(sessionsView_, 1);
    topLayout->addLayout(actions);

    auto* filters = new QHBoxLayout;
    filters->addWidget(sessionFilter_);
    filters->addWidget(directionFilter_);
    filters->addWidget(typeFilter_);
    filters->addWidget(textFilter_, 1);
    filters->addWidget(messageCount_);
    auto* log = new QWidget(this);
    auto* logLayout = new QVBoxLayout(log);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addLayout(filters);
    auto* logSplit = new QSplitter(Qt::Horizontal, log);
    logSplit->addWidget(messagesView_);
    logSplit->addWidget(messageView_);
    logSplit->setStretchFactor(0, 3);
    logSplit->setStretchFactor(1, 2);
    logLayout->addWidget(logSplit, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(log);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    const int character = fontMetrics().averageCharWidth();
    for (auto [column, characters] : {std::pair{int(MessageLogModel::Time), 17},
                                      {int(MessageLogModel::Session), 10},
                                      {int(MessageLogModel::Direction), 5},
                                      {int(MessageLogModel::SeqNum), 8},
                                      {int(MessageLogModel::Type), 19}})
        messagesView_->horizontalHeader()->resizeSection(column, character * characters);
    for (auto [column, characters] : {std::pair{int(SessionsTableModel::Broker), 10},
                                      {int(SessionsTableModel::Session), 30},
                                      {int(SessionsTableModel::State), 14},
                                      {int(SessionsTableModel::NextOut), 10},
                                      {int(SessionsTableModel::NextIn), 10},
                                      {int(SessionsTableModel::LastEvent), 24}})
        sessionsView_->horizontalHeader()->resizeSection(column, character * characters);

    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &FixSessionsPanel::poll);
    timer->start(500);
    poll();
    if (sessions_->rowCount() > 0) sessionsView_->selectRow(0);
    updateActions();
    requery();
}

std::string FixSessionsPanel::selectedSession() const {
    const auto rows = sessionsView_->selectionModel()->selectedRows();
    const auto* session = sessions_->sessionAt(rows.isEmpty() ? -1 : rows.first().row());
    return session ? session->id : std::string();
}

void FixSessionsPanel::updateActions() {
    const auto rows = sessionsView_->selectionModel()->selectedRows();
    const auto* session = sessions_->sessionAt(rows.isEmpty() ? -1 : rows.first().row());
    const bool up = session && session->state == FixSessionInfo::State::LoggedOn;
    connect_->setEnabled(session && !up);
    disconnect_->setEnabled(session && session->state != FixSessionInfo::State::Disconnected);
    reset_->setEnabled(session != nullptr);
}

void FixSessionsPanel::poll() {
    sessions_->refresh(gateway_.sessions());
    updateActions();
    if (querying_) return;  // the running query brings the log up to date
    // New messages only: the log stops at the first one already shown.
    auto filter = currentFilter();
    filter.afterId = messages_->lastId();
    auto* scroll = messagesView_->verticalScrollBar();
    const bool following = scroll->value() == scroll->maximum();
    const auto fresh = gateway_.messageLog().query(filter);
    if (fresh.empty()) return;
    messages_->append(fresh);
    messageCount_->setText(counted(messages_->rowCount(), "message", "messages"));
    if (following) messagesView_->scrollToBottom();
}

MessageLog::Filter FixSessionsPanel::currentFilter() const {
    MessageLog::Filter filter;
    filter.session = sessionFilter_->currentData().toString().toStdString();
    filter.direction = directionFilter_->currentData().toInt();
    const auto type = typeFilter_->currentData().toString();
    filter.withoutMarketData = type == QLatin1String("-md");
    if (!filter.withoutMarketData) filter.msgType = type.toStdString();
    filter.contains = textFilter_->text().toStdString();
    filter.limit = 50'000;
    return filter;
}

void FixSessionsPanel::requery() {
    const auto filter = currentFilter();
    querying_ = true;
    const int generation = ++generation_;
    auto& log = gateway_.messageLog();
    whenReady(this, inBackground([&log, filter] { return log.query(filter); }),
              [this, generation](std::vector<LoggedMessage> found) {
                  if (generation != generation_) return;  // the filters changed again meanwhile
                  querying_ = false;
                  messages_->reset(found);
                  messageCount_->setText(counted(messages_->rowCount(), "message", "messages"));
                  messagesView_->scrollToBottom();
              });
}

}  // namespace ob::ui

#include "blotterwidget.h"

#include "format.h"
#include "orders/order.h"
#include "util/csv.h"
#include "util/files.h"
#include "widgets/tablestyle.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QShortcut>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ob::ui {

namespace {

QComboBox* combo(QWidget* parent, const QString& name, const QString& tip) {
    auto* box = new QComboBox(parent);
    box->setObjectName(name);
    box->setToolTip(tip);
    // Narrow enough that a docked blotter fits beside others on a laptop screen.
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(9);
    return box;
}

}  // namespace

BlotterWidget::BlotterWidget(QAbstractItemModel* model, const QString& objectName, const Options& options, QWidget* parent)
    : QWidget(parent)
    , options_(options)
    , text_(new QLineEdit(this))
    , side_(combo(this, objectName + QStringLiteral("Side"), tr("Show one side only")))
    , account_(combo(this, objectName + QStringLiteral("Account"), tr("Show one account only")))
    , symbol_(combo(this, objectName + QStringLiteral("Symbol"), tr("Show one instrument only")))
    , status_(combo(this, objectName + QStringLiteral("Status"), tr("Show one status only")))
    , count_(new QLabel(this))
    , view_(new QTableView(this))
    , proxy_(new BlotterProxy(model, this))
    , columnsMenu_(new QMenu(tr("Columns"), this)) {
    setObjectName(objectName);

    text_->setPlaceholderText(tr("Filter: symbol, account, ClOrdID, broker id, text…"));
    text_->setMinimumWidth(text_->fontMetrics().averageCharWidth() * 12);
    text_->setClearButtonEnabled(true);
    text_->setObjectName(objectName + QStringLiteral("Filter"));
    text_->setToolTip(tr("Shows the rows where any text field contains this (any case)"));

    if (options.stageFilter) {
        stage_ = combo(this, objectName + QStringLiteral("Stage"), tr("Working orders, finished orders or all"));
        stage_->addItem(tr("All orders"), int(BlotterFilter::Stage::All));
        stage_->addItem(tr("Working"), int(BlotterFilter::Stage::Working));
        stage_->addItem(tr("Done"), int(BlotterFilter::Stage::Done));
    }
    side_->addItem(tr("Any side"));
    for (auto side : {Side::Buy, Side::Sell, Side::SellShort}) side_->addItem(toQString(nameOf(side)), int(side));
    symbol_->setEditable(true);
    symbol_->setInsertPolicy(QComboBox::NoInsert);
    setChoices(options.accounts, options.symbols);
    symbol_->lineEdit()->setPlaceholderText(tr("Any symbol"));
    symbol_->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    symbol_->completer()->setCompletionMode(QCompleter::PopupCompletion);
    status_->addItem(tr("Any status"));
    for (const auto& entry : EnumTable<OrdStatus>::entries) status_->addItem(toQString(entry.name), int(entry.value));

    connect(text_, &QLineEdit::textChanged, this, &BlotterWidget::applyFilter);
    for (auto* box : {stage_, side_, account_, status_})
        if (box) connect(box, &QComboBox::currentIndexChanged, this, &BlotterWidget::applyFilter);
    connect(symbol_, &QComboBox::currentTextChanged, this, &BlotterWidget::applyFilter);

    view_->setObjectName(objectName + QStringLiteral("View"));
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(0, Qt::DescendingOrder);
    styleTable(view_);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->horizontalHeader()->setSectionsMovable(true);
    view_->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& at) { columnsMenu_->popup(view_->horizontalHeader()->mapToGlobal(at)); });
    connect(view_, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& at) { Q_EMIT contextMenuRequested(view_->viewport()->mapToGlobal(at)); });
    connect(view_, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex& index) { Q_EMIT activated(proxy_->mapToSource(index).row()); });
    connect(columnsMenu_, &QMenu::aboutToShow, this, [this] { fillColumnsMenu(columnsMenu_); });
    auto* copy = new QShortcut(QKeySequence::Copy, view_, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &BlotterWidget::copySelection);

    auto* columns = new QToolButton(this);
    columns->setText(tr("Columns"));
    columns->setToolTip(tr("Choose the columns to show (also on the header's context menu)"));
    columns->setMenu(columnsMenu_);
    columns->setPopupMode(QToolButton::InstantPopup);
    columns->setObjectName(objectName + QStringLiteral("Columns"));

    connect(proxy_, &QAbstractItemModel::rowsInserted, this, &BlotterWidget::updateCount);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, &BlotterWidget::updateCount);
    connect(proxy_, &QAbstractItemModel::modelReset, this, &BlotterWidget::updateCount);
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, &BlotterWidget::updateCount);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(6);
    bar->addWidget(text_, 3);
    if (stage_) bar->addWidget(stage_);
    bar->addWidget(side_);
    bar->addWidget(account_);
    bar->addWidget(symbol_, 1);
    bar->addWidget(status_);
    bar->addWidget(columns);
    bar->addWidget(count_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
    updateCount();
}

void BlotterWidget::setChoices(const QStringList& accounts, const QStringList& symbols) {
    const QSignalBlocker keepFilter(account_), keepSymbol(symbol_);
    const auto account = account_->currentData();
    const auto symbol = symbol_->currentText();
    account_->clear();
    account_->addItem(tr("Any account"));
    for (const auto& code : accounts) account_->addItem(code, code);
    account_->setCurrentIndex(std::max(0, account_->findData(account)));
    symbol_->clear();
    symbol_->addItem(QString());
    symbol_->addItems(symbols);
    symbol_->setCurrentText(symbol);
}

void BlotterWidget::applyFilter() {
    BlotterFilter filter;
    filter.text = text_->text().trimmed().toLower().toStdString();
    if (stage_) filter.stage = BlotterFilter::Stage(stage_->currentData().toInt());
    if (side_->currentIndex() > 0) filter.side = Side(side_->currentData().toInt());
    if (account_->currentIndex() > 0) filter.account = account_->currentData().toString().toStdString();
    filter.symbol = symbol_->currentText().trimmed().toUpper().toStdString();
    if (status_->currentIndex() > 0) filter.status = OrdStatus(status_->currentData().toInt());
    proxy_->setFilter(std::move(filter));
    updateCount();
}

QVariantMap BlotterWidget::saveFilters() const {
    // By value, not by position: the accounts and symbols on offer may differ at the next start.
    QVariantMap filters{{QStringLiteral("text"), text_->text()},
                        {QStringLiteral("side"), side_->currentData()},
                        {QStringLiteral("account"), account_->currentData()},
                        {QStringLiteral("symbol"), symbol_->currentText()},
                        {QStringLiteral("status"), status_->currentData()}};
    if (stage_) filters.insert(QStringLiteral("stage"), stage_->currentData());
    return filters;
}

void BlotterWidget::restoreFilters(const QVariantMap& filters) {
    if (filters.isEmpty()) return;  // nothing saved yet: the blotter's own defaults
    auto choose = [&](QComboBox* box, const QString& key) {
        if (!box) return;
        const auto value = filters.value(key);
        const int index = value.isValid() ? box->findData(value) : -1;
        box->setCurrentIndex(std::max(index, 0));
    };
    text_->setText(filters.value(QStringLiteral("text")).toString());
    choose(stage_, QStringLiteral("stage"));
    choose(side_, QStringLiteral("side"));
    choose(account_, QStringLiteral("account"));
    choose(status_, QStringLiteral("status"));
    symbol_->setCurrentText(filters.value(QStringLiteral("symbol")).toString());
}

void BlotterWidget::updateCount() {
    if (!sized_ && proxy_->rowCount() > 0) {
        sized_ = true;
        view_->resizeColumnsToContents();
    }
    const int shown = proxy_->rowCount();
    const int total = proxy_->sourceModel()->rowCount();
    count_->setText(shown == total ? counted(total, "row", "rows")
                                   : tr("%1 of %2 rows").arg(QLocale().toString(shown), QLocale().toString(total)));
}

void BlotterWidget::fillColumnsMenu(QMenu* menu) const {
    menu->clear();
    auto* header = view_->horizontalHeader();
    auto* model = proxy_->sourceModel();
    for (int column = 0; column < model->columnCount(); ++column) {
        auto* action = menu->addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setToolTip(model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
        connect(action, &QAction::toggled, header, [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
}

std::vector<int> BlotterWidget::shownColumns() const {
    std::vector<int> columns;
    auto* header = view_->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical)) columns.push_back(logical);
    }
    return columns;
}

std::vector<int> BlotterWidget::visibleSourceRows() const {
    std::vector<int> rows;
    rows.reserve(std::size_t(proxy_->rowCount()));
    for (int row = 0; row < proxy_->rowCount(); ++row) rows.push_back(proxy_->mapToSource(proxy_->index(row, 0)).row());
    return rows;
}

std::vector<int> BlotterWidget::selectedSourceRows() const {
    auto selected = view_->selectionModel()->selectedRows();
    std::sort(selected.begin(), selected.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    std::vector<int> rows;
    for (const auto& index : selected) rows.push_back(proxy_->mapToSource(index).row());
    return rows;
}

Status BlotterWidget::exportCsv(const QString& path) const {
    const auto columns = shownColumns();
    auto* model = proxy_->sourceModel();
    std::string text;
    for (std::size_t i = 0; i < columns.size(); ++i)
        text += (i ? "," : "") + csvField(model->headerData(columns[i], Qt::Horizontal).toString().toStdString());
    text += '\n';
    for (int row : visibleSourceRows()) {
        for (std::size_t i = 0; i < columns.size(); ++i)
            text += (i ? "," : "") + csvField(model->index(row, columns[i]).data(options_.exportRole).toString().toStdString());
        text += '\n';
    }
    return writeFile(path.toStdString(), text);
}

QString BlotterWidget::selectionAsText() const {
    const auto columns = shownColumns();
    auto* model = proxy_->sourceModel();
    QStringList lines;
    QStringList header;
    for (int column : columns) header << model->headerData(column, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('\t'));
    for (int row : selectedSourceRows()) {
        QStringList cells;
        for (int column : columns) cells << model->index(row, column).data().toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void BlotterWidget::copySelection() const {
    if (!selectedSourceRows().empty()) QApplication::clipboard()->setText(selectionAsText());
}

QByteArray BlotterWidget::saveHeaderState() const { return view_->horizontalHeader()->saveState(); }

void BlotterWidget::restoreHeaderState(const QByteArray& state) {
    if (!state.isEmpty() && view_->horizontalHeader()->restoreState(state)) sized_ = true;
}

}  // namespace ob::ui

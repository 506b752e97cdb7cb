#include "referencedatadialog.h"

#include "engine/orderengine.h"
#include "enginefeed.h"
#include "format.h"
#include "formats/referenceexport.h"
#include "futures.h"
#include "models/referencetablemodel.h"
#include "referencerowdialog.h"
#include "util/csv.h"
#include "util/files.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ob::ui {

namespace {

constexpr std::array kKinds{ReferenceKind::Instruments, ReferenceKind::Funds, ReferenceKind::Accounts, ReferenceKind::FxRates};

QString titleOf(ReferenceKind kind) {
    switch (kind) {
        case ReferenceKind::Instruments: return QObject::tr("Instruments");
        case ReferenceKind::Funds: return QObject::tr("Funds");
        case ReferenceKind::Accounts: return QObject::tr("Accounts");
        case ReferenceKind::FxRates: return QObject::tr("FX rates");
    }
    return {};
}

/// Rows typed in a form, read as the same rows in a file would be: one set of checks for both.
Result<ReferenceFile> readRows(ReferenceKind kind, const QStringList& headers, const QStringList& fields) {
    std::string text;
    for (int column = 0; column < headers.size(); ++column) text += (column ? "," : "") + csvField(headers[column].toStdString());
    text += "\n";
    for (int column = 0; column < fields.size(); ++column) text += (column ? "," : "") + csvField(fields[column].toStdString());
    text += "\n";
    auto table = CsvTable::parse(text);
    if (!table) return Error{table.error()};
    return parseReferenceFile(kind, *table);
}

/// A form's problem without the line of the one-row file it was read as.
QString withoutLine(std::string problem) {
    constexpr std::string_view kLine = "line 2: ";
    for (auto at = problem.find(kLine); at != std::string::npos; at = problem.find(kLine)) problem.erase(at, kLine.size());
    return toQString(problem);
}

}  // namespace

ReferenceDataDialog::ReferenceDataDialog(OrderEngine& engine, const ReferenceData& reference, const EngineFeed& feed, Actor actor,
                                         QWidget* parent)
    : QDialog(parent), engine_(engine), reference_(reference), actor_(std::move(actor)) {
    setObjectName(QStringLiteral("referenceDataDialog"));
    setWindowTitle(tr("Reference data"));
    tabs_ = new QTabWidget(this);
    for (std::size_t i = 0; i < kKinds.size(); ++i) {
        auto* page = new QWidget(tabs_);
        auto* filter = new QLineEdit(page);
        filter->setObjectName(QStringLiteral("referenceFilter_") + QString::number(i));
        filter->setPlaceholderText(tr("Filter"));
        filter->setClearButtonEnabled(true);
        tables_[i] = new ReferenceTableModel(kKinds[i], this);
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(tables_[i]);
        proxy->setFilterKeyColumn(-1);
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
        views_[i] = new QTableView(page);
        views_[i]->setObjectName(QStringLiteral("referenceTable_") + QString::number(i));
        views_[i]->setModel(proxy);
        views_[i]->setSortingEnabled(true);
        views_[i]->sortByColumn(0, Qt::AscendingOrder);
        views_[i]->setSelectionBehavior(QAbstractItemView::SelectRows);
        views_[i]->setSelectionMode(QAbstractItemView::SingleSelection);
        views_[i]->setEditTriggers(QAbstractItemView::NoEditTriggers);
        views_[i]->verticalHeader()->hide();
        connect(views_[i], &QTableView::doubleClicked, this, [this] { editSelected(false); });
        auto* layout = new QVBoxLayout(page);
        layout->addWidget(filter);
        layout->addWidget(views_[i]);
        tabs_->addTab(page, titleOf(kKinds[i]));
    }
    add_ = new QPushButton(tr("&Add…"), this);
    edit_ = new QPushButton(tr("&Edit…"), this);
    activate_ = new QPushButton(tr("&Deactivate"), this);
    import_ = new QPushButton(tr("&Import CSV…"), this);
    export_ = new QPushButton(tr("E&xport CSV…"), this);
    auto* close = new QPushButton(tr("Close"), this);
    connect(add_, &QPushButton::clicked, this, [this] { editSelected(true); });
    connect(edit_, &QPushButton::clicked, this, [this] { editSelected(false); });
    connect(activate_, &QPushButton::clicked, this, [this] {
        const auto kind = currentKind();
        const auto index = views_[std::size_t(kind)]->currentIndex();
        if (!index.isValid()) return;
        auto* proxy = static_cast<QSortFilterProxyModel*>(views_[std::size_t(kind)]->model());
        const int row = proxy->mapToSource(index).row();
        setActive(kind, table(kind).rowAt(row).value(0), !table(kind).isActive(row));
    });
    connect(import_, &QPushButton::clicked, this, [this] {
        const auto kind = currentKind();
        const auto path = QFileDialog::getOpenFileName(this, tr("Import %1").arg(titleOf(kind).toLower()), QString(),
                                                       tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) importFile(kind, path);
    });
    connect(export_, &QPushButton::clicked, this, [this] {
        const auto kind = currentKind();
        const auto path = QFileDialog::getSaveFileName(
            this, tr("Export %1").arg(titleOf(kind).toLower()),
            QString::fromLatin1(nameOf(kind)).replace(QLatin1Char(' '), QLatin1Char('-')) + QStringLiteral(".csv"),
            tr("CSV files (*.csv)"));
        if (!path.isEmpty()) exportFile(kind, path);
    });
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(tabs_, &QTabWidget::currentChanged, this, &ReferenceDataDialog::updateButtons);

    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("referenceSummary"));
    summary_->setWordWrap(true);
    problems_ = new QPlainTextEdit(this);
    problems_->setObjectName(QStringLiteral("referenceProblems"));
    problems_->setReadOnly(true);
    problems_->setMaximumHeight(120);
    problems_->hide();

    auto* buttons = new QHBoxLayout;
    for (auto* button : {add_, edit_, activate_}) buttons->addWidget(button);
    buttons->addStretch();
    for (auto* button : {import_, export_, close}) buttons->addWidget(button);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs_);
    layout->addWidget(summary_);
    layout->addWidget(problems_);
    layout->addLayout(buttons);
    resize(1100, 640);

    // Whoever changed it (this dialog, another administrator's batch run), the tables show the desk's data.
    connect(&feed, &EngineFeed::referenceChanged, this, &ReferenceDataDialog::refresh);
    refresh();
    for (auto* view : views_)
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ReferenceDataDialog::updateButtons);
}

ReferenceTableModel& ReferenceDataDialog::table(ReferenceKind kind) const { return *tables_[std::size_t(kind)]; }

void ReferenceDataDialog::showKind(ReferenceKind kind) { tabs_->setCurrentIndex(int(kind)); }

ReferenceKind ReferenceDataDialog::currentKind() const { return kKinds[std::size_t(std::max(0, tabs_->currentIndex()))]; }

QString ReferenceDataDialog::outcome() const { return problems_->isHidden() ? summary_->text() : problems_->toPlainText(); }

void ReferenceDataDialog::refresh() {
    for (auto* table : tables_) table->show(reference_);
    for (std::size_t i = 0; i < kKinds.size(); ++i) views_[i]->resizeColumnsToContents();
    updateButtons();
}

void ReferenceDataDialog::updateButtons() {
    const bool administrator = actor_.may(Permission::ManageReference);
    const auto kind = currentKind();
    const auto index = views_[std::size_t(kind)]->currentIndex();
    for (auto* button : {add_, import_}) button->setEnabled(administrator);
    edit_->setEnabled(administrator && index.isValid());
    export_->setEnabled(true);
    activate_->setVisible(table(kind).deactivates());
    activate_->setEnabled(administrator && index.isValid());
    if (index.isValid()) {
        auto* proxy = static_cast<QSortFilterProxyModel*>(views_[std::size_t(kind)]->model());
        activate_->setText(table(kind).isActive(proxy->mapToSource(index).row()) ? tr("&Deactivate") : tr("Re&activate"));
    }
}

void ReferenceDataDialog::editSelected(bool newItem) {
    if (!actor_.may(Permission::ManageReference)) return;
    const auto kind = currentKind();
    auto& model = table(kind);
    QStringList fields;
    if (!newItem) {
        const auto index = views_[std::size_t(kind)]->currentIndex();
        if (!index.isValid()) return;
        fields = model.rowAt(static_cast<QSortFilterProxyModel*>(views_[std::size_t(kind)]->model())->mapToSource(index).row());
    }
    const auto headers = model.headers();
    ReferenceRowDialog form(newItem ? tr("Add to %1").arg(titleOf(kind).toLower()) : tr("Edit %1").arg(fields.value(0)), headers,
                            fields, [kind, headers, &model, newItem](const QStringList& typed) {
                                auto read = readRows(kind, headers, typed);
                                if (!read) return withoutLine(read.error());
                                if (newItem && model.rowOf(typed.value(0)) >= 0)
                                    return tr("%1 exists already: edit it instead").arg(typed.value(0));
                                return QString();
                            });
    if (form.exec() != QDialog::Accepted) return;
    saveRow(kind, form.fields());
}

void ReferenceDataDialog::saveRow(ReferenceKind kind, const QStringList& fields) {
    auto read = readRows(kind, table(kind).headers(), fields);
    if (!read) return report(false, withoutLine(read.error()));
    read->lines.clear();  // a form has no lines to name
    submit(kind, std::move(*read), tr("the form"));
}

void ReferenceDataDialog::setActive(ReferenceKind kind, const QString& key, bool active) {
    const int row = table(kind).rowOf(key);
    if (row < 0 || !table(kind).deactivates()) return;
    auto fields = table(kind).rowAt(row);
    fields[table(kind).headers().indexOf(QStringLiteral("active"))] = active ? QStringLiteral("1") : QStringLiteral("0");
    saveRow(kind, fields);
}

void ReferenceDataDialog::importFile(ReferenceKind kind, const QString& path) {
    auto csv = CsvTable::readFile(path.toStdString());
    auto file = csv ? parseReferenceFile(kind, *csv) : Result<ReferenceFile>(Error{csv.error()});
    if (!file) return report(false, tr("%1: nothing was imported.\n%2").arg(QFileInfo(path).fileName(), toQString(file.error())));
    submit(kind, std::move(*file), QFileInfo(path).fileName());
}

void ReferenceDataDialog::exportFile(ReferenceKind kind, const QString& path) {
    if (auto written = writeFile(path.toStdString(), referenceCsv(kind, reference_)); !written)
        return report(false, toQString(written.error()));
    whenReady(this, engine_.recordExport(actor_, nameOf(kind), QFileInfo(path).fileName().toStdString()),
              [this, kind, path](Status recorded) {
                  if (!recorded)
                      return report(false, tr("The export was written but not recorded: %1").arg(toQString(recorded.error())));
                  report(true, tr("Exported the %1 to %2.").arg(QString::fromLatin1(nameOf(kind)), path));
              });
}

void ReferenceDataDialog::submit(ReferenceKind kind, ReferenceFile file, const QString& source) {
    for (auto* button : {add_, edit_, activate_, import_}) button->setEnabled(false);
    whenReady(
        this, engine_.setReference(std::move(file.items), actor_, std::move(file.lines)),
        [this, kind, source](Result<ReferenceUpdate> update) {
            updateButtons();
            if (!update) return report(false, tr("%1: nothing was changed.\n%2").arg(source, toQString(update.error())));
            const auto added = qsizetype(update->added());
            report(true, tr("%1 from %2: %3 added, %4 changed, %5 unchanged.")
                             .arg(titleOf(kind))
                             .arg(source)
                             .arg(added)
                             .arg(qsizetype(update->edits.size()) - added)
                             .arg(update->unchanged));
        },
        [this](const QString& why) {
            updateButtons();
            report(false, why);
        });
}

void ReferenceDataDialog::report(bool ok, const QString& text) {
    problems_->setVisible(!ok);
    if (ok) {
        summary_->setText(text);
        problems_->clear();
    } else {
        summary_->clear();
        problems_->setPlainText(text);
    }
    Q_EMIT done(ok);
}

}  // namespace ob::ui

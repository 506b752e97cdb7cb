#include "modelsdialog.h"

#include "engine/orderengine.h"
#include "format.h"
#include "formats/referencecsv.h"
#include "futures.h"
#include "theme.h"
#include "util/csv.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <future>
#include <set>

namespace ob::ui {

namespace {

enum WeightColumn { SymbolColumn, PercentColumn };

/// A fraction of NAV as percent text, exactly: 0.0525 → "5.25".
QString percentText(Money fraction) { return toQString(Money::fromRaw(fraction.raw() * 100).toString()); }

}  // namespace

ModelsDialog::ModelsDialog(const DeskServices& desk, std::vector<ModelPortfolio> models, QWidget* parent)
    : QDialog(parent)
    , desk_(desk)
    , models_(std::move(models))
    , editable_(desk.actor.may(Permission::ManagePortfolios))
    , list_(new QListWidget(this))
    , weights_(new QTableWidget(0, 2, this))
    , total_(new QLabel(this))
    , status_(new QLabel(this))
    , save_(new QPushButton(tr("&Save model"), this)) {
    setObjectName(QStringLiteral("modelsDialog"));
    setWindowTitle(editable_ ? tr("Model portfolios") : tr("Model portfolios (read-only)"));
    list_->setObjectName(QStringLiteral("modelList"));
    weights_->setObjectName(QStringLiteral("modelWeights"));
    weights_->setHorizontalHeaderLabels({tr("Symbol"), tr("Target % of NAV")});
    weights_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    weights_->setEditTriggers(editable_ ? QAbstractItemView::AllEditTriggers : QAbstractItemView::NoEditTriggers);
    total_->setObjectName(QStringLiteral("modelTotal"));
    status_->setObjectName(QStringLiteral("modelStatus"));
    status_->setWordWrap(true);
    save_->setObjectName(QStringLiteral("saveModel"));

    auto* newModel = new QPushButton(tr("&New…"), this);
    auto* import = new QPushButton(tr("&Import CSV…"), this);
    import->setObjectName(QStringLiteral("importModel"));
    import->setToolTip(tr("A CSV file with the columns symbol,target_weight (fractions of NAV: 0.05 is 5%)"));
    auto* addRow = new QPushButton(tr("&Add row"), this);
    auto* removeRow = new QPushButton(tr("&Remove row"), this);
    for (auto* button : {newModel, import, addRow, removeRow, save_}) {
        button->setEnabled(editable_);
        if (!editable_) button->setToolTip(toQString(refusal(desk_.actor, "edit model portfolios")));
    }

    auto* left = new QVBoxLayout;
    left->addWidget(list_, 1);
    left->addWidget(newModel);
    left->addWidget(import);
    auto* right = new QVBoxLayout;
    right->addWidget(weights_, 1);
    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(addRow);
    rowButtons->addWidget(removeRow);
    rowButtons->addWidget(total_, 1);
    rowButtons->addWidget(save_);
    right->addLayout(rowButtons);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(status_);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(list_, &QListWidget::currentRowChanged, this, &ModelsDialog::showModel);
    connect(weights_, &QTableWidget::itemChanged, this, &ModelsDialog::updateTotal);
    connect(newModel, &QPushButton::clicked, this, [this] {
        const auto name = QInputDialog::getText(this, tr("New model"), tr("Name of the model:")).trimmed();
        if (!name.isEmpty()) addModel({name.toStdString(), {}});
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const auto path =
            QFileDialog::getOpenFileName(this, tr("Import a model portfolio"), QDir::homePath(), tr("CSV files (*.csv)"));
        if (!path.isEmpty()) importFile(path);
    });
    connect(addRow, &QPushButton::clicked, this, [this] {
        weights_->insertRow(weights_->rowCount());
        weights_->setCurrentCell(weights_->rowCount() - 1, SymbolColumn);
        weights_->editItem(weights_->item(weights_->rowCount() - 1, SymbolColumn));
    });
    connect(removeRow, &QPushButton::clicked, this, [this] {
        if (weights_->currentRow() >= 0) weights_->removeRow(weights_->currentRow());
        updateTotal();
    });
    connect(save_, &QPushButton::clicked, this, &ModelsDialog::saveCurrent);

    for (const auto& model : models_) list_->addItem(toQString(model.name));
    if (!models_.empty()) list_->setCurrentRow(0);
    if (models_.empty()) status_->setText(editable_ ? tr("No models yet: create one or import a CSV file") : tr("No models yet"));
    resize(760, 520);
}

void ModelsDialog::addModel(ModelPortfolio model) {
    for (std::size_t i = 0; i < models_.size(); ++i)
        if (models_[i].name == model.name) {
            models_[i] = std::move(model);
            list_->setCurrentRow(int(i));
            showModel(int(i));
            return;
        }
    models_.push_back(std::move(model));
    list_->addItem(toQString(models_.back().name));
    list_->setCurrentRow(int(models_.size()) - 1);
}

bool ModelsDialog::importFile(const QString& path) {
    auto table = CsvTable::readFile(path.toStdString());
    auto model = table ? parseModel(*table) : Result<ModelPortfolio>(Error{table.error()});
    if (!model) {
        status_->setText(tr("%1: %2").arg(QFileInfo(path).fileName(), toQString(model.error())));
        return false;
    }
    model->name = QFileInfo(path).completeBaseName().toStdString();
    const auto count = model->weights.size();
    addModel(std::move(*model));
    status_->setText(tr("Imported %1 from %2: check it and save").arg(counted(qint64(count), "weight", "weights"), path));
    return true;
}

void ModelsDialog::showModel(int index) {
    current_ = index;
    const QSignalBlocker quiet(weights_);
    weights_->setRowCount(0);
    if (index < 0 || index >= int(models_.size())) return;
    for (const auto& [symbol, weight] : models_[std::size_t(index)].weights) {
        const int row = weights_->rowCount();
        weights_->insertRow(row);
        weights_->setItem(row, SymbolColumn, new QTableWidgetItem(toQString(symbol)));
        auto* percent = new QTableWidgetItem(percentText(weight));
        percent->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        weights_->setItem(row, PercentColumn, percent);
    }
    updateTotal();
}

Result<ModelPortfolio> ModelsDialog::edited() const {
    if (current_ < 0 || current_ >= int(models_.size())) return Error{"choose a model first"};
    ModelPortfolio model{models_[std::size_t(current_)].name, {}};
    std::set<std::string> known;
    for (const auto& instrument : desk_.reference.instruments) known.insert(instrument.symbol);
    for (int row = 0; row < weights_->rowCount(); ++row) {
        const auto text = [&](int column) {
            const auto* item = weights_->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        if (text(SymbolColumn).isEmpty() && text(PercentColumn).isEmpty()) continue;
        const auto symbol = text(SymbolColumn).toUpper().toStdString();
        const std::string where = "row " + std::to_string(row + 1) + ": ";
        if (symbol.empty()) return Error{where + "a weight without a symbol"};
        if (!known.count(symbol)) return Error{where + symbol + " is not an instrument of this desk"};
        const auto percent = Money::parse(text(PercentColumn).toStdString());
        if (!percent)
            return Error{where + "the target of " + symbol + " is not a number: '" + text(PercentColumn).toStdString() + "'"};
        model.weights.emplace_back(symbol, Money::fromRaw(percent->raw() / 100));
    }
    if (auto valid = validateModel(model); !valid) return Error{valid.error()};
    return model;
}

void ModelsDialog::updateTotal() {
    Money total;
    for (int row = 0; row < weights_->rowCount(); ++row)
        if (const auto* item = weights_->item(row, PercentColumn))
            if (auto percent = Money::parse(item->text().trimmed().toStdString())) total += *percent;
    const Money cash = Money::fromInteger(100) - total;
    total_->setText(tr("Invested %1% · cash target %2%").arg(formatMoney(total, 2), formatMoney(cash, 2)));
    QPalette palette = total_->palette();
    palette.setColor(QPalette::WindowText, cash.isNegative() ? warningColor() : this->palette().color(QPalette::WindowText));
    total_->setPalette(palette);
}

QString ModelsDialog::statusText() const { return status_->text(); }

void ModelsDialog::saveCurrent() {
    if (!editable_) return;
    auto model = edited();
    if (!model) {
        status_->setText(tr("Not saved: %1").arg(toQString(model.error())));
        return;
    }
    save_->setEnabled(false);
    // The engine writes the model with its audit record; the dialog says "saved" once the store holds it.
    auto& engine = desk_.engine;
    auto saving = engine.saveModel(*model, desk_.actor);
    whenReady(
        this, inBackground([&engine, saving = std::move(saving)]() mutable -> Status {
            auto status = saving.get();
            if (status && !engine.sync(std::chrono::seconds(30))) return Error{"the store did not confirm the model in time"};
            return status;
        }),
        [this, saved = *model](Status status) {
            save_->setEnabled(true);
            if (!status) {
                status_->setText(tr("Not saved: %1").arg(toQString(status.error())));
                return;
            }
            // The list may have moved on while the model was written: it is found by name.
            for (auto& known : models_)
                if (known.name == saved.name) known = saved;
            status_->setText(
                tr("Saved %1: %2").arg(toQString(saved.name), counted(qint64(saved.weights.size()), "weight", "weights")));
            Q_EMIT this->saved(saved);
        },
        [this](const QString& what) {
            save_->setEnabled(true);
            status_->setText(tr("Not saved: %1").arg(what));
        });
}

}  // namespace ob::ui

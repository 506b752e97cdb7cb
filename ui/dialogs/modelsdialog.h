#pragma once

#include "deskservices.h"
#include "portfolio/modelportfolio.h"

#include <QDialog>

#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace ob::ui {

/// Model portfolios: the list of models, and each model's target weights in percent of NAV,
/// edited in place or imported from a CSV file (symbol,target_weight as fractions). Portfolio
/// managers edit; everyone else reads. Saving writes the model and an audit record.
class ModelsDialog final : public QDialog {
    Q_OBJECT

public:
    ModelsDialog(const DeskServices& desk, std::vector<ModelPortfolio> models, QWidget* parent = nullptr);

    /// Reads a model file into a new (unsaved) model named after the file; false with a message on a bad file.
    bool importFile(const QString& path);
    /// Validates and saves the model shown; the answer arrives as saved() or in the status line.
    void saveCurrent();
    const std::vector<ModelPortfolio>& models() const { return models_; }
    QTableWidget* weightsTable() const { return weights_; }
    QString statusText() const;

Q_SIGNALS:
    void saved(const ob::ModelPortfolio& model);

private:
    void showModel(int index);
    /// The table as a model, or the first problem found (naming the row).
    Result<ModelPortfolio> edited() const;
    void addModel(ModelPortfolio model);
    void updateTotal();

    DeskServices desk_;
    std::vector<ModelPortfolio> models_;
    int current_ = -1;
    bool editable_;
    QListWidget* list_;
    QTableWidget* weights_;
    QLabel* total_;
    QLabel* status_;
    QPushButton* save_;
};

}  // namespace ob::ui

#pragma once

#include <QDialog>
#include <QStringList>

#include <functional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace ob::ui {

/// One item of a reference data table (an instrument, a fund, an account, an FX rate) as a form with a field per
/// column of its CSV format. The fields are checked as an imported row is: `check` answers with what is wrong, and
/// the form stays open showing it.
class ReferenceRowDialog final : public QDialog {
    Q_OBJECT

public:
    /// Checks the fields; an empty answer accepts them.
    using Check = std::function<QString(const QStringList& fields)>;

    /// `fields` empty: a new item. The first column is the key, fixed once the item exists.
    ReferenceRowDialog(const QString& title, const QStringList& headers, const QStringList& fields, Check check,
                       QWidget* parent = nullptr);

    QStringList fields() const;
    /// Shows why the fields were refused, keeping the form open.
    void refuse(const QString& why);

private:
    void tryAccept();

    QStringList headers_;
    std::vector<QLineEdit*> edits_;  ///< one per column but `active`
    QCheckBox* active_ = nullptr;
    int activeColumn_ = -1;
    QLabel* problem_;
    Check check_;
};

}  // namespace ob::ui

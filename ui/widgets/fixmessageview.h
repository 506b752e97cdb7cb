#pragma once

#include <QTableWidget>

#include <string>

namespace ob::ui {

/// One FIX message field by field: tag, name, value and the value's meaning.
/// (A message has tens of fields: a plain item table serves.)
class FixMessageView final : public QTableWidget {
    Q_OBJECT

public:
    explicit FixMessageView(QWidget* parent = nullptr);
    /// Shows the message, SOH-separated; clears the view for empty text.
    void showMessage(const std::string& text);
};

}  // namespace ob::ui

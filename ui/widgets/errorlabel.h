#pragma once

#include "theme.h"

#include <QLabel>

namespace ob::ui {

/// The label under a form that says why it was refused: wrapped, in the theme's loss colour.
inline QLabel* newErrorLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, profitColor(false));
    label->setPalette(palette);
    return label;
}

}  // namespace ob::ui

#pragma once

#include "domain/decimal.h"
#include "domain/fixenums.h"

#include <QColor>
#include <QString>

class QApplication;

namespace ob::ui {

enum class Theme { Light, Dark };

/// Sets the Fusion style with the theme's palette and remembers the theme,
/// so that the colours below suit the background.
void applyTheme(Theme theme);
Theme currentTheme();
/// "light" / "dark", as kept in the settings.
QString themeName(Theme theme);
Theme themeFromName(const QString& name);

/// Text colours for sides and statuses, readable on the current theme.
QColor sideColor(Side side);
QColor statusColor(OrdStatus status);
/// A faint background for a row in this status, or an invalid colour for none.
QColor statusTint(OrdStatus status);
/// Gains and losses.
QColor profitColor(bool gain);
/// A P&L amount to 2 places as rich text, green for a gain and red for a loss.
QString profitHtml(Money amount);
/// Text that matters less: finished orders, hints.
QColor mutedColor();
/// A warning that still lets the user go on (amber).
QColor warningColor();

}  // namespace ob::ui

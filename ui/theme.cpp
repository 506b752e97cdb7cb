#include "theme.h"

#include "format.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QToolTip>

namespace ob::ui {

namespace {

Theme theme_ = Theme::Light;

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x23, 0x26, 0x2b), base(0x1a, 0x1c, 0x20), text(0xdc, 0xe0, 0xe6), disabled(0x6c, 0x72, 0x7a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x20, 0x23, 0x28));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x31, 0x38));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2b, 0x2f, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x5a, 0x9c, 0xf0));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x5f, 0x9e));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x46));
    p.setColor(QPalette::Midlight, QColor(0x32, 0x36, 0x3c));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x33));
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x1a));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

QPalette lightPalette() {
    QPalette p = QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
    p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xc8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf2));
    p.setColor(QPalette::ToolTipText, Qt::black);
    return p;
}

bool dark() { return theme_ == Theme::Dark; }

}  // namespace

void applyTheme(Theme theme) {
    theme_ = theme;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const auto palette = theme == Theme::Dark ? darkPalette() : lightPalette();
    QApplication::setPalette(palette);
    QToolTip::setPalette(palette);
}

Theme currentTheme() { return theme_; }

QString themeName(Theme theme) { return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light"); }

Theme themeFromName(const QString& name) { return name == QLatin1String("dark") ? Theme::Dark : Theme::Light; }

QColor sideColor(Side side) {
    if (side == Side::Buy) return dark() ? QColor(0x5a, 0xa2, 0xff) : QColor(0x1f, 0x6f, 0xd8);
    return dark() ? QColor(0xff, 0x72, 0x72) : QColor(0xcc, 0x33, 0x33);
}

QColor statusColor(OrdStatus status) {
    switch (status) {
        case OrdStatus::Filled: return dark() ? QColor(0x4c, 0xc9, 0x7d) : QColor(0x1e, 0x8a, 0x4a);
        case OrdStatus::PartiallyFilled: return dark() ? QColor(0x5a, 0xa2, 0xff) : QColor(0x1f, 0x6f, 0xd8);
        case OrdStatus::Rejected: return dark() ? QColor(0xff, 0x72, 0x72) : QColor(0xcc, 0x33, 0x33);
        case OrdStatus::Canceled:
        case OrdStatus::Expired:
        case OrdStatus::DoneForDay: return mutedColor();
        case OrdStatus::PendingNew:
        case OrdStatus::PendingCancel:
        case OrdStatus::PendingReplace: return dark() ? QColor(0xf0, 0xb4, 0x3c) : QColor(0xb0, 0x6d, 0x00);
        default: return dark() ? QColor(0x4f, 0xc3, 0xcc) : QColor(0x1b, 0x82, 0x8a);
    }
}

QColor statusTint(OrdStatus status) {
    const int alpha = dark() ? 34 : 26;
    QColor tint;
    switch (status) {
        case OrdStatus::Filled: tint = QColor(0x2e, 0xa0, 0x5a); break;
        case OrdStatus::Rejected: tint = QColor(0xe0, 0x4f, 0x4f); break;
        case OrdStatus::PendingNew:
        case OrdStatus::PendingCancel:
        case OrdStatus::PendingReplace: tint = QColor(0xe0, 0x9a, 0x10); break;
        default: return {};
    }
    tint.setAlpha(alpha);
    return tint;
}

QColor profitColor(bool gain) {
    if (gain) return dark() ? QColor(0x4c, 0xc9, 0x7d) : QColor(0x1e, 0x8a, 0x4a);
    return dark() ? QColor(0xff, 0x72, 0x72) : QColor(0xcc, 0x33, 0x33);
}

QString profitHtml(Money amount) {
    const auto text = formatMoney(amount, 2);
    return amount.isZero() ? text
                           : QStringLiteral("<span style='color:%1'>%2</span>").arg(profitColor(amount.isPositive()).name(), text);
}

QColor mutedColor() { return dark() ? QColor(0x8a, 0x90, 0x99) : QColor(0x80, 0x86, 0x8e); }

QColor warningColor() { return dark() ? QColor(0xf0, 0xb4, 0x3c) : QColor(0xb0, 0x6a, 0x00); }

}  // namespace ob::ui

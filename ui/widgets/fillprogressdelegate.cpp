#include "fillprogressdelegate.h"

#include "theme.h"

#include <QPainter>

namespace ob::ui {

FillProgressDelegate::FillProgressDelegate(int ratioRole, QObject* parent) : QStyledItemDelegate(parent), ratioRole_(ratioRole) {}

void FillProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const double ratio = std::clamp(index.data(ratioRole_).toDouble(), 0.0, 1.0);
    if (ratio > 0.0) {
        const QRect track = option.rect.adjusted(3, 4, -3, -4);
        QRect bar = track;
        bar.setWidth(std::max(1, int(track.width() * ratio)));
        QColor colour = ratio >= 1.0 ? statusColor(OrdStatus::Filled) : statusColor(OrdStatus::PartiallyFilled);
        colour.setAlpha(currentTheme() == Theme::Dark ? 110 : 80);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawRoundedRect(bar, 2, 2);
        painter->restore();
    }
    QStyledItemDelegate::paint(painter, option, index);
}

}  // namespace ob::ui

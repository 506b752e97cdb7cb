#pragma once

#include <QStyledItemDelegate>

namespace ob::ui {

/// Draws a cell's fill ratio (a role holding 0..1) as a bar behind its text.
class FillProgressDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    FillProgressDelegate(int ratioRole, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int ratioRole_;
};

}  // namespace ob::ui

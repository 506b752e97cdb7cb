#pragma once

#include <QBrush>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QSize>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <span>
#include <vector>

namespace ob::ui {

/// One column of a table model: everything the table shows of it, in one entry,
/// so that adding a column is adding one. `Cell` is what the model hands each
/// function: a row, with whatever of the model the column needs to show it.
template <typename Cell>
struct ColumnSpec {
    const char* title;  ///< UTF-8, as are the other texts
    const char* tip;
    /// The text's horizontal alignment in the cells (vertically they are centred).
    Qt::Alignment alignment = Qt::AlignLeft;
    QVariant (*display)(const Cell&) = nullptr;
    /// Orders two rows exactly, where sortKey does not.
    bool (*lessThan)(const Cell&, const Cell&) = nullptr;
    /// One number per row that sorts the same (exactly, unless lessThan is given); none for text.
    std::int64_t (*sortKey)(const Cell&) = nullptr;
    /// Plain exact text for a CSV export; none to export the displayed text.
    QString (*exported)(const Cell&) = nullptr;
    /// The cell's raw value, to sort by in a plain QSortFilterProxyModel; none for the displayed value.
    QVariant (*raw)(const Cell&) = nullptr;
    /// The cell's colour; none (or an empty value) for the row's.
    QVariant (*foreground)(const Cell&) = nullptr;
    /// The cell's tooltip; none (or an empty value) for the row's.
    QVariant (*toolTip)(const Cell&) = nullptr;
    /// The longest text the column must fit, however narrow its first rows are.
    const char* widest = nullptr;
};

/// Whether a header's titles line up with their cells, or sit where the view puts them (centred).
enum class HeaderAlignment { FollowCells, ViewDefault };

template <typename Cell>
QVariant columnHeaderData(std::span<const ColumnSpec<Cell>> columns, int section, Qt::Orientation orientation, int role,
                          HeaderAlignment alignment = HeaderAlignment::FollowCells) {
    if (orientation != Qt::Horizontal || section < 0 || section >= int(columns.size())) return {};
    const auto& column = columns[std::size_t(section)];
    switch (role) {
        case Qt::DisplayRole: return QString::fromUtf8(column.title);
        case Qt::ToolTipRole: return QString::fromUtf8(column.tip);
        case Qt::TextAlignmentRole:
            if (alignment == HeaderAlignment::ViewDefault) return {};
            return int(column.alignment | Qt::AlignVCenter);
        case Qt::SizeHintRole: {
            if (!column.widest) return {};
            const QFontMetrics metrics(QGuiApplication::font());
            return QSize(metrics.horizontalAdvance(QString::fromUtf8(column.widest)) + 2 * metrics.averageCharWidth(),
                         metrics.height() + metrics.descent());
        }
        default: return {};
    }
}

/// The roles every column answers for itself; an empty value for the others.
template <typename Cell>
QVariant columnData(const ColumnSpec<Cell>& column, const Cell& cell, int role) {
    switch (role) {
        case Qt::DisplayRole: return column.display ? column.display(cell) : QVariant();
        case Qt::TextAlignmentRole: return int(column.alignment | Qt::AlignVCenter);
        case Qt::ForegroundRole: return column.foreground ? column.foreground(cell) : QVariant();
        case Qt::ToolTipRole: return column.toolTip ? column.toolTip(cell) : QVariant();
        default: return {};
    }
}

template <typename Cell>
QString columnExported(const ColumnSpec<Cell>& column, const Cell& cell) {
    return column.exported ? column.exported(cell) : column.display(cell).toString();
}

template <typename Cell>
QVariant columnRaw(const ColumnSpec<Cell>& column, const Cell& cell) {
    return column.raw ? column.raw(cell) : column.display(cell);
}

/// Whether `a` sorts before `b` in the column; by `tieBreak` when the column cannot say.
template <typename Cell>
bool columnLessThan(const ColumnSpec<Cell>& column, const Cell& a, const Cell& b, bool tieBreak) {
    if (column.lessThan) return column.lessThan(a, b);
    if (column.sortKey) return column.sortKey(a) < column.sortKey(b);
    return tieBreak;
}

/// Each row's sort key in the column, or nothing for a column without one.
template <typename Cell, typename Rows, typename MakeCell>
std::vector<std::int64_t> columnSortKeys(const ColumnSpec<Cell>& column, const Rows& rows, MakeCell makeCell) {
    if (!column.sortKey) return {};
    std::vector<std::int64_t> keys;
    keys.reserve(rows.size());
    for (const auto& row : rows) keys.push_back(column.sortKey(makeCell(row)));
    return keys;
}

}  // namespace ob::ui

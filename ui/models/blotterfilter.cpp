#include "blotterfilter.h"

#include <algorithm>
#include <cctype>

namespace ob::ui {

bool BlotterFilter::contains(std::string_view haystack, std::string_view lowerNeedle) {
    if (lowerNeedle.empty()) return true;
    auto found = std::search(haystack.begin(), haystack.end(), lowerNeedle.begin(), lowerNeedle.end(),
                             [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return found != haystack.end();
}

BlotterProxy::BlotterProxy(QAbstractItemModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), table_(dynamic_cast<const FilterableTable*>(source)) {
    if (!table_) qFatal("BlotterProxy: the source model is not a FilterableTable");
    setSourceModel(source);
    setDynamicSortFilter(true);
}

void BlotterProxy::setFilter(BlotterFilter filter) {
    filter_ = std::move(filter);
    // Rows the new filter lets in are sorted into place: with the keys, as in sort().
    if (sortColumn() >= 0) keys_ = table_->sortKeys(sortColumn());
    invalidateRowsFilter();
    keys_ = {};
}

bool BlotterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (sourceParent.isValid()) return false;
    return table_->rowMatches(sourceRow, filter_);
}

}  // namespace ob::ui

namespace ob::ui {

bool BlotterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    if (!keys_.empty()) return keys_[std::size_t(left.row())] < keys_[std::size_t(right.row())];
    return table_->rowLessThan(left.row(), right.row(), left.column());
}

void BlotterProxy::sort(int column, Qt::SortOrder order) {
    if (column >= 0) keys_ = table_->sortKeys(column);
    QSortFilterProxyModel::sort(column, order);
    keys_ = {};  // later updates move single rows: those compare the rows themselves
}

}  // namespace ob::ui

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

BlotterProxy::BlotterProxy(QAbstractItemModel* source, int sortRole, QObject* parent)
    : QSortFilterProxyModel(parent), table_(dynamic_cast<const FilterableTable*>(source)) {
    setSourceModel(source);
    setSortRole(sortRole);
    setDynamicSortFilter(true);
}

void BlotterProxy::setFilter(BlotterFilter filter) {
    filter_ = std::move(filter);
    invalidateRowsFilter();
}

bool BlotterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (sourceParent.isValid()) return false;
    return !table_ || table_->rowMatches(sourceRow, filter_);
}

}  // namespace ob::ui

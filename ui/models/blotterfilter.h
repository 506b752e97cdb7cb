#pragma once

#include "domain/fixenums.h"

#include <QSortFilterProxyModel>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ob::ui {

/// What a blotter shows: every criterion set must hold.
struct BlotterFilter {
    enum class Stage { All, Working, Done };
    Stage stage = Stage::All;
    std::string text;  ///< lower case; any of the row's text fields contains it
    std::optional<Side> side;
    std::string account;  ///< exact; empty for any
    std::string symbol;   ///< exact; empty for any
    std::optional<OrdStatus> status;

    /// Case-insensitive (ASCII) search of `lowerNeedle` in `haystack`.
    static bool contains(std::string_view haystack, std::string_view lowerNeedle);
};

/// A table model whose rows a BlotterFilter can judge straight from the
/// model's data, without formatting any cell: fast enough for 100,000 rows.
class FilterableTable {
public:
    virtual ~FilterableTable() = default;
    virtual bool rowMatches(int row, const BlotterFilter& filter) const = 0;
    /// Orders two rows by a column's value (numbers as numbers), straight
    /// from the data: sorting a million rows compares some twenty million times.
    virtual bool rowLessThan(int left, int right, int column) const = 0;
    /// Each row's value in a numeric column as one number that sorts the same,
    /// or nothing for a text column. A full sort compares these: contiguous,
    /// they stay in the CPU's cache where the rows themselves would not.
    virtual std::vector<std::int64_t> sortKeys(int column) const = 0;
};

/// Sorts and filters through the source's rowLessThan and rowMatches.
class BlotterProxy final : public QSortFilterProxyModel {
    Q_OBJECT

public:
    /// `source` must also be a FilterableTable.
    explicit BlotterProxy(QAbstractItemModel* source, QObject* parent = nullptr);

    const BlotterFilter& filter() const { return filter_; }
    void setFilter(BlotterFilter filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

public:
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    const FilterableTable* table_;
    BlotterFilter filter_;
    std::vector<std::int64_t> keys_;  ///< only while sort() runs
};

}  // namespace ob::ui

#include "stagedlistsmodel.h"

#include "enginefeed.h"
#include "format.h"

namespace ob::ui {

const std::array<ColumnSpec<StagedListsModel::Cell>, StagedListsModel::ColumnCount> StagedListsModel::kColumns = {{
    {.title = "List",
     .tip = "The list's number",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return qlonglong(c.list.id); }},
    {.title = "Name", .tip = "What the list is for", .display = [](const Cell& c) -> QVariant { return toQString(c.list.name); }},
    {.title = "Fund",
     .tip = "The fund (or funds) it trades",
     .display = [](const Cell& c) -> QVariant { return toQString(c.list.fund); }},
    {.title = "PM",
     .tip = "The portfolio manager who approved it",
     .display = [](const Cell& c) -> QVariant { return toQString(c.list.createdBy); }},
    {.title = "Created",
     .tip = "When it was approved",
     .display = [](const Cell& c) -> QVariant { return formatTime(c.list.createdAt); }},
    {.title = "Orders",
     .tip = "Orders in the list",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.progress.orders; }},
    {.title = "Staged",
     .tip = "Orders waiting for a trader to release them",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.progress.staged; }},
    {.title = "Sent",
     .tip = "Orders released and still working",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.progress.sent; }},
    {.title = "Done",
     .tip = "Orders finished: filled, cancelled, rejected or expired",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return c.progress.done; }},
    {.title = "Filled",
     .tip = "Quantity filled as a share of the quantity ordered (finished "
            "orders count for what they filled)",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return QStringLiteral("%1%").arg(c.fillRatio * 100.0, 0, 'f', 1); }},
    {.title = "Notional done",
     .tip = "Filled quantity × price, in USD at the reference rates",
     .alignment = Qt::AlignRight,
     .display = [](const Cell& c) -> QVariant { return formatMoney(c.progress.notionalDone, 2); }},
}};

StagedListsModel::StagedListsModel(const FxRates& rates, std::function<std::string(const std::string&)> currencyOf,
                                   QObject* parent)
    : QAbstractTableModel(parent), rates_(rates), currencyOf_(std::move(currencyOf)) {}

int StagedListsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(lists_.size()); }
int StagedListsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

void StagedListsModel::addLists(const std::vector<OrderList>& lists) {
    for (const auto& list : lists) {
        if (rows_.count(list.id)) continue;
        const int row = int(lists_.size());
        beginInsertRows({}, row, row);
        lists_.push_back(list);
        rows_.emplace(list.id, row);
        endInsertRows();
    }
}

StagedListsModel::Contribution StagedListsModel::contributionOf(const OrderState& order) const {
    Contribution c;
    c.listId = order.listId;
    c.staged = order.staged;
    c.done = order.isDone();
    c.filled = order.cumQty;
    c.quantity = c.done ? order.cumQty : order.terms.quantity;
    if (auto inUsd = rates_.convert(order.notional, currencyOf_(order.symbol), "USD")) c.notional = *inUsd;
    return c;
}

void StagedListsModel::add(Progress& progress, const Contribution& c, int sign) {
    progress.orders += sign;
    progress.staged += c.staged ? sign : 0;
    progress.done += c.done ? sign : 0;
    progress.sent += !c.staged && !c.done ? sign : 0;
    if (sign > 0) {
        progress.quantity += c.quantity;
        progress.filled += c.filled;
        progress.notionalDone += c.notional;
    } else {
        progress.quantity -= c.quantity;
        progress.filled -= c.filled;
        progress.notionalDone -= c.notional;
    }
}

void StagedListsModel::applyOrders(const std::vector<OrderState>& orders) {
    std::vector<std::int64_t> touched;
    for (const auto& order : orders) {
        if (order.listId == 0) continue;
        auto& progress = progress_[order.listId];
        const auto [previous, inserted] = orders_.try_emplace(order.id);
        if (inserted)
            members_[order.listId].push_back(order.id);
        else
            add(progress, previous->second, -1);
        previous->second = contributionOf(order);
        add(progress, previous->second, +1);
        touched.push_back(order.listId);
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const auto listId : touched) {
        if (const int row = rowOf(listId); row >= 0) Q_EMIT dataChanged(index(row, Orders), index(row, ColumnCount - 1));
        Q_EMIT progressChanged(listId);
    }
}

const OrderList* StagedListsModel::listAt(int row) const {
    return row >= 0 && row < int(lists_.size()) ? &lists_[std::size_t(row)] : nullptr;
}

int StagedListsModel::rowOf(std::int64_t listId) const {
    const auto found = rows_.find(listId);
    return found == rows_.end() ? -1 : found->second;
}

std::vector<OrderId> StagedListsModel::stagedOrders(std::int64_t listId) const {
    std::vector<OrderId> ids;
    const auto members = members_.find(listId);
    if (members == members_.end()) return ids;
    for (const auto id : members->second)
        if (orders_.at(id).staged) ids.push_back(id);
    return ids;
}

StagedListsModel::Progress StagedListsModel::progress(std::int64_t listId) const {
    const auto found = progress_.find(listId);
    return found == progress_.end() ? Progress{} : found->second;
}

QVariant StagedListsModel::data(const QModelIndex& index, int role) const {
    const auto* list = listAt(index.row());
    if (!list || index.column() < 0 || index.column() >= ColumnCount) return {};
    const auto p = progress(list->id);
    const double ratio = p.quantity.isPositive() ? p.filled.toDouble() / p.quantity.toDouble() : 0.0;
    if (role == ListIdRole) return qlonglong(list->id);
    if (role == FillRatioRole) return ratio;
    if (role != Qt::DisplayRole && role != Qt::TextAlignmentRole) return {};
    return columnData(kColumns[std::size_t(index.column())], Cell{*list, p, ratio}, role);
}

QVariant StagedListsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    return columnHeaderData<Cell>(kColumns, section, orientation, role, HeaderAlignment::ViewDefault);
}

void StagedListsModel::follow(const EngineFeed& feed) {
    connect(&feed, &EngineFeed::listsAdded, this, &StagedListsModel::addLists);
    connect(&feed, &EngineFeed::ordersLoaded, this, &StagedListsModel::applyOrders);
    connect(&feed, &EngineFeed::ordersChanged, this, &StagedListsModel::applyOrders);
}

}  // namespace ob::ui

#include "store/portfoliorepository.h"

#include "domain/timestamp.h"
#include "store/columns.h"

namespace ob::store {

namespace {

OrderList readList(const sqlite::Statement& row) {
    return {row.int64(0), row.text(1), row.text(2), row.text(3), fromNanos(row.int64(4))};
}

}  // namespace

void PortfolioRepository::writeList(const OrderList& list) {
    auto insert = db_.prepare(
        "INSERT INTO order_lists (id, trade_date, name, fund, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT(id) DO UPDATE SET name = ?3, fund = ?4");
    insert.bind(1, list.id).bind(2, tradeDateOf(list.createdAt)).bind(3, list.name).bind(4, list.fund);
    insert.bind(5, list.createdBy).bind(6, toNanos(list.createdAt));
    insert.execute();
}

std::vector<OrderList> PortfolioRepository::loadActiveLists(std::string_view fromTradeDate) {
    std::vector<OrderList> lists;
    auto query = db_.prepare(
        "SELECT id, name, fund, created_by, created_at FROM order_lists l WHERE l.trade_date >= ?1 "
        "OR EXISTS (SELECT 1 FROM orders o WHERE o.list_id = l.id AND o.is_open = 1) ORDER BY id");
    query.bind(1, fromTradeDate);
    while (query.step()) lists.push_back(readList(query));
    return lists;
}

std::int64_t PortfolioRepository::maxListId() { return db_.queryInt64("SELECT COALESCE(MAX(id), 0) FROM order_lists"); }

std::vector<ModelPortfolio> PortfolioRepository::loadModels() {
    std::vector<ModelPortfolio> models;
    auto query = db_.prepare("SELECT model, symbol, weight FROM model_weights ORDER BY model, symbol");
    while (query.step()) {
        if (models.empty() || models.back().name != query.text(0)) models.push_back({query.text(0), {}});
        models.back().weights.emplace_back(query.text(1), moneyColumn(query, 2));
    }
    return models;
}

void PortfolioRepository::saveModel(const ModelPortfolio& model) {
    deleteModel(model.name);
    auto insert = db_.prepare("INSERT INTO model_weights (model, symbol, weight) VALUES (?, ?, ?)");
    for (const auto& [symbol, weight] : model.weights)
        insert.bind(1, model.name).bind(2, symbol).bind(3, weight.toString()).execute();
}

void PortfolioRepository::deleteModel(const std::string& name) {
    db_.prepare("DELETE FROM model_weights WHERE model = ?").bind(1, name).execute();
}

}  // namespace ob::store

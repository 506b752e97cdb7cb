#pragma once

#include "orders/orderlist.h"
#include "portfolio/modelportfolio.h"
#include "store/sqlite.h"

#include <string_view>
#include <vector>

namespace ob::store {

/// SQL for staged lists and model portfolios on one connection; the
/// connection's owner provides the transactions.
class PortfolioRepository {
public:
    explicit PortfolioRepository(sqlite::Database& db) : db_(db) {}

    void writeList(const OrderList& list);
    /// Lists created on or after `fromTradeDate` ("YYYYMMDD") and those with orders still open or staged.
    std::vector<OrderList> loadActiveLists(std::string_view fromTradeDate);
    std::int64_t maxListId();

    /// Every model, by name, its weights by symbol.
    std::vector<ModelPortfolio> loadModels();
    /// Replaces the model's weights.
    void saveModel(const ModelPortfolio& model);
    void deleteModel(const std::string& name);

private:
    sqlite::Database& db_;
};

}  // namespace ob::store

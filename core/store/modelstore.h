#pragma once

#include "auth/users.h"
#include "domain/result.h"
#include "portfolio/modelportfolio.h"

#include <vector>

namespace ob {

/// Model portfolios. A running desk saves them through the engine (OrderEngine::saveModel), in a unit; saveModel
/// here is for a desk being set up, before any engine runs.
class ModelStore {
public:
    virtual ~ModelStore() = default;

    /// Model portfolios, by name. Thread-safe.
    virtual Result<std::vector<ModelPortfolio>> loadModels() = 0;
    /// Replaces a model's weights (or deletes the model when it has none), with its audit record. Thread-safe.
    virtual Status saveModel(const ModelPortfolio& model, const AuditRecord& record) = 0;
};

}  // namespace ob

#include "portfolio/modelportfolio.h"

#include <set>

namespace ob {

Status validateModel(const ModelPortfolio& model) {
    if (model.name.empty()) return Error{"a model needs a name"};
    std::set<std::string> symbols;
    Money total;
    for (const auto& [symbol, weight] : model.weights) {
        if (symbol.empty()) return Error{"model " + model.name + ": a weight without a symbol"};
        if (!symbols.insert(symbol).second) return Error{"model " + model.name + ": " + symbol + " appears twice"};
        if (weight.isNegative() || weight > Money::fromInteger(1))
            return Error{"model " + model.name + ": the weight of " + symbol + " is " + weight.toString() +
                         "; weights are fractions of NAV from 0 to 1"};
        total += weight;
    }
    if (total > Money::fromInteger(1))
        return Error{"model " + model.name + ": the weights add up to " + total.toString() + ", more than the whole fund (1)"};
    return {};
}

}  // namespace ob

#include "portfolio/modelportfolio.h"

#include "domain/quoting.h"

#include <set>

namespace ob {

Status validateModel(const ModelPortfolio& model) {
    if (model.name.empty()) return Error{"a model needs a name"};
    if (model.weights.empty()) return Error{"model " + model.name + " has no weights: a model needs at least one symbol"};
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

Status checkModelSymbols(const ModelPortfolio& model, const std::vector<Instrument>& instruments) {
    std::set<std::string> known;
    for (const auto& instrument : instruments) known.insert(instrument.symbol);
    std::vector<std::string> unknown;
    for (const auto& weight : model.weights)
        if (!known.count(weight.first)) unknown.push_back(clipped(weight.first));
    if (unknown.empty()) return {};
    std::string names;
    for (const auto& symbol : unknown) names += (names.empty() ? "" : ", ") + symbol;
    return Error{"model " + model.name + ": " + names + (unknown.size() == 1 ? " is not an instrument" : " are not instruments") +
                 " of this desk"};
}

}  // namespace ob

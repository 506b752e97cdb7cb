#pragma once

#include "domain/decimal.h"
#include "domain/instrument.h"
#include "domain/result.h"

#include <string>
#include <utility>
#include <vector>

namespace ob {

/// A model portfolio: the weight each instrument should have, as fractions of NAV
/// (0.05 is 5%). What the weights leave over is the cash target.
struct ModelPortfolio {
    std::string name;
    std::vector<std::pair<std::string, Money>> weights;  ///< symbol and target weight

    friend bool operator==(const ModelPortfolio&, const ModelPortfolio&) = default;
};

/// A model is usable when it has a name, at least one weight (an empty one would replace a model with nothing),
/// each symbol once, and weights from 0 to 1 that add up to at most 1.
Status validateModel(const ModelPortfolio& model);
/// Every symbol of the model is one of `instruments`: a weight for a symbol the desk does not have could never be
/// bought, and the rebalance would leave its share of the fund in cash. Names each unknown symbol.
Status checkModelSymbols(const ModelPortfolio& model, const std::vector<Instrument>& instruments);

}  // namespace ob

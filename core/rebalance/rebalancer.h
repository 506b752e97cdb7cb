#pragma once

#include "domain/decimal.h"
#include "domain/fixenums.h"
#include "domain/instrument.h"
#include "domain/result.h"
#include "portfolio/modelportfolio.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ob {

/// How a rebalance trades a fund back to its model.
struct RebalanceOptions {
    Money band;             ///< percentage points of NAV: a holding within target ± band is left alone (0: trade everything)
    Money cashBuffer;       ///< percentage points of NAV of cash that buys never spend
    Money minTrade;         ///< no trade worth less than this, in the fund's currency
    bool newNames = true;   ///< may buy instruments the fund does not hold
    bool fullExits = true;  ///< may sell out of instruments the model does not hold
    bool wholeLots = true;  ///< quantities in the instrument's lots; otherwise in whole units
};

/// One order of a proposal, with the fund's weights around it (fractions of NAV).
struct ProposedTrade {
    std::string symbol;
    Side side = Side::Buy;
    Qty quantity;
    Price estimatedPrice;
    Money weightBefore;
    Money weightAfter;
    Money targetWeight;
};

/// One instrument the proposal looked at and left alone, and why (in the band, below the minimum...).
struct LeftAlone {
    std::string symbol;
    std::string why;
};

struct RebalanceProposal {
    Money nav;
    Money cashBefore;
    Money cashAfter;
    std::vector<ProposedTrade> trades;  ///< sells first, then buys, each by symbol
    std::vector<LeftAlone> leftAlone;
};

/// A fund as the rebalance sees it: its quantities and its cash, in its own currency.
struct FundPosition {
    std::unordered_map<std::string, Qty> quantities;
    Money cash;
};

/// Proposes the orders that bring the fund back to its model (docs/rebalance.md states every rule):
/// holdings outside target ± band trade back to their target; sells are sized first and fund the buys;
/// buys never take cash below the buffer (they are scaled down together when cash is short); quantities
/// are whole lots, rounded toward zero, except a full exit, which sells the whole holding; no trade is
/// worth less than the minimum. Prices come from `priceOf`, in each instrument's currency, and
/// `inFundCurrency` converts an amount of an instrument's currency into the fund's (nothing: no rate);
/// an instrument without a price or a rate is left alone, and a holding without one is an error.
using ToFundCurrency = std::function<std::optional<Money>(Money amount, const std::string& symbol)>;
Result<RebalanceProposal> proposeRebalance(const FundPosition& fund, const ModelPortfolio& model, const RebalanceOptions& options,
                                           const std::function<const Instrument*(const std::string&)>& instrumentOf,
                                           const std::function<std::optional<Price>(const std::string&)>& priceOf,
                                           const ToFundCurrency& inFundCurrency = {});

}  // namespace ob

#include "rebalance/rebalanceplan.h"

#include "rebalance/proposalcheck.h"

namespace ob {

namespace {

/// What the rebalance knows of the fund: its instruments, its holdings and the prices to use.
class FundPicture {
public:
    FundPicture(const ReferenceData& reference, const RebalanceRequest& request, const ComplianceEngine::PriceSource& priceOf)
        : reference_(reference), request_(request), priceOf_(priceOf) {
        for (const auto& instrument : reference.instruments) instruments_.emplace(instrument.symbol, &instrument);
        for (const auto& fund : reference.funds)
            if (fund.code == request.fund) {
                baseCurrency_ = fund.baseCurrency;
                knownFund_ = true;
            }
    }

    Result<FundPosition> position() {
        FundPosition fund;
        for (const auto& held : request_.holdings) {
            if (held.fund != request_.fund) continue;
            if (held.symbol == OpeningPosition::kCash) {
                fund.cash += Money::product(held.quantity, Price::fromInteger(1));
                continue;
            }
            if (!instrument(held.symbol))
                return Error{held.symbol + " is held by " + request_.fund + " but is not an instrument"};
            fund.quantities[held.symbol] += held.quantity;
            if (held.price) heldAt_[held.symbol] = *held.price;
        }
        return fund;
    }

    const Instrument* instrument(const std::string& symbol) const {
        const auto found = instruments_.find(symbol);
        return found == instruments_.end() ? nullptr : found->second;
    }
    /// The price given first, then the holding's own, then the instrument's reference price.
    std::optional<Price> price(const std::string& symbol) const {
        if (auto known = priceOf_ ? priceOf_(symbol) : std::nullopt) return known;
        if (const auto found = heldAt_.find(symbol); found != heldAt_.end()) return found->second;
        const auto* known = instrument(symbol);
        return known ? known->referencePrice : std::nullopt;
    }
    std::optional<Money> inFundCurrency(Money amount, const std::string& symbol) const {
        const auto* known = instrument(symbol);
        return reference_.fxRates.convert(amount, known ? known->currency : baseCurrency_, baseCurrency_);
    }

    /// Each order checked as a what-if, then booked at its estimated price, on an engine of its own
    /// where the orders book to an account of their own in the fund.
    std::vector<CheckResult> check(const RebalanceProposal& proposal) const {
        ReferenceData reference = reference_;
        const std::string account = request_.fund + "-REBALANCE";
        if (!knownFund_) reference.funds.push_back({request_.fund, request_.fund, baseCurrency_});
        reference.accounts.push_back({account, "rebalance proposal", request_.fund});
        ComplianceEngine compliance(reference, [this](const std::string& symbol) { return price(symbol); });
        std::vector<OpeningPosition> held;
        for (const auto& position : request_.holdings)
            if (position.fund == request_.fund) held.push_back(position);
        compliance.setOpeningPositions(held);
        compliance.setRules(request_.rules);
        return checkProposal(compliance, proposal, account, request_.trader, request_.at);
    }

private:
    const ReferenceData& reference_;
    const RebalanceRequest& request_;
    const ComplianceEngine::PriceSource& priceOf_;
    std::unordered_map<std::string, const Instrument*> instruments_;
    std::unordered_map<std::string, Price> heldAt_;
    std::string baseCurrency_ = "USD";
    bool knownFund_ = false;
};

}  // namespace

Result<RebalancePlan> planRebalance(const ReferenceData& reference, const RebalanceRequest& request,
                                    const ComplianceEngine::PriceSource& priceOf) {
    FundPicture picture(reference, request, priceOf);
    auto fund = picture.position();
    if (!fund) return Error{fund.error()};
    auto proposal = proposeRebalance(
        *fund, request.model, request.options, [&](const std::string& symbol) { return picture.instrument(symbol); },
        [&](const std::string& symbol) { return picture.price(symbol); },
        [&](Money amount, const std::string& symbol) { return picture.inFundCurrency(amount, symbol); });
    if (!proposal) return Error{"no proposal for " + request.fund + ": " + proposal.error()};
    auto checks = picture.check(*proposal);
    return RebalancePlan{std::move(*proposal), std::move(checks)};
}

std::vector<CheckResult> checkRebalance(const ReferenceData& reference, const RebalanceRequest& request,
                                        const RebalanceProposal& proposal, const ComplianceEngine::PriceSource& priceOf) {
    FundPicture picture(reference, request, priceOf);
    if (!picture.position()) return {};
    return picture.check(proposal);
}

}  // namespace ob

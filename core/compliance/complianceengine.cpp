#include "compliance/complianceengine.h"

#include "compliance/rulekinds/rulecheck.h"

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace ob {

namespace {

std::string keyOf(const std::string& fund, const std::string& symbol) { return fund + '\x1f' + symbol; }

Money valueIn(const std::unordered_map<std::string, Money>& amounts, const std::string& key) {
    const auto found = amounts.find(key);
    return found == amounts.end() ? Money{} : found->second;
}

}  // namespace

ComplianceEngine::ComplianceEngine(const ReferenceData& reference, PriceSource prices, PriceVersion priceVersion,
                                   std::chrono::milliseconds revalueEvery)
    : prices_(std::move(prices)), priceVersion_(std::move(priceVersion)), revalueEvery_(revalueEvery) {
    setReference(reference);
}

void ComplianceEngine::setReference(const ReferenceData& reference) {
    fx_ = reference.fxRates;
    instruments_.clear();
    votingSharesByIssuer_.clear();
    for (const auto& instrument : reference.instruments) {
        if (instrument.votingShares) votingSharesByIssuer_[instrument.issuer] += *instrument.votingShares;
        instruments_.emplace(instrument.symbol, instrument);
    }
    own_.setFunds(reference.funds);
    own_.setAccounts(reference.accounts);
    exposureCache_.clear();
}

FundHoldings& ComplianceEngine::ownHoldings() {
    if (holdings_ != &own_) throw std::logic_error("compliance follows the desk's book: only the order engine books into it");
    return own_;
}

void ComplianceEngine::setOpeningPositions(const std::vector<OpeningPosition>& positions) { ownHoldings().setOpening(positions); }

std::optional<Money> ComplianceEngine::inFundCurrency(Money amount, const std::string& symbol, const std::string& fund) const {
    const auto* known = instrument(symbol);
    const auto* holdings = holdings_->find(fund);
    if (!known || !holdings) return amount;
    return fx_.convert(amount, known->currency, holdings->baseCurrency);
}

std::optional<Money> ComplianceEngine::inReportingCurrency(Money amount, const std::string& symbol) const {
    const auto* known = instrument(symbol);
    return known ? fx_.convert(amount, known->currency, FxRates::kReportingCurrency) : std::optional<Money>(amount);
}

ComplianceEngine::~ComplianceEngine() = default;

void ComplianceEngine::setRules(RuleBook rules) {
    compiled_.clear();
    for (const auto& rule : rules.rules) compiled_.emplace_back(rule);
    locates_.clear();
    for (const auto& locate : rules.locates) locates_[keyOf(locate.fund, locate.symbol)] += locate.quantity;
    rules_ = std::move(rules);
}

const Instrument* ComplianceEngine::instrument(const std::string& symbol) const {
    const auto it = instruments_.find(symbol);
    return it == instruments_.end() ? nullptr : &it->second;
}

std::optional<Price> ComplianceEngine::markPrice(const std::string& symbol) const {
    if (auto price = prices_ ? prices_(symbol) : std::nullopt) return price;
    if (const auto* known = instrument(symbol); known && known->referencePrice) return known->referencePrice;
    return holdings_->openingPrice(symbol);
}

std::optional<Price> ComplianceEngine::priceFor(const ProposedOrder& order) const {
    if (order.limitPrice && (order.type == OrdType::Limit || order.type == OrdType::StopLimit)) return order.limitPrice;
    return markPrice(order.symbol);
}

const FundExposure& ComplianceEngine::exposure(const std::string& fund) const {
    const auto* holdings = holdings_->find(fund);
    const std::uint64_t fundVersion = holdings ? holdings->version : 0;
    const std::uint64_t priceVersion = priceVersion_ ? priceVersion_() : 0;
    auto [it, inserted] = exposureCache_.try_emplace(fund);
    const auto now = std::chrono::steady_clock::now();
    // Without a version to follow, prices are taken as they were when the fund was last valued.
    const bool pricesMoved = priceVersion_ && it->second.priceVersion != priceVersion;
    if (inserted || it->second.fundVersion != fundVersion || (pricesMoved && now - it->second.valuedAt >= revalueEvery_)) {
        it->second.valuedAt = now;
        static const FundHoldings::Fund empty;
        const auto& held = holdings ? *holdings : empty;
        it->second.fundVersion = fundVersion;
        it->second.priceVersion = priceVersion;
        it->second.exposure = computeExposure(
            held, [this](const std::string& symbol) { return instrument(symbol); }, votingSharesByIssuer_,
            [this](const std::string& symbol) { return markPrice(symbol); },
            [&](Money amount, const std::string& currency) { return fx_.convert(amount, currency, held.baseCurrency); });
    }
    return it->second.exposure;
}

bool ComplianceEngine::applies(const CompiledRule& compiled, const ProposedOrder& order, const std::string& fund,
                               const Instrument* instrument) const {
    const auto& rule = compiled.rule;
    if (rule.mode == RuleMode::Disabled) return false;
    switch (rule.scope) {
        case ScopeKind::Firm: return true;
        case ScopeKind::Fund: return fund == rule.scopeValue;
        case ScopeKind::Account: return order.account == rule.scopeValue;
        case ScopeKind::Trader: return order.trader == rule.scopeValue;
        case ScopeKind::InstrumentGroup: return compiled.inGroup(order.symbol, instrument);
    }
    return false;
}

Money ComplianceEngine::traderNotional(const std::string& trader) const { return valueIn(traderNotional_, trader); }

Money ComplianceEngine::openBuysExcept(const std::string& fund, OrderId order) const {
    Money committed = valueIn(openBuysByFund_, fund);
    if (const auto own = openBuys_.find(order); order != 0 && own != openBuys_.end())
        for (const auto& part : own->second)
            if (part.fund == fund) committed -= part.notional;
    return committed;
}

Qty ComplianceEngine::located(const std::string& fund, const std::string& symbol) const {
    const auto found = locates_.find(keyOf(fund, symbol));
    return found == locates_.end() ? Qty{} : found->second;
}

std::optional<Qty> ComplianceEngine::votingShares(const std::string& issuer) const {
    const auto found = votingSharesByIssuer_.find(issuer);
    return found == votingSharesByIssuer_.end() ? std::nullopt : std::optional<Qty>(found->second);
}

std::optional<RuleResult> ComplianceEngine::evaluate(const CompiledRule& compiled, const ProposedOrder& order,
                                                     const std::string& fund, const Instrument* instrument) const {
    OrderCheck check(*this, compiled, order, fund, instrument);
    return compiled.spec->checkOrder(check);
}

CheckResult ComplianceEngine::preTrade(const ProposedOrder& order) const {
    CheckResult result;
    const auto& fund = holdings_->fundOf(order.account);
    const auto* known = instrument(order.symbol);
    for (const auto& compiled : compiled_) {
        if (!applies(compiled, order, fund, known)) continue;
        auto finding = evaluate(compiled, order, fund, known);
        if (!finding) continue;
        if (!finding->logOnly) result.verdict = std::max(result.verdict, finding->verdict);
        result.findings.push_back(std::move(*finding));
    }
    return result;
}

std::vector<Headroom> ComplianceEngine::headroom(const ProposedOrder& order) const {
    std::vector<Headroom> result;
    const auto& fund = holdings_->fundOf(order.account);
    const auto* known = instrument(order.symbol);
    const Qty lot = known && known->lotSize.isPositive() ? known->lotSize : Qty::fromInteger(1);
    // Beyond this many lots no order is realistic, and quantities stay far from the 64-bit limit.
    const std::int64_t kUnbounded = std::min<std::int64_t>(std::int64_t{1} << 40, (INT64_MAX / 8) / lot.raw());
    for (const auto& compiled : compiled_) {
        if (!compiled.spec->boundsQuantity || compiled.rule.mode != RuleMode::Active || !applies(compiled, order, fund, known))
            continue;
        ProposedOrder trial = order;
        const auto passes = [&](std::int64_t lots) {
            trial.quantity = order.filled + lot * lots;
            return !evaluate(compiled, trial, fund, known).has_value();
        };
        // More quantity never helps these rules: find the last passing number of lots.
        std::int64_t good = 0, bad = 1;
        while (passes(bad)) {
            good = bad;
            if (bad >= kUnbounded) break;
            bad *= 2;
        }
        if (good >= kUnbounded) continue;  // this order cannot reach the limit
        while (bad - good > 1) {
            const std::int64_t middle = good + (bad - good) / 2;
            (passes(middle) ? good : bad) = middle;
        }
        result.push_back({compiled.rule.id, compiled.rule.name, order.filled + lot * good});
    }
    return result;
}

std::vector<RuleResult> ComplianceEngine::postTrade(const std::string& fund) const {
    std::vector<RuleResult> results;
    const auto* holdings = holdings_->find(fund);
    if (!holdings) return results;
    const auto& figures = exposure(fund);
    for (const auto& compiled : compiled_) {
        const Rule& rule = compiled.rule;
        if (rule.mode == RuleMode::Disabled) continue;
        if (rule.scope == ScopeKind::Account || rule.scope == ScopeKind::Trader) continue;  // holdings are the fund's
        if (rule.scope == ScopeKind::Fund && rule.scopeValue != fund) continue;
        // Order-level kinds have nothing to say about holdings.
        if (compiled.spec->checkHoldings) compiled.spec->checkHoldings({*this, compiled, fund, *holdings, figures, results});
    }
    return results;
}

void ComplianceEngine::recordAccepted(const ProposedOrder& order) {
    if (!order.replaces) {
        recent_.push_back({order.at, order.account, order.symbol, order.side, order.quantity});
        std::int64_t window = 0;
        for (const auto& compiled : compiled_)
            if (compiled.spec->readsWindow) window = std::max(window, compiled.rule.windowSeconds);
        const Timestamp keepFrom = order.at - std::chrono::seconds(window);
        while (!recent_.empty() && recent_.front().at < keepFrom) recent_.pop_front();
    }
    if (const auto price = priceFor(order))
        if (const auto added = inReportingCurrency((order.quantity - order.replaces.value_or(Qty{})) * *price, order.symbol))
            traderNotional_[order.trader] += *added;
}

void ComplianceEngine::trackOpenBuy(OrderId id, const std::string& account, Qty leaves, std::optional<Price> price,
                                    const std::string& symbol) {
    trackOpenBuy(id, std::vector<Allocation>{{account, leaves}}, price, symbol);
}

void ComplianceEngine::trackOpenBuy(OrderId id, const std::vector<Allocation>& leavesByAccount, std::optional<Price> price,
                                    const std::string& symbol) {
    const auto previous = openBuys_.find(id);
    if (previous != openBuys_.end()) {
        for (const auto& part : previous->second) openBuysByFund_[part.fund] -= part.notional;
        openBuys_.erase(previous);
    }
    const auto valued = price ? price : markPrice(symbol);
    if (!valued) return;
    std::vector<OpenBuy> parts;
    for (const auto& [account, leaves] : leavesByAccount) {
        if (!leaves.isPositive()) continue;
        const auto& fund = holdings_->fundOf(account);
        const auto notional = inFundCurrency(leaves * *valued, symbol, fund);
        if (!notional) continue;
        openBuysByFund_[fund] += *notional;
        parts.push_back({fund, *notional});
    }
    if (!parts.empty()) openBuys_.emplace(id, std::move(parts));
}

const std::string* ComplianceEngine::applyExecution(const ExecutionRecord& execution, const std::string& account) {
    auto& holdings = ownHoldings();
    const auto& fundCode = holdings.fundOf(account);
    const auto* before = holdings.find(fundCode);
    const std::uint64_t versionBefore = before ? before->version : 0;
    const Qty heldBefore = holdings.quantity(fundCode, execution.symbol);
    const auto* fund = holdings.apply(execution, account, settlementCurrency(execution.symbol, account));
    if (fund) carryFill(*fund, execution, heldBefore, versionBefore);
    return fund;
}

std::string ComplianceEngine::settlementCurrency(const std::string& symbol, const std::string& account) const {
    if (const auto* known = instrument(symbol)) return known->currency;
    const auto* holdings = holdings_->find(holdings_->fundOf(account));
    return holdings ? holdings->baseCurrency : std::string();
}

void ComplianceEngine::carryFill(const std::string& fund, const ExecutionRecord& execution, Qty heldBefore,
                                 std::uint64_t versionBefore) {
    // A fill at the mark price moves value from cash to the holding and leaves NAV and total assets as
    // they were: the cached figures then change for one issuer only. Anything else revalues the fund.
    const auto cached = exposureCache_.find(fund);
    const auto* holdings = holdings_->find(fund);
    if (cached == exposureCache_.end() || !holdings || cached->second.fundVersion != versionBefore ||
        execution.execType != ExecType::Trade)
        return;
    auto& figures = cached->second.exposure;
    const auto* known = instrument(execution.symbol);
    const auto mark = markPrice(execution.symbol);
    const Qty heldAfter = holdings_->quantity(fund, execution.symbol);
    const auto before = mark ? inFundCurrency(heldBefore * *mark, execution.symbol, fund) : std::nullopt;
    const auto after = mark ? inFundCurrency(heldAfter * *mark, execution.symbol, fund) : std::nullopt;
    const auto paid = inFundCurrency((heldAfter - heldBefore) * execution.lastPx, execution.symbol, fund);
    if (!known || !mark || *mark != execution.lastPx || !before || !after || !paid || *after - *before != *paid) return;
    const Money cashAfter = figures.cash - *paid;
    const bool assetsStay = figures.cash.isPositive() && cashAfter.isPositive() && !before->isNegative() && !after->isNegative();
    if (!assetsStay) return;
    const std::string& issuer = issuerOf(known, execution.symbol);
    const Money issuerBefore = valueIn(figures.byIssuer, issuer);
    const Money issuerAfter = issuerBefore + *paid;
    const Qty sharesBefore = figures.sharesByIssuer[issuer];
    const auto voting = votingSharesByIssuer_.find(issuer);
    const auto votes = voting == votingSharesByIssuer_.end() ? std::nullopt : std::optional<Qty>(voting->second);
    const Money five = Money::fromInteger(5);
    if (percentOf(absolute(issuerBefore), figures.nav) > five) figures.ucitsAbove5 -= absolute(issuerBefore);
    if (percentOf(absolute(issuerAfter), figures.nav) > five) figures.ucitsAbove5 += absolute(issuerAfter);
    if (failsDiversification(issuerBefore, figures.totalAssets, sharesBefore, votes))
        figures.nonQualifying1940 -= absolute(issuerBefore);
    if (failsDiversification(issuerAfter, figures.totalAssets, sharesBefore + (heldAfter - heldBefore), votes))
        figures.nonQualifying1940 += absolute(issuerAfter);
    figures.cash = cashAfter;
    figures.byIssuer[issuer] = issuerAfter;
    figures.bySector[known->sector] += *paid;
    figures.byCountry[known->country] += *paid;
    figures.sharesByIssuer[issuer] = sharesBefore + (heldAfter - heldBefore);
    cached->second.fundVersion = holdings->version;
}

}  // namespace ob

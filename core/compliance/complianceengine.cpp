#include "compliance/complianceengine.h"

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace ob {

namespace {

const Money kTen = Money::fromInteger(10);
const Money kFive = Money::fromInteger(5);

std::string show(Money value, FigureUnit unit) {
    switch (unit) {
        case FigureUnit::Percent: return value.toString(2) + "%";
        case FigureUnit::Amount: return value.toString(2);
        case FigureUnit::Quantity:
        case FigureUnit::None: return value.toString();
    }
    return value.toString();
}

std::string describe(const ProposedOrder& order) {
    return std::string(nameOf(order.side)) + " " + order.quantity.toString() + " " + order.symbol + " for " + order.account;
}

/// How a figure compares with the rule's limit and warning threshold, and
/// whether the trade is the cause (see BreachCause).
struct Judgement {
    Verdict verdict = Verdict::Pass;
    BreachCause cause = BreachCause::Active;
    Money threshold;
};

Judgement judge(const Rule& rule, Money before, Money after, bool hasBefore, bool lowerIsWorse = false) {
    const auto beyond = [&](Money value, Money line) { return lowerIsWorse ? value < line : value > line; };
    const auto worse = [&](Money a, Money b) { return lowerIsWorse ? a < b : a > b; };
    const auto classify = [&](Money line, Verdict verdict) -> Judgement {
        if (hasBefore && beyond(before, line)) {
            // Already beyond it: only a trade that takes it further is stopped.
            if (!worse(after, before)) return {};
            return {verdict, BreachCause::Worsened, line};
        }
        return {verdict, BreachCause::Active, line};
    };
    if (rule.limit && beyond(after, *rule.limit))
        return classify(*rule.limit, rule.severity == Severity::Block ? Verdict::Block : Verdict::Warn);
    if (rule.warnAt && beyond(after, *rule.warnAt)) return classify(*rule.warnAt, Verdict::Warn);
    return {};
}

/// Whether a position or exposure changes sign: a short beyond the limit after a long beyond it is a new
/// breach, not a smaller one.
template <typename T>
bool flips(T before, T after) {
    return (before.isPositive() && after.isNegative()) || (before.isNegative() && after.isPositive());
}

bool quantityBound(RuleKind kind) {
    switch (kind) {
        case RuleKind::RestrictedList:
        case RuleKind::PriceCollar:
        case RuleKind::DuplicateOrder: return false;
        default: return true;
    }
}

std::string keyOf(const std::string& fund, const std::string& symbol) { return fund + '\x1f' + symbol; }

Money valueIn(const std::unordered_map<std::string, Money>& amounts, const std::string& key) {
    const auto found = amounts.find(key);
    return found == amounts.end() ? Money{} : found->second;
}

}  // namespace

struct ComplianceEngine::CompiledRule {
    Rule rule;
    std::unordered_set<std::string> symbols;
    std::unordered_set<std::string> issuers;
    std::string groupKey;  ///< InstrumentGroup: sector, country, issuer, currency or symbols
    std::string groupValue;
    std::unordered_set<std::string> groupSymbols;

    bool inGroup(const std::string& symbol, const Instrument* instrument) const {
        if (groupKey.empty()) return true;
        if (groupKey == "symbols") return groupSymbols.count(symbol) > 0;
        if (!instrument) return false;
        if (groupKey == "sector") return instrument->sector == groupValue;
        if (groupKey == "country") return instrument->country == groupValue;
        if (groupKey == "issuer") return instrument->issuer == groupValue;
        return instrument->currency == groupValue;
    }
};

ComplianceEngine::ComplianceEngine(const ReferenceData& reference, PriceSource prices, PriceVersion priceVersion,
                                   std::chrono::milliseconds revalueEvery)
    : fx_(reference.fxRates), prices_(std::move(prices)), priceVersion_(std::move(priceVersion)), revalueEvery_(revalueEvery) {
    for (const auto& instrument : reference.instruments) {
        if (instrument.votingShares) votingSharesByIssuer_[instrument.issuer] += *instrument.votingShares;
        instruments_.emplace(instrument.symbol, instrument);
    }
    own_.setFunds(reference.funds);
    own_.setAccounts(reference.accounts);
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
    for (const auto& rule : rules.rules) {
        CompiledRule compiled{
            rule, {rule.symbols.begin(), rule.symbols.end()}, {rule.issuers.begin(), rule.issuers.end()}, {}, {}, {}};
        if (rule.scope == ScopeKind::InstrumentGroup) {
            const auto eq = rule.scopeValue.find('=');
            compiled.groupKey = rule.scopeValue.substr(0, eq);
            compiled.groupValue = eq == std::string::npos ? std::string() : rule.scopeValue.substr(eq + 1);
            if (compiled.groupKey == "symbols") {
                std::size_t start = 0;
                while (start <= compiled.groupValue.size()) {
                    const auto comma = std::min(compiled.groupValue.find(',', start), compiled.groupValue.size());
                    if (comma > start) compiled.groupSymbols.insert(compiled.groupValue.substr(start, comma - start));
                    start = comma + 1;
                }
            }
        }
        compiled_.push_back(std::move(compiled));
    }
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

Money ComplianceEngine::openBuys(const std::string& fund) const {
    const auto it = openBuysByFund_.find(fund);
    return it == openBuysByFund_.end() ? Money{} : it->second;
}

std::optional<RuleResult> ComplianceEngine::evaluate(const CompiledRule& compiled, const ProposedOrder& order,
                                                     const std::string& fund, const Instrument* instrument) const {
    const Rule& rule = compiled.rule;
    const FigureUnit unit = unitOf(rule.kind);
    const Qty remaining = std::max(order.quantity - order.filled, Qty{});
    const Qty delta = order.side == Side::Buy ? remaining : -remaining;
    const auto price = priceFor(order);

    RuleResult result;
    result.ruleId = rule.id;
    result.ruleName = rule.name;
    result.kind = rule.kind;
    result.logOnly = rule.mode == RuleMode::LogOnly;
    result.subject = order.symbol;
    result.limit = rule.limit;

    const auto finding = [&](const Judgement& judgement, Money before, Money after,
                             const std::string& what) -> std::optional<RuleResult> {
        if (judgement.verdict == Verdict::Pass) return std::nullopt;
        result.verdict = judgement.verdict;
        result.cause = judgement.cause;
        result.before = before;
        result.after = after;
        result.limit = judgement.threshold;
        const bool warningLine =
            rule.warnAt && judgement.threshold == *rule.warnAt && (!rule.limit || *rule.limit != *rule.warnAt);
        const bool lowerIsWorse = rule.kind == RuleKind::Cash;
        const std::string beyond = warningLine ? (lowerIsWorse ? " is below the warning level " : " is above the warning level ")
                                               : (lowerIsWorse ? " is below " : " exceeds ");
        // An order's own figures have no "before"; a holding's do.
        const bool orderLevel = rule.kind == RuleKind::MaxOrderQuantity || rule.kind == RuleKind::MaxOrderNotional ||
                                rule.kind == RuleKind::PriceCollar;
        result.message =
            rule.name + ": " + what + " " + show(after, unit) + beyond + show(judgement.threshold, unit) +
            (orderLevel ? std::string() : " (was " + show(before, unit) + ", " + std::string(aliasOf(judgement.cause)) + ")") +
            " — " + describe(order);
        return result;
    };
    const auto flag = [&](BreachCause cause, const std::string& message) -> std::optional<RuleResult> {
        result.verdict = rule.severity == Severity::Block ? Verdict::Block : Verdict::Warn;
        result.cause = cause;
        result.message = rule.name + ": " + message + " — " + describe(order);
        return result;
    };
    const auto noPrice = [&]() {
        return flag(BreachCause::Active, "no price or exchange rate for " + order.symbol + " to check the rule with");
    };
    // What the order trades, valued in the fund's base currency and in the reporting currency.
    const auto fundValue = [&](Qty quantity) {
        return price ? inFundCurrency(quantity * *price, order.symbol, fund) : std::nullopt;
    };
    const auto reportingValue = [&](Qty quantity) {
        return price ? inReportingCurrency(quantity * *price, order.symbol) : std::nullopt;
    };

    // The order's issuer in the fund, before and after the trade, in the fund's currency.
    struct IssuerMove {
        const FundExposure& figures;
        const std::string& issuer;
        Money held;
        Money heldAfter;
    };
    const auto issuerMove = [&]() -> std::optional<IssuerMove> {
        const auto traded = fundValue(delta);
        if (!traded) return std::nullopt;
        const auto& figures = exposure(fund);
        const auto& issuer = issuerOf(instrument, order.symbol);
        const Money held = valueIn(figures.byIssuer, issuer);
        return IssuerMove{figures, issuer, held, held + *traded};
    };

    switch (rule.kind) {
        case RuleKind::RestrictedList: {
            const bool listed =
                compiled.symbols.count(order.symbol) || (instrument && compiled.issuers.count(instrument->issuer));
            const bool buying = order.side == Side::Buy;
            const bool forbidden = rule.restriction == Restriction::NoTrade ||
                                   (rule.restriction == Restriction::NoBuy && buying) ||
                                   (rule.restriction == Restriction::NoSell && !buying);
            if (!listed || !forbidden) return std::nullopt;
            return flag(BreachCause::Active, order.symbol + " is restricted (" + std::string(aliasOf(rule.restriction)) + ")");
        }
        case RuleKind::MaxOrderQuantity:
            return finding(judge(rule, {}, amountOf(order.quantity), false), {}, amountOf(order.quantity), "order quantity");
        case RuleKind::MaxOrderNotional: {
            const auto value = reportingValue(order.quantity);
            if (!value) return noPrice();
            const Money notional = *value;
            return finding(judge(rule, {}, notional, false), {}, notional, "order notional in USD");
        }
        case RuleKind::PriceCollar: {
            const auto reference = markPrice(order.symbol);
            if (!order.limitPrice || !reference || !reference->isPositive()) return std::nullopt;
            const Money distance = percentOf(absolute(amountOf(*order.limitPrice) - amountOf(*reference)), amountOf(*reference));
            return finding(judge(rule, {}, distance, false), {}, distance,
                           "limit " + order.limitPrice->toString() + " is from reference " + reference->toString() + " by");
        }
        case RuleKind::PositionLimit: {
            const Qty held = holdings_->quantity(fund, order.symbol);
            const Money before = amountOf(held.abs()), after = amountOf((held + delta).abs());
            return finding(judge(rule, before, after, !flips(held, held + delta)), before, after,
                           fund + " position in " + order.symbol);
        }
        case RuleKind::IssuerConcentration:
        case RuleKind::SectorExposure:
        case RuleKind::CountryExposure: {
            if (!instrument) return std::nullopt;
            const auto traded = fundValue(delta);
            if (!traded) return noPrice();
            const auto& figures = exposure(fund);
            const auto& [key, byKey, label] = rule.kind == RuleKind::IssuerConcentration
                                                  ? std::tuple(issuerOf(instrument, order.symbol), &figures.byIssuer, "issuer")
                                              : rule.kind == RuleKind::SectorExposure
                                                  ? std::tuple(instrument->sector, &figures.bySector, "sector")
                                                  : std::tuple(instrument->country, &figures.byCountry, "country");
            if (!rule.target.empty() && rule.target != key) return std::nullopt;
            const Money held = valueIn(*byKey, key);
            const Money before = percentOf(absolute(held), figures.nav);
            const Money after = percentOf(absolute(held + *traded), figures.nav);
            result.subject = key;
            return finding(judge(rule, before, after, !flips(held, held + *traded)), before, after,
                           fund + " " + label + " " + key + " at");
        }
        case RuleKind::Ucits: {
            const auto move = issuerMove();
            if (!move) return noPrice();
            const auto& [figures, issuer, held, heldAfter] = *move;
            const Money before = percentOf(absolute(held), figures.nav), after = percentOf(absolute(heldAfter), figures.nav);
            Rule tenPercent = rule;
            tenPercent.limit = kTen;
            tenPercent.warnAt.reset();
            result.subject = issuer;
            if (auto single = finding(judge(tenPercent, before, after, !flips(held, heldAfter)), before, after,
                                      fund + " issuer " + issuer + " at"))
                return single;
            const Money above5 = figures.ucitsAbove5 - (before > kFive ? absolute(held) : Money{}) +
                                 (after > kFive ? absolute(heldAfter) : Money{});
            Rule fortyPercent = rule;
            fortyPercent.limit = Money::fromInteger(40);
            fortyPercent.warnAt.reset();
            const Money sumBefore = percentOf(figures.ucitsAbove5, figures.nav), sumAfter = percentOf(above5, figures.nav);
            result.subject = "issuers above 5%";
            return finding(judge(fortyPercent, sumBefore, sumAfter, true), sumBefore, sumAfter,
                           fund + " issuers above 5% together at");
        }
        case RuleKind::Act1940Diversified: {
            const auto move = issuerMove();
            if (!move) return noPrice();
            const auto& [figures, issuer, held, heldAfter] = *move;
            const auto sharesFound = figures.sharesByIssuer.find(issuer);
            const Qty shares = sharesFound == figures.sharesByIssuer.end() ? Qty{} : sharesFound->second;
            const auto votingFound = votingSharesByIssuer_.find(issuer);
            const auto voting =
                votingFound == votingSharesByIssuer_.end() ? std::nullopt : std::optional<Qty>(votingFound->second);
            const bool failsBefore = failsDiversification(held, figures.totalAssets, shares, voting);
            const bool failsAfter = failsDiversification(heldAfter, figures.totalAssets, shares + delta, voting);
            const Money nonQualifying = figures.nonQualifying1940 - (failsBefore ? absolute(held) : Money{}) +
                                        (failsAfter ? absolute(heldAfter) : Money{});
            Rule quarter = rule;
            quarter.limit = Money::fromInteger(25);
            quarter.warnAt.reset();
            const Money before = percentOf(figures.nonQualifying1940, figures.totalAssets);
            const Money after = percentOf(nonQualifying, figures.totalAssets);
            result.subject = issuer;
            return finding(judge(quarter, before, after, true), before, after,
                           fund + " holdings outside the 75% diversified basket (issuers above 5% of assets or 10% of votes) at");
        }
        case RuleKind::ShortSaleLocate: {
            if (order.side == Side::Buy) return std::nullopt;
            const Qty held = holdings_->quantity(fund, order.symbol);
            const Qty after = held + delta;
            if (!after.isNegative()) return std::nullopt;
            const auto located = locates_.find(keyOf(fund, order.symbol));
            const Qty available = located == locates_.end() ? Qty{} : located->second;
            const Qty shortBefore = held.isNegative() ? -held : Qty{};
            if (-after <= available) return std::nullopt;
            result.before = amountOf(shortBefore);
            result.after = amountOf(-after);
            result.limit = amountOf(available);
            return flag(shortBefore > available ? BreachCause::Worsened : BreachCause::Active,
                        "short " + (-after).toString() + " " + order.symbol + " in " + fund + " with " + available.toString() +
                            " located");
        }
        case RuleKind::DuplicateOrder: {
            if (order.replaces) return std::nullopt;
            const Timestamp since = order.at - std::chrono::seconds(rule.windowSeconds);
            for (auto it = recent_.rbegin(); it != recent_.rend() && it->at >= since; ++it) {
                if (it->account == order.account && it->symbol == order.symbol && it->side == order.side &&
                    it->quantity == order.quantity) {
                    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(order.at - it->at).count();
                    return flag(BreachCause::Active, "the same order was entered " + std::to_string(seconds) + " s ago (window " +
                                                         std::to_string(rule.windowSeconds) + " s)");
                }
            }
            return std::nullopt;
        }
        case RuleKind::DailyTraderNotional: {
            const auto added = reportingValue(order.quantity - order.replaces.value_or(Qty{}));
            if (!added) return noPrice();
            const auto used = traderNotional_.find(order.trader);
            const Money before = used == traderNotional_.end() ? Money{} : used->second;
            const Money after = before + *added;
            return finding(judge(rule, before, after, true), before, after, order.trader + "'s notional today in USD");
        }
        case RuleKind::Cash: {
            if (order.side != Side::Buy) return std::nullopt;
            const auto cost = fundValue(remaining);
            if (!cost) return noPrice();
            const auto& figures = exposure(fund);
            Money committed = openBuys(fund);
            if (const auto own = openBuys_.find(order.id); order.id != 0 && own != openBuys_.end())
                for (const auto& part : own->second)
                    if (part.fund == fund) committed -= part.notional;
            const Money before = figures.cash - committed;
            const Money after = before - *cost;
            const auto* holdings = holdings_->find(fund);
            return finding(
                judge(rule, before, after, true, true), before, after,
                fund + " cash after open buys in " + (holdings ? holdings->baseCurrency : std::string("base currency")));
        }
    }
    return std::nullopt;
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
        if (!quantityBound(compiled.rule.kind) || compiled.rule.mode != RuleMode::Active ||
            !applies(compiled, order, fund, known))
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
        const FigureUnit unit = unitOf(rule.kind);
        const auto report = [&](const Rule& judged, Money value, const std::string& subject, const std::string& what,
                                bool lowerIsWorse = false) {
            const auto judgement = judge(judged, {}, value, false, lowerIsWorse);
            if (judgement.verdict == Verdict::Pass) return;
            RuleResult r;
            r.ruleId = rule.id;
            r.ruleName = rule.name;
            r.kind = rule.kind;
            r.verdict = judgement.verdict;
            r.logOnly = rule.mode == RuleMode::LogOnly;
            r.subject = subject;
            r.limit = judgement.threshold;
            r.before = value;
            r.after = value;
            r.message =
                rule.name + ": " + fund + " " + what + " " + show(value, unit) + " beyond " + show(judgement.threshold, unit);
            results.push_back(std::move(r));
        };
        // An instrument group narrows an exposure rule to the issuers, sectors or countries of the fund's holdings in it.
        const auto exposures = [&](const std::unordered_map<std::string, Money>& byKey, const char* label,
                                   const std::function<std::string(const std::string&, const Instrument*)>& keyOf) {
            std::unordered_set<std::string> inGroup;
            if (rule.scope == ScopeKind::InstrumentGroup)
                for (const auto& [symbol, quantity] : holdings->quantities)
                    if (const auto* held = instrument(symbol); compiled.inGroup(symbol, held))
                        inGroup.insert(keyOf(symbol, held));
            for (const auto& [key, value] : byKey)
                if ((rule.target.empty() || rule.target == key) &&
                    (rule.scope != ScopeKind::InstrumentGroup || inGroup.count(key)))
                    report(rule, percentOf(absolute(value), figures.nav), key, std::string(label) + " " + key + " at");
        };
        switch (rule.kind) {
            case RuleKind::PositionLimit:
                for (const auto& [symbol, quantity] : holdings->quantities)
                    if (compiled.inGroup(symbol, instrument(symbol)))
                        report(rule, amountOf(quantity.abs()), symbol, "position in " + symbol);
                break;
            case RuleKind::IssuerConcentration:
                exposures(figures.byIssuer, "issuer",
                          [](const std::string& symbol, const Instrument* held) { return issuerOf(held, symbol); });
                break;
            case RuleKind::SectorExposure:
                exposures(figures.bySector, "sector",
                          [](const std::string&, const Instrument* held) { return held ? held->sector : std::string(); });
                break;
            case RuleKind::CountryExposure:
                exposures(figures.byCountry, "country",
                          [](const std::string&, const Instrument* held) { return held ? held->country : std::string(); });
                break;
            case RuleKind::Ucits: {
                Rule tenPercent = rule;
                tenPercent.limit = kTen;
                tenPercent.warnAt.reset();
                for (const auto& [issuer, value] : figures.byIssuer)
                    report(tenPercent, percentOf(absolute(value), figures.nav), issuer, "issuer " + issuer + " at");
                Rule fortyPercent = tenPercent;
                fortyPercent.limit = Money::fromInteger(40);
                report(fortyPercent, percentOf(figures.ucitsAbove5, figures.nav), "issuers above 5%",
                       "issuers above 5% together at");
                break;
            }
            case RuleKind::Act1940Diversified: {
                Rule quarter = rule;
                quarter.limit = Money::fromInteger(25);
                quarter.warnAt.reset();
                report(quarter, percentOf(figures.nonQualifying1940, figures.totalAssets), "non-diversified",
                       "holdings outside the 75% diversified basket at");
                break;
            }
            case RuleKind::Cash: report(rule, figures.cash, "cash", "cash at", true); break;
            default: break;  // order-level rules have nothing to say about holdings
        }
    }
    return results;
}

void ComplianceEngine::recordAccepted(const ProposedOrder& order) {
    if (!order.replaces) {
        recent_.push_back({order.at, order.account, order.symbol, order.side, order.quantity});
        std::int64_t window = 0;
        for (const auto& compiled : compiled_)
            if (compiled.rule.kind == RuleKind::DuplicateOrder) window = std::max(window, compiled.rule.windowSeconds);
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

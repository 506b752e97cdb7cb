#include "compliance/rulekinds/rulecheck.h"

#include <algorithm>

namespace ob {

namespace {

std::string describe(const ProposedOrder& order) {
    return std::string(nameOf(order.side)) + " " + order.quantity.toString() + " " + order.symbol + " for " + order.account;
}

Judgement judgeFigure(const Rule& rule, Money before, Money after, bool hasBefore, bool lowerIsWorse) {
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

}  // namespace

CompiledRule::CompiledRule(Rule source)
    : rule(std::move(source))
    , spec(&specOf(rule.kind))
    , symbols(rule.symbols.begin(), rule.symbols.end())
    , issuers(rule.issuers.begin(), rule.issuers.end()) {
    if (rule.scope != ScopeKind::InstrumentGroup) return;
    const auto eq = rule.scopeValue.find('=');
    groupKey = rule.scopeValue.substr(0, eq);
    groupValue = eq == std::string::npos ? std::string() : rule.scopeValue.substr(eq + 1);
    if (groupKey != "symbols") return;
    std::size_t start = 0;
    while (start <= groupValue.size()) {
        const auto comma = std::min(groupValue.find(',', start), groupValue.size());
        if (comma > start) groupSymbols.insert(groupValue.substr(start, comma - start));
        start = comma + 1;
    }
}

bool CompiledRule::inGroup(const std::string& symbol, const Instrument* instrument) const {
    if (groupKey.empty()) return true;
    if (groupKey == "symbols") return groupSymbols.count(symbol) > 0;
    if (!instrument) return false;
    if (groupKey == "sector") return instrument->sector == groupValue;
    if (groupKey == "country") return instrument->country == groupValue;
    if (groupKey == "issuer") return instrument->issuer == groupValue;
    return instrument->currency == groupValue;
}

std::string show(Money value, FigureUnit unit) {
    switch (unit) {
        case FigureUnit::Percent: return value.toString(2) + "%";
        case FigureUnit::Amount: return value.toString(2);
        case FigureUnit::Quantity:
        case FigureUnit::None: return value.toString();
    }
    return value.toString();
}

Rule withLegalLimit(const Rule& rule, int percent) {
    Rule legal = rule;
    legal.limit = Money::fromInteger(percent);
    legal.warnAt.reset();
    return legal;
}

OrderCheck::OrderCheck(const ComplianceEngine& asking, const CompiledRule& checking, const ProposedOrder& proposed,
                       const std::string& ofFund, const Instrument* traded)
    : engine(asking)
    , compiled(checking)
    , rule(checking.rule)
    , order(proposed)
    , fund(ofFund)
    , instrument(traded)
    , remaining(std::max(proposed.quantity - proposed.filled, Qty{}))
    , delta(proposed.side == Side::Buy ? remaining : -remaining)
    , price(asking.priceFor(proposed)) {
    result.ruleId = rule.id;
    result.ruleName = rule.name;
    result.kind = rule.kind;
    result.logOnly = rule.mode == RuleMode::LogOnly;
    result.subject = order.symbol;
    result.limit = rule.limit;
}

Judgement OrderCheck::judge(const Rule& judged, Money before, Money after, bool hasBefore) const {
    return judgeFigure(judged, before, after, hasBefore, compiled.spec->lowerIsWorse);
}

std::optional<RuleResult> OrderCheck::finding(const Judgement& judgement, Money before, Money after, const std::string& what) {
    if (judgement.verdict == Verdict::Pass) return std::nullopt;
    const auto& spec = *compiled.spec;
    result.verdict = judgement.verdict;
    result.cause = judgement.cause;
    result.before = before;
    result.after = after;
    result.limit = judgement.threshold;
    const bool warningLine = rule.warnAt && judgement.threshold == *rule.warnAt && (!rule.limit || *rule.limit != *rule.warnAt);
    const std::string beyond = warningLine ? (spec.lowerIsWorse ? " is below the warning level " : " is above the warning level ")
                                           : (spec.lowerIsWorse ? " is below " : " exceeds ");
    result.message =
        rule.name + ": " + what + " " + show(after, spec.unit) + beyond + show(judgement.threshold, spec.unit) +
        (spec.orderFigure ? std::string()
                          : " (was " + show(before, spec.unit) + ", " + std::string(aliasOf(judgement.cause)) + ")") +
        " — " + describe(order);
    return result;
}

std::optional<RuleResult> OrderCheck::flag(BreachCause cause, const std::string& message) {
    result.verdict = rule.severity == Severity::Block ? Verdict::Block : Verdict::Warn;
    result.cause = cause;
    result.message = rule.name + ": " + message + " — " + describe(order);
    return result;
}

std::optional<RuleResult> OrderCheck::noPrice() {
    return flag(BreachCause::Active, "no price or exchange rate for " + order.symbol + " to check the rule with");
}

std::optional<Money> OrderCheck::fundValue(Qty quantity) const {
    return price ? engine.inFundCurrency(quantity * *price, order.symbol, fund) : std::nullopt;
}

std::optional<Money> OrderCheck::reportingValue(Qty quantity) const {
    return price ? engine.inReportingCurrency(quantity * *price, order.symbol) : std::nullopt;
}

std::optional<OrderCheck::IssuerMove> OrderCheck::issuerMove() const {
    const auto traded = fundValue(delta);
    if (!traded) return std::nullopt;
    const auto& figures = engine.exposure(fund);
    const auto& issuer = issuerOf(instrument, order.symbol);
    const auto found = figures.byIssuer.find(issuer);
    const Money held = found == figures.byIssuer.end() ? Money{} : found->second;
    return IssuerMove{figures, issuer, held, held + *traded};
}

void HoldingCheck::report(const Rule& judged, Money value, const std::string& subject, const std::string& what) const {
    const auto& spec = *compiled.spec;
    const auto judgement = judgeFigure(judged, {}, value, false, spec.lowerIsWorse);
    if (judgement.verdict == Verdict::Pass) return;
    const Rule& rule = compiled.rule;
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
        rule.name + ": " + fund + " " + what + " " + show(value, spec.unit) + " beyond " + show(judgement.threshold, spec.unit);
    results.push_back(std::move(r));
}

void HoldingCheck::reportExposures(const std::unordered_map<std::string, Money>& byKey, const char* label,
                                   const std::function<std::string(const std::string&, const Instrument*)>& keyOf) const {
    const Rule& rule = compiled.rule;
    std::unordered_set<std::string> inGroup;
    if (rule.scope == ScopeKind::InstrumentGroup)
        for (const auto& [symbol, quantity] : holdings.quantities)
            if (const auto* held = engine.instrument(symbol); compiled.inGroup(symbol, held)) inGroup.insert(keyOf(symbol, held));
    for (const auto& [key, value] : byKey)
        if ((rule.target.empty() || rule.target == key) && (rule.scope != ScopeKind::InstrumentGroup || inGroup.count(key)))
            report(rule, percentOf(absolute(value), figures.nav), key, std::string(label) + " " + key + " at");
}

}  // namespace ob

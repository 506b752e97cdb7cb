#pragma once

#include "compliance/breach.h"
#include "domain/referencedata.h"
#include "portfolio/exposure.h"
#include "portfolio/fundholdings.h"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ob {

struct CompiledRule;

/// An order as compliance sees it before it goes: a new one, or new terms
/// for one already working (`filled` is then already in the fund's holdings).
struct ProposedOrder {
    OrderId id = 0;  ///< 0 for a what-if
    std::string account;
    std::string trader;
    std::string symbol;
    Side side = Side::Buy;
    Qty quantity;
    OrdType type = OrdType::Limit;
    std::optional<Price> limitPrice;
    Qty filled;                   ///< already executed (amends)
    std::optional<Qty> replaces;  ///< for an amend: the quantity it had
    Timestamp at;
};

/// Checks orders against the rules, before they go and after they fill.
///
/// It keeps what the rules look at: each fund's holdings and cash, the
/// locates, the day's orders (duplicates, each trader's notional) and the
/// buys still open (cash). It is not thread-safe: the order engine, the
/// single writer of order state, owns it and calls it on its own thread;
/// what-if checks from the ticket and the basket are queued to that thread
/// too, so they see exactly the state the real check will.
class ComplianceEngine {
public:
    using PriceSource = std::function<std::optional<Price>(const std::string& symbol)>;
    using PriceVersion = std::function<std::uint64_t()>;

    /// Amounts compared with a fund's figures are in its base currency; order
    /// and trader notionals are in the reporting currency (FxRates).
    /// The fund figures are revalued when prices move (by `priceVersion`; without one, prices are
    /// taken to stand still), at most once per `revalueEvery` (0: at every change); a fill or a new
    /// opening position revalues its fund at once.
    ComplianceEngine(const ReferenceData& reference, PriceSource prices, PriceVersion priceVersion = {},
                     std::chrono::milliseconds revalueEvery = {});
    ~ComplianceEngine();
    ComplianceEngine(const ComplianceEngine&) = delete;
    ComplianceEngine& operator=(const ComplianceEngine&) = delete;

    /// The desk's reference data changed (instruments, funds, accounts, FX rates added or changed): rules read the
    /// new data from the next check on, and every fund is valued again.
    void setReference(const ReferenceData& reference);
    void setRules(RuleBook rules);
    const RuleBook& rules() const { return rules_; }
    /// Reads the funds from the desk's book from now on (the order engine's Ledger, which books every fill):
    /// compliance never books fills of the desk itself. Without it, a what-if keeps holdings of its own.
    void followBook(const FundHoldings& book) { holdings_ = &book; }
    /// A what-if's opening positions, in holdings of its own; refused when following the desk's book.
    void setOpeningPositions(const std::vector<OpeningPosition>& positions);

    /// Every rule that applies, with no side effects.
    CheckResult preTrade(const ProposedOrder& order) const;
    /// For each rule that bounds the quantity and applies to the order: the
    /// largest quantity (in whole lots) that still passes it.
    std::vector<Headroom> headroom(const ProposedOrder& order) const;
    /// The fund-level rules against the fund as it stands: every limit it exceeds now.
    std::vector<RuleResult> postTrade(const std::string& fund) const;

    /// Notes an order that went ahead (new or amended), for duplicates and trader notional.
    void recordAccepted(const ProposedOrder& order);
    /// Keeps the open quantity of each buy, for the cash its fills will take.
    void trackOpenBuy(OrderId id, const std::string& account, Qty leaves, std::optional<Price> price, const std::string& symbol);
    /// The same for a block order: the leaves of each account's part.
    void trackOpenBuy(OrderId id, const std::vector<Allocation>& leavesByAccount, std::optional<Price> price,
                      const std::string& symbol);
    /// A what-if's fill, booked to holdings of its own; returns the fund it changed, if any. Refused (std::logic_error)
    /// when following the desk's book.
    const std::string* applyExecution(const ExecutionRecord& execution, const std::string& account);
    /// The desk's book booked a fill to `fund` (its quantity of the symbol was `heldBefore`, at `versionBefore`):
    /// the fund's cached figures follow it without a revaluation when that is exact (see the definition).
    void carryFill(const std::string& fund, const ExecutionRecord& execution, Qty heldBefore, std::uint64_t versionBefore);

    const FundHoldings& holdings() const { return *holdings_; }
    const std::string& fundOf(const std::string& account) const { return holdings_->fundOf(account); }
    /// The fund's figures now (cached until a fill or a price changes them).
    const FundExposure& exposure(const std::string& fund) const;
    /// The price an order is valued at: its limit, else the last market price, else the reference price.
    std::optional<Price> priceFor(const ProposedOrder& order) const;
    std::optional<Price> markPrice(const std::string& symbol) const;
    const Instrument* instrument(const std::string& symbol) const;
    /// An amount in the instrument's currency, in the fund's base currency.
    std::optional<Money> inFundCurrency(Money amount, const std::string& symbol, const std::string& fund) const;
    /// An amount in the instrument's currency, in the reporting currency.
    std::optional<Money> inReportingCurrency(Money amount, const std::string& symbol) const;

    // What the rules read besides the funds' holdings (see rulekinds/).
    struct RecentOrder {
        Timestamp at;
        std::string account, symbol;
        Side side;
        Qty quantity;
    };
    /// The new orders that went ahead within the longest window a rule reads (duplicate orders), oldest first.
    const std::deque<RecentOrder>& recentOrders() const { return recent_; }
    /// The notional of the trader's orders that went ahead today, in the reporting currency.
    Money traderNotional(const std::string& trader) const;
    /// The cash the fund's open buys will take, but for the order's own (0: a what-if, which has none).
    Money openBuysExcept(const std::string& fund, OrderId order) const;
    /// The quantity located for short sales of the symbol in the fund.
    Qty located(const std::string& fund, const std::string& symbol) const;
    /// The issuer's voting shares, when the reference data gives them.
    std::optional<Qty> votingShares(const std::string& issuer) const;

private:
    struct OpenBuy {
        std::string fund;
        Money notional;
    };

    bool applies(const CompiledRule& rule, const ProposedOrder& order, const std::string& fund,
                 const Instrument* instrument) const;
    std::optional<RuleResult> evaluate(const CompiledRule& rule, const ProposedOrder& order, const std::string& fund,
                                       const Instrument* instrument) const;
    /// The currency a trade in `symbol` settles in: the instrument's, else the account's fund's.
    std::string settlementCurrency(const std::string& symbol, const std::string& account) const;
    FundHoldings& ownHoldings();

    std::unordered_map<std::string, Instrument> instruments_;
    std::unordered_map<std::string, Qty> votingSharesByIssuer_;
    FxRates fx_;
    PriceSource prices_;
    PriceVersion priceVersion_;
    FundHoldings own_;                      ///< a what-if's holdings
    const FundHoldings* holdings_ = &own_;  ///< what the rules read: own_, or the desk's book
    RuleBook rules_;
    std::vector<CompiledRule> compiled_;
    std::unordered_map<std::string, Qty> locates_;  ///< by fund and symbol
    std::deque<RecentOrder> recent_;
    std::unordered_map<std::string, Money> traderNotional_;
    std::unordered_map<OrderId, std::vector<OpenBuy>> openBuys_;  ///< a block order's, one per fund
    std::unordered_map<std::string, Money> openBuysByFund_;
    struct CachedExposure {
        std::uint64_t fundVersion = 0;
        std::uint64_t priceVersion = 0;
        std::chrono::steady_clock::time_point valuedAt;
        FundExposure exposure;
    };
    std::chrono::milliseconds revalueEvery_;
    mutable std::unordered_map<std::string, CachedExposure> exposureCache_;
};

}  // namespace ob

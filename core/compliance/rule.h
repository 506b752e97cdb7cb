#pragma once

#include "domain/decimal.h"
#include "domain/enumtable.h"
#include "domain/result.h"
#include "domain/timestamp.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ob {

/// What a rule measures. docs/compliance-rules.md describes each kind, its
/// parameters and the figure compared with its limit.
enum class RuleKind : std::uint8_t {
    RestrictedList,       ///< symbols or issuers that may not be bought, sold or traded
    MaxOrderQuantity,     ///< the order's quantity
    MaxOrderNotional,     ///< quantity × price (limit, else last)
    PriceCollar,          ///< % distance of the limit price from the reference price
    PositionLimit,        ///< |fund position| in the symbol after the trade
    IssuerConcentration,  ///< % of fund NAV in one issuer after the trade
    SectorExposure,       ///< % of fund NAV in one sector
    CountryExposure,      ///< % of fund NAV in one country
    Ucits,                ///< UCITS 5/10/40: no issuer above 10%, issuers above 5% together at most 40%
    Act1940Diversified,   ///< US 1940 Act §5(b)(1): 75% of assets in issuers ≤ 5% of assets and ≤ 10% of their votes
    ShortSaleLocate,      ///< a sale below zero needs a locate for the short quantity
    DuplicateOrder,       ///< same account, symbol, side and quantity within N seconds
    DailyTraderNotional,  ///< the trader's orders' notional today
    Cash,                 ///< a buy the fund cannot pay for
};

template <>
struct EnumTable<RuleKind> {
    static constexpr std::array<EnumEntry<RuleKind>, 14> entries{{
        {RuleKind::RestrictedList, '\0', "RestrictedList", "restricted_list"},
        {RuleKind::MaxOrderQuantity, '\0', "MaxOrderQuantity", "max_order_quantity"},
        {RuleKind::MaxOrderNotional, '\0', "MaxOrderNotional", "max_order_notional"},
        {RuleKind::PriceCollar, '\0', "PriceCollar", "price_collar"},
        {RuleKind::PositionLimit, '\0', "PositionLimit", "position_limit"},
        {RuleKind::IssuerConcentration, '\0', "IssuerConcentration", "issuer_concentration"},
        {RuleKind::SectorExposure, '\0', "SectorExposure", "sector_exposure"},
        {RuleKind::CountryExposure, '\0', "CountryExposure", "country_exposure"},
        {RuleKind::Ucits, '\0', "Ucits", "ucits_5_10_40"},
        {RuleKind::Act1940Diversified, '\0', "Act1940Diversified", "act_1940_diversified"},
        {RuleKind::ShortSaleLocate, '\0', "ShortSaleLocate", "short_sale_locate"},
        {RuleKind::DuplicateOrder, '\0', "DuplicateOrder", "duplicate_order"},
        {RuleKind::DailyTraderNotional, '\0', "DailyTraderNotional", "daily_trader_notional"},
        {RuleKind::Cash, '\0', "Cash", "cash"},
    }};
};

/// What a breach of the rule does to an order.
enum class Severity : std::uint8_t {
    Warning,  ///< the trader may send it, giving a reason
    Block,    ///< held until a compliance officer other than its owner overrides it
};

template <>
struct EnumTable<Severity> {
    static constexpr std::array<EnumEntry<Severity>, 2> entries{{
        {Severity::Warning, '\0', "Warning", "warning"},
        {Severity::Block, '\0', "Block", "block"},
    }};
};

enum class RuleMode : std::uint8_t {
    Active,   ///< breaches warn or block
    LogOnly,  ///< breaches are recorded for compliance but never stop an order
    Disabled,
};

template <>
struct EnumTable<RuleMode> {
    static constexpr std::array<EnumEntry<RuleMode>, 3> entries{{
        {RuleMode::Active, '\0', "Active", "active"},
        {RuleMode::LogOnly, '\0', "LogOnly", "log_only"},
        {RuleMode::Disabled, '\0', "Disabled", "disabled"},
    }};
};

/// Which orders a rule applies to.
enum class ScopeKind : std::uint8_t {
    Firm,             ///< every order
    Fund,             ///< orders booked to one fund (value: fund code)
    Account,          ///< value: account code
    Trader,           ///< value: user name of the order's owner
    InstrumentGroup,  ///< value: "sector=...", "country=...", "issuer=...", "currency=..." or "symbols=A,B,C"
};

template <>
struct EnumTable<ScopeKind> {
    static constexpr std::array<EnumEntry<ScopeKind>, 5> entries{{
        {ScopeKind::Firm, '\0', "Firm", "firm"},
        {ScopeKind::Fund, '\0', "Fund", "fund"},
        {ScopeKind::Account, '\0', "Account", "account"},
        {ScopeKind::Trader, '\0', "Trader", "trader"},
        {ScopeKind::InstrumentGroup, '\0', "InstrumentGroup", "instrument_group"},
    }};
};

/// Which sides a restricted list forbids.
enum class Restriction : std::uint8_t { NoBuy, NoSell, NoTrade };

template <>
struct EnumTable<Restriction> {
    static constexpr std::array<EnumEntry<Restriction>, 3> entries{{
        {Restriction::NoBuy, '\0', "NoBuy", "no_buy"},
        {Restriction::NoSell, '\0', "NoSell", "no_sell"},
        {Restriction::NoTrade, '\0', "NoTrade", "no_trade"},
    }};
};

/// One compliance rule, as stored, edited and exchanged.
struct Rule {
    std::int64_t id = 0;
    std::string name;
    RuleKind kind = RuleKind::MaxOrderQuantity;
    Severity severity = Severity::Block;
    RuleMode mode = RuleMode::Active;
    ScopeKind scope = ScopeKind::Firm;
    std::string scopeValue;
    /// Quantity, amount or percent (25 means 25%), by kind: exact decimals, from the rule file to the comparison.
    std::optional<Money> limit;
    std::optional<Money> warnAt;                     ///< a warning threshold below the limit
    Restriction restriction = Restriction::NoTrade;  ///< RestrictedList
    std::vector<std::string> symbols;                ///< RestrictedList
    std::vector<std::string> issuers;                ///< RestrictedList
    std::int64_t windowSeconds = 0;                  ///< DuplicateOrder
    std::string target;  ///< SectorExposure/CountryExposure: one sector or country; empty: each of them
    std::string description;

    /// Whether the kind compares a figure with `limit`.
    /// UCITS and the 1940 Act carry their limits in law (5/10/40, 75/5/10).
    bool hasLimit() const;
    /// Checks the parameters the kind needs: a limit, a window, list entries.
    Status validate() const;

    friend bool operator==(const Rule&, const Rule&) = default;
};

/// Borrow located for a short sale: the quantity that may be sold short.
struct Locate {
    std::string fund;
    std::string symbol;
    Qty quantity;

    friend bool operator==(const Locate&, const Locate&) = default;
};

/// Everything compliance checks against: the rules and the locates.
struct RuleBook {
    std::vector<Rule> rules;
    std::vector<Locate> locates;

    friend bool operator==(const RuleBook&, const RuleBook&) = default;
};

/// The rule set in one canonical form, as the store gives it back: rules by id, list entries sorted
/// and unique, locates by fund and symbol with duplicates added up. Two equal sets compare equal.
RuleBook normalised(RuleBook rules);

/// The unit of a rule's figures, for display.
enum class FigureUnit : std::uint8_t { None, Quantity, Amount, Percent };
FigureUnit unitOf(RuleKind kind);

}  // namespace ob

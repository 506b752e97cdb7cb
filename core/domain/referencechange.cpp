#include "referencechange.h"

#include "domain/quoting.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_map>

namespace ob {

namespace {

template <typename T>
std::string text(const std::optional<T>& value) {
    return value ? value->toString() : std::string();
}

/// An item's fields by their names in the CSV formats, as text: what an audit entry compares and lists.
using Fields = std::vector<std::pair<const char*, std::string>>;

Fields fieldsOf(const Instrument& i) {
    return {{"name", i.name},
            {"issuer", i.issuer},
            {"sector", i.sector},
            {"country", i.country},
            {"currency", i.currency},
            {"lot_size", i.lotSize.toString()},
            {"tick_size", i.tickSize.toString()},
            {"price", text(i.referencePrice)},
            {"voting_shares", text(i.votingShares)},
            {"isin", i.isin},
            {"cusip", i.cusip},
            {"sedol", i.sedol},
            {"mic", i.mic},
            {"active", i.active ? "1" : "0"}};
}
Fields fieldsOf(const Fund& f) { return {{"name", f.name}, {"base_currency", f.baseCurrency}}; }
Fields fieldsOf(const Account& a) { return {{"name", a.name}, {"fund", a.fundCode}, {"active", a.active ? "1" : "0"}}; }

std::string shown(const std::string& value) { return value.empty() ? "(empty)" : inQuotes(value); }

/// An added item's filled fields ("name 'IBM', currency 'USD' …"), or a changed item's changed fields with their old
/// and new values ("lot_size '1' → '100'").
std::string describe(const Fields* before, const Fields& after) {
    std::string details;
    for (std::size_t i = 0; i < after.size(); ++i) {
        const auto& [name, value] = after[i];
        if (before ? (*before)[i].second == value : value.empty()) continue;
        if (!details.empty()) details += ", ";
        details += std::string(name) + " " + (before ? shown((*before)[i].second) + " → " : std::string()) + shown(value);
    }
    return details;
}

/// The action of a change: deactivations and reactivations are named, being what a reviewer looks for.
template <typename T>
std::string actionOf(const char* kind, const T* before, const T& after) {
    if (!before) return std::string(kind) + ".add";
    if constexpr (requires { after.active; }) {
        if (before->active && !after.active) return std::string(kind) + ".deactivate";
        if (!before->active && after.active) return std::string(kind) + ".reactivate";
    }
    return std::string(kind) + ".change";
}

class Planner {
public:
    Planner(const ReferenceData& desk, const std::map<std::string, int>& lines) : lines_(lines) { update_.after = desk; }

    template <typename T>
    void upsert(std::vector<T>& into, std::vector<T>& changed, const T& item, const std::string& key, const char* kind,
                const std::function<std::optional<std::string>(const T& before)>& refuseChange) {
        auto& index = indexOf(into);
        if (index.empty())
            for (std::size_t i = 0; i < into.size(); ++i) index.emplace(keyOf(into[i]), i);
        const auto found = index.find(key);
        T* same = found == index.end() ? nullptr : &into[found->second];
        const T* before = same;
        if (before && *before == item) {
            ++update_.unchanged;
            return;
        }
        if (before)
            if (auto problem = refuseChange(*before)) {
                refuse(key, std::string(kind) + " " + clipped(key) + ": " + *problem);
                return;
            }
        const auto after = fieldsOf(item);
        const auto old = before ? std::optional<Fields>(fieldsOf(*before)) : std::nullopt;
        update_.edits.push_back(
            {actionOf(kind, before, item), std::string(kind) + " " + key, describe(old ? &*old : nullptr, after)});
        changed.push_back(item);
        if (same) {
            *same = item;
        } else {
            index.emplace(key, into.size());
            into.push_back(item);
        }
    }

    void refuse(const std::string& key, const std::string& reason) {
        if (!problems_.empty()) problems_ += '\n';
        if (auto line = lines_.find(key); line != lines_.end()) problems_ += "line " + std::to_string(line->second) + ": ";
        problems_ += reason;
    }

    ReferenceUpdate& update() { return update_; }
    const std::string& problems() const { return problems_; }

private:
    /// Each list's position by key, made at its first upsert: an import of many items stays linear.
    using Index = std::unordered_map<std::string, std::size_t>;
    Index& indexOf(const std::vector<Instrument>&) { return instruments_; }
    Index& indexOf(const std::vector<Fund>&) { return funds_; }
    Index& indexOf(const std::vector<Account>&) { return accounts_; }
    Index instruments_, funds_, accounts_;

    static const std::string& keyOf(const Instrument& i) { return i.symbol; }
    static const std::string& keyOf(const Fund& f) { return f.code; }
    static const std::string& keyOf(const Account& a) { return a.code; }

    const std::map<std::string, int>& lines_;
    ReferenceUpdate update_;
    std::string problems_;
};

std::string changedFrom(const char* what, const std::string& before, const std::string& after, const char* instead) {
    return std::string(what) + " is " + before + " and cannot become " + clipped(after) + ": " + instead;
}

}  // namespace

std::size_t ReferenceUpdate::added() const {
    return static_cast<std::size_t>(
        std::count_if(edits.begin(), edits.end(), [](const ReferenceEdit& edit) { return edit.action.ends_with(".add"); }));
}

Result<ReferenceUpdate> planReferenceChange(const ReferenceData& desk, const ReferenceData& upserts,
                                            const std::map<std::string, int>& lines) {
    Planner planner(desk, lines);
    auto& update = planner.update();
    // Rates first: an instrument or fund of the same change may be in a currency it brings.
    for (const auto& [currency, rate] : upserts.fxRates.rates()) {
        const auto before = update.after.fxRates.rates().find(currency);
        const bool known = before != update.after.fxRates.rates().end();
        if (known && before->second == rate) {
            ++update.unchanged;
            continue;
        }
        update.edits.push_back({known ? "fx.change" : "fx.add", "fx rate " + currency,
                                "rate_to_usd " + (known ? before->second.toString() + " → " : std::string()) + rate.toString()});
        update.changed.fxRates.set(currency, rate);
        update.after.fxRates.set(currency, rate);
    }
    const auto& rates = update.after.fxRates;
    auto unratedCurrency = [&](const std::string& currency) -> std::optional<std::string> {
        if (rates.rate(currency)) return std::nullopt;
        return "currency " + clipped(currency) + " has no reference FX rate (import the FX rates first)";
    };
    for (const auto& fund : upserts.funds) {
        if (auto problem = unratedCurrency(fund.baseCurrency)) {
            planner.refuse(fund.code, "fund " + clipped(fund.code) + ": base " + *problem);
            continue;
        }
        planner.upsert<Fund>(update.after.funds, update.changed.funds, fund, fund.code, "fund", [&](const Fund& before) {
            return before.baseCurrency == fund.baseCurrency
                       ? std::nullopt
                       : std::optional(changedFrom("its base currency", before.baseCurrency, fund.baseCurrency,
                                                   "its cash and NAV are kept in it (add a new fund)"));
        });
    }
    for (const auto& account : upserts.accounts) {
        const bool fundKnown = std::any_of(update.after.funds.begin(), update.after.funds.end(),
                                           [&](const Fund& fund) { return fund.code == account.fundCode; });
        if (!fundKnown) {
            planner.refuse(account.code, "account " + clipped(account.code) + ": fund " + inQuotes(account.fundCode) +
                                             " is not a fund of the desk (import the funds first)");
            continue;
        }
        planner.upsert<Account>(update.after.accounts, update.changed.accounts, account, account.code, "account",
                                [&](const Account& before) {
                                    return before.fundCode == account.fundCode
                                               ? std::nullopt
                                               : std::optional(changedFrom("its fund", before.fundCode, account.fundCode,
                                                                           "its positions are booked to that fund (add a "
                                                                           "new account)"));
                                });
    }
    for (const auto& instrument : upserts.instruments) {
        if (auto problem = unratedCurrency(instrument.currency)) {
            planner.refuse(instrument.symbol, "instrument " + clipped(instrument.symbol) + ": " + *problem);
            continue;
        }
        planner.upsert<Instrument>(
            update.after.instruments, update.changed.instruments, instrument, instrument.symbol, "instrument",
            [&](const Instrument& before) {
                return before.currency == instrument.currency
                           ? std::nullopt
                           : std::optional(changedFrom("its currency", before.currency, instrument.currency,
                                                       "its positions and prices are in it (add a "
                                                       "new instrument)"));
            });
    }
    if (!planner.problems().empty()) return Error{planner.problems()};
    // In key order, as the store reads them back.
    auto byKey = [](auto& items, auto key) {
        std::sort(items.begin(), items.end(), [&](const auto& a, const auto& b) { return a.*key < b.*key; });
    };
    byKey(update.after.instruments, &Instrument::symbol);
    byKey(update.after.funds, &Fund::code);
    byKey(update.after.accounts, &Account::code);
    return std::move(update);
}

}  // namespace ob

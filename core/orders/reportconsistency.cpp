#include "orders/reportconsistency.h"

#include <algorithm>
#include <string>

namespace ob::report_consistency {

namespace {

bool isSale(Side side) { return side != Side::Buy; }

std::string describe(ExecType type, Qty quantity, Price price, const std::string& execRefId) {
    std::string text(nameOf(type));
    if (quantity.isPositive()) text += " of " + quantity.toString() + " at " + price.toString();
    if (!execRefId.empty()) text += " referring to " + execRefId;
    return text;
}

/// A status report in which the sell side says it does not know the order (or refuses to tell): the engine
/// marks the order unconfirmed; its figures describe nothing.
bool isUnknownOrderAnswer(const ExecutionReport& report) {
    return report.execType == ExecType::OrderStatus && report.ordStatus == OrdStatus::Rejected;
}

bool setsTerms(ExecType type) { return type == ExecType::Replaced || type == ExecType::Restated; }

/// The terms the sell side may hold besides the order's: those of a replace outstanding, or those a cancel
/// carries from a replace whose answer never came (OrderBook::keepTermsInDoubt).
const OrderTerms* termsInDoubt(const OrderState& state) {
    return state.pending && state.pending->terms != state.terms ? &state.pending->terms : nullptr;
}

bool hasLimit(OrdType type) { return type == OrdType::Limit || type == OrdType::StopLimit; }

/// The price the order may fill at, at worst: its limit, or the outstanding replace's when that is looser
/// (the replace may already be in force at the sell side).
std::optional<Price> loosestLimit(const OrderState& state) {
    std::optional<Price> limit = hasLimit(state.terms.type) ? state.terms.limitPrice : std::nullopt;
    const auto* replace = termsInDoubt(state);
    if (!replace) return limit;
    if (!hasLimit(replace->type)) return std::nullopt;  // the replace makes it a market order
    if (!limit || !replace->limitPrice) return replace->limitPrice;
    const bool buying = state.side == Side::Buy;
    return buying ? std::max(*limit, *replace->limitPrice) : std::min(*limit, *replace->limitPrice);
}

}  // namespace

Outcome checkRepeat(const ExecutionEntry& applied, const ExecutionReport& report) {
    const Qty quantity = report.lastQty.value_or(Qty{});
    const Price price = report.lastPx.value_or(Price{});
    if (applied.type == report.execType && applied.lastQty == quantity && applied.lastPx == price &&
        applied.execRefId == report.execRefId)
        return Outcome::duplicate("ExecID " + report.execId + " was already applied");
    return Outcome::refused("ExecID " + report.execId + " was already applied to this order as " +
                            describe(applied.type, applied.lastQty, applied.lastPx, applied.execRefId) +
                            "; this report reuses it for " + describe(report.execType, quantity, price, report.execRefId));
}

Outcome checkTerms(const Order& order, const ExecutionReport& report) {
    const auto& state = order.state;
    if (!report.symbol.empty() && report.symbol != state.symbol)
        return Outcome::refused("Symbol (55) '" + report.symbol + "' is not the order's '" + state.symbol + "'");
    if (report.side && *report.side != state.side && !(isSale(*report.side) && isSale(state.side)))
        return Outcome::refused("Side (54) " + std::string(nameOf(*report.side)) + " is not the order's " +
                                std::string(nameOf(state.side)));
    if (isUnknownOrderAnswer(report) || setsTerms(report.execType)) return Outcome::applied();

    const auto* replace = termsInDoubt(state);
    if (report.orderQty && *report.orderQty != state.terms.quantity && !(replace && *report.orderQty == replace->quantity))
        return Outcome::refused("OrderQty (38) " + report.orderQty->toString() + " is not the order's " +
                                state.terms.quantity.toString() +
                                (replace ? " nor the " + replace->quantity.toString() + " of the request outstanding" : ""));
    if (report.price && hasLimit(state.terms.type) && state.terms.limitPrice && *report.price != *state.terms.limitPrice &&
        !(replace && replace->limitPrice && *report.price == *replace->limitPrice))
        return Outcome::refused("Price (44) " + report.price->toString() + " is not the order's limit " +
                                state.terms.limitPrice->toString());
    if (report.execType == ExecType::Trade && report.lastPx) {
        const auto limit = loosestLimit(state);
        const bool buying = state.side == Side::Buy;
        if (limit && (buying ? *report.lastPx > *limit : *report.lastPx < *limit))
            return Outcome::refused("LastPx (31) " + report.lastPx->toString() + " is through the order's limit " +
                                    limit->toString() + ": a " + (buying ? "buy" : "sale") + " cannot fill " +
                                    (buying ? "above" : "below") + " it");
    }
    return Outcome::applied();
}

Outcome checkFigures(const OrderState& after, const ExecutionReport& report) {
    if (isUnknownOrderAnswer(report)) return Outcome::applied();
    if (report.cumQty && *report.cumQty != after.cumQty) {
        const bool fill = report.execType == ExecType::Trade;
        return Outcome::refused("CumQty (14) " + report.cumQty->toString() + " does not follow from the book: " +
                                (fill ? "the order had " + (after.cumQty - report.lastQty.value_or(Qty{})).toString() +
                                            " filled and this fill adds " + report.lastQty.value_or(Qty{}).toString() +
                                            ", so CumQty must be " + after.cumQty.toString()
                                      : "the order has " + after.cumQty.toString() + " filled"));
    }
    if (report.leavesQty) {
        const Qty expected = after.leavesQty();
        const auto* replace = termsInDoubt(after);
        // FIX: once an order is no longer active (Canceled, DoneForDay, Expired, Rejected) LeavesQty "could be 0",
        // otherwise it is OrderQty - CumQty; a multi-day order done for the day keeps its leaves for tomorrow.
        const bool inactive = after.phase != OrderPhase::PendingNew && after.phase != OrderPhase::Working;
        const Qty open = after.cumQty < after.terms.quantity ? after.terms.quantity - after.cumQty : Qty{};
        const bool fits = *report.leavesQty == expected ||
                          (inactive && (report.leavesQty->isZero() || *report.leavesQty == open)) ||
                          // a sell side may count the leaves of a replace it has acknowledged but not yet done
                          (replace && after.isLive() && *report.leavesQty == replace->quantity - after.cumQty);
        if (!fits)
            return Outcome::refused("LeavesQty (151) " + report.leavesQty->toString() + " is not what the order has left: " +
                                    expected.toString() + " (OrderQty " + after.terms.quantity.toString() + ", CumQty " +
                                    after.cumQty.toString() + ", status " + std::string(nameOf(after.status())) + ")");
    }
    // AvgPx: sell sides round it, to a basis point at worst; anything further off describes other fills.
    if (report.avgPx && after.cumQty.isPositive()) {
        const Price average = after.avgPx();
        const Price off = *report.avgPx > average ? *report.avgPx - average : average - *report.avgPx;
        if (off > Price::fromRaw(std::max<std::int64_t>(average.raw() / 10'000, 1)))
            return Outcome::refused("AvgPx (6) " + report.avgPx->toString() + " is not the average of the order's fills, " +
                                    average.toString());
    }
    if (report.ordStatus) {
        const OrdStatus status = after.status();
        const bool fits = *report.ordStatus == status || (after.pending && *report.ordStatus == after.statusWithoutRequest()) ||
                          (*report.ordStatus == OrdStatus::Replaced && report.execType == ExecType::Replaced);  // FIX 4.2
        if (!fits)
            return Outcome::refused("OrdStatus (39) " + std::string(nameOf(*report.ordStatus)) +
                                    " contradicts the order, which would be " + std::string(nameOf(status)) + " (OrderQty " +
                                    after.terms.quantity.toString() + ", CumQty " + after.cumQty.toString() + ")");
    }
    return Outcome::applied();
}

}  // namespace ob::report_consistency

#include "portfolio/blockallocation.h"

#include <algorithm>
#include <numeric>

namespace ob {

namespace {

using Wide = decimal_detail::Wide;
constexpr Wide kUnit = Qty::kOne;

/// The largest-remainder split of `total` (raw) by `parts` (any common scale, all positive).
std::vector<Qty> split(const std::vector<Wide>& parts, std::int64_t total) {
    const Wide whole = std::accumulate(parts.begin(), parts.end(), Wide{0});
    std::vector<Qty> result(parts.size());
    if (parts.empty() || whole <= 0 || total <= 0) return result;
    // share_i = total × part_i / whole, in raw units; in whole units it is that / kUnit.
    const Wide denominator = whole * kUnit;
    std::vector<Wide> remainders(parts.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Wide numerator = Wide{total} * parts[i];
        const auto units = static_cast<std::int64_t>(numerator / denominator);
        remainders[i] = numerator % denominator;
        result[i] = Qty::fromRaw(units * Qty::kOne);
        given += units * Qty::kOne;
    }
    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
        return parts[a] > parts[b];
    });
    std::int64_t left = total - given;
    for (std::size_t k = 0; left > 0; k = (k + 1) % order.size()) {
        const std::int64_t piece = std::min<std::int64_t>(left, Qty::kOne);
        result[order[k]] += Qty::fromRaw(piece);
        left -= piece;
    }
    return result;
}

}  // namespace

std::vector<Qty> splitProRata(const std::vector<Allocation>& allocations, Qty filled) {
    std::vector<Wide> parts;
    parts.reserve(allocations.size());
    for (const auto& allocation : allocations) parts.push_back(std::max<Wide>(allocation.quantity.raw(), 0));
    return split(parts, filled.raw());
}

Result<std::vector<Allocation>> allocateByWeight(const std::vector<std::pair<std::string, Money>>& weights, Qty total) {
    std::vector<Wide> parts;
    for (const auto& [account, weight] : weights) {
        if (!weight.isPositive()) return Error{"the weight of " + account + " must be positive, not " + weight.toString()};
        parts.push_back(weight.raw());
    }
    const auto quantities = split(parts, total.raw());
    std::vector<Allocation> allocations;
    for (std::size_t i = 0; i < weights.size(); ++i) allocations.push_back({weights[i].first, quantities[i]});
    return allocations;
}

std::vector<AllocatedFill> allocatedFills(const OrderState& order) {
    std::vector<AllocatedFill> fills;
    const auto quantities = splitProRata(order.allocations, order.cumQty);
    const Price price = order.avgPx();
    for (std::size_t i = 0; i < order.allocations.size(); ++i) {
        const auto& account = order.allocations[i].account;
        fills.push_back({account, quantities[i], price, "block\x1f" + std::to_string(order.id) + '\x1f' + account,
                         order.side == Side::Buy ? quantities[i] : -quantities[i]});
    }
    return fills;
}

bool changesFills(ExecType type) {
    return type == ExecType::Trade || type == ExecType::TradeCorrect || type == ExecType::TradeCancel;
}

}  // namespace ob

#include "orders/clordidindex.h"

#include "orders/order.h"

#include <algorithm>
#include <functional>

namespace ob {

std::uint64_t ClOrdIdIndex::hashOf(std::string_view clOrdId) {
    const std::uint64_t hash = std::hash<std::string_view>{}(clOrdId);
    return hash == 0 ? 1 : hash;  // 0 marks an empty slot
}

bool ClOrdIdIndex::matches(const Slot& slot, std::uint64_t hash, std::string_view clOrdId) {
    if (slot.hash != hash) return false;
    if (slot.length != kLong) return std::string_view(slot.text.data(), slot.length) == clOrdId;
    const auto& chain = slot.order->chain;
    return std::any_of(chain.begin(), chain.end(), [&](const ClOrdIdLink& link) { return link.clOrdId == clOrdId; });
}

Order* ClOrdIdIndex::find(std::string_view clOrdId) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t hash = hashOf(clOrdId);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.hash == 0) return nullptr;
        if (matches(slot, hash, clOrdId)) return slot.order;
    }
}

void ClOrdIdIndex::insert(std::string_view clOrdId, Order* order) {
    // At most half full, so that probes stay short and an empty slot always ends one.
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::uint64_t hash = hashOf(clOrdId);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    Slot& slot = slots_[i];
    slot.hash = hash;
    slot.order = order;
    if (clOrdId.size() <= kInline) {
        std::copy(clOrdId.begin(), clOrdId.end(), slot.text.begin());
        slot.length = static_cast<std::uint8_t>(clOrdId.size());
    } else {
        slot.length = kLong;
    }
    ++size_;
}

void ClOrdIdIndex::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.hash == 0) continue;
        std::size_t i = slot.hash & mask;
        while (slots_[i].hash != 0) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

}  // namespace ob

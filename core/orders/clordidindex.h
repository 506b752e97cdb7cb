#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ob {

struct Order;

/// ClOrdID → order: the lookup every execution report starts with. Open addressing over one
/// array of slots, each holding the ClOrdID's hash, the order and the ClOrdID itself when it is
/// short (ours are 16 characters), so that a lookup usually costs the one cache line of its slot.
/// A ClOrdID too long for its slot is compared with the order's chain instead. ClOrdIDs are never
/// removed: an order keeps its ClOrdIDs for the day.
class ClOrdIdIndex {
public:
    Order* find(std::string_view clOrdId) const;
    bool contains(std::string_view clOrdId) const { return find(clOrdId) != nullptr; }
    /// Adds a ClOrdID not yet in the index; `order`'s chain must name it.
    void insert(std::string_view clOrdId, Order* order);
    std::size_t size() const { return size_; }

private:
    static constexpr std::size_t kInline = 22;
    static constexpr std::uint8_t kLong = 0xff;  ///< the ClOrdID is longer than kInline: compare with the order
    struct Slot {
        std::uint64_t hash = 0;  ///< 0: empty
        Order* order = nullptr;
        std::array<char, kInline> text{};
        std::uint8_t length = 0;
    };

    static std::uint64_t hashOf(std::string_view clOrdId);
    static bool matches(const Slot& slot, std::uint64_t hash, std::string_view clOrdId);
    void grow();

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace ob

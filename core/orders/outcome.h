#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace ob {

/// What became of one event offered to an order or to the book.
struct [[nodiscard]] Outcome {
    enum class Kind : std::uint8_t {
        Applied,    ///< the order changed
        Duplicate,  ///< seen before (same ExecID or same answer): nothing changed
        Refused,    ///< not allowed in the order's state: nothing changed
    };

    Kind kind = Kind::Applied;
    /// Why it was refused; for an applied event, a remark worth logging
    /// (for example, the sell side's CumQty differs from the book's).
    std::string detail;

    static Outcome applied(std::string remark = {}) { return {Kind::Applied, std::move(remark)}; }
    static Outcome duplicate(std::string what) { return {Kind::Duplicate, std::move(what)}; }
    static Outcome refused(std::string reason) { return {Kind::Refused, std::move(reason)}; }

    bool isApplied() const { return kind == Kind::Applied; }
    bool isDuplicate() const { return kind == Kind::Duplicate; }
    bool isRefused() const { return kind == Kind::Refused; }
};

}  // namespace ob

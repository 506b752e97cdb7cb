#pragma once

#include <cstdint>

namespace ob {

/// How a person resolves an order no one could confirm.
enum class Resolution : std::uint8_t {
    Cancel,        ///< ask the sell side to cancel it (a new cancel request)
    MarkRejected,  ///< it is not at the sell side: close it here (Rejected, or Canceled with its fills)
};

}  // namespace ob

#include "access.h"

namespace ob {

std::string refusal(const Actor& actor, std::string_view what) {
    return actor.user + " (" + std::string(nameOf(actor.role)) + ") may not " + std::string(what);
}

}  // namespace ob

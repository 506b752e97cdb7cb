#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ob {

/// One field of a message as a person reads it.
struct DecodedField {
    int tag = 0;
    std::string name;       ///< "OrdStatus", or the tag number for a field we do not know
    std::string value;      ///< as on the wire
    std::string valueName;  ///< "PartiallyFilled", or empty
};

/// Names of FIX tags and of their values, for the message log.
class FixDictionary {
public:
    static std::string_view tagName(int tag);
    static std::string_view valueName(int tag, std::string_view value);
    /// The tag of a name ("OrdStatus" → 39), or 0.
    static int tagOf(std::string_view name);
    static std::vector<DecodedField> decode(std::string_view text);
};

}  // namespace ob

#include "compliance/rulekinds/rulekinds.h"

#include <array>
#include <stdexcept>

namespace ob {

const RuleKindSpec& specOf(RuleKind kind) {
    using Table = std::array<const RuleKindSpec*, EnumTable<RuleKind>::entries.size()>;
    static const Table table = [] {
        Table byKind{};
        for (const auto family : {orderRuleKinds(), holdingRuleKinds(), diversificationRuleKinds()})
            for (const auto& spec : family) byKind[std::size_t(spec.kind)] = &spec;
        for (const auto& entry : allValues<RuleKind>())
            if (!byKind[std::size_t(entry.value)])
                throw std::logic_error("rule kind " + std::string(entry.name) + " has no specification");
        return byKind;
    }();
    return *table[std::size_t(kind)];
}

}  // namespace ob

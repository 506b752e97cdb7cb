#pragma once

#include "engine/enginecontext.h"
#include "orders/orderlist.h"

#include <map>
#include <vector>

namespace ob {

class ComplianceGate;
class Effects;
class OrderEntry;
struct BookSnapshot;
namespace command {
struct StageList;
struct Release;
}  // namespace command

/// A portfolio manager's approved orders wait on the desk as a staged list, unsent, until a trader releases them
/// to a broker, each past the compliance gate again then.
class StagedLists {
public:
    StagedLists(EngineContext& context, ComplianceGate& gate, OrderEntry& entry)
        : context_(context), gate_(gate), entry_(entry) {}

    void restore(std::vector<OrderList> lists, std::int64_t maxListId);
    void handle(command::StageList& command, Effects& effects);
    void handle(command::Release& command, Effects& effects);
    void fill(BookSnapshot& snapshot) const;

private:
    EngineContext& context_;
    ComplianceGate& gate_;
    OrderEntry& entry_;
    std::map<std::int64_t, OrderList> lists_;  ///< today's staged lists and those with open orders
    std::int64_t lastListId_ = 0;
};

}  // namespace ob

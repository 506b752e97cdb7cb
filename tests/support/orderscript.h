#pragma once

#include "domain/result.h"
#include "orders/orderbook.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace ob::test {

/// Runs order scripts: one event per line, each followed by the state the
/// book must show after it. The scripts transcribe the scenarios of FIX 4.4's
/// order state change matrices (Volume 4, Appendix D) row by row.
///
///   new X qty=10000 px=10                 => PendingNew 10000 0 10000
///   exec X New                            => New 10000 0 10000
///   exec X Trade id=C last=1000@100       => PartiallyFilled 10000 1000 9000 avg=100
///   cancel Y X                            => PendingCancel 10000 1000 9000
///   exec Y/X Canceled                     => Canceled 10000 1000 0
///   exec X TradeCancel ref=C              => Canceled 10000 0 0
///   check X Replaced                      (the status of one ClOrdID of the chain)
///   check X unconfirmed                   (the sell side said it does not know the order)
///   exec X New                            => refused cannot apply
///
/// Commands: new <ClOrdID> [side= qty= type= px= stop= tif=]; cancel <new> <order>;
/// replace <new> <order> [qty= px= stop= tif= type=]; exec <ClOrdID>[/<Orig>] <ExecType>
/// [id= last=<qty>@<px> ref= qty= px= cum= leaves= avgpx= status= symbol= side= orderid= session= text="..."];
/// cxlrej <ClOrdID>[/<Orig>] [for=Replace] [text=]; reject <ClOrdID> [text=];
/// check <ClOrdID> <OrdStatus>|confirmed|unconfirmed. Expectations: "<OrdStatus> <OrderQty> <CumQty>
/// <LeavesQty> [avg=<px>]", "refused [words]" or "duplicate". A refused or
/// duplicate event must leave the order exactly as it was.
class OrderScript {
public:
    explicit OrderScript(OrderBook& book) : book_(book) {}

    Status runLine(std::string_view line, int lineNumber);
    Status runFile(const std::filesystem::path& path);

private:
    OrderBook& book_;
    OrderId nextId_ = 1;
};

}  // namespace ob::test

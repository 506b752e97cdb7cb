#include "reusedidsdesk.h"

#include "compliancedesk.h"
#include "store/sqlitestore.h"

#include <QtGlobal>

namespace ob::test {

ReferenceData ReusedIdsDesk::reference() {
    ReferenceData reference;
    reference.instruments = {{"TSLA",
                              "Tesla Inc.",
                              "Tesla Inc.",
                              "Consumer Discretionary",
                              "US",
                              "USD",
                              Qty::of("1"),
                              Price::of("0.01"),
                              Price::of("240"),
                              {}}};
    reference.funds = {{"GROWTH", "Growth Fund", "USD"}};
    reference.accounts = {{"GROWTH-PB", "Growth Fund, prime broker", "GROWTH"}};
    reference.fxRates.set("USD", Price::fromInteger(1));
    return reference;
}

ReusedIdsDesk::ReusedIdsDesk(std::string directory) : directory_(std::move(directory)) {
    auto store = store::SqliteStore::open(directory_ + "/openblotter.db");
    if (!store) qFatal("%s", store.error().c_str());
    auto limit = testRule(1, "TSLA position", RuleKind::PositionLimit);
    limit.mode = RuleMode::LogOnly;
    limit.limit = Money::of("12392");
    RuleBook rules;
    rules.rules = {limit};
    if (!(*store)->saveReferenceData(reference()) ||
        !(*store)->saveOpeningPositions({{"GROWTH", "TSLA", Qty::of("500"), Price::of("240")},
                                         {"GROWTH", OpeningPosition::kCash, Qty::of("1000000"), std::nullopt}}) ||
        !(*store)->saveRules(rules))
        qFatal("cannot prepare the desk");
}

ReusedIdsDesk::~ReusedIdsDesk() { close(); }

void ReusedIdsDesk::open(const char* price) {
    auto config = testSimulatorConfig();
    config.instruments = {{"TSLA", Price::of(price), Price::of("0.01"), Qty::of("1")}};
    config.idPrefix = std::string("R");  // assigned as a string: g++ 12 warns wrongly (-Wrestrict) on "R" itself
    config.partialFills = 3;
    config.storeDirectory = directory_ + "/broker";
    auto started = Simulator::start(config);
    if (!started) qFatal("%s", started.error().c_str());
    broker = std::move(*started);
    desk = std::make_unique<FixDesk>(directory_, broker->clientSettings(), FixDesk::Setup{true, beforeStart});
}

void ReusedIdsDesk::close() {
    desk.reset();
    broker.reset();
}

OrderState ReusedIdsDesk::trade(Side side, const char* qty) {
    return desk->waitForStatus(desk->submit("TSLA", side, qty).id, OrdStatus::Filled);
}

std::vector<std::string> ReusedIdsDesk::fillIds(OrderId id) {
    std::vector<std::string> ids;
    for (const auto& execution : desk->store->executionsOf(id).value())
        if (execution.execType == ExecType::Trade) ids.push_back(execution.execId);
    return ids;
}

}  // namespace ob::test

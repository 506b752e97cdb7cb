#include "compliancedesk.h"
#include "waits.h"

namespace ob::test {

Rule testRule(std::int64_t id, std::string name, RuleKind kind) {
    Rule rule;
    rule.id = id;
    rule.name = std::move(name);
    rule.kind = kind;
    return rule;
}

Instrument testInstrument(std::string symbol, std::string name, std::string sector, const char* price) {
    return {std::move(symbol), name, name, std::move(sector), "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of(price), {}};
}

ReferenceData oneFund(std::vector<Instrument> instruments) {
    ReferenceData data;
    data.instruments = std::move(instruments);
    data.funds = {{"FUND", "The fund", "USD"}};
    data.accounts = {{"ACC", "The fund's account", "FUND"}};
    return data;
}

std::optional<Price> ManualPrices::last(const std::string& symbol) {
    std::lock_guard lock(mutex_);
    const auto it = prices_.find(symbol);
    return it == prices_.end() ? std::nullopt : std::optional<Price>(it->second);
}

void ManualPrices::set(const std::string& symbol, const char* price) {
    std::lock_guard lock(mutex_);
    prices_[symbol] = Price::of(price);
    ++version_;
}

ComplianceDesk::ComplianceDesk(const QString& directory, Setup setup)
    : file_(directory.toStdString() + "/openblotter.db"), reference_(std::move(setup.reference)) {
    auto opened = store::SqliteStore::open(file_);
    if (!opened) qFatal("%s", opened.error().c_str());
    if (!(*opened)->saveReferenceData(reference_) || !(*opened)->saveOpeningPositions(setup.openingPositions) ||
        !(*opened)->saveRules(setup.rules))
        qFatal("cannot prepare the store");
    opened->reset();
    start();
}

ComplianceDesk::~ComplianceDesk() { stop(); }

void ComplianceDesk::start() {
    auto opened = store::SqliteStore::open(file_);
    if (!opened) qFatal("%s", opened.error().c_str());
    store = std::move(*opened);
    compliance = std::make_unique<ComplianceEngine>(
        reference_, [this](const std::string& symbol) { return prices.last(symbol); }, [this] { return prices.version(); });
    OrderEngine::Options options;
    options.compliance = compliance.get();
    options.clock = [this] { return now.load(); };
    engine = std::make_unique<OrderEngine>(*store, options);
    engine->setRouter([this](const OutboundRequest& request) {
        std::lock_guard lock(routedMutex_);
        routed_.push_back(request);
        return true;
    });
    engine->subscribe([this](const ChangeSet& changes) {
        std::lock_guard lock(publishedMutex_);
        published_.push_back(changes);
    });
    if (auto started = engine->start(); !started) qFatal("%s", started.error().c_str());
}

void ComplianceDesk::stop() {
    engine.reset();
    compliance.reset();
    store.reset();
}

void ComplianceDesk::restart() {
    stop();
    start();
}

OrderState ComplianceDesk::order(OrderId id) {
    auto found = engine->order(id).get();
    if (!found) qFatal("no order %lld", static_cast<long long>(id));
    return found->state;
}

std::vector<Breach> ComplianceDesk::breaches() { return engine->snapshot().get().breaches; }

std::vector<Breach> ComplianceDesk::breachesOf(OrderId id) {
    std::vector<Breach> result;
    for (auto& breach : breaches())
        if (breach.orderId == id) result.push_back(std::move(breach));
    return result;
}

std::vector<OutboundRequest> ComplianceDesk::routed(std::source_location where) {
    awaitRouted(*engine, where);
    std::lock_guard lock(routedMutex_);
    return routed_;
}

std::vector<AuditRecord> ComplianceDesk::audit(std::source_location where) {
    awaitCommitted(*engine, where);
    auto records = store->auditTrail(1000);
    if (!records) qFatal("%s", records.error().c_str());
    return *records;
}

std::vector<ChangeSet> ComplianceDesk::published() {
    std::lock_guard lock(publishedMutex_);
    return published_;
}

}  // namespace ob::test

#include "fix/marketdata.h"
#include "market/marketprices.h"

#include <QTest>

using namespace ob;

namespace {

FixMessage parse(std::string text) {
    for (auto& c : text)
        if (c == '|') c = '\x01';
    auto message = FixMessage::parse(text);
    if (!message) qFatal("%s", message.error().c_str());
    return *message;
}

}  // namespace

/// Market data as the gateway reads it, and the table of prices it feeds.
class TestMarketData final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsASnapshot() {
        auto updates = market_data::read(parse(
            "8=FIX.4.4|9=0|35=W|262=R1|55=ACME|268=3|269=0|270=99.99|271=1000|269=1|270=100.01|271=500|269=2|270=100|10=000|"));
        QVERIFY2(bool(updates), updates ? "" : updates.error().c_str());
        QCOMPARE(updates->size(), std::size_t(1));
        const auto& update = updates->front();
        QCOMPARE(update.symbol, std::string("ACME"));
        QCOMPARE(update.bid, std::optional(Price::of("99.99")));
        QCOMPARE(update.offer, std::optional(Price::of("100.01")));
        QCOMPARE(update.last, std::optional(Price::of("100")));
    }

    void readsAnIncrementalRefreshOfSeveralSymbols() {
        auto updates = market_data::read(parse(
            "8=FIX.4.2|9=0|35=X|268=4|279=1|269=2|55=ACME|270=101.5|279=1|269=0|55=ACME|270=101.49|279=0|269=2|55=BETA|270=7.25|"
            "279=2|269=1|55=BETA|270=7.30|10=000|"));
        QVERIFY(bool(updates));
        QCOMPARE(updates->size(), std::size_t(2));
        QCOMPARE((*updates)[0].last, std::optional(Price::of("101.5")));
        QCOMPARE((*updates)[0].bid, std::optional(Price::of("101.49")));
        QCOMPARE((*updates)[1].symbol, std::string("BETA"));
        QCOMPARE((*updates)[1].last, std::optional(Price::of("7.25")));
        QVERIFY(!(*updates)[1].offer);  // a delete leaves the offer as it was
    }

    void aBadPriceNamesTheField() {
        auto updates = market_data::read(parse("8=FIX.4.4|9=0|35=W|55=ACME|268=1|269=2|270=1e3|10=000|"));
        QVERIFY(!bool(updates));
        QVERIFY2(updates.error().find("MDEntryPx (270)") != std::string::npos, updates.error().c_str());
        QVERIFY(updates.error().find("ACME") != std::string::npos);
    }

    void theSubscriptionAsksForTopOfBookAndTrades() {
        const auto request = market_data::subscription("R7", {"ACME", "BETA"});
        QCOMPARE(request.msgType, std::string("V"));
        QCOMPARE(request.groups.size(), std::size_t(2));
        QCOMPARE(request.groups[0].entries.size(), std::size_t(3));
        QCOMPARE(request.groups[1].entries.size(), std::size_t(2));
        QCOMPARE(request.groups[1].entries[1][0].value, std::string("BETA"));
    }

    void pricesKeepTheLatestAndTellWhatChanged() {
        MarketPrices prices;
        prices.setReference("ACME", Price::of("100"));
        prices.setReference("BETA", Price::of("7"));
        std::uint64_t seen = 0;
        QCOMPARE(prices.changedSince(0, &seen).size(), std::size_t(2));
        QCOMPARE(prices.changedSince(seen, nullptr).size(), std::size_t(0));

        prices.update("ACME", Price::of("100.4"), Price::of("100.6"), Price::of("100.5"), nowUtc());
        auto changed = prices.changedSince(seen, &seen);
        QCOMPARE(changed.size(), std::size_t(1));
        QCOMPARE(changed.front().last, std::optional(Price::of("100.5")));
        QVERIFY(changed.front().fromMarketData);
        // A reference price never overrides market data.
        prices.setReference("ACME", Price::of("90"));
        QCOMPARE(prices.last("ACME"), std::optional(Price::of("100.5")));
        QCOMPARE(prices.quote("BETA")->fromMarketData, false);
        QVERIFY(!prices.quote("NONE"));
    }
};

QTEST_GUILESS_MAIN(TestMarketData)
#include "tst_marketdata.moc"

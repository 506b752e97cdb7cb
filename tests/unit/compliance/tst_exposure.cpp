// The fund figures carried through fills at the mark price must be the figures a full revaluation gives.
#include "compliance/complianceengine.h"

#include <QTest>

using namespace ob;

namespace {

ReferenceData reference() {
    ReferenceData data;
    data.instruments = {
        {"AAA", "AAA", "Alpha", "Tech", "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of("100"), Qty::of("20000")},
        {"AAB", "AAB", "Alpha", "Tech", "US", "USD", Qty::of("1"), Price::of("0.01"), Price::of("20"), {}},
        {"BBB", "BBB", "Beta", "Energy", "GB", "GBP", Qty::of("1"), Price::of("0.01"), Price::of("50"), {}},
    };
    data.funds = {{"F", "Fund", "USD"}};
    data.accounts = {{"ACC", "Account", "F"}};
    data.fxRates.set("GBP", Price::of("1.25"));
    return data;
}

std::vector<OpeningPosition> opening() {
    return {{"F", "AAA", Qty::of("1000"), {}}, {"F", "BBB", Qty::of("800"), {}}, {"F", "CASH", Qty::of("850000"), {}}};
}

ExecutionRecord fill(const char* id, const char* symbol, Side side, const char* qty, const char* px) {
    ExecutionRecord r;
    r.execId = id;
    r.execType = ExecType::Trade;
    r.symbol = symbol;
    r.side = side;
    r.lastQty = Qty::of(qty);
    r.lastPx = Price::of(px);
    return r;
}

std::optional<Price> mark(const std::string& symbol) {
    for (const auto& instrument : reference().instruments)
        if (instrument.symbol == symbol) return instrument.referencePrice;
    return std::nullopt;
}

void compare(const FundExposure& carried, const FundExposure& fresh) {
    QCOMPARE(carried.nav, fresh.nav);
    QCOMPARE(carried.cash, fresh.cash);
    QCOMPARE(carried.totalAssets, fresh.totalAssets);
    QCOMPARE(carried.ucitsAbove5, fresh.ucitsAbove5);
    QCOMPARE(carried.nonQualifying1940, fresh.nonQualifying1940);
    for (const auto& [issuer, value] : fresh.byIssuer) QCOMPARE(carried.byIssuer.at(issuer), value);
    for (const auto& [sector, value] : fresh.bySector) QCOMPARE(carried.bySector.at(sector), value);
    for (const auto& [country, value] : fresh.byCountry) QCOMPARE(carried.byCountry.at(country), value);
    for (const auto& [issuer, shares] : fresh.sharesByIssuer) QCOMPARE(carried.sharesByIssuer.at(issuer), shares);
}

}  // namespace

class TestExposure final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void carriesFillsAtTheMarkExactly() {
        ComplianceEngine carried(reference(), mark);
        carried.setOpeningPositions(opening());
        (void)carried.exposure("F");  // valued once; the fills below are carried into it
        const std::vector<ExecutionRecord> fills = {
            fill("1", "AAA", Side::Buy, "500", "100"), fill("2", "AAB", Side::Buy, "3000", "20"),
            fill("3", "BBB", Side::Sell, "800", "50"), fill("4", "AAA", Side::Sell, "200", "100"),
            fill("5", "AAA", Side::Buy, "2000", "101")};  // off the mark: revalued
        std::vector<OpeningPosition> replayed = opening();
        for (const auto& execution : fills) {
            QVERIFY(carried.applyExecution(execution, "ACC"));
            // The same holdings, valued from scratch.
            ComplianceEngine fresh(reference(), mark);
            fresh.setOpeningPositions(opening());
            for (const auto& earlier : fills) {
                QVERIFY(fresh.applyExecution(earlier, "ACC"));
                if (earlier.execId == execution.execId) break;
            }
            compare(carried.exposure("F"), fresh.exposure("F"));
        }
        // Alpha (AAA and AAB): 3,300 × 100 + 3,000 × 20 = 390,000. NAV: 1,000,000 (100,000 of AAA, 800 BBB at
        // 50 GBP = 50,000 USD, 850,000 cash) less the 2,000 paid over the mark for the last fill.
        QCOMPARE(carried.exposure("F").byIssuer.at("Alpha"), Money::of("390000"));
        QCOMPARE(carried.exposure("F").nav, Money::of("998000"));
    }
};

QTEST_APPLESS_MAIN(TestExposure)
#include "tst_exposure.moc"

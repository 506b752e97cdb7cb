#include "domain/referencechange.h"

#include <QTest>

using namespace ob;

namespace {

Instrument instrument(std::string symbol, std::string currency = "USD") {
    return {symbol,
            symbol + " Inc.",
            symbol + " Inc.",
            "Information Technology",
            "US",
            std::move(currency),
            Qty::fromInteger(1),
            Price::of("0.01"),
            Price::of("100")};
}

/// A desk with one fund, one account and one instrument, in USD and EUR.
ReferenceData desk() {
    ReferenceData data;
    data.instruments = {instrument("AAPL")};
    data.funds = {{"GROWTH", "Growth", "USD"}};
    data.accounts = {{"GROWTH-PB", "Growth prime", "GROWTH"}};
    data.fxRates.set("EUR", Price::of("1.0925"));
    return data;
}

}  // namespace

class TestReferenceChange final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addsAndChangesByKeyWithTheOldAndNewValues() {
        ReferenceData upserts;
        auto ibm = instrument("IBM");
        ibm.isin = "US4592001014";
        auto apple = instrument("AAPL");
        apple.lotSize = Qty::fromInteger(100);
        upserts.instruments = {ibm, apple};
        auto update = planReferenceChange(desk(), upserts);
        QVERIFY2(update.ok(), update.ok() ? "" : update.error().c_str());
        QCOMPARE(update->after.instruments.size(), std::size_t(2));
        QCOMPARE(update->after.instruments[0].lotSize, Qty::fromInteger(100));  // AAPL, in symbol order
        QCOMPARE(update->after.instruments[1].isin, std::string("US4592001014"));
        QCOMPARE(update->changed.instruments.size(), std::size_t(2));
        QCOMPARE(update->edits.size(), std::size_t(2));
        QCOMPARE(update->edits[0].action, std::string("instrument.add"));
        QCOMPARE(update->edits[0].subject, std::string("instrument IBM"));
        QCOMPARE(update->edits[0].details,
                 std::string("name 'IBM Inc.', issuer 'IBM Inc.', sector 'Information Technology', country 'US', currency "
                             "'USD', lot_size '1', tick_size '0.01', price '100', isin 'US4592001014', active '1'"));
        QCOMPARE(update->edits[1], (ReferenceEdit{"instrument.change", "instrument AAPL", "lot_size '1' → '100'"}));
    }

    void countsWhatWasAlreadySoAndWritesNothingOfIt() {
        auto update = planReferenceChange(desk(), desk());
        QVERIFY(update.ok());
        QVERIFY(update->edits.empty());
        QCOMPARE(update->unchanged, std::size_t(4));  // an instrument, a fund, an account and a rate
        QVERIFY(update->changed == ReferenceData{});
    }

    void namesDeactivationAndReactivation() {
        ReferenceData upserts;
        upserts.instruments = {instrument("AAPL")};
        upserts.instruments[0].active = false;
        upserts.accounts = {{"GROWTH-PB", "Growth prime", "GROWTH", false}};
        auto off = planReferenceChange(desk(), upserts);
        QVERIFY(off.ok());
        QCOMPARE(off->edits[0], (ReferenceEdit{"account.deactivate", "account GROWTH-PB", "active '1' → '0'"}));
        QCOMPARE(off->edits[1], (ReferenceEdit{"instrument.deactivate", "instrument AAPL", "active '1' → '0'"}));
        upserts.instruments[0].active = true;
        auto on = planReferenceChange(off->after, upserts);
        QVERIFY(on.ok());
        QCOMPARE(on->edits.size(), std::size_t(1));
        QCOMPARE(on->edits[0].action, std::string("instrument.reactivate"));
    }

    void refusesWhatDoesNotHangTogetherNamingEachLineAndChangingNothing() {
        ReferenceData upserts;
        upserts.accounts = {{"NEW-1", "New", "GROWHT"}, {"GROWTH-PB", "Moved", "INCOME"}, {"OK-1", "Fine", "GROWTH"}};
        upserts.instruments = {instrument("7203.T", "JPY"), instrument("AAPL", "EUR"), instrument("IBM")};
        upserts.funds = {{"GROWTH", "Growth", "EUR"}, {"INCOME", "Income", "USD"}};
        const std::map<std::string, int> lines{{"NEW-1", 2}, {"GROWTH-PB", 3}, {"7203.T", 5}};
        auto update = planReferenceChange(desk(), upserts, lines);
        QVERIFY(!update.ok());
        QCOMPARE(update.error(),
                 std::string("fund GROWTH: its base currency is USD and cannot become EUR: its cash and NAV are kept in it "
                             "(add a new fund)\n"
                             "line 2: account NEW-1: fund 'GROWHT' is not a fund of the desk (import the funds first)\n"
                             "line 3: account GROWTH-PB: its fund is GROWTH and cannot become INCOME: its positions are "
                             "booked to that fund (add a new account)\n"
                             "line 5: instrument 7203.T: currency JPY has no reference FX rate (import the FX rates first)\n"
                             "instrument AAPL: its currency is USD and cannot become EUR: its positions and prices are in it "
                             "(add a new instrument)"));
    }

    void takesARateAndWhatIsInItsCurrencyTogether() {
        ReferenceData upserts;
        upserts.fxRates.set("JPY", Price::of("0.006743"));
        upserts.fxRates.set("EUR", Price::of("1.1"));
        upserts.instruments = {instrument("7203.T", "JPY")};
        auto update = planReferenceChange(desk(), upserts);
        QVERIFY2(update.ok(), update.ok() ? "" : update.error().c_str());
        QCOMPARE(update->edits[0], (ReferenceEdit{"fx.change", "fx rate EUR", "rate_to_usd 1.0925 → 1.1"}));
        QCOMPARE(update->edits[1], (ReferenceEdit{"fx.add", "fx rate JPY", "rate_to_usd 0.006743"}));
        QCOMPARE(update->after.fxRates.rate("JPY"), std::optional<Price>(Price::of("0.006743")));
    }
};

QTEST_GUILESS_MAIN(TestReferenceChange)
#include "tst_referencechange.moc"

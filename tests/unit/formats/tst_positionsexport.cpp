#include "formats/positionsexport.h"

#include <QTest>

using namespace ob;

namespace {

ReferenceData reference() {
    ReferenceData reference;
    reference.funds = {{"GROWTH", "Growth", "USD"}, {"EUROPE", "Europe", "EUR"}};
    reference.accounts = {{"GROWTH-PB", "Growth main", "GROWTH"}, {"EUROPE-PB", "Europe main", "EUROPE"}};
    Instrument acme;
    acme.symbol = "ACME";
    acme.currency = "USD";
    Instrument sap;
    sap.symbol = "SAP.DE";
    sap.currency = "EUR";
    reference.instruments = {acme, sap};
    return reference;
}

Position position(const char* holder, const char* symbol, const char* quantity, const char* cost, const char* realised) {
    Position position;
    position.account = holder;
    position.symbol = symbol;
    position.quantity = Qty::of(quantity);
    position.cost = Money::of(cost);
    position.realised = Money::of(realised);
    return position;
}

}  // namespace

class TestPositionsExport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesFundsThenTheirAccountsMarkedAtTheLastPrice() {
        // GROWTH opened with 1,000 ACME at 10.00 and bought 300 at 12.00 today; it sold 100 of them at 13.00:
        // the account holds 200 costing 2,400.00 (avg 12), realised 100 × (13 − 12) = 100.00.
        const std::vector<Position> funds = {position("GROWTH", "ACME", "1200", "12000", "300"),
                                             position("EUROPE", "SAP.DE", "-50", "-6000", "0")};
        const std::vector<Position> accounts = {position("GROWTH-PB", "ACME", "200", "2400", "100")};
        const auto csv = positionsCsv(funds, accounts, reference(), [](const std::string& symbol) -> std::optional<Price> {
            if (symbol == "ACME") return Price::of("12.5");
            return std::nullopt;  // no price known for SAP.DE
        });
        QCOMPARE(
            QString::fromStdString(csv),
            QStringLiteral("fund,account,symbol,currency,qty,avg_cost,last_price,market_value,unrealised_pnl,realised_pnl\r\n"
                           "EUROPE,,SAP.DE,EUR,-50,120,,,,0\r\n"
                           "GROWTH,,ACME,USD,1200,10,12.5,15000,3000,300\r\n"
                           "GROWTH,GROWTH-PB,ACME,USD,200,12,12.5,2500,100,100\r\n"));
    }

    void leavesTheAverageOutForAFlatPosition() {
        const auto csv = positionsCsv({}, {position("UNKNOWN", "ACME", "0", "0", "-25.5")}, reference(),
                                      [](const std::string&) { return Price::of("11"); });
        QCOMPARE(QString::fromStdString(csv).section(QStringLiteral("\r\n"), 1, 1),
                 QStringLiteral(",UNKNOWN,ACME,USD,0,,11,0,0,-25.5"));
    }
};

QTEST_APPLESS_MAIN(TestPositionsExport)
#include "tst_positionsexport.moc"

#include "format.h"
#include "models/blotterfilter.h"
#include "models/orderstablemodel.h"
#include "reports.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ob;
using namespace ob::ui;

namespace {

OrderState order(OrderId id, const char* qty, const char* symbol = "AAPL") {
    OrderState state;
    state.id = id;
    state.session = test::kSession;
    state.account = "GROWTH-PB";
    state.symbol = symbol;
    state.clOrdId = "C" + std::to_string(id);
    state.terms = {Qty::of(qty), OrdType::Limit, Price::of("10"), {}, TimeInForce::Day, {}};
    state.phase = OrderPhase::Working;
    state.createdAt = fromNanos(id * 1000);
    return state;
}

}  // namespace

class TestOrdersTableModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void insertsAndUpdatesOnlyWhatChanged() {
        InstrumentDirectory instruments;
        OrdersTableModel model(instruments);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({order(1, "100"), order(2, "200"), order(3, "300"), order(4, "400"), order(5, "500")});
        QCOMPARE(model.rowCount(), 5);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        auto second = order(2, "200");
        second.cumQty = Qty::of("50");
        model.apply({second, order(6, "600"), order(7, "700")});
        QCOMPARE(inserted.size(), 1);  // both new orders in one insertion
        QCOMPARE(inserted[0][1].toInt(), 5);
        QCOMPARE(inserted[0][2].toInt(), 6);
        QCOMPARE(changed.size(), 1);  // only the changed row
        QCOMPARE(changed[0][0].toModelIndex().row(), 1);
        QCOMPARE(changed[0][1].toModelIndex().row(), 1);
        QCOMPARE(model.data(model.index(1, OrdersTableModel::Filled)).toString(), QStringLiteral("50"));
        QCOMPARE(model.data(model.index(1, OrdersTableModel::Status)).toString(), QStringLiteral("PartiallyFilled"));
        QCOMPARE(model.rowOf(7), 6);

        // Neighbouring rows share one signal; a majority of rows share one range.
        changed.clear();
        model.apply({order(3, "300"), order(4, "400"), order(6, "600")});
        QCOMPARE(changed.size(), 2);
        changed.clear();
        model.apply({order(1, "1"), order(2, "2"), order(3, "3"), order(5, "5"), order(7, "7")});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][1].toModelIndex().row(), 6);
    }

    void sortsNumbersByValueNotText() {
        InstrumentDirectory instruments;
        OrdersTableModel model(instruments);
        model.reset({order(1, "900"), order(2, "10000"), order(3, "95.5")});
        BlotterProxy proxy(&model);
        proxy.sort(OrdersTableModel::Quantity, Qt::AscendingOrder);
        QCOMPARE(proxy.data(proxy.index(0, OrdersTableModel::Quantity)).toString(), QStringLiteral("95.5"));
        QCOMPARE(proxy.data(proxy.index(1, OrdersTableModel::Quantity)).toString(), QStringLiteral("900"));
        QCOMPARE(proxy.data(proxy.index(2, OrdersTableModel::Quantity)).toString(), QStringLiteral("10,000"));
    }

    void keepsCountsWithoutScanning() {
        InstrumentDirectory instruments;
        OrdersTableModel model(instruments);
        model.reset({order(1, "100"), order(2, "100")});
        QCOMPARE(model.counts().working, 2);
        auto filled = order(1, "100");
        filled.cumQty = Qty::of("100");
        auto rejected = order(3, "100");
        rejected.phase = OrderPhase::Rejected;
        QSignalSpy countsChanged(&model, &OrdersTableModel::countsChanged);
        model.apply({filled, rejected});
        QCOMPARE(countsChanged.size(), 1);
        QCOMPARE(model.counts().working, 1);
        QCOMPARE(model.counts().filled, 1);
        QCOMPARE(model.counts().otherDone, 1);
    }

    void theBlotterProxySortsAndFiltersFromTheData() {
        InstrumentDirectory instruments;
        OrdersTableModel model(instruments);
        auto filled = order(2, "10000", "MSFT");
        filled.cumQty = Qty::of("10000");
        auto sold = order(4, "50", "msft-like");
        sold.side = Side::Sell;
        sold.text = "Restated by the BROKER";
        model.reset({order(1, "900"), filled, order(3, "95.5"), sold});
        BlotterProxy proxy(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto column = [&](int c) {
            QStringList values;
            for (int row = 0; row < proxy.rowCount(); ++row) values << proxy.index(row, c).data().toString();
            return values;
        };
        proxy.sort(OrdersTableModel::Quantity, Qt::AscendingOrder);
        QCOMPARE(column(OrdersTableModel::Quantity),
                 (QStringList{QStringLiteral("50"), QStringLiteral("95.5"), QStringLiteral("900"), QStringLiteral("10,000")}));
        proxy.sort(OrdersTableModel::Symbol, Qt::DescendingOrder);
        QCOMPARE(column(OrdersTableModel::Symbol), (QStringList{QStringLiteral("msft-like"), QStringLiteral("MSFT"),
                                                                QStringLiteral("AAPL"), QStringLiteral("AAPL")}));

        proxy.sort(OrdersTableModel::Quantity, Qt::DescendingOrder);
        BlotterFilter filter;
        filter.stage = BlotterFilter::Stage::Working;
        proxy.setFilter(filter);
        QCOMPARE(column(OrdersTableModel::Quantity),
                 (QStringList{QStringLiteral("900"), QStringLiteral("95.5"), QStringLiteral("50")}));
        filter = {};
        filter.text = "broker";  // any case, any text field
        proxy.setFilter(filter);
        QCOMPARE(column(OrdersTableModel::Quantity), (QStringList{QStringLiteral("50")}));
        filter = {};
        filter.side = Side::Buy;
        filter.symbol = "AAPL";
        proxy.setFilter(filter);
        QCOMPARE(column(OrdersTableModel::Quantity), (QStringList{QStringLiteral("900"), QStringLiteral("95.5")}));
        proxy.setFilter({});  // the rows let back in go to their sorted places
        QCOMPARE(column(OrdersTableModel::Quantity),
                 (QStringList{QStringLiteral("10,000"), QStringLiteral("900"), QStringLiteral("95.5"), QStringLiteral("50")}));

        // A changed row moves to its place.
        auto grown = order(3, "20000");
        model.apply({grown});
        QCOMPARE(column(OrdersTableModel::Quantity),
                 (QStringList{QStringLiteral("20,000"), QStringLiteral("10,000"), QStringLiteral("900"), QStringLiteral("50")}));
    }

    void exportsExactFigures() {
        InstrumentDirectory instruments;
        OrdersTableModel model(instruments);
        auto filled = order(1, "1234567.5");
        filled.cumQty = Qty::of("3");
        filled.notional = Qty::of("3") * Price::of("10.125");
        model.reset({filled});
        QCOMPARE(model.index(0, OrdersTableModel::Quantity).data(OrdersTableModel::ExportRole).toString(),
                 QStringLiteral("1234567.5"));
        QCOMPARE(model.index(0, OrdersTableModel::Notional).data(OrdersTableModel::ExportRole).toString(),
                 QStringLiteral("30.375"));
        QCOMPARE(model.index(0, OrdersTableModel::Notional).data().toString(), formatMoney(Money::of("30.375"), 2));
    }

    void formatsFiguresForTheLocale() {
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(formatQty(Qty::of("1234567.5"), english), QStringLiteral("1,234,567.5"));
        QCOMPARE(formatQty(Qty::of("1234567.5"), german), QStringLiteral("1.234.567,5"));
        QCOMPARE(formatQty(Qty::of("-999"), english), QStringLiteral("-999"));
        QCOMPARE(formatPrice(Price::of("1000"), 2, english), QStringLiteral("1,000.00"));
        QCOMPARE(formatAveragePrice(Price::of("4.876"), 4, english), QStringLiteral("4.8760"));
        QCOMPARE(formatAveragePrice(Price::of("4.87612345"), 4, english), QStringLiteral("4.876123"));
        QCOMPARE(formatAveragePrice(Price::of("2843"), 0, english), QStringLiteral("2,843"));
    }
};

QTEST_MAIN(TestOrdersTableModel)
#include "tst_orderstablemodel.moc"
